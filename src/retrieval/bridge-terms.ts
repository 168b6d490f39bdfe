// Looser ways a question word may be met than its WordNet stand-ins (query-terms.ts), for the
// reranker only: most ranking misses are a vocabulary gap (the answer's sentence says the thing in
// other words than the question), and synonyms alone do not close it. A bridge never touches the
// first pass or the decision to answer; the reranker weighs what each relation is worth (fitted).
//  - gloss: the words of the question word's WordNet definitions ("pharmacist": "a health
//    professional trained in the art of preparing and dispensing drugs" -> drug, dispens, ...).
import { analyze } from '../text/analyze.js';
import type { Lexicon } from '../text/lexicon.js';
import type { BoundedCache } from '../bounded-cache.js';
import type { QuerySlot } from './query-terms.js';
import type { BridgeTerms } from './rerank.js';

/** How the gloss bridge is drawn (values and provenance in params.ts DEFAULT_BRIDGE). */
export interface BridgeSettings {
  /** Definitions of this many first senses per part of speech. */
  glossSenses: number;
  /** Definition words used in more than this many WordNet glosses ("person", "act", "use") bridge nothing. */
  glossCommon: number;
  /** Credit per step down WordNet's sense ranking. */
  senseDecay: number;
  /** "What X" questions: senses of X whose hyponyms count, how many steps down and how many synsets at most. */
  kindSenses: number;
  kindDepth: number;
  kindLimit: number;
}

/** A definition word of a question word, as an index term, and the credit of the sense it came from. */
export interface DefinitionTerm {
  term: string;
  credit: number;
}

/**
 * The gloss bridge of a question: definition terms of each slot's word -> the slots they stand for.
 * `cache` (word -> its definition terms and credits) is kept by the caller, per index: questions repeat words.
 */
export function glossBridge(slots: readonly QuerySlot[], lexicon: Lexicon, settings: BridgeSettings, cache?: BoundedCache<string, DefinitionTerm[]>): BridgeTerms {
  const out: BridgeTerms = new Map();
  slots.forEach((slot, s) => {
    for (const { term, credit } of definitionTerms(slot.word, lexicon, settings, cache)) {
      if (!slot.alternatives.has(term)) add(out, term, s, credit);
    }
  });
  return out;
}

function definitionTerms(word: string, lexicon: Lexicon, settings: BridgeSettings, cache?: BoundedCache<string, DefinitionTerm[]>): DefinitionTerm[] {
  return cache ? cache.get(word, (w) => findDefinitionTerms(w, lexicon, settings)) : findDefinitionTerms(word, lexicon, settings);
}

function findDefinitionTerms(word: string, lexicon: Lexicon, settings: BridgeSettings): DefinitionTerm[] {
  const best = new Map<string, number>();
  for (const { text, sense } of lexicon.definitions(word.replace(/\s+/g, '_'), settings.glossSenses)) {
    const credit = settings.senseDecay ** sense;
    for (const term of analyze(text)) {
      if (lexicon.glossCount(term) > settings.glossCommon) continue;
      best.set(term, Math.max(best.get(term) ?? 0, credit));
    }
  }
  return [...best].map(([term, credit]) => ({ term, credit }));
}

function add(out: BridgeTerms, term: string, slot: number, credit: number): void {
  let list = out.get(term);
  if (!list) out.set(term, (list = []));
  const had = list.find((x) => x.slot === slot);
  if (had) had.credit = Math.max(had.credit, credit);
  else list.push({ slot, credit });
}
