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

/**
 * True when the question shares names with the text and none of its other words has any trace in it.
 * `holds(term)`: whether the text judged uses the term (default: anywhere in the index; document-evidence.ts
 * passes one document's).
 */
export function asksOnlyAboutAbsentThings(slots: readonly QuerySlot[], lex: LexicalIndex, weigh: SlotWeigher, lexicon: Lexicon, holds: (term: string) => boolean = (term) => lex.postings.has(term)): boolean {
  const asked = slots.filter((slot) => !weigh(slot).sharedName);
  if (asked.length === 0 || asked.length === slots.length) return false;
  return asked.every((slot) => !touches(slot, holds, lexicon));
}

function touches(slot: QuerySlot, holds: (term: string) => boolean, lexicon: Lexicon): boolean {
  for (const term of slot.alternatives.keys()) if (holds(term)) return true;
  for (const r of lexicon.related(slot.word.replace(/ /g, '_'))) {
    if (r.kind !== 'hypernym') continue;
    const broader = lemmaTerm(r.lemma);
    if (broader && (holds(HYPERNYM_MARK + broader) || holds(VERB_HYPERNYM_MARK + broader))) return true;
  }
  return false;
}
