// Big, legitimate inputs go through every ingest step without a stack overflow: a block of 200k
// hard-wrapped lines, 200k paragraphs (well past the ~120k passages that once overflowed a spread
// into push), and deep or huge HTML, which is either extracted or refused with a clear limit.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../ingest/clean-article.js';
import { extractArticleFromHtml } from '../ingest/extract-html.js';
import { documentsAndPassages } from '../ingest/run-ingest.js';
import { splitPassages } from '../ingest/split-passages.js';
import type { RawSource } from '../src/types.js';

const source = (content: string, format: RawSource['format'] = 'text'): RawSource => ({
  id: 'big.txt',
  location: '/tmp/big.txt',
  format,
  content,
  contentHash: createHash('sha256').update(content).digest('hex'),
});

/** A distinct, sentence-like line of about 60 characters. */
const line = (k: number) => `Line ${k} of the long report says the council met again today.`;

describe('ingest steps at scale', () => {
  it('cleans one block of 200k similar lines without overflowing the stack', () => {
    const lines: string[] = [];
    for (let k = 0; k < 200_000; k++) lines.push(line(k));
    const document = cleanArticle(source(lines.join('\n')));
    expect(document.paragraphs.length).toBeGreaterThan(0);
    expect(document.text).toContain('Line 199999 of the long report');
  });

  it('turns 200k paragraphs into 200k passages, all of them kept', () => {
    const paragraphs: string[] = [];
    for (let k = 0; k < 200_000; k++) paragraphs.push(line(k));
    const { documents, passages } = documentsAndPassages([source(paragraphs.join('\n\n'))]);
    expect(documents).toHaveLength(1);
    expect(passages).toHaveLength(200_000);
    expect(passages.at(-1)!.text).toBe(line(199_999));
  });

  it('splits a paragraph with 100k quoted phrases', () => {
    const text = Array.from({ length: 100_000 }, (_, k) => `He said “word ${k}” twice.`).join(' ');
    const passages = splitPassages({ id: 'q', location: 'q', contentHash: 'x', metadata: {}, text, paragraphs: [{ number: 1, start: 0, end: text.length }] });
    expect(passages.length).toBeGreaterThan(100);
  });

  it('extracts a flat page of 40k paragraphs', () => {
    const html = `<html><body><article>${Array.from({ length: 40_000 }, (_, k) => `<p>${line(k)}</p>`).join('')}</article></body></html>`;
    const { paragraphs } = extractArticleFromHtml(html);
    expect(paragraphs).toHaveLength(40_000);
    expect(paragraphs.at(-1)).toBe(line(39_999));
  });

  it('refuses a page nested deeper than the documented limit with a clear error, not a stack overflow or a long wait', () => {
    const depth = 20_000;
    const html = `<html><body>${'<div>'.repeat(depth)}<p>${line(1)}</p>${'</div>'.repeat(depth)}</body></html>`;
    let error: unknown;
    try {
      extractArticleFromHtml(html);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'AppError', code: 'SOURCE_TOO_COMPLEX' });
    expect((error as Error).message).toMatch(/nests elements more than 128 levels/);
  });
});
