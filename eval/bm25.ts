// The classical reference row: Okapi BM25 (k1 = 1.2, b = 0.75, Lucene's IDF) over ~60-word windows
// of whole sentences of the cleaned article, with a Lucene-style English analyser (lowercase, accents
// folded, Lucene's English stop set, Porter stem). It answers every question (never declines), like a
// search box would. Written here (about 80 lines, tested in eval/bm25.test.ts) rather than taken from
// @langchain/community's BM25Retriever or npm `okapibm25`: both count a term by case-sensitive substring
// search in the raw text ("art" counts inside "article", "Amazon" never matches "amazon") and do not
// tokenise the query beyond whitespace ("Amazon?" is a term), which would make the reference weaker
// than the textbook BM25 it is meant to stand for.
import { stemmer } from 'stemmer';
import { splitSentences } from '../src/text/split-sentences.js';
import type { Pipeline } from './baseline.js';

/** Lucene's default English stop set (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET). */
const STOP = new Set('a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '));

export interface Bm25Options {
  k1?: number;
  b?: number;
  /** Target window size in words; windows are whole sentences. Default 60. */
  windowWords?: number;
  /** How many windows to return per question. Default 4. */
  k?: number;
}

/** Lowercased, accent-folded, stop words dropped, Porter-stemmed tokens of `text`. */
export function bm25Tokens(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return (folded.match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !STOP.has(t)).map((t) => stemmer(t));
}

/**
 * Consecutive whole sentences of `text`, grouped greedily into windows of about `size` words
 * (a window closes once it reaches `size`; a lone longer sentence is a window by itself).
 * Returns the windows' texts in order; sentences never straddle paragraphs (split on blank lines first).
 */
export function sentenceWindows(text: string, size: number): string[] {
  return sentenceWindowSpans(text, size).map((w) => w.text);
}

/**
 * The windows of `sentenceWindows`, each with the offsets in `text` of its first sentence's start and its last
 * sentence's end (so a window can be laid over other units of the same text). Never throws.
 */
export function sentenceWindowSpans(text: string, size: number): { start: number; end: number; text: string }[] {
  const windows: { start: number; end: number; text: string }[] = [];
  const blank = /\n\s*\n/g;
  let from = 0;
  const paragraphs: { start: number; text: string }[] = [];
  for (const m of text.matchAll(blank)) {
    paragraphs.push({ start: from, text: text.slice(from, m.index) });
    from = m.index + m[0].length;
  }
  paragraphs.push({ start: from, text: text.slice(from) });
  for (const paragraph of paragraphs) {
    let current: string[] = [];
    let start = 0;
    let end = 0;
    let count = 0;
    const close = () => {
      windows.push({ start: paragraph.start + start, end: paragraph.start + end, text: current.join(' ') });
      current = [];
      count = 0;
    };
    for (const span of splitSentences(paragraph.text)) {
      const sentence = paragraph.text.slice(span.start, span.end);
      if (current.length === 0) start = span.start;
      current.push(sentence);
      end = span.end;
      count += sentence.split(/\s+/).filter(Boolean).length;
      if (count >= size) close();
    }
    if (current.length > 0) close();
  }
  return windows.filter((w) => w.text.trim() !== '');
}

/**
 * Scores `windows` against a query with Okapi BM25. Returns one score per window (higher = more relevant;
 * 0 when no query term occurs). Repeated query terms count once. `tokens` replaces the analyser (default bm25Tokens).
 */
export function createBm25(windows: string[], options: Pick<Bm25Options, 'k1' | 'b'> & { tokens?: (text: string) => string[] } = {}): (query: string) => number[] {
  const tokens = options.tokens ?? bm25Tokens;
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const docs = windows.map((w) => {
    const tf = new Map<string, number>();
    const terms = tokens(w);
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { tf, length: terms.length };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const avg = docs.reduce((s, d) => s + d.length, 0) / Math.max(1, n);
  return (query) => {
    const terms = [...new Set(tokens(query))];
    return docs.map((d) => {
      let score = 0;
      for (const t of terms) {
        const f = d.tf.get(t);
        if (!f) continue;
        const nt = df.get(t)!;
        const idf = Math.log(1 + (n - nt + 0.5) / (nt + 0.5));
        score += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * d.length) / avg));
      }
      return score;
    });
  };
}

/** The BM25 reference as an evaluation pipeline over `text` (the cleaned article): the top `k` windows, best first. */
export function createBm25Pipeline(text: string, options: Bm25Options = {}): Pipeline {
  const windows = sentenceWindows(text, options.windowWords ?? 60);
  const score = createBm25(windows, options);
  const k = options.k ?? 4;
  return async (question) => {
    const scores = score(question);
    const order = scores
      .map((s, i) => ({ s, i }))
      .filter((x) => x.s > 0)
      .sort((x, y) => y.s - x.s || x.i - y.i)
      .slice(0, k);
    return { declined: false, passages: order.map((x) => windows[x.i]!) };
  };
}
