import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer } from '../src/answer/answer-question.js';
import { DEFAULT_LIMITS } from '../src/retrieval/params.js';
import { validateQuestion } from '../src/answer/validate-question.js';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { AppError } from '../src/errors.js';
import { buildEvalIndex, readCorpus } from '../eval/eval-index.js';
import type { LoadedIndex } from '../src/index-store/loaded-index.js';
import type { Answer } from '../src/types.js';
import { repoRoot } from './helpers/run-cli.js';

let index: LoadedIndex;
let answer: (q: string) => Promise<Answer>;

beforeAll(async () => {
  const embeddings = new LocalEmbeddings();
  index = await buildEvalIndex(readCorpus(BUNDLED_ARTICLE, repoRoot), embeddings);
  answer = createAnswerer(index, embeddings, { passages: 3, maxPassages: 9 });
});

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error instanceof AppError ? `${error.code}: ${error.message}` : 'not an AppError';
  }
  return 'no error';
};

describe('answering from the bundled article', () => {
  it('quotes passages word for word from the article, best first, with scores in [0, 1]', async () => {
    const reply = await answer('Who did Trump share the secret intelligence with?');
    expect(reply.answered).toBe(true);
    expect(reply.passages.length).toBeGreaterThan(3);
    expect(reply.passages.length).toBeLessThanOrEqual(9);
    const document = index.documents[0]!;
    for (const q of reply.passages) {
      expect(document.text.slice(q.passage.start, q.passage.end)).toBe(q.passage.text);
      expect(q.score).toBeGreaterThanOrEqual(0);
      expect(q.score).toBeLessThanOrEqual(1);
      expect(q.source).toBe(document.metadata.title ?? document.id);
    }
    const scores = reply.passages.map((p) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(reply.passages[0]!.passage.text).toContain('Sergey Lavrov');
  });

  it('marks the answering sentence inside the passage, as whole non-overlapping spans', async () => {
    const reply = await answer('Which spy scandal damaged trust in the 1980s?');
    const top = reply.passages[0]!;
    expect(top.highlights.length).toBeGreaterThan(0);
    let previousEnd = 0;
    for (const h of top.highlights) {
      expect(h.start).toBeGreaterThanOrEqual(previousEnd);
      expect(h.end).toBeLessThanOrEqual(top.passage.text.length);
      previousEnd = h.end;
    }
    const marked = top.highlights.map((h) => top.passage.text.slice(h.start, h.end)).join(' ');
    expect(marked).toContain('Jonathan Pollard');
    expect(marked.trim()).toBe(marked);
  });

  it('does not highlight the same sentence in two of the first three quotes', async () => {
    const reply = await answer('What did the Israeli intelligence officer say about Russia?');
    const sentences = reply.passages.slice(0, 3).flatMap((q) => q.highlights.map((h) => q.passage.start + h.start));
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it('answers questions worded differently from the article (capital for country, demonym, synonyms)', async () => {
    const cases: [string, string][] = [
      ["Who are Moscow's partners in the Syrian war?", 'Iran and Hezbollah'],
      ['What arrangements exist between the Israeli and Russian warplanes?', 'prevent friction'],
      ['Which espionage affair from the eighties hurt trust?', 'Jonathan Pollard'],
    ];
    for (const [question, expected] of cases) {
      const reply = await answer(question);
      expect(reply.answered, question).toBe(true);
      expect(reply.passages.slice(0, 3).some((q) => q.passage.text.includes(expected)), question).toBe(true);
    }
  });

  it('declines look-alike questions that reuse the article\'s names but ask what it does not say', async () => {
    for (const question of ['What is the population of Israel?', 'When was Erdogan first elected?', 'What is the capital of France?', 'How many soldiers does Russia have stationed in Syria?']) {
      const reply = await answer(question);
      expect(reply.answered, question).toBe(false);
      expect(reply.passages).toEqual([]);
    }
  });

  it('when declining, suggests what the article does cover: its title and leading topics', async () => {
    const reply = await answer('What does the article say about climate change?');
    expect(reply.answered).toBe(false);
    expect(reply.suggestions[0]).toBe(index.documents[0]!.metadata.title);
    expect(reply.suggestions.length).toBeGreaterThan(2);
    for (const s of reply.suggestions) expect(s.length).toBeLessThan(120);
  });

  it('honours a configured relevance threshold: 1 declines everything, 0 answers anything', async () => {
    const embeddings = new LocalEmbeddings();
    const strict = createAnswerer(index, embeddings, { passages: 3, maxPassages: 9, minRelevance: 1.01 });
    expect((await strict('Who did Trump share the secret intelligence with?')).answered).toBe(false);
    const lax = createAnswerer(index, embeddings, { passages: 3, maxPassages: 9, minRelevance: 0 });
    expect((await lax('What is the population of Israel?')).answered).toBe(true);
  });

  it('does not pad a strong answer with passages that barely relate to the question', async () => {
    for (const question of ['Who is Ron Dermer?', 'Which spy scandal damaged trust in the 1980s?', 'Who did Trump share the secret intelligence with?']) {
      const reply = await answer(question);
      const best = reply.passages[0]!.score;
      for (const q of reply.passages) expect(q.score, question).toBeGreaterThanOrEqual(DEFAULT_LIMITS.relatedScoreShare * best);
    }
    // A question about one named person is answered by the passage that names him, not a list of filler.
    const dermer = await answer('Who is Ron Dermer?');
    expect(dermer.passages[0]!.passage.text).toContain('Ron Dermer');
    expect(dermer.passages.length).toBeLessThan(9);
  });

  it('keeps at most maxPassages', async () => {
    const few = createAnswerer(index, new LocalEmbeddings(), { passages: 2, maxPassages: 2 });
    expect((await few('Why is Trump described as triply compromised?')).passages).toHaveLength(2);
  });
});

describe('validating questions', () => {
  it('trims and accepts an ordinary question', () => {
    expect(validateQuestion('  Who leaked it?  ', 500)).toBe('Who leaked it?');
  });

  it('rejects an empty or punctuation-only question with a one-line message', () => {
    expect(codeOf(() => validateQuestion('   ', 500))).toMatch(/^QUESTION_EMPTY: [^\n]+$/);
    expect(codeOf(() => validateQuestion('?!', 500))).toMatch(/^QUESTION_EMPTY/);
  });

  it('rejects a 10,000-character question, saying the limit', () => {
    const message = codeOf(() => validateQuestion('why '.repeat(2500), 500));
    expect(message).toMatch(/^QUESTION_TOO_LONG: [^\n]+$/);
    expect(message).toContain('500');
  });
});
