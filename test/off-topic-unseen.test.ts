// The decline rules for a question that names nothing the answering document names (hoff, 2026-12-02): it
// must hold some of its weight in the document's own words (more when it asks about the asker: "How do I ...",
// "my ..."), and its heaviest word unwritten in the document lowers its relevance. On a small article the
// product was never tuned on: off-topic questions reached only through WordNet stand-ins are declined,
// paraphrases of the article (and a first-person question in its words) are still answered.
import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../src/answer/answer-question.js';
import { decide, firstPassageFactor } from '../src/answer/relevance.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { buildLoadedIndex } from '../src/index-store/build-index.js';
import { asksAboutAsker, refersBack } from '../src/retrieval/asker.js';
import type { RankedPassage } from '../src/retrieval/choose-passages.js';
import type { DocumentEvidence } from '../src/retrieval/document-evidence.js';
import { DEFAULT_RELEVANCE, DEFAULT_SEARCH } from '../src/retrieval/params.js';
import type { QuestionEvidence, SearchResult } from '../src/retrieval/search.js';
import { makeDocument } from './helpers/index-fixtures.js';

describe('questions about the asker', () => {
  it('are the ones in the first person singular', () => {
    for (const q of ['How do I reset my router password?', 'how do i fix it', 'Can I freeze cooked rice?', 'I’m bored, what should I cook?', "What's my best option?", 'If I have five apples and eat two, how many are left?']) expect(asksAboutAsker(q), q).toBe(true);
  });
  it('are not a regnal numeral, a request framed with "me", or a generic "you"', () => {
    for (const q of ['Who did Alexander I marry?', 'Queen Elizabeth I opened the new Scottish Parliament Building on what date?', 'What was not the view of the court from Solange I and Solange II?', 'give me the gist', 'Can you tell me who met Lavrov?', 'How do you determine the acceleration of a rope?']) expect(asksAboutAsker(q), q).toBe(false);
  });
});

describe('questions pointing back at the article’s subject', () => {
  it('use a pronoun or "there"', () => {
    for (const q of ['how far is it from LA', 'when did the railroad put a stop there', 'where can i watch it live', 'What did they decide?']) expect(refersBack(q), q).toBe(true);
    for (const q of ['How do I reset my router password?', 'What are the rules of cricket?', 'whats the weather usually like']) expect(refersBack(q), q).toBe(false);
  });
});

describe('a question naming nothing of its document, judged by the document’s own words', () => {
  const ranked: RankedPassage = { passage: 0, score: 0.5, highlights: [], evidence: { sentence: 0.4, passage: 0.4, answerTypeFound: false, missing: 0 } };
  const question: QuestionEvidence = { namesShared: false, wanted: undefined, onlyAbsentThings: false, absent: 0, negated: false, arithmetic: false, personal: false, refersBack: false };
  const document = (literal: number, reach: number[], shares: number[]): DocumentEvidence => ({ absent: 0, namesShared: false, onlyAbsentThings: false, literal, reach, shares, words: reach.map((_, i) => `w${i}`), known: reach.map(() => true), documents: 1 });
  const result = (doc: DocumentEvidence, over: Partial<QuestionEvidence> = {}): SearchResult => ({ passages: [ranked], question: { ...question, ...over }, negationShare: 1, indexSentences: 100, document: doc });
  const s = DEFAULT_RELEVANCE;

  it('declines one whose words the document reaches only through stand-ins', () => {
    const standIns = document(0, [0.7, 0.6, 0.3], [0.4, 0.3, 0.3]);
    expect(firstPassageFactor(result(standIns), s)).toBe(s.unnamedFactor);
    // Pointing back at a subject ("how far is it from LA") presumes the article's: not declined for this.
    expect(firstPassageFactor(result(standIns, { refersBack: true }), s)).toBe(1);
    expect(decide(result(standIns), s).answered).toBe(false);
    // The same evidence for a question that names something the document names: not this rule's business.
    expect(decide(result({ ...standIns, namesShared: true }, { namesShared: true }), s).answered).toBe(true);
  });

  it('asks more of a question about the asker', () => {
    const some = document(0.2, [1, 1, 0.7, 0.7, 0.7], [0.1, 0.1, 0.3, 0.3, 0.2]);
    expect(s.unnamedLiteral).toBeLessThan(0.2);
    expect(s.personalLiteral).toBeGreaterThan(0.2);
    expect(firstPassageFactor(result(some), s)).toBe(1);
    expect(firstPassageFactor(result(some, { personal: true }), s)).toBe(s.unnamedFactor);
  });

  it('discounts one whose heaviest word the document never writes as itself', () => {
    const unwritten = document(0.5, [1, 0.7], [0.5, 0.5]);
    expect(s.unwrittenShare).toBeLessThanOrEqual(0.5);
    expect(firstPassageFactor(result(unwritten), s)).toBeCloseTo(s.unwrittenFactor);
    expect(firstPassageFactor(result(document(0.7, [1, 0.7], [0.7, 0.3])), s)).toBe(1);
    // A word WordNet does not know (a typo: "ctenohore") missing from the text says nothing.
    expect(firstPassageFactor(result({ ...unwritten, known: [true, false] }), s)).toBe(1);
  });
});

describe('off-topic questions on an unseen article', () => {
  it('declines those met only through stand-ins, and answers paraphrases and a first-person question in its words', async () => {
    const { document, passages } = makeDocument('pharmacy.txt', [
      'Pharmacists in the United Kingdom dispense medicines prescribed by doctors and advise patients on their safe use.',
      'A pharmacy must keep controlled drugs in a locked cabinet, and every sale of them is recorded in a register.',
      'Hospital pharmacists also prepare sterile injections and check doses for children, whose weight changes what is safe.',
      'Since 2006 some pharmacists may prescribe medicines themselves after further training.',
    ], 'Pharmacy');
    const embeddings = new LocalEmbeddings();
    const index = await buildLoadedIndex({ documents: [document], passages, embeddings });
    const settings = { passages: 3, maxPassages: 5 };
    const answer = createAnswerer(index, embeddings, settings);
    const withoutRules = createAnswerer(index, embeddings, settings, { search: { ...DEFAULT_SEARCH, relevance: { ...DEFAULT_RELEVANCE, unnamedFactor: 1, unwrittenFactor: 1 } } });
    // "safest" ~ safe and "car" nowhere: only a stand-in; "phone" nowhere as itself.
    for (const q of ['What is the safest car?', 'How do I lock my phone?']) {
      expect((await withoutRules(q)).answered, `${q} (without the rules)`).toBe(true);
      const reply = await answer(q);
      expect(reply.answered, q).toBe(false);
      expect(reply.passages).toEqual([]);
    }
    for (const [q, expected] of [['Where are controlled drugs kept?', 'locked cabinet'], ['Who advises patients on safe use?', 'advise patients'], ['Can I get my prescription from a pharmacist?', 'prescribe']] as const) {
      const reply = await answer(q);
      expect(reply.answered, q).toBe(true);
      expect(reply.passages[0]!.passage.text, q).toContain(expected);
    }
  });
});
