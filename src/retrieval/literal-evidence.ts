// What a chosen passage says in the question's own words, with no WordNet stand-ins. Relevance
// credits relatives (synonyms, hypernyms, phrase parts), which is what lets a paraphrase be answered;
// on a large library, though, every word of "the rules of cricket" has some relative somewhere, and a
// SQuAD-style question with one detail changed ("Which king ..." for "Which duke ...") keeps almost all
// of its credit. Both show in the literal evidence: the question's heaviest words do not stand
// together, as themselves, in the passage the ranking chose. src/answer/relevance.ts weighs this.
import type { QuerySlot } from './query-terms.js';
import type { RetrievalIndex } from './retrieval-index.js';
import { lowerBound } from './lower-bound.js';

/** Literal (own word or stem, no stand-in) evidence of one passage for one question. Shares are of the question's ranking weight, in [0, 1]. */
export interface LiteralEvidence {
  /** Weighted share of the question's words the passage's best sentence holds literally (higher = more of the question in one sentence). */
  sentence: number;
  /** The same for the passage as a whole. */
  passage: number;
  /** Weight share of the heaviest question word the passage does not hold literally (0 = every word is there; higher = a telling word is missing). */
  unmatched: number;
  /** That word's own weight in [0, 1] (its rarity; 0 when none is missing). */
  unmatchedWeight: number;
  /** That word is a name or a number (written with a capital, a name in the index, or digits): the detail a changed question swaps. */
  unmatchedName: boolean;
  /** That word is used literally somewhere else in the index: the passage chose other words of the question over it. */
  unmatchedElsewhere: boolean;
  /** That word is an English word WordNet knows (false for typos and made-up forms, whose absence from a text says nothing). */
  unmatchedKnown: boolean;
  /** How many question words there are (slots). */
  words: number;
}

/**
 * Literal evidence of passage `position` for `slots`, whose ranking weights are `weights` (same order: the
 * ones scoreSentences already worked out as `rankWeights`). `exactCredit`: a stand-in with at least this
 * credit counts as the word itself (1 = only the word's own stems and whole phrases). `isName(slot)`:
 * whether the asker or the index treats that word as a name.
 */
export function literalEvidence(state: RetrievalIndex, slots: readonly QuerySlot[], weights: readonly number[], position: number, exactCredit: number, isName: (slot: QuerySlot) => boolean): LiteralEvidence {
  const lex = state.lexical;
  const held = lex.passageSentences[position] ?? [];
  const total = weights.reduce((a, b) => a + b, 0);
  const none: LiteralEvidence = { sentence: 0, passage: 0, unmatched: 0, unmatchedWeight: 0, unmatchedName: false, unmatchedElsewhere: false, unmatchedKnown: false, words: slots.length };
  if (total === 0 || held.length === 0) return { ...none, unmatched: total === 0 ? 0 : 1 };
  const first = held[0]!;
  const last = held[held.length - 1]!;
  // Per held sentence (by offset from the first), the weight it holds literally.
  const inSentence = new Float64Array(last - first + 1);
  let passageWeight = 0;
  let unmatched = -1;
  let elsewhere = false;
  slots.forEach((slot, s) => {
    const hit = new Uint8Array(last - first + 1);
    let found = false;
    let anywhere = false;
    for (const [term, value] of slot.alternatives) {
      if (value < exactCredit) continue;
      const list = lex.postings.get(term);
      if (!list || list.length === 0) continue;
      anywhere = true;
      for (let k = lowerBound(list, first); k < list.length && list[k]! <= last; k++) {
        hit[list[k]! - first] = 1;
        found = true;
      }
    }
    if (found) {
      passageWeight += weights[s]!;
      for (let k = 0; k < hit.length; k++) if (hit[k]) inSentence[k]! += weights[s]!;
    } else if (unmatched < 0 || weights[s]! > weights[unmatched]!) {
      unmatched = s;
      elsewhere = anywhere;
    }
  });
  let best = 0;
  for (const sentence of held) best = Math.max(best, inSentence[sentence - first]!);
  const missing = unmatched >= 0 ? slots[unmatched]! : undefined;
  return {
    sentence: best / total,
    passage: passageWeight / total,
    unmatched: missing ? weights[unmatched]! / total : 0,
    unmatchedWeight: missing ? weights[unmatched]! : 0,
    unmatchedName: missing ? isName(missing) || /\d/.test(missing.word) : false,
    unmatchedElsewhere: missing ? elsewhere : false,
    unmatchedKnown: missing ? knownWord(state, missing) : false,
    words: slots.length,
  };
}

/** WordNet has the word (or its dictionary form), or some gloss uses its stem ("scarves": no lemma, but glosses say it): false for typos and made-up forms. */
export function knownWord(state: RetrievalIndex, slot: QuerySlot): boolean {
  const { lexicon } = state;
  return lexicon.baseForms(slot.word.replace(/ /g, '_')).length > 0 || lexicon.generalIdf(slot.term) < lexicon.maxGeneralIdf();
}
