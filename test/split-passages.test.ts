import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../ingest/clean-article.js';
import { splitPassages } from '../ingest/split-passages.js';
import { splitSentences } from '../src/text/split-sentences.js';
import type { Document, Passage } from '../src/types.js';

const root = path.resolve(import.meta.dirname, '..');
const countWords = (text: string) => text.split(/\s+/u).filter((w) => w !== '').length;

function documentOf(paragraphs: string[], id = 'doc.txt'): Document {
  let text = '';
  const spans = paragraphs.map((p, k) => {
    if (k > 0) text += '\n\n';
    const start = text.length;
    text += p;
    return { number: k + 1, start, end: text.length };
  });
  return { id, location: `/tmp/${id}`, contentHash: 'h', metadata: {}, text, paragraphs: spans };
}

/** Sentences of the whole document, as absolute spans, per paragraph. */
function sentencesByParagraph(document: Document) {
  return document.paragraphs.map((p) =>
    splitSentences(document.text.slice(p.start, p.end)).map((s) => ({ start: s.start + p.start, end: s.end + p.start })),
  );
}

/** The properties every split must have, whatever the input and options. */
function expectWellFormed(document: Document, passages: Passage[], maxWords: number): void {
  const sentences = sentencesByParagraph(document);
  passages.forEach((passage, ordinal) => {
    expect(passage.ordinal).toBe(ordinal);
    expect(passage.id).toBe(`${document.id}#${ordinal}`);
    expect(passage.documentId).toBe(document.id);
    expect(document.text.slice(passage.start, passage.end)).toBe(passage.text);
    const paragraph = document.paragraphs[passage.paragraph - 1]!;
    // Never crosses a paragraph boundary.
    expect(passage.start).toBeGreaterThanOrEqual(paragraph.start);
    expect(passage.end).toBeLessThanOrEqual(paragraph.end);
    // Starts and ends on sentence boundaries.
    const own = sentences[passage.paragraph - 1]!;
    expect(own.some((s) => s.start === passage.start)).toBe(true);
    expect(own.some((s) => s.end === passage.end)).toBe(true);
    // At most maxWords, unless the passage is one sentence.
    const inside = own.filter((s) => s.start >= passage.start && s.end <= passage.end);
    if (inside.length > 1) expect(countWords(passage.text)).toBeLessThanOrEqual(maxWords);
  });
  // Every sentence of the document is quoted whole by some passage.
  for (const [k, own] of sentences.entries()) {
    for (const s of own) {
      expect(passages.some((p) => p.paragraph === k + 1 && p.start <= s.start && p.end >= s.end)).toBe(true);
    }
  }
  // Passages are in reading order.
  for (let k = 1; k < passages.length; k++) expect(passages[k]!.start).toBeGreaterThan(passages[k - 1]!.start);
}

describe('splitPassages on the bundled article', () => {
  const document = cleanArticle({
    id: 'ingest/corpus/article.txt',
    location: 'article.txt',
    format: 'text',
    contentHash: 'h',
    content: readFileSync(path.join(root, 'ingest/corpus/article.txt'), 'utf8'),
  });

  it('makes a paragraph of up to 120 words one passage and splits longer ones by sentences', () => {
    const passages = splitPassages(document);
    expectWellFormed(document, passages, 120);
    for (const paragraph of document.paragraphs) {
      const text = document.text.slice(paragraph.start, paragraph.end);
      const own = passages.filter((p) => p.paragraph === paragraph.number);
      if (countWords(text) <= 120) expect(own.map((p) => p.text)).toEqual([text]);
      else expect(own.length).toBeGreaterThan(1);
    }
    expect(new Set(passages.map((p) => p.paragraph)).size).toBe(12);
  });

  it('stays well formed with small windows and different overlaps', () => {
    for (const maxWords of [10, 25, 40, 60]) {
      for (const overlapSentences of [0, 1, 2]) {
        expectWellFormed(document, splitPassages(document, { maxWords, overlapSentences }), maxWords);
      }
    }
  });
});

describe('splitPassages on long paragraphs', () => {
  const sentence = (n: number, words: number) => `Sentence ${n} ${Array.from({ length: words - 2 }, () => 'word').join(' ')}.`;

  it('overlaps consecutive windows of one paragraph by one sentence by default', () => {
    const paragraph = Array.from({ length: 10 }, (_, k) => sentence(k, 20)).join(' ');
    const document = documentOf([paragraph]);
    const passages = splitPassages(document, { maxWords: 60 });
    expect(passages.map((p) => countWords(p.text))).toEqual([60, 60, 60, 60, 40]);
    for (let k = 1; k < passages.length; k++) {
      const previous = splitSentences(passages[k - 1]!.text).map((s) => passages[k - 1]!.text.slice(s.start, s.end));
      const current = splitSentences(passages[k]!.text).map((s) => passages[k]!.text.slice(s.start, s.end));
      expect(current[0]).toBe(previous[previous.length - 1]);
    }
    expect(passages.at(-1)!.text.endsWith(sentence(9, 20))).toBe(true);
  });

  it('does not overlap when asked for none', () => {
    const paragraph = Array.from({ length: 6 }, (_, k) => sentence(k, 20)).join(' ');
    const passages = splitPassages(documentOf([paragraph]), { maxWords: 40, overlapSentences: 0 });
    expect(passages.map((p) => p.text)).toEqual([
      `${sentence(0, 20)} ${sentence(1, 20)}`,
      `${sentence(2, 20)} ${sentence(3, 20)}`,
      `${sentence(4, 20)} ${sentence(5, 20)}`,
    ]);
  });

  it('keeps a sentence longer than the limit whole, as its own passage', () => {
    const long = sentence(1, 150);
    const document = documentOf([`${sentence(0, 10)} ${long} ${sentence(2, 10)}`]);
    const passages = splitPassages(document);
    expect(passages.map((p) => p.text)).toContain(long);
    expectWellFormed(document, passages, 120);
  });

  it('numbers passages across paragraphs and records the paragraph each starts in', () => {
    const document = documentOf(['First paragraph.', Array.from({ length: 8 }, (_, k) => sentence(k, 30)).join(' '), 'Last one.'], 'notes.md');
    const passages = splitPassages(document);
    expect(passages[0]).toMatchObject({ id: 'notes.md#0', ordinal: 0, paragraph: 1, text: 'First paragraph.' });
    expect(passages.at(-1)).toMatchObject({ paragraph: 3, text: 'Last one.', id: `notes.md#${passages.length - 1}` });
    expect(passages.filter((p) => p.paragraph === 2).length).toBeGreaterThan(1);
  });
});

describe('splitPassages on random inputs', () => {
  it('always yields passages whose offsets slice out their text, covering every sentence', () => {
    // Deterministic pseudo-random generator, so a failure can be reproduced.
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    const vocabulary = ['the', 'U.S.', 'Mr.', 'report', '“quoted', 'words,”', 'said', '3.5', 'percent', 'Dr.', 'a.m.', 'Israel-U.S.', '(aside)', 'officials', 'don’t', 'e.g.'];
    const makeSentence = () => {
      const length = 1 + Math.floor(random() * 40);
      const words = Array.from({ length }, () => pick(vocabulary));
      return `${pick(['The', 'A', 'Officials', 'But', 'When'])} ${words.join(' ')}${pick(['.', '.', '?', '!', '.”'])}`;
    };
    for (let round = 0; round < 150; round++) {
      const paragraphs = Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
        Array.from({ length: 1 + Math.floor(random() * 8) }, makeSentence).join(pick([' ', '  '])),
      );
      const document = documentOf(paragraphs, `random-${round}`);
      const maxWords = 5 + Math.floor(random() * 120);
      const overlapSentences = Math.floor(random() * 3);
      expectWellFormed(document, splitPassages(document, { maxWords, overlapSentences }), maxWords);
    }
  });
});
