// Whether to answer: the one place that turns retrieval's evidence into the relevance users see and
// into a decline. Every decline rule lives here: too little of the question covered, a "when/how
// many" question whose passage holds no date or number, a question naming nothing the text names
// (needs more covered), a question only about things the text has no trace of, a question naming
// nothing of the text whose telling word is foreign to it; and, judged on the first passage, a sum to
// work out, a negated question whose passages negate nothing near the top, a question that says the
// opposite of its passage (an antonym swapped in), and on a library-scale index a first passage that
// does not hold the question in its own words. The threshold and every factor come from
// src/retrieval/params.ts.
import type { RankedPassage } from '../retrieval/choose-passages.js';
import { declineFeatures, declineProbability } from '../retrieval/decline-model.js';
import { absentBelow } from '../retrieval/document-evidence.js';
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

/**
 * The multiplier in [0, 1] the whole search's evidence puts on the first passage's relevance (1 = no
 * rule applies; lower = less likely answered). The first passage is the one an answer stands on. `asked` is
 * firstPassageQuestion(result, settings), passed when the caller has it already.
 */
export function firstPassageFactor(result: SearchResult, settings: RelevanceSettings, asked: QuestionEvidence = firstPassageQuestion(result, settings)): number {
  const { question, literal } = result;
  if (settings.arithmetic && question.arithmetic) return 0;
  let factor = 1;
  // "What do ctenophores not have?" answered by passages that negate nothing: the text says what they have.
  if (question.negated && result.negationShare < settings.negationShare) factor *= settings.unmetNegation;
  // "What is the smallest ...?" answered by "... the largest ...": the text says the opposite. A negated
  // question meeting an antonym ("not have" ~ "lack") agrees with its text instead.
  if (result.antonymSwap !== undefined && !question.negated) factor *= settings.antonymFactor;
  // "How do I reset my router password?" of an article on a war: nothing it names, and its words (router,
  // password) reached only through WordNet stand-ins. Questions about a text name something in it or use its
  // words; one about the asker ("How do I", "my") must use more of them.
  const literalNeeded = question.personal ? settings.personalLiteral : settings.unnamedLiteral;
  // "I want to learn French, what app should I use?": a name in common does not make the asker's situation the text's.
  if (result.document && asked.namesShared && question.personal && !question.refersBack && result.document.literal < settings.personalNamedLiteral) factor *= settings.unnamedFactor;
  // "how far is it from LA": a question pointing back at its subject ("it", "there") presumes the article's.
  if (result.document && !asked.namesShared && !question.refersBack) {
    if (result.document.literal < literalNeeded) factor *= settings.unnamedFactor;
    // "What are the rules of cricket?": its telling word is nowhere in the document as itself (a typo, "ctenohore", may be).
    if (absentBelow(result.document, settings.exactCredit, true) >= settings.unwrittenShare) factor *= settings.unwrittenFactor;
  }
  // "Who explored Ohio in 1570?" of a text that never writes 1570: the question changed a detail.
  if (result.missingNumber !== undefined) factor *= settings.missingNumberFactor;
  // "Which duke ..." where the text says "king": one changed detail keeps most of the question's credit; many
  // weak signs together (decline-model.ts, fitted on SQuAD train articles) tell it from a paraphrase. Fitted on
  // single articles: the library's literal rules decide at their scale. It reads the reranker's features of the first
  // passage, so a search without the reranker (first-pass order) is left to the rules.
  if (settings.declineModel && result.indexSentences < settings.broadSentences && result.passages[0]?.rerank) {
    const relevance = passageRelevance(result.passages[0], asked, settings);
    if (declineProbability(settings.declineModel, declineFeatures(result, relevance)) >= settings.declineThreshold) factor *= settings.declineFactor;
  }
  // In a library every word has some WordNet relative somewhere; a fitting passage holds the question's own words.
  // The demand grows with the index, from nothing at broadSentences to full at broadFullSentences.
  const scale = libraryScale(result.indexSentences, settings);
  if (literal && scale > 0) {
    const absentEverywhere = literal.unmatchedKnown && !literal.unmatchedElsewhere && literal.unmatched >= settings.broadAbsent + (1 - settings.broadAbsent) * (1 - scale);
    if (literal.passage < settings.broadLiteral * scale || absentEverywhere) factor *= settings.broadFactor;
  }
  return factor;
}

/**
 * How far an index of `sentences` sentences is into library scale, in [0, 1]: 0 up to `broadSentences`, 1 from
 * `broadFullSentences`, log-linear between (each doubling of the index counts alike). The literal rules demand
 * `broadLiteral` and `broadAbsent` in full at 1 and nothing at 0.
 */
export function libraryScale(sentences: number, settings: RelevanceSettings): number {
  if (sentences < settings.broadSentences) return 0;
  if (sentences >= settings.broadFullSentences) return 1;
  return Math.log(sentences / settings.broadSentences) / Math.log(settings.broadFullSentences / settings.broadSentences);
}

/**
 * The question's evidence the first passage is judged with: with `documentScope`, whether it names
 * something, how foreign its words are and whether it asks only about what is absent count in the first passage's own document, not the whole
 * index (document-evidence.ts); the same for an index of one document.
 */
export function firstPassageQuestion(result: SearchResult, settings: RelevanceSettings): QuestionEvidence {
  const { question, document } = result;
  if (!settings.documentScope || !document || document.documents < 2) return question;
  return { ...question, absent: document.absent, namesShared: document.namesShared, onlyAbsentThings: document.onlyAbsentThings };
}

/** Answers when the best passage's relevance reaches `minRelevance` (`settings.minRelevance` unless given). */
export function decide(result: SearchResult, settings: RelevanceSettings, minRelevance: number = settings.minRelevance): Decision {
  const asked = firstPassageQuestion(result, settings);
  const relevances = result.passages.map((p, i) => passageRelevance(p, i === 0 ? asked : result.question, settings));
  if (relevances.length > 0) relevances[0] = relevances[0]! * firstPassageFactor(result, settings, asked);
  const relevance = relevances[0] ?? 0;
  return { answered: result.passages.length > 0 && relevance >= minRelevance, relevance, relevances };
}
