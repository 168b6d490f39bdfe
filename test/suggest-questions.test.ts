// Suggested questions: built from the names the article's own text uses, each verified against the
// real answerer, and looked up by prefix for autocomplete.
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer } from '../src/answer/answer-question.js';
import { buildNameCatalog } from '../src/answer/names.js';
import { buildQuestionSuggestions, suggestionsFrom, type QuestionSuggestions } from '../src/answer/suggest-questions.js';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { buildEvalIndex, readCorpus } from '../eval/eval-index.js';
import type { Answer } from '../src/types.js';
import { repoRoot } from './helpers/run-cli.js';
import { getLexicon } from '../src/text/lexicon.js';

let answer: (q: string) => Promise<Answer>;
let suggestions: QuestionSuggestions;

beforeAll(async () => {
  const embeddings = new LocalEmbeddings();
  const index = await buildEvalIndex(readCorpus(BUNDLED_ARTICLE, repoRoot), embeddings);
  answer = createAnswerer(index, embeddings, { passages: 3, maxPassages: 9 });
  suggestions = await buildQuestionSuggestions(index, buildNameCatalog(index, getLexicon()), answer);
});

describe('suggested questions for the bundled article', () => {
  it('offers questions, not names, and only ones the product answers with good relevance', async () => {
    expect(suggestions.questions.length).toBeGreaterThanOrEqual(8);
    for (const question of suggestions.questions) {
      expect(question).toMatch(/^(?:Who|What) .+\?$/);
      const reply = await answer(question);
      expect(reply.answered, question).toBe(true);
      expect(reply.passages[0]!.score, question).toBeGreaterThanOrEqual(0.3);
    }
  });

  it('asks "Who is …?" about people the text shows to be people, never about a nationality word', () => {
    expect(suggestions.questions).toContain('Who is Ron Dermer?');
    for (const q of suggestions.questions) expect(q).not.toMatch(/^Who is (?:American|Russian|Israeli|Turkish)\?/);
  });

  it('finds questions by the start of the question or of any word, ignoring case', () => {
    expect(suggestions.suggest('who is ron')).toEqual(['Who is Ron Dermer?']);
    expect(suggestions.suggest('DERM')).toEqual(['Who is Ron Dermer?']);
    expect(suggestions.suggest('', 3)).toEqual(suggestions.questions.slice(0, 3));
    expect(suggestions.suggest('zzzz')).toEqual([]);
    expect(suggestions.suggest('w', 25).length).toBeLessThanOrEqual(25);
  });

  it('alternates people and other things when offering a few after a decline', () => {
    const few = suggestions.varied(4);
    expect(few).toHaveLength(4);
    expect(few.filter((q) => q.startsWith('Who ')).length).toBe(2);
  });
});

describe('suggestionsFrom', () => {
  it('ranks questions starting with the prefix before those with a word starting with it, and folds accents', () => {
    const s = suggestionsFrom(['What is Mossad?', 'Who is Möngke?', 'Who is Mark?']);
    expect(s.suggest('mo')).toEqual(['What is Mossad?', 'Who is Möngke?']);
    expect(s.suggest('who is m', 1)).toEqual(['Who is Möngke?']);
    expect(s.suggest('who', 0)).toEqual([]);
  });
});
