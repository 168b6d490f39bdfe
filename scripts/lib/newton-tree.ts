// One regression tree grown by Newton steps on per-row gradients and hessians (XGBoost-style gain), for the
// fitting scripts that put boosted trees on top of a linear model (fit-reranker.ts: listwise softmax loss;
// fit-decline.ts: logistic loss). The loss lives in the caller; this file only turns (g, h) into a tree.
import type { RerankTree } from '../../src/retrieval/rerank.js';

/** Quantile cut points of one feature (at most `count - 1` distinct values), so a split is chosen from a short list. */
export function quantileCuts(values: number[], count = 32): number[] {
  const all = [...values].sort((a, b) => a - b);
  const out = new Set<number>();
  for (let q = 1; q < count; q++) out.add(all[Math.floor((q * all.length) / count)]!);
  return [...out].sort((a, b) => a - b);
}

/** Per feature, each row's bin: how many of that feature's cut points the row's value reaches. */
export function binRows(rows: readonly (readonly number[])[], cuts: number[][]): Uint8Array[] {
  return cuts.map((c, f) => Uint8Array.from(rows, (r) => { let b = 0; while (b < c.length && r[f]! >= c[b]!) b++; return b; }));
}

export interface TreeSettings {
  /** Deepest level split (the root is level 0). */
  depth: number;
  /** Shrinkage applied to every leaf value. */
  rate: number;
  /** Smallest hessian sum either side of a split may hold. */
  minHessian: number;
  /** Features never split on (e.g. dropped by --drop). */
  skip?: ReadonlySet<number>;
}

/**
 * Grows one tree over all rows: each node's value is -G / (H + 1) times the rate, and a node splits on the
 * feature and cut with the largest gain while it holds at least 40 rows and is above `depth`.
 * Returns the tree in the form `rerankScore` reads (node 0 the root, -1 = no child / no feature).
 */
export function growNewtonTree(g: Float64Array, h: Float64Array, bins: Uint8Array[], cuts: number[][], settings: TreeSettings): RerankTree {
  const lambda = 1;
  const F = cuts.length;
  const tree = { feature: [] as number[], threshold: [] as number[], left: [] as number[], right: [] as number[], value: [] as number[] };
  const grow = (members: number[], level: number): number => {
    const id = tree.feature.length;
    tree.feature.push(-1); tree.threshold.push(0); tree.left.push(-1); tree.right.push(-1); tree.value.push(0);
    let G = 0;
    let H = 0;
    for (const i of members) { G += g[i]!; H += h[i]!; }
    tree.value[id] = (-G / (H + lambda)) * settings.rate;
    if (level >= settings.depth || members.length < 40) return id;
    let best = { gain: 1e-9, f: -1, cut: 0 };
    for (let f = 0; f < F; f++) {
      if (settings.skip?.has(f)) continue;
      const k = cuts[f]!.length + 1;
      const gb = new Float64Array(k);
      const hb = new Float64Array(k);
      const b = bins[f]!;
      for (const i of members) { gb[b[i]!]! += g[i]!; hb[b[i]!]! += h[i]!; }
      let gl = 0;
      let hl = 0;
      for (let c = 0; c < k - 1; c++) {
        gl += gb[c]!; hl += hb[c]!;
        const gr = G - gl;
        const hr = H - hl;
        if (hl < settings.minHessian || hr < settings.minHessian) continue;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - (G * G) / (H + lambda);
        if (gain > best.gain) best = { gain, f, cut: c };
      }
    }
    if (best.f < 0) return id;
    const lo = members.filter((i) => bins[best.f]![i]! <= best.cut);
    const hi = members.filter((i) => bins[best.f]![i]! > best.cut);
    tree.feature[id] = best.f;
    tree.threshold[id] = cuts[best.f]![best.cut]!;
    tree.left[id] = grow(lo, level + 1);
    tree.right[id] = grow(hi, level + 1);
    return id;
  };
  grow(Array.from({ length: g.length }, (_, i) => i), 0);
  return tree;
}
