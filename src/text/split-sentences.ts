// Sentence boundaries for English news prose. Used by the passage splitter and by the answer
// highlighter, so both agree on what "a sentence" is. Written by hand rather than with
// Intl.Segmenter because ICU breaks after "U.S." followed by a capitalised word and knows nothing
// of titles such as "Mr." or of quotations that span several sentences.
import type { Span } from '../types.js';

/** Titles that precede a name: a period after one of these never ends a sentence. */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'messrs', 'mme', 'dr', 'prof', 'st', 'ste', 'sr', 'jr', 'gen', 'gov', 'sen', 'rep',
  'rev', 'col', 'lt', 'capt', 'cpt', 'sgt', 'maj', 'adm', 'cmdr', 'hon', 'pres', 'supt', 'mt', 'ft',
  'atty', 'amb', 'insp', 'brig', 'cpl', 'pvt', 'fr', 'sec',
]);

/** Abbreviations that precede a number ("No. 5", "p. 12"). */
const BEFORE_NUMBER = new Set(['no', 'nos', 'vol', 'vols', 'pp', 'p', 'fig', 'figs', 'art', 'ch', 'para', 'op', 'ed']);

/**
 * Abbreviations that usually continue a sentence but may end one ("... at 9 a.m. The meeting").
 * After these, and after initials and dotted acronyms, a break needs a word that typically starts a sentence.
 */
const SOFT_ABBREVIATIONS = new Set([
  'etc', 'vs', 'v', 'inc', 'ltd', 'co', 'corp', 'bros', 'approx', 'dept', 'est', 'univ', 'assn', 'govt',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thurs', 'fri', 'sat', 'sun', 'cf', 'al', 'ave', 'blvd', 'rd',
]);

/** Words that commonly open a sentence; used only to decide breaks after ambiguous abbreviations. */
const SENTENCE_STARTERS = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you',
  'his', 'her', 'their', 'our', 'my', 'your', 'but', 'and', 'or', 'so', 'yet', 'in', 'on', 'at', 'as', 'if',
  'when', 'while', 'after', 'before', 'since', 'there', 'then', 'however', 'meanwhile', 'what', 'why',
  'how', 'who', 'where', 'still', 'also', 'now', 'for', 'to', 'with', 'by', 'from', 'of', 'no', 'not',
  'some', 'many', 'most', 'all', 'both', 'each', 'one', 'two', 'such', 'even', 'only', 'instead',
  'indeed', 'thus', 'therefore', 'although', 'though', 'because', 'during', 'under', 'over', 'later',
  'today', 'yesterday', 'tomorrow', 'last', 'next', 'officials', 'according',
]);

const TERMINATORS = '.!?…';
const CLOSERS = '"\'”’»)]}';
const OPENERS = '"\'“‘«([{';

/**
 * Splits text into sentences. Each span is trimmed: `text.slice(s.start, s.end)` has no leading or
 * trailing whitespace. Closing quotes and brackets after the final punctuation belong to the sentence;
 * a blank line always ends one; a period inside an open quotation does not.
 */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let sentenceStart = 0;
  const insideQuote = quoteDepthTracker(text);

  const push = (start: number, end: number) => {
    const span = trimSpan(text, start, end);
    if (span) spans.push(span);
  };

  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;

    if (ch === '\n') {
      // A blank line (paragraph break) always ends a sentence, whatever came before.
      let j = i + 1;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j++;
      if (text[j] === '\n') {
        push(sentenceStart, i);
        while (j < text.length && /\s/.test(text[j]!)) j++;
        sentenceStart = j;
        i = j;
        continue;
      }
    }

    if (!TERMINATORS.includes(ch)) {
      i++;
      continue;
    }

    // Take the whole run of terminators and closing quotes/brackets: "?!", "...", ".”", "!)".
    let end = i + 1;
    while (end < text.length && TERMINATORS.includes(text[end]!)) end++;
    while (end < text.length && CLOSERS.includes(text[end]!)) end++;

    // A boundary needs whitespace after it (so "3.5", "U.S.-Israel" and "example.com" stay whole).
    let next = end;
    while (next < text.length && /\s/.test(text[next]!)) next++;
    if (next === end && end < text.length) {
      i = end;
      continue;
    }
    if (next >= text.length) {
      i = end;
      continue;
    }
    if (/\n[ \t\r]*\n/.test(text.slice(end, next))) {
      push(sentenceStart, end);
      sentenceStart = next;
      i = next;
      continue;
    }

    if (isBoundary(text, i, end, next) && !insideQuote(end)) {
      push(sentenceStart, end);
      sentenceStart = next;
    }
    i = next;
  }
  push(sentenceStart, text.length);
  return spans;
}

function isBoundary(text: string, terminatorAt: number, end: number, next: number): boolean {
  const nextWord = wordAt(text, next);
  const nextChar = text[next]!;
  // The next sentence starts with a capital, a digit or an opening quote/bracket; a lowercase word
  // means the period belonged to something else ("e.g. this", "U.S. by Israel").
  const startsSentence = /[\p{Lu}\p{Lt}\p{N}]/u.test(nextChar) || OPENERS.includes(nextChar);
  if (!startsSentence) return false;

  if (text[terminatorAt] !== '.' || (end - terminatorAt > 1 && text[terminatorAt + 1] === '.')) {
    // "!", "?", "…" and "..." end a sentence when a capital follows.
    return true;
  }

  const token = tokenBefore(text, terminatorAt);
  const lower = token.toLowerCase();
  const plainWord = lower.replace(/[^\p{L}.]/gu, '');

  if (TITLES.has(plainWord)) return false;
  if (BEFORE_NUMBER.has(plainWord) && /\p{N}/u.test(nextChar)) return false;

  const isInitial = /^\p{Lu}$/u.test(token);
  // "U.S.", "a.m.", "e.g.", "D.C.": letters separated by periods.
  const isDottedAcronym = /^(\p{L}\.)+\p{L}$/u.test(token);
  if (isInitial || isDottedAcronym || SOFT_ABBREVIATIONS.has(plainWord)) {
    return SENTENCE_STARTERS.has(nextWord.toLowerCase());
  }
  return true;
}

/** The run of non-space characters ending just before `at`, without opening punctuation. */
function tokenBefore(text: string, at: number): string {
  let start = at;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  // In "Israel-U.S." the abbreviation is the part after the hyphen.
  const token = text.slice(start, at).replace(/^[("'“‘«[{]+/u, '');
  return token.split(/[-–—/]/u).pop() ?? token;
}

function wordAt(text: string, at: number): string {
  const match = /^[("'“‘«[{]*([\p{L}\p{N}]+)/u.exec(text.slice(at, at + 40));
  return match?.[1] ?? '';
}

function trimSpan(text: string, start: number, end: number): Span | undefined {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : undefined;
}

/**
 * Returns a function telling whether a position sits inside an open double-quoted quotation within
 * its paragraph. Paragraphs whose quotes do not balance (news style often leaves a multi-paragraph
 * quotation open) are treated as having no quotations, so a stray mark cannot swallow a paragraph.
 */
function quoteDepthTracker(text: string): (position: number) => boolean {
  // Quoted stretches as [start, end) ranges, in order; a position is inside when the character
  // before it lies inside a quotation that is still open.
  const ranges: Span[] = [];
  const paragraphs = /[^\n]+(?:\n(?![ \t\r]*\n)[^\n]*)*/g;
  for (const match of text.matchAll(paragraphs)) {
    const body = match[0];
    if (!/["“”]/u.test(body)) continue;
    const found: Span[] = [];
    let openedAt = -1;
    let balanced = true;
    for (let k = 0; k < body.length && balanced; k++) {
      const c = body[k]!;
      let opening: boolean;
      if (c === '“') opening = true;
      else if (c === '”') opening = false;
      else if (c === '"') opening = /[\s([{—–-]/u.test(k === 0 ? ' ' : body[k - 1]!);
      else continue;
      if (opening === openedAt >= 0) {
        balanced = false;
      } else if (opening) {
        openedAt = k;
      } else {
        found.push({ start: match.index + openedAt + 1, end: match.index + k + 1 });
        openedAt = -1;
      }
    }
    if (balanced && openedAt < 0) for (const range of found) ranges.push(range);
  }
  return (position) => {
    // Binary search for the last range starting before `position`.
    let low = 0;
    let high = ranges.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const range = ranges[mid]!;
      if (range.start > position) high = mid - 1;
      else if (range.end <= position) low = mid + 1;
      else return true;
    }
    return false;
  };
}
