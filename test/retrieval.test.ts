import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../src/answer/answer-question.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { buildLoadedIndex } from '../src/index-store/build-index.js';
import { buildLexicalIndex, prepareLexicalIndex } from '../src/retrieval/lexical-index.js';
import { buildRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { querySlots } from '../src/retrieval/query-terms.js';
import { DEFAULT_SEARCH, DEFAULT_SLOT_WEIGHTS } from '../src/retrieval/params.js';
import { asksOnlyAboutAbsentThings } from '../src/retrieval/absent-topic.js';
import { slotWeigher } from '../src/retrieval/slot-weights.js';
import { textTerms } from '../src/retrieval/text-terms.js';
import { getLexicon } from '../src/text/lexicon.js';
import type { Passage } from '../src/types.js';
import { makeDocument } from './helpers/index-fixtures.js';

// A made-up wire report, nothing to do with the bundled article, so nothing here is tuned to it.
const REPORT = [
  'Harbour officials in Turkey announced on Monday that the new container terminal will open next spring after years of delays.',
  'The German air force sent six transport aircraft to help with the evacuation, a ministry spokesman confirmed.',
  'Farmers near the border complained that the drought had ruined most of the wheat harvest this year.',
  'A Russian trade delegation signed an agreement to buy fertiliser, and the deal was praised by economists.',
  'Local schools will stay closed for a week because the heating systems failed during the cold snap.',
];

async function answererFor(paragraphs: string[], extra: (passages: Passage[], text: string) => Passage[] = () => []) {
  const { document, passages } = makeDocument('report.txt', paragraphs, 'A wire report');
  const all = [...passages, ...extra(passages, document.text)].map((p, ordinal) => ({ ...p, ordinal, id: `report.txt#${ordinal}` }));
  const embeddings = new LocalEmbeddings();
  const index = await buildLoadedIndex({ documents: [document], passages: all, embeddings });
  return { index, answer: createAnswerer(index, embeddings, { passages: 3, maxPassages: 5 }) };
}

describe('retrieval that survives paraphrase', () => {
  it('finds a country named by its capital', async () => {
    const { answer } = await answererFor(REPORT);
    const reply = await answer('When will the terminal in Ankara open?');
    expect(reply.passages[0]?.passage.text).toContain('container terminal');
  });

  it('matches a demonym to the country name and back', async () => {
    const { answer } = await answererFor(REPORT);
    expect((await answer('What did the delegation from Russia sign?')).passages[0]?.passage.text).toContain('trade delegation');
    expect((await answer('What did Turkish harbour officials announce?')).passages[0]?.passage.text).toContain('container terminal');
  });

  it('finds a city when the question names its country', async () => {
    const { answer } = await answererFor([...REPORT, 'Engineers in Lyon finished repairs to the flooded bridge.', 'Engineers in Hamburg finished repairs to the flooded tunnel.']);
    expect((await answer('What did engineers in Germany repair?')).passages[0]?.passage.text).toContain('Hamburg');
    expect((await answer('What did engineers in France repair?')).passages[0]?.passage.text).toContain('Lyon');
  });

  it('matches a synonym and a different word form', async () => {
    const { answer } = await answererFor(REPORT);
    expect((await answer('Which air forces helped evacuate people?')).passages[0]?.passage.text).toContain('transport aircraft');
    expect((await answer('Why were the schools shut?')).passages[0]?.passage.text).toContain('heating systems');
  });

  it('declines a question that shares a name with the text but asks what it does not say', async () => {
    const { answer } = await answererFor(REPORT);
    const reply = await answer('What is the population of Turkey?');
    expect(reply.answered).toBe(false);
    expect(reply.passages).toEqual([]);
  });

  it('declines a question about a person the text names when none of its other words has any trace in the text', async () => {
    const paragraphs = [...REPORT, 'Pieter Claessen, the Dutch ambassador, told reporters that Pieter Claessen would meet the harbour officials again in May.'];
    const { answer } = await answererFor(paragraphs);
    const reply = await answer('How old is Pieter Claessen?');
    expect(reply.answered).toBe(false);
    expect(reply.passages).toEqual([]);
    // The check declines it, not the threshold: even at a near-zero threshold it declines with the
    // check on, and the names alone carry it with the check off.
    const { index } = await answererFor(paragraphs);
    const lenient = (absentTopics: boolean) => createAnswerer(index, new LocalEmbeddings(), { passages: 3, maxPassages: 5, minRelevance: 0.01 }, { search: { ...DEFAULT_SEARCH, relevance: { ...DEFAULT_SEARCH.relevance, absentTopics } } });
    expect((await lenient(true)('How old is Pieter Claessen?')).answered).toBe(false);
    expect((await lenient(false)('How old is Pieter Claessen?')).answered).toBe(true);
  });

  it('counts a question word as present when the text has only a sibling of it (envoy ~ ambassador, both diplomats)', async () => {
    const { index } = await answererFor([...REPORT, 'Pieter Claessen, the Dutch ambassador, told reporters that Pieter Claessen would meet the harbour officials again in May.']);
    const lexicon = getLexicon();
    const lexical = buildLexicalIndex(index, lexicon);
    const weigh = slotWeigher(lexical, lexicon);
    const isName = (term: string) => (lexical.capitalized.get(term) ?? 0) >= DEFAULT_SLOT_WEIGHTS.nameCapitalized;
    const absent = (q: string) => asksOnlyAboutAbsentThings(querySlots(q, lexicon, undefined, isName), lexical, weigh, lexicon);
    expect(absent('Is Pieter Claessen an envoy?')).toBe(false);
    expect(absent('What did Pieter Claessen tell reporters?')).toBe(false);
    expect(absent('Is Pieter Claessen a surgeon?')).toBe(true);
    // No name shared with the text: nothing to say it is about this text, so no verdict either way.
    expect(absent('Is the surgeon old?')).toBe(false);
  });

  it('does not fill the top quotes with one sentence repeated by overlapping windows', async () => {
    // Windows that overlap by a paragraph, as a splitter with overlap produces.
    const { answer } = await answererFor(REPORT, (passages, text) =>
      passages.slice(0, -1).map((p, i) => {
        const end = passages[i + 1]!.end;
        return { ...p, end, text: text.slice(p.start, end) };
      }),
    );
    const reply = await answer('What did the Russian delegation sign?');
    const firstHighlights = reply.passages.slice(0, 3).map((q) => q.passage.start + (q.highlights[0]?.start ?? -1));
    expect(new Set(firstHighlights).size).toBe(firstHighlights.length);
    expect(reply.passages[0]!.passage.text).toContain('trade delegation');
  });

  it('keeps per-index state with its index: an answerer given a prepared state answers from it, not from a rebuilt one', async () => {
    const { index } = await answererFor(REPORT);
    const lexicon = getLexicon();
    const state = buildRetrievalIndex(index, lexicon);
    const answer = createAnswerer(index, new LocalEmbeddings(), { passages: 3, maxPassages: 5 }, { retrieval: state });
    const reply = await answer('What did the Russian delegation sign?');
    expect(reply.passages[0]!.passage.text).toContain('trade delegation');
    // The scratch table is left clear for the next question.
    expect(state.scratch.seen.every((v) => v === 0)).toBe(true);
    expect(state.scratch.credit.every((v) => v === 0)).toBe(true);
  });
});

describe('terms on both sides', () => {
  const lexicon = getLexicon();

  it('indexes multi-word lemmas, adjective pertainyms and marked hypernyms of the text', () => {
    const terms = textTerms('The Russian air forces bought an airliner', lexicon);
    expect(terms).toContain('air_forc');
    expect(terms).toContain('russia');
    expect(terms).toContain('^airplan');
  });

  it('keeps a noun\'s broader word apart from a verb with the same stem ("administration" is a kind of direction, not of directing)', () => {
    const lexicon = getLexicon();
    expect(textTerms('the administration', lexicon)).toContain('^direct');
    const directs = querySlots('Who directs the agency?', lexicon).find((s) => s.word === 'directs')!;
    expect(directs.alternatives.has('^direct')).toBe(false);
    expect(directs.alternatives.has('^~direct')).toBe(true);
    const plane = querySlots('Which plane crashed?', lexicon).find((s) => s.word === 'plane')!;
    expect(plane.alternatives.has('^plane')).toBe(true);
    expect(textTerms('the airliner', lexicon)).toContain('^plane');
  });

  it('reads a two-digit year or decade as chat types it ("the 79 vote", "back in the 30s") as the four-digit one', () => {
    const lexicon = getLexicon();
    const slots = querySlots('how many voted yes in 79 back in the 30s', lexicon);
    const year = slots.find((s) => s.word === '79')!;
    expect(year.alternatives.get('1979')).toBe(1);
    const decade = slots.find((s) => s.word === '30s')!;
    expect(decade.alternatives.get('1930s')).toBe(1);
    expect(decade.alternatives.get('1931')).toBeGreaterThan(0);
    expect(decade.alternatives.get('1931')).toBeLessThan(1);
  });

  it('meets a superlative through its synonyms in the same degree ("biggest" -> the text\'s "largest")', () => {
    const lexicon = getLexicon();
    const biggest = querySlots('which park is the biggest', lexicon).find((s) => s.word === 'biggest')!;
    expect(biggest.alternatives.get(textTerms('largest', lexicon)[0]!)).toBeGreaterThan(0);
    const bigger = querySlots('the bigger one', lexicon).find((s) => s.word === 'bigger')!;
    expect(bigger.alternatives.get(textTerms('larger', lexicon)[0]!)).toBeGreaterThan(0);
  });

  it('indexes what each part of a compound stands for: "pro-Iranian" is about Iran, as "Iranian" is', () => {
    const lexicon = getLexicon();
    expect(textTerms('a pro-Iranian aide', lexicon)).toContain('iran');
    expect(textTerms('an Iranian aide', lexicon)).toContain('iran');
  });

  it('reads a name typed in lower case as the name: "moscow" meets the Russia the text names, like "Moscow"', () => {
    const lexicon = getLexicon();
    const textNames = (term: string) => term === 'russia';
    const slot = (q: string) => querySlots(q, lexicon, undefined, textNames).find((s) => s.word === 'moscow')!;
    expect(slot('what does moscow want').alternatives.get('russia')).toBeGreaterThan(0);
    expect(Object.fromEntries(slot('what does moscow want').alternatives)).toEqual(Object.fromEntries(slot('What does Moscow want').alternatives));
    const syrian = querySlots('who fights the syrian war', lexicon, undefined, (term) => term === 'syria').find((s) => s.word === 'syrian')!;
    expect(syrian.alternatives.get('syria')).toBeGreaterThan(0);
    // Never through a base form that is a function word: "user" is not "us", the United States.
    const user = querySlots('who is the user', lexicon, undefined, (term) => term === 'unit_state').find((s) => s.word === 'user')!;
    expect(user.alternatives.has('unit_state')).toBe(false);
  });

  it('does not let a word inside a proper name stand alone ("states" in "United States")', () => {
    const terms = textTerms('the United States', lexicon);
    expect(terms).toContain('unit_state');
    expect(terms).not.toContain('state');
  });

  it('makes one slot of a phrase in the question, met fully only by the phrase', () => {
    const slots = querySlots('What about climate change?', lexicon);
    expect(slots).toHaveLength(1);
    expect(slots[0]!.alternatives.get('climat_chang')).toBe(1);
    expect(slots[0]!.alternatives.get('chang')).toBeLessThan(0.5);
  });

  it('does not let a common word meet a name through one of its senses ("best" is also "to trump")', () => {
    const textNames = new Set(['trump', 'bush']);
    const isName = (term: string) => textNames.has(term);
    const [best] = querySlots('What is the best recipe?', lexicon, undefined, isName);
    expect(best!.word).toBe('best');
    expect(best!.alternatives.has('trump')).toBe(false);
    // Without such a name in the text, the same relative is a fair stand-in.
    const [plain] = querySlots('What is the best recipe?', lexicon, undefined, () => false);
    expect(plain!.alternatives.get('trump')).toBeGreaterThan(0);
  });

  it('expands a name only through its proper-noun senses', () => {
    const [trump] = querySlots('Trump', lexicon, undefined, () => true);
    expect([...trump!.alternatives.keys()]).not.toContain('horn');
    const [moscow] = querySlots('Moscow', lexicon, undefined, () => true);
    expect(moscow!.alternatives.get('russia')).toBeGreaterThan(0);
  });
});

describe('preparing a large index without blocking', () => {
  it('builds the same lexical index in slices, letting timers run in between', async () => {
    const lexicon = getLexicon();
    const paragraphs = Array.from({ length: 400 }, (_, i) => `Harbour ${i} reopened after the storm. Ferries ${i} resumed service on Monday. Officials praised crew ${i}.`);
    const { document, passages } = makeDocument('big.txt', paragraphs, 'Many harbours');
    const embeddings = new LocalEmbeddings();
    const index = await buildLoadedIndex({ documents: [document], passages, embeddings });
    const sync = buildLexicalIndex(index, lexicon);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      const sliced = await prepareLexicalIndex(index, lexicon, 50);
      expect(ticks).toBeGreaterThan(0);
      expect(sliced.sentences).toEqual(sync.sentences);
      expect([...sliced.postings.keys()].sort()).toEqual([...sync.postings.keys()].sort());
    } finally {
      clearInterval(timer);
    }
  });
});
