// The learned reranker: the word-level evidence it adds (proximity, order, BM25), that the fitted
// model matches the feature list, and that it lifts the passage where the question's words stand
// together over one that only scatters them.
import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../src/answer/answer-question.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { buildLoadedIndex } from '../src/index-store/build-index.js';
import { DEFAULT_RANK, DEFAULT_SEARCH } from '../src/retrieval/params.js';
import { querySlots } from '../src/retrieval/query-terms.js';
import { passageMatches, passageWords, RERANK_FEATURES, rerankQuestion, rerankScore } from '../src/retrieval/rerank.js';
import { RERANK_WEIGHTS } from '../src/retrieval/rerank-weights.js';
import { buildRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { getLexicon } from '../src/text/lexicon.js';
import { makeDocument } from './helpers/index-fixtures.js';

const lexicon = getLexicon();

async function stateFor(paragraphs: string[]) {
  const { document, passages } = makeDocument('notes.txt', paragraphs, 'Notes');
  const embeddings = new LocalEmbeddings();
  const index = await buildLoadedIndex({ documents: [document], passages, embeddings });
  return { index, embeddings, state: buildRetrievalIndex(index, lexicon) };
}

describe('reranker features', () => {
  it('sees question words standing together and in order, which a bag of words cannot', async () => {
    const together = 'The harbour crane lifted the red container onto the ship before noon.';
    const scattered = 'A crane was parked by the old station while the red paint dried slowly in the sun all week. Later the harbour closed for the winter, and workers from the town found one container left on the quay.';
    const { state } = await stateFor([together, scattered]);
    const slots = querySlots('harbour crane container', lexicon);
    const q = rerankQuestion('What did the harbour crane lift into the container?', slots, slots.map(() => 1), state.lexical, undefined);
    const near = passageMatches(q, passageWords(together, 0), 10, 10);
    const far = passageMatches(q, passageWords(scattered, together.length + 2), 10, 10);
    expect(near.bigrams).toBeGreaterThan(far.bigrams);
    expect(near.windowCoverage).toBeGreaterThan(far.windowCoverage);
    // Same words, same counts and length: the same BM25.
    expect(near.bm25Passage).toBeCloseTo(far.bm25Passage, 6);
    expect(q.asks[0]).toBe(1); // "what"
  });

  it('walks boosted trees on top of the linear part', () => {
    const tree = { feature: [1, -1, -1], threshold: [0.5, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, -1, 2] };
    const model = { weights: [1], trees: [tree] };
    expect(rerankScore(model, [0.25, 0.2])).toBeCloseTo(0.25 - 1);
    expect(rerankScore(model, [0.25, 0.9])).toBeCloseTo(0.25 + 2);
  });

  it('ships a model with one weight per feature', () => {
    expect(RERANK_WEIGHTS?.weights).toHaveLength(RERANK_FEATURES.length);
    expect(DEFAULT_SEARCH.rerank).toBe(RERANK_WEIGHTS);
  });
});

describe('reranked answers', () => {
  const paragraphs = [
    'Engineers said the bridge would reopen in March. The old tunnel, which floods every winter, is being closed for good, and traffic will move to the bridge.',
    'The tunnel under the river floods every winter, the engineers said, so a pump station will be built beside it this year.',
    'Ferry services across the river were cut last month because of low demand.',
  ];

  it('quotes the passage that states the question\'s words together first', async () => {
    const { index, embeddings } = await stateFor(paragraphs);
    const answer = createAnswerer(index, embeddings, { passages: 3, maxPassages: 3 });
    const reply = await answer('What will be built beside the tunnel that floods?');
    expect(reply.answered).toBe(true);
    expect(reply.passages[0]?.passage.text).toContain('pump station');
  });

  it('keeps the first-pass order when no model is given', async () => {
    const { index, embeddings } = await stateFor(paragraphs);
    const plain = createAnswerer(index, embeddings, { passages: 3, maxPassages: 3 }, { search: { ...DEFAULT_SEARCH, rerank: undefined, rank: DEFAULT_RANK } });
    const reply = await plain('Why were ferry services cut?');
    expect(reply.passages[0]?.passage.text).toContain('Ferry services');
  });
});
