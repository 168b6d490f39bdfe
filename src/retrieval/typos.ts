// A word typed wrong in a chat question ("lavrof", "erdogn", "stuxnett") matches nothing, weighs the most
// (a word no sentence and no dictionary knows looks like the most telling word of all) and so sinks the
// whole question. A word neither the index nor WordNet knows, one letter away from exactly one word the
// index holds, is read as that word. Words WordNet knows are never "corrected": a real word the text does
// not use is evidence that the question is about something else.
import { isContentWord, stem, words } from '../text/analyze.js';
import type { Lexicon } from '../text/lexicon.js';
import type { LexicalIndex } from './lexical-index.js';

/** Shortest word that is checked: below five letters a one-letter change makes another real word too often. */
const MIN_LETTERS = 5;

/**
 * `question` with each unknown word (letters only, at least five, in neither the index nor WordNet) replaced
 * by the single index term one edit away (a letter added, dropped, changed or two swapped); unchanged when
 * there is none or more than one. Offsets of other words are kept. Never throws.
 */
export function correctTypos(question: string, lex: LexicalIndex, lexicon: Lexicon): string {
  let out = question;
  // Right to left, so earlier offsets stay valid after a replacement.
  for (const w of words(question).reverse()) {
    if (!isContentWord(w.text) || lex.postings.has(stem(w.text)) || !mayBeTypo(w.text, lexicon)) continue;
    const found = closeTerm(w.text, lex);
    if (found !== undefined) out = out.slice(0, w.start) + found + out.slice(w.end);
  }
  return out;
}

/**
 * Whether `word` may be a mistyped word, to be read as a known one close to it: letters only, at least
 * MIN_LETTERS long, and no word WordNet knows in any form (a real word is never "corrected"). Never throws.
 */
export function mayBeTypo(word: string, lexicon: Lexicon): boolean {
  return word.length >= MIN_LETTERS && /^[a-z]+$/.test(word) && lexicon.baseForms(word).length === 0;
}

// Per index, its plain-word terms by first two letters and length, and by last two letters and length: on a
// word of five letters or more one edit keeps the first two letters or else the last two, so these buckets
// hold every candidate and a question never scans a library's whole vocabulary. Built on the first unknown word.
interface Buckets {
  byFirst: Map<string, string[]>;
  byLast: Map<string, string[]>;
}
const bucketCache = new WeakMap<LexicalIndex, Buckets>();

function bucketsOf(lex: LexicalIndex): Buckets {
  let buckets = bucketCache.get(lex);
  if (!buckets) {
    buckets = { byFirst: new Map(), byLast: new Map() };
    const add = (map: Map<string, string[]>, key: string, term: string) => {
      const list = map.get(key);
      if (list) list.push(term);
      else map.set(key, [term]);
    };
    for (const term of lex.postings.keys()) {
      // The term must read back as itself, so the replaced question is analysed into exactly this term.
      if (!/^[a-z]+$/.test(term) || stem(term) !== term) continue;
      add(buckets.byFirst, `${term.slice(0, 2)}${term.length}`, term);
      add(buckets.byLast, `${term.slice(-2)}${term.length}`, term);
    }
    bucketCache.set(lex, buckets);
  }
  return buckets;
}

function closeTerm(word: string, lex: LexicalIndex): string | undefined {
  const { byFirst, byLast } = bucketsOf(lex);
  const found = new Set<string>();
  for (let n = word.length - 1; n <= word.length + 1; n++) {
    for (const bucket of [byFirst.get(`${word.slice(0, 2)}${n}`), byLast.get(`${word.slice(-2)}${n}`)]) {
      for (const term of bucket ?? []) if (oneEditApart(word, term)) found.add(term);
    }
    if (found.size > 1) return undefined;
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** Whether two different strings are one insertion, deletion, substitution or adjacent swap apart. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (a.length < b.length) [a, b] = [b, a];
  if (a.length - b.length > 1) return false;
  let i = 0;
  while (i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (a.length === b.length) {
    // A swap of two neighbours, or one letter changed: the rest after it must agree.
    const swapped = i + 1 < a.length && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i);
    return (swapped && sameFrom(a, i + 2, b, i + 2)) || sameFrom(a, i + 1, b, i + 1);
  }
  // One letter added to b: a without its i-th letter is b.
  return sameFrom(a, i + 1, b, i);
}

function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}
