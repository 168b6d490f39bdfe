// How much of everyday English an index uses: the share of the commonest WordNet gloss words it
// contains. One news article uses about a tenth of the 2,000 commonest (the bundled article 0.09, SQuAD
// articles 0.13-0.25); the bench's 10 MB documentation library 0.79. The wider an index's vocabulary,
// the more a question word it never uses says the question is about something else: in a library,
// words a fitting question uses are nearly always there as themselves, while one article paraphrased
// needs WordNet's stand-ins. src/answer/relevance.ts applies its literal rules only to broad indexes.
import type { Lexicon } from '../text/lexicon.js';
import type { LexicalIndex } from './lexical-index.js';

/** The share in [0, 1] of the `terms` commonest English words (lexicon.commonTerms) the index uses (higher = broader). */
export function indexBreadth(lex: LexicalIndex, lexicon: Lexicon, terms: number): number {
  if (terms <= 0) return 0;
  const common = lexicon.commonTerms(terms);
  let used = 0;
  for (const term of common) if (lex.postings.has(term)) used++;
  return common.length === 0 ? 0 : used / common.length;
}
