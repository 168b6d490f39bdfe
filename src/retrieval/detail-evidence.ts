// Word-level evidence of a changed detail, read on the first passage's highlighted sentence(s) against the question's
// own words (stems, no WordNet stand-ins): which question words the sentence lacks while the document writes them
// elsewhere ("Who was famed for their Christian spirit?" beside "famed for their martial spirit and ... Christian
// piety"), names and numbers of the question the passage lacks, and question word pairs the sentence holds both words
// of but not together. Inputs of the learned decline (decline-model.ts); no decision is taken here.
import { termsOfWord, words } from '../text/analyze.js';

/** Counts and shares of the question's content words (stems) against the highlight; all 0 for a question of no content word. */
export interface DetailEvidence {
  /** Question content terms the highlighted sentence(s) do not hold. */
  sentenceMissing: number;
  /** Their share of the question's content terms, in [0, 1]. */
  sentenceMissingShare: number;
  /** Of those, how many the document writes elsewhere (a detail the question took from another place, or swapped). */
  missingElsewhere: number;
  /** The largest idf (log of the index's sentences over those holding it) of such a term; 0 when none. */
  missingElsewhereIdf: number;
  /** Words written with a capital after the question's first word that the passage does not hold. */
  namesMissing: number;
  /** Numbers and ordinals of the question ("1066", "10th") the highlight does not hold. */
  numbersMissing: number;
  /** Of the question's neighbouring content-word pairs whose two words the highlight holds, the share not met within 3 words in the question's order. */
  brokenPairs: number;
}

/**
 * The detail evidence of `question` against `highlight` (the first passage's highlighted text), `passage` (its whole
 * text), `inDocument(term)` (the first passage's document writes the term) and `idf(term)`.
 */
export function detailEvidence(question: string, highlight: string, passage: string, inDocument: (term: string) => boolean, idf: (term: string) => number): DetailEvidence {
  const asked = words(question);
  const termsOf = (w: { text: string }) => termsOfWord(w.text);
  const qTerms = asked.map(termsOf);
  const content = [...new Set(qTerms.flat())];
  const sentenceWords = words(highlight).map(termsOf);
  const inSentence = new Set(sentenceWords.flat());
  const inPassage = new Set(words(passage).flatMap(termsOf));
  const none: DetailEvidence = { sentenceMissing: 0, sentenceMissingShare: 0, missingElsewhere: 0, missingElsewhereIdf: 0, namesMissing: 0, numbersMissing: 0, brokenPairs: 0 };
  if (content.length === 0) return none;
  const missing = content.filter((t) => !inSentence.has(t));
  const elsewhere = missing.filter(inDocument);
  const names = asked.slice(1).filter((w, i) => /^\p{Lu}/u.test(question.slice(w.start, w.end)) && qTerms[i + 1]!.length > 0 && qTerms[i + 1]!.every((t) => !inPassage.has(t)));
  const numbers = asked.filter((w, i) => /\d/.test(w.text) && qTerms[i]!.length > 0 && qTerms[i]!.every((t) => !inSentence.has(t)));
  // Positions of each term in the highlight, for the pairs.
  const positions = new Map<string, number[]>();
  sentenceWords.forEach((ts, i) => ts.forEach((t) => { const list = positions.get(t) ?? []; list.push(i); positions.set(t, list); }));
  const chain = qTerms.map((ts) => ts[0]).filter((t): t is string => t !== undefined);
  let held = 0;
  let broken = 0;
  for (let i = 0; i + 1 < chain.length; i++) {
    const a = positions.get(chain[i]!);
    const b = positions.get(chain[i + 1]!);
    if (!a || !b || chain[i] === chain[i + 1]) continue;
    held++;
    if (!a.some((x) => b.some((y) => y > x && y - x <= 3))) broken++;
  }
  return {
    sentenceMissing: missing.length,
    sentenceMissingShare: missing.length / content.length,
    missingElsewhere: elsewhere.length,
    missingElsewhereIdf: elsewhere.reduce((m, t) => Math.max(m, idf(t)), 0),
    namesMissing: names.length,
    numbersMissing: numbers.length,
    brokenPairs: held ? broken / held : 0,
  };
}
