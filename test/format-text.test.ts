import { describe, expect, it } from 'vitest';
import { answerToJson, formatAnswerText, markHighlights } from '../src/format/format-text.js';
import type { Answer, QuotedPassage } from '../src/types.js';

function quoted(text: string, source: string, paragraph: number, highlights = [{ start: 0, end: text.length }]): QuotedPassage {
  return {
    passage: { id: `${source}#${paragraph}`, documentId: source, ordinal: paragraph - 1, paragraph, start: 100, end: 100 + text.length, text },
    source,
    score: 0.8,
    highlights,
  };
}

const answer = (passages: QuotedPassage[]): Answer => ({ question: 'q?', answered: passages.length > 0, passages, suggestions: ['The leak of intelligence to Russia'] });

describe('formatAnswerText', () => {
  it('quotes the answering sentence in bold with just enough of its passage, cites the article once and says relevance once', () => {
    const text = 'First sentence. The answer is here. Last one.';
    const out = formatAnswerText(answer([quoted(text, 'My Article', 4, [{ start: 16, end: 35 }]), quoted('Other text here.', 'My Article', 6)]), { count: 3, fullHint: 'add --all' });
    expect(out).toContain('From “My Article”');
    expect(out).toContain('> First sentence. **The answer is here.** …');
    expect(out).toMatch(/^\[1\] paragraph 4$/m);
    expect(out.match(/relevance/gi)).toHaveLength(1);
    expect(out).toMatch(/Relevance of the best passage: 0\.80 .*higher means/);
    expect(out).toMatch(/add --all to read them whole/);
  });

  it('shows whole passages when asked for them in full', () => {
    const text = 'First sentence. The answer is here. Last one.';
    const out = formatAnswerText(answer([quoted(text, 'My Article', 4, [{ start: 16, end: 35 }])]), { count: 3, full: true });
    expect(out).toContain('> First sentence. **The answer is here.** Last one.');
    expect(out).not.toContain('…');
  });

  it('links the source when the document came from a URL', () => {
    const q = quoted('One.', 'Web Article', 1);
    q.passage.documentId = 'https://example.com/a';
    expect(formatAnswerText(answer([q]), { count: 3 })).toContain('From “Web Article” <https://example.com/a>');
  });

  it('names the source of every passage when they come from different documents', () => {
    const out = formatAnswerText(answer([quoted('One.', 'Article A', 1), quoted('Two.', 'Article B', 2)]), { count: 3 });
    expect(out).toContain('[1] “Article A”, paragraph 1');
    expect(out).toContain('[2] “Article B”, paragraph 2');
  });

  it('pages through passages and says how many remain', () => {
    const passages = [1, 2, 3, 4, 5].map((n) => quoted(`Passage ${n}.`, 'A', n));
    expect(formatAnswerText(answer(passages), { count: 2, moreHint: 'type "more"' })).toMatch(/3 more passages: type "more"/);
    const page2 = formatAnswerText(answer(passages), { offset: 2, count: 2 });
    expect(page2).toContain('[3]');
    expect(page2).not.toContain('[1]');
    expect(formatAnswerText(answer(passages), { offset: 5, count: 2 })).toBe('No more passages for this question.');
  });

  it('offers questions the article can answer when declining, when the suggestions are questions', () => {
    const out = formatAnswerText({ question: 'q?', answered: false, passages: [], suggestions: ['Who is Ron Dermer?', 'What is Mossad?'] }, { count: 3 });
    expect(out).toContain('Questions it can answer:');
    expect(out).toContain('- Who is Ron Dermer?');
  });

  it('declines without quoting anything and offers what the article covers', () => {
    const out = formatAnswerText(answer([]), { count: 3 });
    expect(out).toMatch(/doesn't seem to cover/);
    expect(out).not.toMatch(/^>/m);
    expect(out).toContain('- The leak of intelligence to Russia');
  });
});

describe('markHighlights', () => {
  it('never leaves a bold marker open on a line, even when a highlight crosses a line break', () => {
    const marked = markHighlights('alpha beta\ngamma delta', [{ start: 6, end: 16 }]);
    for (const line of marked.split('\n')) expect((line.match(/\*\*/g) ?? []).length % 2).toBe(0);
    expect(marked).toBe('alpha **beta**\n**gamma** delta');
  });

  it('ignores empty, overlapping and out-of-range highlights without losing text', () => {
    const text = 'abcdefghij';
    const marked = markHighlights(text, [{ start: 2, end: 5 }, { start: 4, end: 8 }, { start: 9, end: 9 }, { start: 8, end: 50 }]);
    expect(marked.replaceAll('**', '')).toBe(text);
  });
});

describe('answerToJson', () => {
  it('keeps exactly the documented keys and the exact passage text', () => {
    const json = answerToJson(answer([quoted('Exact “quoted” text.', 'A', 2, [{ start: 0, end: 5 }])]));
    expect(Object.keys(json)).toEqual(['question', 'answered', 'passages']);
    expect(Object.keys(json.passages[0]!)).toEqual(['text', 'document', 'paragraph', 'start', 'end', 'score', 'highlight']);
    expect(json.passages[0]!.text).toBe('Exact “quoted” text.');
    expect(json.passages[0]!.highlight).toEqual([{ start: 0, end: 5 }]);
  });
});
