import { describe, expect, it } from 'vitest';
import { firstPassageFactor } from '../src/answer/relevance.js';
import type { RankedPassage } from '../src/retrieval/choose-passages.js';
import { DECLINE_FEATURES, declineFeatures, declineProbability, type DeclineModel } from '../src/retrieval/decline-model.js';
import { detailEvidence } from '../src/retrieval/detail-evidence.js';
import { DEFAULT_RELEVANCE } from '../src/retrieval/params.js';
import { RERANK_FEATURES } from '../src/retrieval/rerank.js';
import type { QuestionEvidence, SearchResult } from '../src/retrieval/search.js';

const sentence = 'The Normans were famed for their martial spirit and eventually for their Christian piety.';
const document = new Set(['norman', 'fame', 'martial', 'spirit', 'christian', 'pieti', 'modern', 'europ']);
const detail = (question: string, highlight = sentence) => detailEvidence(question, highlight, highlight, (t) => document.has(t), () => 2);

describe('detail evidence on the highlight', () => {
  it('sees a question word pair the sentence holds apart, and not one it holds together', () => {
    expect(detail('Who was famed for their Christian spirit?').brokenPairs).toBeGreaterThan(0);
    expect(detail('Who was famed for their martial spirit?').brokenPairs).toBe(0);
  });

  it('counts question words the sentence lacks, those the document writes elsewhere, and missing names and numbers', () => {
    const swapped = detail('What impact did the Normans have on modern Europe?');
    expect(swapped.sentenceMissing).toBe(3); // impact, modern, europe
    expect(swapped.missingElsewhere).toBe(2); // modern, europe
    expect(swapped.missingElsewhereIdf).toBe(2);
    expect(swapped.namesMissing).toBe(1); // Europe
    expect(detail('Who besieged Dyrrachium in 1107?', 'In 1081 he led an army of 30,000 men.').numbersMissing).toBe(1);
    expect(detail('Were the Normans famed for their martial spirit?')).toMatchObject({ sentenceMissing: 0, namesMissing: 0, numbersMissing: 0 });
    expect(detail('who?').sentenceMissingShare).toBe(0);
  });
});

const plain: QuestionEvidence = { namesShared: true, wanted: undefined, onlyAbsentThings: false, absent: 0, negated: false, arithmetic: false, personal: false, refersBack: false };
const passage: RankedPassage = { passage: 0, score: 0.5, highlights: [], evidence: { sentence: 0.6, passage: 0.6, answerTypeFound: false, missing: 0 }, rerank: { features: RERANK_FEATURES.map(() => 0.5), order: 1 } };
const result = (indexSentences: number): SearchResult => ({ passages: [passage], question: plain, negationShare: 0, indexSentences });
const zeros = DECLINE_FEATURES.map(() => 0);

describe('the learned decline', () => {
  it('describes a search by one number per feature, the reranker features of the first passage first', () => {
    const features = declineFeatures(result(100), 0.6);
    expect(features).toHaveLength(DECLINE_FEATURES.length);
    expect(features.slice(0, RERANK_FEATURES.length)).toEqual(RERANK_FEATURES.map(() => 0.5));
    expect(features[DECLINE_FEATURES.indexOf('relevance')]).toBe(0.6);
  });

  it('is a logistic model: bias and weights give the log-odds, trees add to them', () => {
    expect(declineProbability({ bias: 0, weights: zeros }, zeros)).toBeCloseTo(0.5);
    const weights = zeros.map((_, i) => (i === DECLINE_FEATURES.indexOf('negated') ? 2 : 0));
    const negated = zeros.map((_, i) => (i === DECLINE_FEATURES.indexOf('negated') ? 1 : 0));
    expect(declineProbability({ bias: -1, weights }, negated)).toBeCloseTo(1 / (1 + Math.exp(-1)));
    const tree = { feature: [-1], threshold: [0], left: [-1], right: [-1], value: [1] };
    expect(declineProbability({ bias: -1, weights: zeros, trees: [tree] }, zeros)).toBeCloseTo(0.5);
  });

  it('declines above its threshold below library scale only, and not at all without a model', () => {
    const sure: DeclineModel = { bias: 10, weights: zeros };
    const unsure: DeclineModel = { bias: -10, weights: zeros };
    const settings = { ...DEFAULT_RELEVANCE, declineThreshold: 0.9, declineFactor: 0 };
    expect(firstPassageFactor(result(100), { ...settings, declineModel: sure })).toBe(0);
    expect(firstPassageFactor(result(100), { ...settings, declineModel: unsure })).toBe(1);
    expect(firstPassageFactor(result(100), { ...settings, declineModel: undefined })).toBe(1);
    expect(firstPassageFactor(result(DEFAULT_RELEVANCE.broadSentences), { ...settings, declineModel: sure })).toBe(1);
    // Without the reranker's features (first-pass order) the model has nothing it was fitted on.
    const { rerank: _, ...firstPass } = passage;
    expect(firstPassageFactor({ ...result(100), passages: [firstPass] }, { ...settings, declineModel: sure })).toBe(1);
  });
});
