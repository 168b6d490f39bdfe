// The reranker's fitted weights (see rerank.ts, params.ts DEFAULT_RERANK). Written by scripts/fit-reranker.ts; do not edit by hand.
// Fitted on SQuAD train (15 articles, 1807 answerable questions) + bundled dev.jsonl/questions.jsonl (64), 2026-12-02; refit with: npx tsx scripts/fit-reranker.ts --bundled --share 0.35 --l2 0.01 --iterations 400 --trees 0 --depth 3 --rate 0.1 --write
import type { RerankModel } from './rerank.js';

/** One weight per RERANK_FEATURES entry, in raw feature units (higher = that evidence favours a passage more). */
export const RERANK_WEIGHTS: RerankModel | undefined = {
  weights: [
    0.48106, // base
    0.49326, // bestCoverage
    0.36589, // passageCoverage
    -0.68326, // vector
    -0.010601, // typeFound
    0.014906, // typeMissing
    0.99228, // bestExact
    0.74727, // passageExact
    1.9927, // pairCoverage
    2.0262, // windowCoverage
    1.5549, // bigrams
    -0.35027, // bm25Sentence
    1.1151, // bm25Passage
    -0.47371, // logLength
    1.5007, // firstRank
    0.25225, // missing
    1.4319, // relativeBase
    -1.2579, // novelty
    1.1728, // opening
    1.7649, // leadMatch
    -0.7618, // inOrder
    0.29637, // rarestPassage
    -0.30006, // rarestSentence
    1.3244, // context
    1.3869, // nearness
    1.9309, // glossSentence
    0.81861, // glossPassage
    1.1015, // kindSentence
    -0.10758, // kindPassage
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
