import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../src/answer/answer-question.js';
import { decide, firstPassageFactor, libraryScale, passageRelevance } from '../src/answer/relevance.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { buildLoadedIndex } from '../src/index-store/build-index.js';
import type { RankedPassage } from '../src/retrieval/choose-passages.js';
import { DEFAULT_RELEVANCE } from '../src/retrieval/params.js';
import type { QuestionEvidence, SearchResult } from '../src/retrieval/search.js';
import type { DocumentEvidence } from '../src/retrieval/document-evidence.js';
import { makeDocument } from './helpers/index-fixtures.js';

const ranked = (sentence: number, passage: number, answerTypeFound = false): RankedPassage => ({ passage: 0, score: 0.5, highlights: [], evidence: { sentence, passage, answerTypeFound, missing: 0 } });
const plain: QuestionEvidence = { namesShared: true, wanted: undefined, onlyAbsentThings: false, absent: 0, negated: false, arithmetic: false, personal: false, refersBack: false };

describe('deciding whether to answer', () => {
  it('answers when the best passage covers enough of the question, and says how much', () => {
    const decision = decide({ passages: [ranked(0.6, 0.4)], question: plain, negationShare: 0, indexSentences: 100 }, DEFAULT_RELEVANCE);
    expect(decision.answered).toBe(true);
    expect(decision.relevance).toBeCloseTo(0.5);
    expect(decide({ passages: [ranked(0.1, 0.1)], question: plain, negationShare: 0, indexSentences: 100 }, DEFAULT_RELEVANCE).answered).toBe(false);
    expect(decide({ passages: [], question: plain, negationShare: 0, indexSentences: 100 }, DEFAULT_RELEVANCE)).toMatchObject({ answered: false, relevance: 0 });
  });

  it('holds a "when" question without a date to a stricter standard', () => {
    const when: QuestionEvidence = { ...plain, wanted: 'quantity' };
    expect(passageRelevance(ranked(0.4, 0.4, false), when, DEFAULT_RELEVANCE)).toBeCloseTo(0.4 * DEFAULT_RELEVANCE.missingQuantity);
    expect(passageRelevance(ranked(0.4, 0.4, true), when, DEFAULT_RELEVANCE)).toBeCloseTo(0.4);
  });

  it('discounts a question that names nothing of the text and asks about something foreign to it', () => {
    const foreign: QuestionEvidence = { ...plain, namesShared: false, absent: 0.4 };
    const relevance = passageRelevance(ranked(0.2, 0.2), foreign, DEFAULT_RELEVANCE);
    expect(relevance).toBeCloseTo(0.2 * DEFAULT_RELEVANCE.withoutSharedName * DEFAULT_RELEVANCE.foreignFactor);
    expect(relevance).toBeLessThan(DEFAULT_RELEVANCE.minRelevance);
    // Its words all found somewhere in the text: only the no-shared-name discount applies.
    expect(passageRelevance(ranked(0.2, 0.2), { ...foreign, absent: 0 }, DEFAULT_RELEVANCE)).toBeGreaterThanOrEqual(DEFAULT_RELEVANCE.minRelevance);
    expect(passageRelevance(ranked(0.9, 0.9), { ...plain, onlyAbsentThings: true }, DEFAULT_RELEVANCE)).toBe(0);
  });
});

describe('rules on the first passage', () => {
  const result = (over: Partial<SearchResult> = {}, question: Partial<QuestionEvidence> = {}): SearchResult => ({
    passages: [ranked(0.6, 0.6)],
    question: { ...plain, ...question },
    negationShare: 1,
    indexSentences: 100,
    literal: { sentence: 0.3, passage: 0.3, unmatched: 0.5, unmatchedWeight: 0.9, unmatchedName: false, unmatchedElsewhere: false, unmatchedKnown: true, words: 3 },
    ...over,
  });

  it('holds a library-scale index to the question’s own words, and one article not', () => {
    // One article: paraphrases need WordNet's stand-ins, so a passage holding few words literally still answers.
    expect(firstPassageFactor(result(), DEFAULT_RELEVANCE)).toBe(1);
    expect(decide(result({ indexSentences: 80_000 }), DEFAULT_RELEVANCE).answered).toBe(false);
    // The passage holds most of the question and the missing word is used elsewhere in the library.
    const fitting = { sentence: 0.7, passage: 0.7, unmatched: 0.3, unmatchedWeight: 0.5, unmatchedName: false, unmatchedElsewhere: true, unmatchedKnown: true, words: 3 };
    expect(decide(result({ indexSentences: 80_000, literal: fitting }), DEFAULT_RELEVANCE).answered).toBe(true);
    // A typo is missing everywhere too, but says nothing.
    expect(decide(result({ indexSentences: 80_000, literal: { ...fitting, unmatchedElsewhere: false, unmatchedKnown: false } }), DEFAULT_RELEVANCE).answered).toBe(true);
    expect(decide(result({ indexSentences: 80_000, literal: { ...fitting, unmatchedElsewhere: false } }), DEFAULT_RELEVANCE).answered).toBe(false);
  });

  it('demands the question’s own words more as the index grows, from nothing below library scale to full at it', () => {
    const { broadSentences, broadFullSentences } = DEFAULT_RELEVANCE;
    expect(libraryScale(broadSentences - 1, DEFAULT_RELEVANCE)).toBe(0);
    expect(libraryScale(broadFullSentences, DEFAULT_RELEVANCE)).toBe(1);
    const halfway = Math.round(Math.sqrt(broadSentences * broadFullSentences));
    expect(libraryScale(halfway, DEFAULT_RELEVANCE)).toBeCloseTo(0.5, 3);
    // A third of the question literally, its missing word (0.5 of the weight) used elsewhere: enough halfway, not at full scale.
    const partial = { sentence: 0.3, passage: 0.3, unmatched: 0.5, unmatchedWeight: 0.9, unmatchedName: false, unmatchedElsewhere: true, unmatchedKnown: true, words: 3 };
    expect(decide(result({ indexSentences: halfway, literal: partial }), DEFAULT_RELEVANCE).answered).toBe(true);
    expect(decide(result({ indexSentences: broadFullSentences, literal: partial }), DEFAULT_RELEVANCE).answered).toBe(false);
    // A known word carrying 0.5 of the weight missing from the whole index: halfway the bar is 0.65, at full scale 0.3.
    const absent = { ...partial, passage: 0.5, unmatchedElsewhere: false };
    expect(decide(result({ indexSentences: halfway, literal: absent }), DEFAULT_RELEVANCE).answered).toBe(true);
    expect(decide(result({ indexSentences: broadFullSentences, literal: absent }), DEFAULT_RELEVANCE).answered).toBe(false);
    expect(decide(result({ indexSentences: halfway, literal: { ...absent, unmatched: 0.7 } }), DEFAULT_RELEVANCE).answered).toBe(false);
  });

  it('declines a negated question only when no passage near the top negates anything', () => {
    expect(decide(result({ negationShare: 0 }, { negated: true }), DEFAULT_RELEVANCE).answered).toBe(false);
    expect(decide(result({ negationShare: 0.9 }, { negated: true }), DEFAULT_RELEVANCE).answered).toBe(true);
    expect(decide(result({ negationShare: 0 }), DEFAULT_RELEVANCE).answered).toBe(true);
  });

  it('declines an antonym swap and a sum, but not an antonym in a negated question', () => {
    expect(decide(result({ antonymSwap: 'smallest' }), DEFAULT_RELEVANCE).answered).toBe(false);
    expect(decide(result({ antonymSwap: 'have', negationShare: 1 }, { negated: true }), DEFAULT_RELEVANCE).answered).toBe(true);
    expect(decide(result({}, { arithmetic: true }), DEFAULT_RELEVANCE)).toMatchObject({ answered: false, relevance: 0 });
  });

  it("holds a first-person question naming something of the text to some of its words written there", () => {
    const doc = (literal: number): DocumentEvidence => ({ absent: 0, namesShared: true, onlyAbsentThings: false, literal, reach: [], shares: [], words: [], known: [], documents: 1 });
    const low = DEFAULT_RELEVANCE.personalNamedLiteral / 2;
    // "I want to learn French, what app should I use?" of an article on the Normans: French named, little else written.
    expect(firstPassageFactor(result({ document: doc(low) }, { personal: true }), DEFAULT_RELEVANCE)).toBe(DEFAULT_RELEVANCE.unnamedFactor);
    expect(firstPassageFactor(result({ document: doc(DEFAULT_RELEVANCE.personalNamedLiteral) }, { personal: true }), DEFAULT_RELEVANCE)).toBe(1);
    // Not in the first person, or pointing back at the article's subject: the name is enough.
    expect(firstPassageFactor(result({ document: doc(low) }), DEFAULT_RELEVANCE)).toBe(1);
    expect(firstPassageFactor(result({ document: doc(low) }, { personal: true, refersBack: true }), DEFAULT_RELEVANCE)).toBe(1);
  });
});

describe('off-topic questions sharing an incidental word with the text', () => {
  it('declines them and still answers a paraphrase that names nothing', async () => {
    const paragraphs = [
      'The city council voted to train two hundred new bus drivers before the winter timetable starts.',
      'Drivers will sit a written test and spend four weeks on the road with an instructor.',
      'The best routes, the council said, will get new buses first.',
    ];
    const { document, passages } = makeDocument('council.txt', paragraphs, 'Bus drivers');
    const embeddings = new LocalEmbeddings();
    const index = await buildLoadedIndex({ documents: [document], passages, embeddings });
    const answer = createAnswerer(index, embeddings, { passages: 3, maxPassages: 5 });
    for (const q of ['How do I train a puppy to sit?', 'What is the best recipe for sourdough bread?', 'Which laptop is best for gaming?']) {
      const reply = await answer(q);
      expect(reply.answered, q).toBe(false);
      expect(reply.passages).toEqual([]);
    }
    const fine = await answer('How long will new drivers spend with an instructor?');
    expect(fine.answered).toBe(true);
    expect(fine.passages[0]!.passage.text).toContain('four weeks');
  });
});
