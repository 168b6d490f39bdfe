// Whether a question asks only about things the indexed text never touches. A question whose words,
// apart from names the text shares, have no trace in the text at all (not the word, not a WordNet
// stand-in at any credit, not even a sibling under the same broader word: "envoy" ~ "ambassador",
// both diplomats) asks about something else that concerns those names: "How old is <name>?",
// "What is <name>'s religion?". Such a question is not answered, however strongly its names match.
import type { Lexicon } from '../text/lexicon.js';
import type { LexicalIndex } from './lexical-index.js';
import type { QuerySlot } from './query-terms.js';
import type { SlotWeigher } from './score-sentences.js';
import { HYPERNYM_MARK, lemmaTerm, VERB_HYPERNYM_MARK } from './text-terms.js';

/** True when the question shares names with the text and none of its other words has any trace in it. */
export function asksOnlyAboutAbsentThings(slots: readonly QuerySlot[], lex: LexicalIndex, weigh: SlotWeigher, lexicon: Lexicon): boolean {
  const asked = slots.filter((slot) => !weigh(slot).sharedName);
  if (asked.length === 0 || asked.length === slots.length) return false;
  return asked.every((slot) => !touches(slot, lex, lexicon));
}

function touches(slot: QuerySlot, lex: LexicalIndex, lexicon: Lexicon): boolean {
  for (const term of slot.alternatives.keys()) if (lex.postings.has(term)) return true;
  for (const r of lexicon.related(slot.word.replace(/ /g, '_'))) {
    if (r.kind !== 'hypernym') continue;
    const broader = lemmaTerm(r.lemma);
    if (broader && (lex.postings.has(HYPERNYM_MARK + broader) || lex.postings.has(VERB_HYPERNYM_MARK + broader))) return true;
  }
  return false;
}
