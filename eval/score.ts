// Scoring: an answerable question is answered at rank k when the k-th quoted passage contains one of
// its expect phrases (case, quote style and whitespace ignored); an unanswerable one is right when the
// answer declines and quotes nothing.
import { normalizeForComparison } from '../src/text/analyze.js';
import type { EvalQuestion } from './questions.js';
import { describeAbout } from '../src/format/describe-about.js';
import type { Answer } from '../src/types.js';

/** What a pipeline returned for one question: the quoted passages' texts, best first. */
export interface PipelineReply {
  declined: boolean;
  passages: string[];
  /** The product's relevance of its best passage in [0, 1] (higher = more covered), when the pipeline has one: lets a threshold curve come from one run. */
  relevance?: number;
}

export interface QuestionResult {
  id: string;
  question: string;
  answerable: boolean;
  /** 1-based rank of the first passage holding an expected phrase; undefined when none does. */
  rank: number | undefined;
  declined: boolean;
  correct: boolean;
  /** The start of the first quoted passage, to show what was quoted instead on a miss. */
  quoted: string | undefined;
  /** The reply's relevance, when the pipeline reports one. */
  relevance?: number;
}

export interface Metrics {
  answerable: number;
  unanswerable: number;
  /** Over answerable questions, higher = better. */
  hit1: number;
  hit3: number;
  mrr: number;
  /** Unanswerable questions declined, and their share. */
  declined: number;
  declineRate: number;
  /** Answerable questions wrongly declined. */
  wronglyDeclined: number;
  misses: QuestionResult[];
}

/** How an expect phrase and a quoted passage are compared: the product's one normaliser, whitespace runs collapsed. */
export const normalizeForMatch = normalizeForComparison;

/** Scores one reply: the rank of the first passage holding an expected phrase, whether it declined, and whether that is right. */
export function scoreQuestion(q: EvalQuestion, reply: PipelineReply): QuestionResult {
  const expect = q.expect.map(normalizeForMatch);
  const index = reply.passages.findIndex((p) => {
    const text = normalizeForMatch(p);
    return expect.some((e) => text.includes(e));
  });
  const rank = index >= 0 ? index + 1 : undefined;
  const correct = q.answerable ? rank === 1 : reply.declined && reply.passages.length === 0;
  return { id: q.id, question: q.question, answerable: q.answerable, rank, declined: reply.declined, correct, quoted: reply.passages[0]?.slice(0, 160), ...(reply.relevance !== undefined ? { relevance: reply.relevance } : {}) };
}

/** Pools scored questions into hit@1, hit@3, MRR (over answerable), declines and wrong declines, with the misses listed. */
export function summarize(results: QuestionResult[]): Metrics {
  const answerable = results.filter((r) => r.answerable);
  const unanswerable = results.filter((r) => !r.answerable);
  const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
  const declined = unanswerable.filter((r) => r.declined).length;
  return {
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    hit1: share(answerable.filter((r) => r.rank === 1).length, answerable.length),
    hit3: share(answerable.filter((r) => r.rank !== undefined && r.rank <= 3).length, answerable.length),
    mrr: share(answerable.reduce((sum, r) => sum + (r.rank ? 1 / r.rank : 0), 0), answerable.length),
    declined,
    declineRate: share(declined, unanswerable.length),
    wronglyDeclined: answerable.filter((r) => r.declined).length,
    misses: results.filter((r) => !r.correct),
  };
}

/**
 * What the product shows for an answer, as the texts scoring looks in, best first: the quoted passages,
 * with the metadata lines of an answer about the article itself (headline, byline) shown before the
 * first quote counted as part of the first thing shown.
 */
export function shownTexts(answer: Answer): string[] {
  const texts = answer.passages.map((p) => p.passage.text);
  if (!answer.answered || !answer.about) return texts;
  const about = describeAbout(answer.about).join('\n');
  return texts.length === 0 ? [about] : [`${about}\n${texts[0]}`, ...texts.slice(1)];
}
