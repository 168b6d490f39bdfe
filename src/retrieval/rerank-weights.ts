// The reranker's fitted weights (see rerank.ts, params.ts DEFAULT_RERANK). Written by scripts/fit-reranker.ts; do not edit by hand.
// Fitted on SQuAD train (15 articles, 1807 answerable questions) + bundled dev.jsonl/questions.jsonl (64), 2026-12-02; refit with: npx tsx scripts/fit-reranker.ts --bundled --share 0.35 --l2 0.01 --iterations 400 --trees 0 --depth 3 --rate 0.1 --write
import type { RerankModel } from './rerank.js';

/** One weight per RERANK_FEATURES entry, in raw feature units (higher = that evidence favours a passage more). */
export const RERANK_WEIGHTS: RerankModel | undefined = {
  weights: [
    0.63253, // base
    0.75922, // bestCoverage
    0.40292, // passageCoverage
    -0.8682, // vector
    -0.032912, // typeFound
    0.061608, // typeMissing
    1.1401, // bestExact
    1.0024, // passageExact
    2.4966, // pairCoverage
    1.7796, // windowCoverage
    1.5377, // bigrams
    -0.62775, // bm25Sentence
    1.3942, // bm25Passage
    -0.34298, // logLength
    1.4484, // firstRank
    0.34752, // missing
    1.903, // relativeBase
    -1.141, // novelty
    1.056, // opening
    1.8523, // leadMatch
    -0.7436, // inOrder
    0.16032, // rarestPassage
    0.15373, // rarestSentence
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
