// The BM25 reference must be the textbook one, or the row it prints means nothing: these check the
// analyser, the windows and the Okapi formula against figures worked out by hand.
import { describe, expect, it } from 'vitest';
import { bm25Tokens, createBm25, createBm25Pipeline, sentenceWindowSpans, sentenceWindows } from './bm25.js';

describe('BM25 reference', () => {
  it('lowercases, folds accents, drops stop words and stems', () => {
    expect(bm25Tokens('The Möngke ARTICLES of Amazon?')).toEqual(['mongk', 'articl', 'amazon']);
  });

  it('groups whole sentences into windows of about the given size, never across paragraphs', () => {
    const text = 'One two three. Four five six. Seven eight.\n\nNine ten.';
    expect(sentenceWindows(text, 5)).toEqual(['One two three. Four five six.', 'Seven eight.', 'Nine ten.']);
  });

  it('gives each window the offsets of its first sentence\'s start and last sentence\'s end in the text', () => {
    const text = 'One two three. Four five six. Seven eight.\n\n  Nine ten.';
    const spans = sentenceWindowSpans(text, 5);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['One two three. Four five six.', 'Seven eight.', 'Nine ten.']);
  });

  it('takes another analyser when asked (the reranker probes score windows with the product\'s terms)', () => {
    const score = createBm25(['Dogs bark', 'cats purr'], { tokens: (t) => t.toLowerCase().split(' ') });
    expect(score('dogs')[0]).toBeGreaterThan(0);
    expect(score('dog')[0]).toBe(0);
  });

  it('scores with Okapi BM25 (k1 1.2, b 0.75, Lucene IDF), by whole terms, not substrings', () => {
    const score = createBm25(['cat sat', 'dog dog ran far', 'category']);
    const [a, b, c] = score('dog');
    // df(dog) = 1 of 3 windows: idf = ln(1 + 2.5/1.5); window 2 has tf 2, length 4, average length 7/3.
    const idf = Math.log(1 + 2.5 / 1.5);
    expect(b).toBeCloseTo((idf * 2 * 2.2) / (2 + 1.2 * (0.25 + (0.75 * 4) / (7 / 3))), 10);
    expect(a).toBe(0);
    expect(c).toBe(0);
    expect(score('cat')[2]).toBe(0);
  });

  it('returns the best windows first and never declines', async () => {
    const pipeline = createBm25Pipeline('Cats purr.\n\nDogs bark loudly at night.\n\nBirds sing.', { k: 2 });
    const reply = await pipeline('Why do dogs bark?');
    expect(reply.declined).toBe(false);
    expect(reply.passages[0]).toBe('Dogs bark loudly at night.');
    expect(reply.passages).toHaveLength(1);
  });
});
