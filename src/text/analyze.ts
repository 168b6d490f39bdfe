// Text analysis shared by the lexical index, the query side and the local embedder: both sides of
// every comparison must turn text into terms the same way, or a match is missed for spelling noise
// (curly vs straight apostrophes, "cyber-attack" vs "cyberattack", "Israel's" vs "Israel").
import { stemmer } from 'stemmer';
import { irregularBase } from './irregular-verbs.js';

// Letters with diacritics (Möngke, Erdoğan, Pútin) meet their plain spelling. One letter in, one out,
// so offsets into the original string stay right; letters that would need two (ß, æ) are left as they are.
const ACCENTED = /[\u00C0-\u024F\u1E00-\u1EFF]/g;
const SPECIAL_LETTERS: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ı: 'i', ħ: 'h', ŧ: 't', ŀ: 'l' };
function foldAccent(letter: string): string {
  const special = SPECIAL_LETTERS[letter];
  if (special) return special;
  const base = letter.normalize('NFD').replace(/\p{M}+/gu, '');
  return base.length === 1 ? base : letter;
}

/**
 * The one text normaliser (retrieval, ingest's repeat detection, evaluation's phrase matching):
 * lower-cased, accents folded (ö -> o), curly quotes/apostrophes, exotic dashes and compatibility forms folded to ASCII.
 * Keeps the string's length except for rare NFKC expansions, so word offsets stay usable.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-')
    .toLowerCase()
    .replace(ACCENTED, foldAccent);
}

/** normalizeText with every run of whitespace made one space and the ends trimmed: for comparing whole lines or phrases. */
export function normalizeForComparison(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ').trim();
}

/** How many words a text has: whitespace-separated tokens holding a letter or a digit (a lone dash is not a word). */
export function countWords(text: string): number {
  let n = 0;
  for (const token of text.split(/\s+/u)) if (/[\p{L}\p{N}]/u.test(token)) n++;
  return n;
}

/** A word as written (normalised, possessive removed), before stemming. */
export interface Word {
  /** Normalised surface form, e.g. "israel", "cyber-attack", "u.s.". */
  text: string;
  /** Offsets in the original string. */
  start: number;
  end: number;
}

// Dotted abbreviations ("U.S.", "a.m.") first so their dots are not taken as sentence punctuation,
// then words with inner apostrophes or hyphens.
const WORD = /(?:[a-z]\.){2,}|[a-z0-9]+(?:['-][a-z0-9]+)*/g;

/** Split into words. Normalising does not change string length except for rare NFKC expansions, so offsets are approximate there. */
export function words(text: string): Word[] {
  const normalized = normalizeText(text);
  const out: Word[] = [];
  for (const match of normalized.matchAll(WORD)) {
    let word = match[0];
    const start = match.index;
    // Possessives carry no meaning of their own: "Israel's" is about Israel.
    if (word.endsWith("'s")) word = word.slice(0, -2);
    else if (word.endsWith("'")) word = word.slice(0, -1);
    if (word.length === 0) continue;
    // "US" in capitals is the country, not the pronoun the stopword list drops.
    if (word === 'us' && text.slice(start, start + 2) === 'US') word = 'u.s.';
    out.push({ text: word, start, end: start + match[0].length });
  }
  return out;
}

// Function words that say nothing about a topic. Question words are included: "who"/"why" say what
// kind of answer is wanted, not what it is about, and no article sentence contains them usefully.
/** The one stop-word list (function and question words), shared by retrieval, the local embedder and question analysis. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are aren as at be because been before being below ' +
    'between both but by can cannot could couldn did didn do does doesn doing don down during each few for from ' +
    'further had hadn has hasn have haven having he her here hers herself him himself his how i if in into is isn ' +
    'it its itself just let me more most mustn my myself no nor not of off on once only or other ought our ours ' +
    'ourselves out over own same shan she should shouldn so some such than that the their theirs them themselves ' +
    'then there these they this those through to too under until up very was wasn we were weren what when where ' +
    'which while who whom why will with won would wouldn you your yours yourself yourselves ' +
    'also may might must shall us s t d ll m re ve y according say said says tell told describe described ' +
    'article author mention mentioned does did do get got go goes went make made happen happened thing things ' +
    'one ones many much even ever yet still really way per via whose whether now today currently recently already nowadays ' +
    // Indefinite pronouns ("did someone...", "is everything fine") stand in for a topic, never name it.
    'someone somebody something anyone anybody anything everyone everybody everything stuff ' +
    // The other forms of the verbs above ("what's making...", "what is going on"): as empty as "make", "go".
    'makes making gets getting gotten going happens happening saying tells telling describes describing mentions mentioning ' +
    // Greetings, politeness and hesitation around a chat question ("hey bot, ok so ... thanks"), and "though".
    'hey hi hello yo ok okay please thanks thank um uh hmm though although'
  ).split(/\s+/),
);

// A contraction is as topical as the word it shortens: "couldn't", "weren't", "they're", "we'd" say no
// more than "could", "were", "they", "we" (negation reads the contraction itself: negation.ts).
const CONTRACTED = /^(\p{L}+?)(?:'re|'ve|'ll|'d|'m)$/u;
const SHORTENED_BASE: Record<string, string> = { ca: 'can', wo: 'will', sha: 'shall', ai: 'is' };

// Memoised: the same few thousand words recur across every passage and question.
const stemCache = new Map<string, string>();

/** Porter stem of a single normalised word; abbreviations and numbers are kept as they are. */
export function stem(word: string): string {
  let cached = stemCache.get(word);
  if (cached === undefined) {
    cached = /[^a-z]/.test(word) ? word : stemmer(word);
    if (stemCache.size < 200_000) stemCache.set(word, cached);
  }
  return cached;
}

/** Whether a normalised word carries topic (not a stopword, not a lone letter). */
export function isContentWord(word: string): boolean {
  const contracted = CONTRACTED.exec(word);
  if (contracted) return isContentWord(SHORTENED_BASE[contracted[1]!] ?? contracted[1]!);
  return word.length > 1 && !STOPWORDS.has(word) || /^\d$/.test(word);
}

/**
 * The index terms of one word: its stem; for a hyphenated compound also the stems of its parts and
 * of the joined form, so "cyber-attack", "cyber attack" and "cyberattack" meet.
 */
export function termsOfWord(word: string): string[] {
  if (!word.includes('-')) return isContentWord(word) ? [stem(irregularBase(word) ?? word)] : [];
  const parts = word.split('-').filter((p) => p.length > 0);
  const out: string[] = [];
  for (const part of parts) if (isContentWord(part)) out.push(stem(part));
  const joined = parts.join('');
  if (isContentWord(joined)) out.push(stem(joined));
  return out;
}

/** The stemmed content terms of a text, in order (compounds contribute several). */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) for (const t of termsOfWord(w.text)) out.push(t);
  return out;
}
