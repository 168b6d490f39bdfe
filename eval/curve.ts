// The decline trade-off as a curve, two-sided: for each threshold, how many unanswerable questions are
// declined and how many answerable ones are wrongly declined (and what that does to hit@1/hit@3). One
// run answers with the threshold at 0, keeping each reply's relevance; a threshold t then declines
// exactly the replies whose relevance is under t, which is the product's own rule (src/answer/relevance.ts,
// `decide`: answered = relevance >= minRelevance), so no question is answered twice.
import { summarize, type Metrics, type QuestionResult } from './score.js';

/** One point of the curve: the threshold and our figures at it. */
export interface CurvePoint {
  threshold: number;
  metrics: Metrics;
}

/**
 * Figures at each threshold from results scored with the threshold at 0. A result without a relevance
 * counts as relevance 0 (declined at any threshold above 0). Returns the points in the given order.
 */
export function thresholdCurve(results: QuestionResult[], thresholds: number[]): CurvePoint[] {
  return thresholds.map((threshold) => {
    const at = results.map((r) => {
      const declined = r.declined || (r.relevance ?? 0) < threshold;
      const rank = declined ? undefined : r.rank;
      return { ...r, declined, rank, correct: r.answerable ? rank === 1 : declined };
    });
    return { threshold, metrics: summarize(at) };
  });
}

/** Parses "0.1,0.14,0.2" into thresholds in [0, 1]. Returns undefined when any item is not such a number. */
export function parseThresholds(text: string): number[] | undefined {
  const values = text.split(',').map((v) => v.trim()).filter((v) => v !== '').map(Number);
  if (values.length === 0 || values.some((v) => !(v >= 0 && v <= 1))) return undefined;
  return values;
}
