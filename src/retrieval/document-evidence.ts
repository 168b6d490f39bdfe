// The question judged against one document rather than the whole index. With several documents indexed
// together (a user's handful of articles, a folder of reports), the index-wide evidence that a question
// belongs to the text grows with every document added: "best pizza in Brooklyn" finds "best" in one
// article and "Brooklyn" in another, and so no longer looks foreign to the text, although no single
// document speaks of it. The document that answers must carry the question by itself: its names, and a
// trace of each of its telling words. For an index of one document this is the index-wide evidence.
import { asksOnlyAboutAbsentThings } from './absent-topic.js';
import { namesATopic, type QuerySlot } from './query-terms.js';
import type { RetrievalIndex } from './retrieval-index.js';
import type { SlotWeigher } from './score-sentences.js';
import { knownWord } from './literal-evidence.js';
import { lowerBound } from './lower-bound.js';

/** What one document (the first passage's) shows of the question. */
export interface DocumentEvidence {
  /** The largest relevance-weight share in [0, 1] of one question word this document has no trace of, at any credit (higher = more foreign to it). */
  absent: number;
  /** The question names something this document names (a name the index shares, found in this document). */
  namesShared: boolean;
  /** It names things the index names but asks about something this document has no trace of (absent-topic.ts, judged on this document). */
  onlyAbsentThings: boolean;
  /** Relevance-weight share in [0, 1] of the question's words this document uses as themselves (own word or stem, no stand-in): higher = the document speaks of what was asked. */
  literal: number;
  /** Per counted question word (the search's slot order): the best credit any of its terms earns in this document (1 = the word itself, 0 = no trace). */
  reach: number[];
  /** Per counted question word: its share in [0, 1] of the question's relevance weight. */
  shares: number[];
  /** Per counted question word: the word as asked (for reading a decision). */
  words: string[];
  /** Per counted question word: an English word WordNet knows (false for a typo or a made-up form, whose absence says nothing). */
  known: boolean[];
  /** How many documents the index holds (1 = this evidence is the index-wide evidence). */
  documents: number;
}

/**
 * The evidence of the document holding passage `position` for the question: its counted `slots`, weighed
 * as `weighed` (same order; what the index-wide evidence used), all its slots `allSlots` and their
 * weigher; a stand-in crediting `exactCredit` or more counts as the word itself. Returns undefined for a passage that
 * holds no sentence.
 */
export function documentEvidence(state: RetrievalIndex, question: { allSlots: readonly QuerySlot[]; slots: readonly QuerySlot[]; weighed: readonly { relevance: number; sharedName?: boolean }[]; weigh: SlotWeigher }, position: number, exactCredit: number): DocumentEvidence | undefined {
  const { slots, weighed } = question;
  const lex = state.lexical;
  const held = lex.passageSentences[position];
  if (!held || held.length === 0) return undefined;
  const document = lex.sentences[held[0]!]!.document;
  const [first, last] = sentenceRange(state, document);
  const inDocument = (term: string): boolean => {
    const list = lex.postings.get(term);
    if (!list || list.length === 0) return false;
    const k = lowerBound(list, first);
    return k < list.length && list[k]! <= last;
  };
  const total = weighed.reduce((sum, w) => sum + w.relevance, 0);
  let absent = 0;
  let namesShared = false;
  let literal = 0;
  const reach: number[] = [];
  slots.forEach((slot, s) => {
    const w = weighed[s]!;
    if (w.sharedName && inDocument(slot.term)) namesShared = true;
    let best = 0;
    for (const [term, value] of slot.alternatives) if (value > best && inDocument(term)) best = value;
    reach.push(best);
    if (best >= exactCredit) literal += w.relevance;
    let traced = false;
    for (const term of slot.alternatives.keys()) {
      if (inDocument(term)) {
        traced = true;
        break;
      }
    }
    if (!traced && namesATopic(slot)) absent = Math.max(absent, w.relevance);
  });
  const onlyAbsentThings = asksOnlyAboutAbsentThings(question.allSlots, lex, question.weigh, state.lexicon, inDocument);
  return { onlyAbsentThings, reach, words: slots.map((slot) => slot.word), known: slots.map((slot) => knownWord(state, slot)), shares: weighed.map((w) => (total === 0 ? 0 : w.relevance / total)), absent: total === 0 ? 0 : absent / total, namesShared, literal: total === 0 ? 0 : literal / total, documents: state.index.documents.length };
}

/** First and last sentence id of a document: sentences are stored in document order. */
function sentenceRange(state: RetrievalIndex, document: number): [number, number] {
  const { sentences } = state.lexical;
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.document < document) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.document <= document) lo = mid + 1;
    else hi = mid;
  }
  return [first, lo - 1];
}

/**
 * The largest relevance-weight share in [0, 1] of one question word whose best credit in the document is under `credit`
 * (0 = every word reaches it); with `knownOnly`, of English words only (a typo missing from the text says nothing).
 */
export function absentBelow(evidence: DocumentEvidence, credit: number, knownOnly = false): number {
  let share = 0;
  evidence.reach.forEach((best, s) => {
    if (best < credit && (!knownOnly || evidence.known[s])) share = Math.max(share, evidence.shares[s]!);
  });
  return share;
}
