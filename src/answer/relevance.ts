// Whether to answer: the one place that turns retrieval's evidence into the relevance users see and
// into a decline. Every decline rule lives here: too little of the question covered, a "when/how
// many" question whose passage holds no date or number, a question naming nothing the text names
// (needs more covered), a question only about things the text has no trace of, a question naming
// nothing of the text whose telling word is foreign to it. The threshold and
// every factor come from src/retrieval/params.ts.
import type { RankedPassage } from '../retrieval/choose-passages.js';
import type { RelevanceSettings } from '../retrieval/params.js';
import type { QuestionEvidence, SearchResult } from '../retrieval/search.js';

/**
 * The relevance of one chosen passage, in [0, 1], higher = more of the question's weighted content
 * covered. It is what an answer shows and what the threshold tests.
 */
export function passageRelevance(ranked: RankedPassage, question: QuestionEvidence, settings: RelevanceSettings): number {
  if (settings.absentTopics && question.onlyAbsentThings) return 0;
  const { evidence } = ranked;
  let relevance = settings.sentenceShare * evidence.sentence + (1 - settings.sentenceShare) * evidence.passage;
  // "When ...?" answered by a sentence with no date or number in it is not answered.
  if (question.wanted === 'quantity' && !evidence.answerTypeFound) relevance *= settings.missingQuantity;
  // Questions about an article almost always name one of its people, places or groups.
  if (!question.namesShared) relevance *= settings.withoutSharedName;
  // Naming nothing of the text and asking about something it has no trace of: another subject.
  if (!question.namesShared && question.absent >= settings.foreignAbsent) relevance *= settings.foreignFactor;
  return Math.min(1, Math.max(0, relevance));
}

/** The decision for one search: answer or decline, and the relevance of every passage (same order). */
export interface Decision {
  answered: boolean;
  /** The best passage's relevance (0 when nothing was found): what the threshold was compared with. */
  relevance: number;
  relevances: number[];
}

/** Answers when the best passage's relevance reaches `minRelevance` (`settings.minRelevance` unless given). */
export function decide(result: SearchResult, settings: RelevanceSettings, minRelevance: number = settings.minRelevance): Decision {
  const relevances = result.passages.map((p) => passageRelevance(p, result.question, settings));
  const relevance = relevances[0] ?? 0;
  return { answered: result.passages.length > 0 && relevance >= minRelevance, relevance, relevances };
}
