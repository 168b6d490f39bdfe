// recall@k of an HNSW index against exact (brute force cosine) search over the very vectors it holds:
// the share of the true k nearest passages the approximate search returns. 1.0 = as good as exact.
import type { HierarchicalNSW } from 'hnswlib-node';

export interface RecallResult {
  recall: number;
  k: number;
  queries: number;
  vectors: number;
  /** The index's search breadth at measurement time (hnswlib's default is 10). */
  ef: number;
}

export function hnswRecallAtK(index: HierarchicalNSW, queryVectors: number[][], k: number): RecallResult {
  const labels = index.getIdsList();
  const dims = index.getNumDimensions();
  const matrix = new Float32Array(labels.length * dims);
  labels.forEach((label, row) => {
    // A cosine-space index stores each vector normalised, so a dot product is the cosine.
    matrix.set(normalise(index.getPoint(label)), row * dims);
  });
  const rowOf = new Map(labels.map((label, row) => [label, row] as const));
  const kk = Math.min(k, labels.length);
  let found = 0;
  for (const query of queryVectors) {
    const q = normalise(query);
    const scores = new Float32Array(labels.length);
    for (let row = 0; row < labels.length; row++) {
      let dot = 0;
      const base = row * dims;
      for (let d = 0; d < dims; d++) dot += matrix[base + d]! * q[d]!;
      scores[row] = dot;
    }
    const exactKth = kthLargest(scores, kk);
    const approx = index.searchKnn(query, kk);
    // Tie-aware: an approximate neighbour as close as the exact k-th one is a correct answer even if
    // exact search happened to list an equally close vector instead.
    for (const label of approx.neighbors) {
      const row = rowOf.get(label);
      if (row !== undefined && scores[row]! >= exactKth - 1e-6) found++;
    }
  }
  return { recall: queryVectors.length === 0 ? Number.NaN : found / (queryVectors.length * kk), k: kk, queries: queryVectors.length, vectors: labels.length, ef: index.getEf() };
}

function normalise(v: number[]): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return Float32Array.from(v, (x) => x / norm);
}

function kthLargest(scores: Float32Array, k: number): number {
  const top: number[] = [];
  for (const s of scores) {
    if (top.length < k) {
      top.push(s);
      top.sort((a, b) => b - a);
    } else if (s > top[k - 1]!) {
      top[k - 1] = s;
      top.sort((a, b) => b - a);
    }
  }
  return top[k - 1] ?? Number.NEGATIVE_INFINITY;
}
