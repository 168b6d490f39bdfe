// A word typed wrong in a chat question is read as the one word of the text it is a letter away from;
// a real English word the text does not use is never "corrected".
import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../src/answer/answer-question.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { buildLoadedIndex } from '../src/index-store/build-index.js';
import { buildRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { correctTypos, oneEditApart } from '../src/retrieval/typos.js';
import { getLexicon } from '../src/text/lexicon.js';
import { makeDocument } from './helpers/index-fixtures.js';

const PARAGRAPHS = [
  'The harbour master Pieter Claessen closed the old Valdoria harbour to cargo ships on Monday.',
  'Dredging would cost more than the port earns in twenty years, the authority said.',
  'Fishermen protested outside the town hall and asked the council for a delay.',
];

async function harbour() {
  const { document, passages } = makeDocument('harbour.txt', PARAGRAPHS);
  const embeddings = new LocalEmbeddings();
  const index = await buildLoadedIndex({ documents: [document], passages, embeddings });
  return { index, embeddings, state: buildRetrievalIndex(index, getLexicon()) };
}

describe('typos in a question', () => {
  it('knows one edit: a letter added, dropped, changed, or two neighbours swapped', () => {
    for (const [a, b] of [['claessen', 'claesen'], ['valdoria', 'valdorai'], ['valdoria', 'valdorja'], ['dredging', 'dredgingg']]) expect(oneEditApart(a!, b!), `${a} ${b}`).toBe(true);
    for (const [a, b] of [['claessen', 'clasen'], ['valdoria', 'vladorai'], ['harbour', 'harbour']]) expect(oneEditApart(a!, b!), `${a} ${b}`).toBe(false);
  });

  it('reads an unknown word as the one text word a letter away, and leaves real words and far misses alone', async () => {
    const { state } = await harbour();
    const lexicon = getLexicon();
    expect(correctTypos('who is pieter claesen', state.lexical, lexicon)).toBe('who is pieter claessen');
    expect(correctTypos('what did the valdorja port close', state.lexical, lexicon)).toBe('what did the valdoria port close');
    // "harbor" is an English word (WordNet knows it): never rewritten, whatever the text spells.
    expect(correctTypos('which harbor closed', state.lexical, lexicon)).toBe('which harbor closed');
    expect(correctTypos('who is pieter clasenn', state.lexical, lexicon)).toBe('who is pieter clasenn');
  });

  it('answers the mistyped question like the well-typed one', async () => {
    const { index, embeddings } = await harbour();
    const answer = createAnswerer(index, embeddings, { passages: 3, maxPassages: 5 });
    const right = await answer('Who closed the Valdoria harbour?');
    const typed = await answer('who closed the valdorai harbour');
    expect(typed.answered).toBe(true);
    expect(typed.passages[0]!.passage.id).toBe(right.passages[0]!.passage.id);
  });
});
