// The comparison row: the plain LangChain pipeline a tutorial would build. The raw file (clutter
// and all) cut by RecursiveCharacterTextSplitter, embedded with the same embedder into HNSWLib, the
// top 4 by similarity quoted, never declining.
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document } from '@langchain/core/documents';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { IdentifiedEmbeddings } from '../src/embeddings/types.js';
import type { PipelineReply } from './score.js';

/** Anything that answers a question with quoted passages, best first: a row of the evaluation. */
export type Pipeline = (question: string) => Promise<PipelineReply>;

/** Builds the LangChain row over `rawText` (the unclean file) with `embeddings`. Returns a pipeline that quotes the top 4 chunks and never declines. */
export async function createBaselinePipeline(rawText: string, embeddings: IdentifiedEmbeddings): Promise<Pipeline> {
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 });
  const chunks = await splitter.splitDocuments([new Document({ pageContent: rawText })]);
  const store = await HNSWLib.fromDocuments(chunks, embeddings);
  const k = Math.min(4, chunks.length);
  return async (question) => {
    const docs = await store.similaritySearch(question, k);
    return { declined: false, passages: docs.map((d) => d.pageContent) };
  };
}
