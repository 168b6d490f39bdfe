import { describe, expect, it } from 'vitest';
import { splitSentences } from '../src/text/split-sentences.js';

const sentences = (text: string): string[] => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('keeps a sentence whole across "U.S." followed by a lowercase word', () => {
    const text =
      'Ironically, just when the New York Times and other American news organizations were breaking the news that the secret intelligence President Donald Trump shared last week with Russian Foreign Minister Sergey Lavrov had been provided to the U.S. by Israel, Trump was in a meeting with Turkish President Recep Tayyip Erdogan. This is the same Erdogan who appointed a pro-Iranian aide to head Turkey\'s intelligence service.';
    expect(sentences(text)).toEqual([
      'Ironically, just when the New York Times and other American news organizations were breaking the news that the secret intelligence President Donald Trump shared last week with Russian Foreign Minister Sergey Lavrov had been provided to the U.S. by Israel, Trump was in a meeting with Turkish President Recep Tayyip Erdogan.',
      "This is the same Erdogan who appointed a pro-Iranian aide to head Turkey's intelligence service.",
    ]);
  });

  it('does not break after a hyphenated acronym followed by a capitalised name ("Israel-U.S. Stuxnet")', () => {
    const text = 'Obama gave the go-ahead for the joint Israel-U.S. Stuxnet cyber-attack against Iran. It worked.';
    expect(sentences(text)).toEqual(['Obama gave the go-ahead for the joint Israel-U.S. Stuxnet cyber-attack against Iran.', 'It worked.']);
  });

  it('breaks after an acronym when the next word plainly starts a sentence', () => {
    expect(sentences('The file was handed to the U.S. The allies were not told.')).toEqual(['The file was handed to the U.S.', 'The allies were not told.']);
    expect(sentences('The meeting began at 9 a.m. It ended at noon.')).toEqual(['The meeting began at 9 a.m.', 'It ended at noon.']);
  });

  it('does not break after titles, initials, "No." before a number, or inside decimals', () => {
    expect(sentences('Mr. Smith met Dr. Jones on St. Mark\'s Place. They talked.')).toEqual(["Mr. Smith met Dr. Jones on St. Mark's Place.", 'They talked.']);
    expect(sentences('George W. Bush and J. R. R. Tolkien never met. Nobody asked.')).toEqual(['George W. Bush and J. R. R. Tolkien never met.', 'Nobody asked.']);
    expect(sentences('It was ranked No. 1 with 3.5 points. Then it fell.')).toEqual(['It was ranked No. 1 with 3.5 points.', 'Then it fell.']);
    expect(sentences('They met at 10 a.m. Eastern time in Washington, D.C. on Tuesday.')).toHaveLength(1);
  });

  it('keeps a closing quote after the period with its sentence', () => {
    const text =
      'As one officer put it, “we share mutual respect with Russia, but we’re just coordinating with them, not cooperating”. The intelligence-sharing isn’t about to end.';
    expect(sentences(text)).toEqual([
      'As one officer put it, “we share mutual respect with Russia, but we’re just coordinating with them, not cooperating”.',
      'The intelligence-sharing isn’t about to end.',
    ]);
    expect(sentences('He said, “It is over.” Then he left.')).toEqual(['He said, “It is over.”', 'Then he left.']);
  });

  it('does not break inside a quotation, and a quote followed by "said" stays one sentence', () => {
    expect(sentences('"We literally give them the crown jewels," said one senior officer. He smiled.')).toEqual([
      '"We literally give them the crown jewels," said one senior officer.',
      'He smiled.',
    ]);
    expect(sentences('“It is done. We leave tonight,” the captain said. Nobody moved.')).toEqual([
      '“It is done. We leave tonight,” the captain said.',
      'Nobody moved.',
    ]);
  });

  it('is not swallowed by an unbalanced quotation mark', () => {
    expect(sentences('“This quote never closes. The next sentence is separate. So is this one.')).toHaveLength(3);
  });

  it('ends sentences at question marks, exclamation marks and a blank line', () => {
    expect(sentences('Is it true? Yes! It is.')).toEqual(['Is it true?', 'Yes!', 'It is.']);
    expect(sentences('A heading without a period\n\nThe paragraph after it.')).toEqual(['A heading without a period', 'The paragraph after it.']);
    expect(sentences('It ended.\n\n>> A promotion line >>')).toEqual(['It ended.', '>> A promotion line >>']);
  });

  it('returns trimmed spans that point into the original text', () => {
    const text = '  First one.   Second one?\n\n  Third one  ';
    const spans = splitSentences(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['First one.', 'Second one?', 'Third one']);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(text.slice(s.start, s.end).trim());
    expect(splitSentences('   ')).toEqual([]);
    expect(splitSentences('')).toEqual([]);
  });
});
