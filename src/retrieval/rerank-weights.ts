// The reranker's fitted weights (see rerank.ts, params.ts DEFAULT_RERANK). Written by scripts/fit-reranker.ts; do not edit by hand.
// Fitted on SQuAD train (15 articles, 1807 answerable questions) + bundled dev.jsonl/questions.jsonl (64), 2026-12-02; refit with: npx tsx scripts/fit-reranker.ts --bundled --share 0.35 --l2 0.01 --iterations 400 --trees 0 --depth 3 --rate 0.1 --write
import type { RerankModel } from './rerank.js';

/** One weight per RERANK_FEATURES entry, in raw feature units (higher = that evidence favours a passage more). */
export const RERANK_WEIGHTS: RerankModel | undefined = {
  weights: [
    0.39516, // base
    0.52761, // bestCoverage
    0.20939, // passageCoverage
    -0.88043, // vector
    -0.055054, // typeFound
    0.10306, // typeMissing
    1.0517, // bestExact
    0.71435, // passageExact
    2.1389, // pairCoverage
    1.8838, // windowCoverage
    1.5753, // bigrams
    -0.69245, // bm25Sentence
    1.1461, // bm25Passage
    -0.39513, // logLength
    1.4731, // firstRank
    0.29059, // missing
    1.5174, // relativeBase
    -1.5891, // novelty
    1.134, // opening
    1.8315, // leadMatch
    -0.68298, // inOrder
    0.11359, // rarestPassage
    -0.0073503, // rarestSentence
    1.4868, // context
    1.4151, // nearness
    1.6322, // glossSentence
    0.88598, // glossPassage
    1.0751, // kindSentence
    -0.12664, // kindPassage
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
