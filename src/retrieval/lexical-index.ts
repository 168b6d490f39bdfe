// The per-index lexical structures, built once per LoadedIndex (held by its RetrievalIndex): every
// document's sentences, which passages hold each sentence, and an inverted index from term to the
// sentences that contain it. A question then touches only the postings of its own terms, never every passage.
import type { LoadedIndex } from '../index-store/loaded-index.js';
import type { Lexicon } from '../text/lexicon.js';
import { termsOfWord, words } from '../text/analyze.js';
import { splitSentences } from '../text/split-sentences.js';
import { holdsQuantity } from './answer-type.js';
import { textTerms } from './text-terms.js';

/** One sentence of a document, as the lexical index knows it. */
export interface IndexedSentence {
  /** Position of the document in `index.documents`. */
  document: number;
  /** Offsets in the document's text. */
  start: number;
  end: number;
  /** Number of index terms, for length normalisation. */
  length: number;
  /** Terms of the words written with a capital after the sentence's first word: the names it gives. */
  names: string[];
  /** Whether it mentions a number, date, time or duration. */
  quantity: boolean;
}


/** What the lexical index is built from: the documents' text and where each passage lies in it. */
export type IndexText = Pick<LoadedIndex, 'documents' | 'passages'>;

/** Sentences, their passages and the term postings of one index. */
export interface LexicalIndex {
  sentences: IndexedSentence[];
  /** Per passage (same order as `index.passages`): the sentences it overlaps, in reading order. */
  passageSentences: number[][];
  /** Per sentence: the passages that overlap it. */
  sentencePassages: number[][];
  /** Term -> ids of the sentences that contain it, ascending. */
  postings: Map<string, Int32Array>;
  averageLength: number;
  /** Term -> share of its mid-sentence occurrences written with a capital: near 1 for names ("Lavrov", "Israel"). */
  capitalized: Map<string, number>;
}

/** Builds the lexical structures of an index in one go (see prepareLexicalIndex for the sliced build). */
export function buildLexicalIndex(index: IndexText, lexicon: Lexicon): LexicalIndex {
  const steps = buildSteps(index, lexicon);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * The same build, yielding to the event loop every `sentencesPerTurn` sentences: on a library (tens of
 * thousands of passages) it takes seconds, and a running bot must keep acknowledging interactions while
 * a re-ingested generation is prepared.
 */
/** Longest stretch of preparation between two yields to the event loop (ms); keeps acknowledgements well under Discord's 3 s on a loaded machine. */
const SLICE_MS = 20;

/**
 * Builds an index's LexicalIndex, yielding to the event loop every `sentencesPerTurn` sentences or 20 ms of work
 * so a running bot keeps answering while it is prepared. Returns the finished structure.
 */
export async function prepareLexicalIndex(index: IndexText, lexicon: Lexicon, sentencesPerTurn = 2_000): Promise<LexicalIndex> {
  const steps = buildSteps(index, lexicon, sentencesPerTurn);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* buildSteps(index: IndexText, lexicon: Lexicon, sentencesPerTurn = Infinity): Generator<void, LexicalIndex, void> {
  // Yield after `sentencesPerTurn` sentences or SLICE_MS of work, whichever comes first: sentences vary
  // a lot in length, and a slice that runs long holds every interaction waiting on the bot.
  const sliced = sentencesPerTurn !== Infinity;
  let sliceStart = performance.now();
  const due = () => sliced && performance.now() - sliceStart > SLICE_MS;
  const nextSlice = () => {
    sliceStart = performance.now();
  };
  const sentences: IndexedSentence[] = [];
  const building = new Map<string, number[]>();
  const documentPosition = new Map(index.documents.map((d, i) => [d.id, i]));
  const firstSentenceOf: number[] = [];
  let totalLength = 0;
  const cased = new Map<string, { upper: number; all: number }>();

  for (const [d, document] of index.documents.entries()) {
    firstSentenceOf[d] = sentences.length;
    for (const span of splitSentences(document.text)) {
      if ((sentences.length > 0 && sentences.length % sentencesPerTurn === 0) || due()) {
        yield;
        nextSlice();
      }
      const sentenceText = document.text.slice(span.start, span.end);
      const terms = textTerms(sentenceText, lexicon);
      const names = countCase(sentenceText, cased);
      const id = sentences.length;
      sentences.push({ document: d, start: span.start, end: span.end, length: terms.length, names, quantity: holdsQuantity(sentenceText) });
      totalLength += terms.length;
      for (const term of new Set(terms)) {
        let list = building.get(term);
        if (!list) building.set(term, (list = []));
        list.push(id);
      }
    }
  }
  firstSentenceOf[index.documents.length] = sentences.length;

  const sentencePassages: number[][] = sentences.map(() => []);
  const passageSentences: number[][] = [];
  for (const [p, passage] of index.passages.entries()) {
    if (due()) {
      yield;
      nextSlice();
    }
    passageSentences.push(sentencesOfPassage(passage, p));
  }
  function sentencesOfPassage(passage: LoadedIndex['passages'][number], p: number): number[] {
    const d = documentPosition.get(passage.documentId);
    if (d === undefined) return [];
    const held: number[] = [];
    // Sentences of one document are in order: binary search the first that ends after the passage starts.
    let lo = firstSentenceOf[d]!;
    let hi = firstSentenceOf[d + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sentences[mid]!.end <= passage.start) lo = mid + 1;
      else hi = mid;
    }
    for (let s = lo; s < firstSentenceOf[d + 1]! && sentences[s]!.start < passage.end; s++) {
      held.push(s);
      sentencePassages[s]!.push(p);
    }
    return held;
  }

  const capitalized = new Map<string, number>();
  for (const [term, c] of cased) if (c.upper > 0) capitalized.set(term, c.upper / c.all);
  // Packed: a library's postings are millions of numbers, cheaper as typed arrays than as JS arrays.
  const postings = new Map<string, Int32Array>();
  for (const [term, list] of building) {
    postings.set(term, Int32Array.from(list));
    if (due()) {
      yield;
      nextSlice();
    }
  }
  return { sentences, passageSentences, sentencePassages, postings, averageLength: sentences.length ? totalLength / sentences.length : 1, capitalized };
}

/** Counts capitalised vs all occurrences of each word's term, skipping each sentence's first word (capitalised anyway). */
function countCase(text: string, cased: Map<string, { upper: number; all: number }>): string[] {
  const names = new Set<string>();
  const ws = words(text);
  for (let i = 1; i < ws.length; i++) {
    const w = ws[i]!;
    const term = termsOfWord(w.text).at(-1);
    if (!term) continue;
    let c = cased.get(term);
    if (!c) cased.set(term, (c = { upper: 0, all: 0 }));
    c.all++;
    if (/^\p{Lu}/u.test(text.slice(w.start, w.end))) {
      c.upper++;
      names.add(term);
    }
  }
  return [...names];
}
