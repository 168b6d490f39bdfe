import { describe, expect, it } from 'vitest';
import { analyze, normalizeText, stem, words } from '../src/text/analyze.js';

describe('text analysis shared by questions and the index', () => {
  it('folds curly quotes, apostrophes and dashes so both spellings match', () => {
    expect(normalizeText('“Trump’s” — ‘leak’')).toBe('"trump\'s" - \'leak\'');
    expect(analyze('Israel’s allies')).toEqual(analyze("Israel's allies"));
  });

  it('drops possessives and stopwords, and stems word forms together', () => {
    expect(analyze("What is Israel's relationship with them?")).toEqual(['israel', 'relationship']);
    expect(stem('sharing')).toBe(stem('shared'));
    expect(analyze('The elections')).toEqual(analyze('election'));
  });

  it('counts a contraction, an indefinite pronoun or a form of an empty verb as no more topical than the plain word', () => {
    // Chat questions are full of them; counted as topic words they outweigh the words that name the topic.
    expect(analyze("they're sure we'd know what's making everyone worry")).toEqual(analyze('sure know worry'));
    expect(analyze('is something going on')).toEqual([]);
    expect(analyze('hey ok thanks, though please')).toEqual([]);
    // A negated contraction keeps its weight: the passage must negate too (negation.ts reads it as well).
    expect(analyze("weren't")).toEqual(["weren't"]);
  });

  it('indexes a hyphenated compound by its parts and its joined form', () => {
    const terms = analyze('a cyber-attack');
    expect(terms).toContain(stem('cyber'));
    expect(terms).toContain(stem('attack'));
    expect(terms).toContain(stem('cyberattack'));
    expect(analyze('the cyberattack')).toEqual([stem('cyberattack')]);
  });

  it('files an irregular verb form under its verb, so "the news broke" meets "breaking the news"', () => {
    expect(analyze('the news broke').sort()).toEqual(analyze('breaking the news').sort());
    expect(analyze('they met')).toEqual(analyze('a meeting'));
    expect(analyze('it was written')).toEqual(analyze('writes'));
    // A form that is more often another word keeps its own stem.
    expect(analyze('he left')).not.toEqual(analyze('leave'));
  });

  it('keeps dotted abbreviations whole instead of reading "U.S." as the pronoun "us"', () => {
    expect(analyze('provided to the U.S. by Israel')).toEqual(['provid', 'u.s.', 'israel']);
    expect(analyze('tell us')).toEqual([]);
  });

  it('reports word offsets in the original text', () => {
    const text = 'Ask “Lavrov” now';
    const w = words(text).find((x) => x.text === 'lavrov')!;
    expect(text.slice(w.start, w.end)).toBe('Lavrov');
  });
});

describe('the country written "US"', () => {
  it('reads capital "US" as the United States and lower-case "us" as the pronoun', () => {
    expect(analyze('What did Israel give the US?')).toEqual(['israel', 'give', 'u.s.']);
    expect(analyze('What did they give us?')).toEqual(['give']);
  });
});

describe('one normaliser, one word counter', () => {
  it('compares lines and phrases the same way everywhere: quotes, dashes, case and spacing folded', async () => {
    const { normalizeForComparison } = await import('../src/text/analyze.js');
    expect(normalizeForComparison('  “Crown  Jewels” — Israel’s\n')).toBe('"crown jewels" - israel\'s');
  });

  it('counts words holding a letter or a digit, not lone punctuation', async () => {
    const { countWords } = await import('../src/text/analyze.js');
    expect(countWords('The spy — a veteran — left in 2017 .')).toBe(7);
    expect(countWords('   ')).toBe(0);
  });
});
