// Cuts a cleaned document into retrievable passages. A passage is whole sentences from one paragraph:
// quoting it back never starts or stops mid-sentence and never runs two paragraphs together.
import type { Document, Passage, Span } from '../src/types.js';
import { countWords } from '../src/text/analyze.js';
import { splitSentences } from '../src/text/split-sentences.js';

/** How a document is cut into passages (the units retrieval scores and answers quote). */
export interface SplitOptions {
  /** A paragraph up to this many words is one passage; longer ones become windows of about this size. Default 120. */
  maxWords?: number;
  /** Sentences shared by consecutive windows of one long paragraph, so an answer near a cut is still whole in one of them. Default 1. */
  overlapSentences?: number;
}

/**
 * Splits a document into passages: a short paragraph is one passage, a long one becomes overlapping windows of
 * whole sentences of about maxWords words. Returns them in document order, numbered from 0; never throws.
 */
export function splitPassages(document: Document, options: SplitOptions = {}): Passage[] {
  const maxWords = Math.max(1, Math.floor(options.maxWords ?? 120));
  const overlap = Math.max(0, Math.floor(options.overlapSentences ?? 1));
  const passages: Passage[] = [];

  const add = (paragraph: number, start: number, end: number) => {
    const ordinal = passages.length;
    passages.push({
      id: `${document.id}#${ordinal}`,
      documentId: document.id,
      ordinal,
      paragraph,
      start,
      end,
      text: document.text.slice(start, end),
    });
  };

  for (const paragraph of document.paragraphs) {
    const text = document.text.slice(paragraph.start, paragraph.end);
    const trimmed = trimmedSpan(text);
    if (!trimmed) continue;
    const start = paragraph.start + trimmed.start;
    const end = paragraph.start + trimmed.end;
    const sentenceSpans = countWords(text) <= maxWords ? [] : splitSentences(text);
    if (sentenceSpans.length <= 1) {
      add(paragraph.number, start, end);
      continue;
    }
    const sentences = sentenceSpans.map((s) => ({ start: s.start + paragraph.start, end: s.end + paragraph.start }));
    for (const window of sentenceWindows(sentences, (s) => countWords(document.text.slice(s.start, s.end)), maxWords, overlap)) {
      add(paragraph.number, window.start, window.end);
    }
  }
  return passages;
}

/**
 * Greedy windows of whole sentences of at most `maxWords` (a lone longer sentence is a window by
 * itself). Each window after the first starts `overlap` sentences back, fewer when that would leave no
 * room for a new sentence, so every window adds something and the loop always ends.
 */
function sentenceWindows(sentences: Span[], wordsOf: (s: Span) => number, maxWords: number, overlap: number): Span[] {
  const counts = sentences.map(wordsOf);
  const windows: Span[] = [];
  let first = 0;
  let lastCovered = -1;
  while (lastCovered < sentences.length - 1) {
    // Ensure the window reaches at least one sentence not yet covered.
    while (first <= lastCovered && sum(counts, first, lastCovered + 1) > maxWords) first++;
    let last = first;
    let total = counts[first]!;
    while (last + 1 < sentences.length && total + counts[last + 1]! <= maxWords) {
      last++;
      total += counts[last]!;
    }
    if (last <= lastCovered) last = lastCovered + 1;
    windows.push({ start: sentences[first]!.start, end: sentences[last]!.end });
    lastCovered = last;
    first = Math.max(last + 1 - overlap, 0);
  }
  return windows;
}

function sum(counts: number[], from: number, toInclusive: number): number {
  let total = 0;
  for (let k = from; k <= toInclusive; k++) total += counts[k] ?? 0;
  return total;
}


function trimmedSpan(text: string): Span | undefined {
  const start = text.search(/\S/u);
  if (start < 0) return undefined;
  return { start, end: text.trimEnd().length };
}
