import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Document, Manifest, Passage } from '../types.js';

/**
 * One immutable generation of the index, fully in memory. A question is answered from one
 * LoadedIndex from start to finish, so a re-ingest that swaps in a new one never mixes the two.
 */
export interface LoadedIndex {
  /** The generation's directory name under the store, e.g. "gen-20261124T070000Z-3f9a". */
  generation: string;
  manifest: Manifest;
  documents: Document[];
  /** Every passage; a vector's LangChain document carries `metadata.passageId` naming one of these. */
  passages: Passage[];
  vectorStore: HNSWLib;
}
