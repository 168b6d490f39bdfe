// The looser evidence the reranker weighs beyond a question word's own WordNet stand-ins: the words of
// its definition, the kinds of thing a "what X" question asks for (Brazil is a country), and what a
// passage word is filed under a few steps up WordNet (plague -> disease). These reach passages that
// say the answer in other words than the question, which synonyms alone miss.
import { describe, expect, it } from 'vitest';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { buildLoadedIndex } from '../src/index-store/build-index.js';
import { answerKind } from '../src/retrieval/answer-type.js';
import { glossBridge } from '../src/retrieval/bridge-terms.js';
import { DEFAULT_BRIDGE, DEFAULT_SEARCH } from '../src/retrieval/params.js';
import { querySlots } from '../src/retrieval/query-terms.js';
import { RERANK_FEATURES } from '../src/retrieval/rerank.js';
import { buildRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { createSearcher } from '../src/retrieval/search.js';
import { isContentWord } from '../src/text/analyze.js';
import { getLexicon } from '../src/text/lexicon.js';
import { makeDocument } from './helpers/index-fixtures.js';

const lexicon = getLexicon();
const isNoun = (w: string) => isContentWord(w) && lexicon.isNoun(w);

describe('what a question asks for', () => {
  it('reads the kind of thing a "what/which X" question wants', () => {
    expect(answerKind('In what country can most of the rainforest be found?', isNoun)).toBe('country');
    expect(answerKind('Which river flows through Basel?', isNoun)).toBe('river');
    expect(answerKind('What type of rock is granite?', isNoun)).toBe('rock');
  });

  it('finds none where the question names no kind', () => {
    expect(answerKind('What is a ctenophore?', isNoun)).toBeUndefined();
    expect(answerKind('What happened to the ship?', isNoun)).toBeUndefined();
    expect(answerKind('Who founded the city?', isNoun)).toBeUndefined();
  });
});

describe('WordNet bridges', () => {
  it('gathers the kinds of a thing, instances included, and not the thing itself', () => {
    expect(lexicon.nounHyponyms('country')).toContain('brazil');
    expect(lexicon.nounHyponyms('rock')).toContain('granite');
    expect(lexicon.nounHyponyms('country')).not.toContain('granite');
    expect(lexicon.nounHyponyms('country')).not.toContain('country');
  });

  it('bridges a question word to the words of its definition, not to the commonest gloss words', () => {
    const slots = querySlots('pharmacist', lexicon);
    const bridge = glossBridge(slots, lexicon, DEFAULT_BRIDGE);
    expect(bridge.has('drug')).toBe(true);
    expect(bridge.has('person')).toBe(false);
  });
});

describe('the reranker sees them', () => {
  it('marks the passage holding a kind of the asked thing, and the one using a question word\'s definition', async () => {
    const paragraphs = [
      'Most of the forest lies within Brazil, with smaller shares elsewhere in the basin.',
      'The forest covers a basin that spans several regions and is home to many species.',
      'Shops preparing and selling drugs arrived in the port towns that summer.',
    ];
    const { document, passages } = makeDocument('notes.txt', paragraphs, 'Notes');
    const embeddings = new LocalEmbeddings();
    const index = await buildLoadedIndex({ documents: [document], passages, embeddings });
    const rows: { passage: number; features: number[] }[][] = [];
    const search = createSearcher(buildRetrievalIndex(index, lexicon), embeddings, DEFAULT_SEARCH, { observe: (r) => rows.push(r) });
    const feature = (row: { features: number[] }, name: (typeof RERANK_FEATURES)[number]) => row.features[RERANK_FEATURES.indexOf(name)]!;
    const textOf = (p: number) => index.passages[p]!.text;

    await search('In what country does most of the forest lie?', 3);
    const brazil = rows[0]!.find((r) => textOf(r.passage).includes('Brazil'))!;
    const other = rows[0]!.find((r) => textOf(r.passage).includes('several regions'))!;
    expect(feature(brazil, 'kindSentence')).toBe(1);
    expect(feature(other, 'kindSentence')).toBe(0);

    await search('When did the pharmacists arrive?', 3);
    const drugs = rows[1]!.find((r) => textOf(r.passage).includes('drugs'))!;
    expect(feature(drugs, 'glossSentence')).toBeGreaterThan(0);
  });
});
