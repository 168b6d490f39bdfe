// Negation, which the stop-word list throws away. "What do ctenophores not have?" and "What do
// ctenophores have?" share every content word, so retrieval cannot tell them apart; yet a negated
// question answered by a sentence that negates nothing is the commonest way SQuAD 2.0 writers made an
// answerable question unanswerable (Rajpurkar, Jia & Liang 2018: "negation", 9% of theirs; on SQuAD
// train, 306 of 1,654 unanswerable questions are negated against 44 of 1,807 answerable ones). The
// cue lists are English, not tuned: the question side is grammatical negation; the sentence side adds
// words that negate by meaning ("lack", "unable", "except", "refused"), since a text rarely repeats the
// asker's "not".
import { words } from '../text/analyze.js';

const QUESTION_NEGATIONS = new Set(['not', 'never', 'no', 'none', 'nobody', 'nothing', 'neither', 'nor', 'without', 'cannot']);

const SENTENCE_NEGATIONS = new Set([
  ...QUESTION_NEGATIONS,
  'unable', 'incapable', 'impossible', 'unaware', 'unknown', 'unlike', 'unless', 'instead', 'lack', 'lacks', 'lacked', 'lacking', 'absent', 'absence',
  'deny', 'denies', 'denied', 'ban', 'bans', 'banned',
]);
// Negating stems: every form counts (refused, refusal; excluding, exclusion).
const SENTENCE_NEGATION_PREFIXES = ['except', 'refus', 'fail', 'prohibit', 'forbid', 'forbad', 'reject', 'exclu', 'non-'];
// Two-word cues ("rather than", "other than"): the first word, then the second.
const SENTENCE_NEGATION_PAIRS = new Map([['rather', 'than'], ['other', 'than']]);

/** Whether a question is grammatically negated ("not", "never", "doesn't", "no", "without"...). */
export function isNegated(question: string): boolean {
  return words(question).some((w) => QUESTION_NEGATIONS.has(w.text) || w.text.endsWith("n't"));
}

/** Whether a stretch of text negates something, grammatically or by meaning ("lacks", "unable", "except", "refused"). */
export function holdsNegation(text: string): boolean {
  const ws = words(text).map((w) => w.text);
  return ws.some(
    (w, i) =>
      SENTENCE_NEGATIONS.has(w) ||
      w.endsWith("n't") ||
      SENTENCE_NEGATION_PREFIXES.some((prefix) => w.startsWith(prefix)) ||
      (SENTENCE_NEGATION_PAIRS.has(w) && ws[i + 1] === SENTENCE_NEGATION_PAIRS.get(w)),
  );
}
