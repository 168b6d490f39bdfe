import { describe, expect, it } from 'vitest';
import { withoutAskerFrame } from '../src/retrieval/asker.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { buildLoadedIndex } from '../src/index-store/build-index.js';
import { DEFAULT_SEARCH } from '../src/retrieval/params.js';
import { buildRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { createSearcher } from '../src/retrieval/search.js';
import { cleanQuestion } from '../src/text/clean-question.js';
import { getLexicon } from '../src/text/lexicon.js';
import { makeDocument } from './helpers/index-fixtures.js';

describe('first-person frames around a question', () => {
  it('removes why and how the asker asks, keeping the question proper', () => {
    const cases: [string, string, boolean][] = [
      ["I'm writing a paper on the harbour, when did it close?", 'the harbour, when did it close?', false],
      ['for my geography class i need to know why the port closed', 'why the port closed', false],
      ['ok so i always wondered who runs the ferry', 'ok so who runs the ferry', false],
      ["I don't get how the dredging works, can you explain?", 'how the dredging works', false],
      ["I'm curious, how deep is the terminal?", 'how deep is the terminal?', false],
      ['I have a history exam tomorrow, who built the tower?', 'who built the tower?', false],
      ["my dad says the harbour wasn't dredged, is that true?", "the harbour wasn't dredged", true],
      ['i heard the mayor promised a delay, true?', 'the mayor promised a delay', true],
    ];
    for (const [question, text, claim] of cases) expect(withoutAskerFrame(question), question).toEqual({ text, claim });
  });

  it('leaves the asker\'s own situation and ordinary questions alone', () => {
    for (const question of ['my son has a fever, should I take him to the doctor', 'I want to learn French, what app should I use?', 'What determines whether the tentacles are on the balancers or not?', 'Who said the harbour would close?', 'i need a recipe for soup']) {
      expect(withoutAskerFrame(question), question).toEqual({ text: question, claim: false });
    }
  });

  it("judges the question proper: the asker's negation and a checked claim's are not the question's", async () => {
    const paragraphs = [
      'The port authority of Valdoria closed the old harbour to cargo ships in 2019 after a decade of silting.',
      'Dredging the harbour would cost more than the city earns from it in twenty years, the authority said.',
      'Fishermen keep their boats in the old harbour, and the mayor promised they would keep their moorings.',
    ];
    const { document, passages } = makeDocument('harbour.txt', paragraphs, 'Harbour');
    const embeddings = new LocalEmbeddings();
    const index = await buildLoadedIndex({ documents: [document], passages, embeddings });
    const state = buildRetrievalIndex(index, getLexicon());
    const framed = createSearcher(state, embeddings, DEFAULT_SEARCH);
    const unframed = createSearcher(state, embeddings, { ...DEFAULT_SEARCH, askerFrames: false });
    for (const question of ["I don't understand why dredging the harbour costs so much", "my uncle says the harbour isn't closed to cargo ships, is that right?"]) {
      const typed = cleanQuestion(question);
      expect((await framed(typed, 3)).question, question).toMatchObject({ negated: false, personal: false });
      expect((await unframed(typed, 3)).question, question).toMatchObject({ negated: true, personal: true });
    }
    // "I'm writing a report on ...": the report is not searched for.
    const report = await framed(cleanQuestion("I'm writing a report on Valdoria, why was the harbour closed?"), 3);
    expect(report.passages[0]!.passage).toBe(0);
  });
});
