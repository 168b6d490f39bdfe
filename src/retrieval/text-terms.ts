// Index terms of a stretch of article text: the analyzer's stemmed words plus WordNet multi-word
// lemmas found in the running text ("air forces" -> air_forc, "United States" -> unit_state), so a
// question that names the same concept in other words can meet them as one term.
import { isContentWord, stem, termsOfWord, words } from '../text/analyze.js';
import type { Lexicon } from '../text/lexicon.js';
import { BoundedCache } from '../bounded-cache.js';

// Each question's expansion converts the same few hundred lemmas again: their terms are kept (bounded).
const lemmaTerms = new BoundedCache<string, string | undefined>(200_000);

/** The index form of a WordNet lemma: each word stemmed, joined by "_" for multi-word lemmas; undefined for none. Never throws. */
export function lemmaTerm(lemma: string): string | undefined {
  return lemmaTerms.get(lemma, findLemmaTerm);
}

function findLemmaTerm(lemma: string): string | undefined {
  const parts = lemma.toLowerCase().split(/[_\s]+/).filter((p) => p.length > 0);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) {
    const terms = termsOfWord(parts[0]!);
    // A hyphenated lemma ("heavier-than-air") has no single stem; its joined form stands for it.
    return terms.length === 0 ? undefined : terms[terms.length - 1];
  }
  return parts.map((p) => stem(p)).join('_');
}

/** Marks a term that a text holds only as the hypernym of one of its words (airliner -> ^airplan). */
export const HYPERNYM_MARK = '^';
/** The same for a verb's hypernym (shouted -> ^~shout): stems of a noun and a verb often coincide. */
export const VERB_HYPERNYM_MARK = '^~';

/**
 * The terms of a text: its words, any multi-word lemmas it contains, the nouns its adjectives
 * pertain to (as if written: "Russian" also counts as russia) and, marked, the hypernyms of its words.
 */
export function textTerms(text: string, lexicon: Lexicon): string[] {
  const ws = words(text).map((w) => w.text);
  const out: string[] = [];
  const expandWord = (w: string) => {
    for (const t of expansionTerms(w, lexicon)) out.push(t);
  };
  // The words of a proper name WordNet knows ("United States", "Oval Office") are not separately
  // what they say: "states" in a question should not meet "United States". The name itself, and
  // what it is a kind of, still count.
  const insideName = new Set<number>();
  const phrases = phrasesIn(ws, lexicon, (lemma, at, n) => {
    expandWord(lemma);
    if (lexicon.isProperName(lemma)) for (let k = at; k < at + n; k++) insideName.add(k);
  });
  ws.forEach((w, i) => {
    if (insideName.has(i)) return;
    const terms = termsOfWord(w);
    for (const t of terms) out.push(t);
    if (terms.length > 0 && !w.includes('-')) expandWord(w);
    // A compound's parts are words of their own: "pro-Iranian" is about Iran, "cyber-attack" a kind of attack.
    else if (terms.length > 0) for (const part of w.split('-')) if (isContentWord(part)) expandWord(part);
  });
  for (const phrase of phrases) out.push(phrase);
  return out;
}

// Per lexicon, the index terms a word adds beyond itself; the same words recur across a whole library.
const expansionCache = new WeakMap<Lexicon, BoundedCache<string, string[]>>();

function expansionTerms(word: string, lexicon: Lexicon): string[] {
  let cache = expansionCache.get(lexicon);
  if (!cache) expansionCache.set(lexicon, (cache = new BoundedCache(200_000)));
  return cache.get(word, () => {
    const { pertainyms, hypernyms, verbHypernyms } = lexicon.textExpansion(word);
    const terms: string[] = [];
    for (const lemma of pertainyms) {
      const t = lemmaTerm(lemma);
      if (t) terms.push(t);
    }
    for (const lemma of hypernyms) {
      const t = lemmaTerm(lemma);
      if (t) terms.push(HYPERNYM_MARK + t);
    }
    for (const lemma of verbHypernyms) {
      const t = lemmaTerm(lemma);
      if (t) terms.push(VERB_HYPERNYM_MARK + t);
    }
    return terms;
  });
}

/** Multi-word WordNet lemmas among consecutive words (two or three), as index terms. */
export function phrasesIn(ws: readonly string[], lexicon: Lexicon, onLemma?: (lemma: string, at: number, words: number) => void): string[] {
  const out: string[] = [];
  const longest = Math.min(3, lexicon.maxPhraseWords);
  for (let i = 0; i < ws.length - 1; i++) {
    for (let n = 2; n <= longest && i + n <= ws.length; n++) {
      const parts = ws.slice(i, i + n);
      // Phrases start and end with a content-bearing word; "the_states" style lemmas are noise here.
      if (!isContentWord(parts[0]!)) break;
      if (!isContentWord(parts[n - 1]!)) continue;
      const head = parts.slice(0, -1).join('_');
      if (!lexicon.startsPhrase(head)) break;
      const last = parts[n - 1]!;
      const joined = `${head}_${last}`;
      const found = lexicon.has(joined) ? joined : lexicon.baseForms(last).map((b) => `${head}_${b}`).find((c) => lexicon.has(c));
      if (found) {
        const term = lemmaTerm(found);
        if (term) out.push(term);
        onLemma?.(found, i, n);
      }
    }
  }
  return out;
}
