// Vectors of an existing index, keyed so that buildLoadedIndex can skip embedding passages whose
// text is unchanged. Only valid for an index built by the same embedder: the caller checks that.
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { LoadedIndex } from './loaded-index.js';
import { passageVectorKey } from './build-index.js';

/** Every passage's vector keyed by passageVectorKey(text). Never throws. */
export function reusableVectors(index: LoadedIndex<HNSWLib>): Map<string, number[]> {
  const vectors = new Map<string, number[]>();
  const hnsw = index.vectorStore.index;
  // Label i is passage i (see build-index.ts). hnswlib stores cosine vectors normalised, which
  // leaves the cosine geometry, and so every search, unchanged when they are added again.
  for (const [label, passage] of index.passages.entries()) vectors.set(passageVectorKey(passage.text), hnsw.getPoint(label));
  return vectors;
}
