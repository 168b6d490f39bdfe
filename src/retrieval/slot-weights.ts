// How much each question word counts towards relevance. Rarity in the searched text decides what
// distinguishes one sentence from another (a name in every paragraph says little); rarity in general
// English (WordNet gloss counts, the same for every index) keeps a word the article never uses
// ("population", "elected") weighing heavily, so a question that shares only names with the article
// is not taken as answered.
import type { Lexicon } from '../text/lexicon.js';
import type { LexicalIndex } from './lexical-index.js';
import type { SlotWeightSettings } from './params.js';
import { DEFAULT_SLOT_WEIGHTS } from './params.js';
import type { SlotWeigher } from './score-sentences.js';

/**
 * Weighs each question word: `rank` (higher = rarer in the index and in English = more telling),
 * `relevance` (the same with names the index shares damped), and whether it is such a shared name.
 */
export function slotWeigher(lex: LexicalIndex, lexicon: Lexicon, settings: SlotWeightSettings = DEFAULT_SLOT_WEIGHTS): SlotWeigher {
  const n = lex.sentences.length;
  const maxCorpus = Math.log(1 + (n + 0.5) / 0.5);
  return (slot) => {
    // BM25's idf over sentences, scaled to [0, 1]: 1 for a word no sentence contains.
    const df = lex.postings.get(slot.term)?.length ?? 0;
    const corpus = Math.log(1 + (n - df + 0.5) / (df + 0.5)) / maxCorpus;
    const general = settings.generalShare > 0 ? lexicon.generalIdf(slot.term) / lexicon.maxGeneralIdf() : 0;
    const rank = (1 - settings.generalShare) * corpus + settings.generalShare * general;
    // A name the index contains says which article, not what about it: alone it must not look answered.
    const sharedName = df > 0 && slot.parts.every((part) => (lex.capitalized.get(part) ?? 0) >= settings.nameCapitalized);
    return { rank: sharedName ? rank * settings.sharedNameRank : rank, relevance: sharedName ? rank * settings.sharedName : rank, sharedName };
  };
}
