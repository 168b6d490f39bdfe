// The plain LangChain pipeline the project is measured against, exactly as a tutorial builds it:
// split the raw text into 1000-character chunks with 200 overlap, embed, HNSWLib.fromDocuments, save;
// answer = similaritySearch(q, 4). Same embedder as ours, so the comparison is about everything else.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document as LangChainDocument } from '@langchain/core/documents';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { IdentifiedEmbeddings } from '../src/embeddings/types.js';

const BASELINE_CHUNK_SIZE = 1000;
const BASELINE_CHUNK_OVERLAP = 200;
export const BASELINE_K = 4;

/** The raw files of a dataset: one file, or every .txt/.md file of a folder, sorted. */
function readRawFiles(files: string[]): { source: string; text: string }[] {
  return files.map((file) => ({ source: path.basename(file), text: readFileSync(file, 'utf8') }));
}

export async function buildBaselineStore(files: string[], embeddings: IdentifiedEmbeddings): Promise<{ store: HNSWLib; chunks: number }> {
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: BASELINE_CHUNK_SIZE, chunkOverlap: BASELINE_CHUNK_OVERLAP });
  const documents = readRawFiles(files).map(({ source, text }) => new LangChainDocument({ pageContent: text, metadata: { source } }));
  const chunks = await splitter.splitDocuments(documents);
  const store = await HNSWLib.fromDocuments(chunks, embeddings);
  return { store, chunks: chunks.length };
}

export async function saveBaselineStore(store: HNSWLib, dir: string): Promise<void> {
  await store.save(dir);
}

export async function loadBaselineStore(dir: string, embeddings: IdentifiedEmbeddings): Promise<HNSWLib> {
  return HNSWLib.load(dir, embeddings);
}

export async function baselineAnswer(store: HNSWLib, question: string): Promise<LangChainDocument[]> {
  return store.similaritySearch(question, BASELINE_K);
}
