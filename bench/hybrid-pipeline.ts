// The LangChain hybrid a user would assemble instead of this project: LangChain's own BM25Retriever
// (@langchain/community) and the plain pipeline's HNSWLib retriever, fused by LangChain's
// EnsembleRetriever (@langchain/classic, where it lives in LangChain v1: weighted reciprocal-rank fusion,
// score = sum over retrievers of weight / (rank + c), c = 60, equal weights), the top 4 quoted.
// It reuses the plain pipeline's saved HNSWLib (same chunks, same vectors); the BM25 side keeps no index
// (BM25Retriever scores every chunk on every query), so it is built from the HNSWLib docstore at load.
// Everything is LangChain's defaults, as a tutorial would leave them; what those defaults do is in
// BENCHMARKS.md (BM25Retriever splits the query on whitespace only and counts a term as a case-sensitive
// substring of the raw chunk).
import { EnsembleRetriever } from '@langchain/classic/retrievers/ensemble';
import { BM25Retriever } from '@langchain/community/retrievers/bm25';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Document as LangChainDocument } from '@langchain/core/documents';
import type { BaseRetriever } from '@langchain/core/retrievers';
import type { IdentifiedEmbeddings } from '../src/embeddings/types.js';
import { BASELINE_K, loadBaselineStore } from './baseline-pipeline.js';

/** LangChain's default RRF constant (EnsembleRetriever's `c`), written out so the report can say it. */
const HYBRID_RRF_C = 60;

/** Fuses `retrievers` with LangChain's EnsembleRetriever (equal weights, c = 60) and quotes the first `k`. */
export function fuseRetrievers(retrievers: BaseRetriever[], k = BASELINE_K): (question: string) => Promise<LangChainDocument[]> {
  const ensemble = new EnsembleRetriever({ retrievers, c: HYBRID_RRF_C });
  return async (question) => (await ensemble.invoke(question)).slice(0, k);
}

export interface HybridPipeline {
  /** The loaded HNSWLib (the plain pipeline's), for recall. */
  store: HNSWLib;
  answer(question: string): Promise<LangChainDocument[]>;
}

/** Loads the plain pipeline's saved HNSWLib from `dir` and builds BM25 over its chunks; returns the fused top-4 answerer. */
export async function loadHybridPipeline(dir: string, embeddings: IdentifiedEmbeddings): Promise<HybridPipeline> {
  const store = await loadBaselineStore(dir, embeddings);
  const chunks = [...store.docstore._docs.values()];
  const bm25 = BM25Retriever.fromDocuments(chunks, { k: BASELINE_K });
  return { store, answer: fuseRetrievers([bm25, store.asRetriever({ k: BASELINE_K })]) };
}
