import { describe, expect, it } from 'vitest';
import { excerptAround, renderExcerpt } from '../src/answer/excerpt.js';

const text =
  'Israel is the only country with such ties to the U.S. and it has kept them for decades. ' +
  'According to the Journal, the intelligence had not been shared with partners. ' +
  'That would be par for the course. ' +
  'Intelligence provided by one nation to an ally is for that ally’s eyes only, and the ally decides who else sees it. ' +
  'The alliance is too valuable to jeopardize.';
const span = (sentence: string) => ({ start: text.indexOf(sentence), end: text.indexOf(sentence) + sentence.length });

describe('excerptAround', () => {
  it('shows a long answering sentence alone, eliding the rest on both sides, and every part is exact passage text', () => {
    const h = span('Intelligence provided by one nation to an ally is for that ally’s eyes only, and the ally decides who else sees it.');
    const e = excerptAround(text, [h]);
    expect(e.parts).toEqual([h]);
    expect(e.elidedBefore).toBe(true);
    expect(e.elidedAfter).toBe(true);
    expect(renderExcerpt(e, (s) => text.slice(s.start, s.end))).toBe(`… ${text.slice(h.start, h.end)} …`);
  });

  it('adds the sentence before when the answer leans on it ("That would be…")', () => {
    const e = excerptAround(text, [span('That would be par for the course.')]);
    expect(text.slice(e.parts[0]!.start, e.parts[0]!.end)).toBe('According to the Journal, the intelligence had not been shared with partners. That would be par for the course.');
  });

  it('joins adjacent sentences and elides only real gaps between separate highlights', () => {
    const e = excerptAround(text, [span('Israel is the only country with such ties to the U.S. and it has kept them for decades.'), span('The alliance is too valuable to jeopardize.')]);
    expect(e.parts).toHaveLength(2);
    expect(e.elidedBefore).toBe(false);
    expect(e.elidedAfter).toBe(false);
    expect(renderExcerpt(e, () => 'x')).toBe('x … x');
  });

  it('falls back to the first sentence without highlights and never fails on empty or out-of-range input', () => {
    expect(excerptAround(text, []).parts[0]!.start).toBe(0);
    expect(excerptAround('', [{ start: 0, end: 5 }]).parts).toEqual([]);
    expect(excerptAround('One sentence', [{ start: 3, end: 99 }]).parts).toEqual([{ start: 0, end: 12 }]);
  });
});
