// The reranker's fitted weights (see rerank.ts, params.ts DEFAULT_RERANK). Written by scripts/fit-reranker.ts; do not edit by hand.
// Fitted on SQuAD train (15 articles, 1807 answerable questions) + bundled dev.jsonl/questions.jsonl (64), 2026-12-02; refit with: npx tsx scripts/fit-reranker.ts --bundled --share 0.35 --l2 0.01 --iterations 400 --trees 0 --depth 3 --rate 0.1 --write
import type { RerankModel } from './rerank.js';

/** One weight per RERANK_FEATURES entry, in raw feature units (higher = that evidence favours a passage more). */
export const RERANK_WEIGHTS: RerankModel | undefined = {
  weights: [
    0.43072, // base
    0.49947, // bestCoverage
    0.32563, // passageCoverage
    -0.86108, // vector
    -0.044418, // typeFound
    0.083147, // typeMissing
    1.0715, // bestExact
    0.72043, // passageExact
    1.9975, // pairCoverage
    1.9665, // windowCoverage
    1.5594, // bigrams
    -0.47437, // bm25Sentence
    1.1639, // bm25Passage
    -0.44484, // logLength
    1.5094, // firstRank
    0.32717, // missing
    1.3795, // relativeBase
    -1.3503, // novelty
    1.1724, // opening
    1.8, // leadMatch
    -0.62131, // inOrder
    0.26951, // rarestPassage
    -0.24365, // rarestSentence
    1.3726, // context
    1.3888, // nearness
    1.7008, // glossSentence
    0.93111, // glossPassage
    1.1233, // kindSentence
    -0.1491, // kindPassage
    0, // askWhat
    0, // askWho
    0, // askWhen
    0, // askWhere
    0, // askHow
    0, // askWhich
    0, // askWhy
    0, // questionWords
  ],
};
