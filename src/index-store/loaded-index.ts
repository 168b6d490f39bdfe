import type { VectorStore } from '@langchain/core/vectorstores';
import type { Document, Manifest, Passage } from '../types.js';

/**
 * One immutable generation of the index, in memory but for its vectors' store. A question is answered
 * from one LoadedIndex from start to finish, so a re-ingest that swaps in a new one never mixes the two.
 * V is the vector store: LangChain's HNSWLib for STORE=files (and every freshly built index), LangChain's
 * PGVectorStore for STORE=postgres; the answerer only needs `similaritySearchVectorWithScore`.
 */
export interface LoadedIndex<V extends VectorStore = VectorStore> {
  /** The generation's name, e.g. "gen-20261124T070000123Z-3f9a01bc" ("memory" for an unpublished build). */
  generation: string;
  manifest: Manifest;
  documents: Document[];
  /** Every passage; a vector's LangChain document carries `metadata.passageId` naming one of these. */
  passages: Passage[];
  /** Search results are [document, cosine distance = 1 - cosine similarity], nearest first. */
  vectorStore: V;
  /**
   * Reads the lexical index published with this generation (lexical-codec.ts's bytes), when the store
   * has one: undefined for a generation published before they were stored, or a fresh in-memory build.
   * Read on demand, so the bytes are not kept once decoded. May reject (an unreadable file, a database
   * gone away); the caller then builds the lexical index from the documents.
   */
  readLexical?: () => Promise<Uint8Array | undefined>;
}
