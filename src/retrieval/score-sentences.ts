// Scores sentences for a question. Evidence is counted per sentence: per question word ("slot"), the
// best credit any of the sentence's terms earns for it (1 = the word itself, less for a WordNet
// stand-in). Coverage is then the weighted share of the question a sentence (or a set of sentences)
// covers: with ranking weights to order passages, with relevance weights and loose links discounted
// to say how much of the question is really answered. Only the postings of the question's own terms
// are read, never every sentence.
import { namesATopic, type QuerySlot } from './query-terms.js';
import type { LimitSettings, RelevanceSettings } from './params.js';
import type { RetrievalIndex } from './retrieval-index.js';

/**
 * How much each slot counts. `rank`: higher = rarer = a stronger sign a sentence is about the
 * question, used to order passages. `relevance`: the same, with names the index shares damped,
 * used for the relevance that decides whether to answer at all.
 */
export type SlotWeigher = (slot: QuerySlot) => { rank: number; relevance: number; /** A name the searched text shares. */ sharedName?: boolean };

/** One question's sentence evidence. Valid until `release()`, which clears the index's scratch table for the next question. */
export interface SentenceScores {
  /** The question words counted (a long question's least informative words are left out). */
  slots: QuerySlot[];
  /** Sentence ids some question word touched, in the order first touched. */
  touched: number[];
  /** The largest relevance-weight share in [0, 1] of one question word the whole index has no trace of, at any credit (higher = a telling word is foreign to the text). */
  absent: number;
  /** Ranking coverage in [0, 1] of one sentence: the rank-weighted share of the question it holds. */
  coverage(sentence: number): number;
  /** Relevance coverage in [0, 1] of one sentence: relevance weights, loose links discounted. */
  relevance(sentence: number): number;
  /**
   * The same two for a set of sentences taken together (per word, the best credit any of them earns),
   * and `missing`: the largest relevance-weight share of one question word none of them has any trace of.
   */
  unionCoverage(sentences: readonly number[]): { coverage: number; relevance: number; missing: number };
  /** Ranking weight of each counted slot (same order as `slots`), higher = rarer = more telling. */
  rankWeights: readonly number[];
  /** The best credit in [0, 1] each slot earns in one sentence (same order as `slots`; zeros for an untouched sentence). A view valid until `release()`. */
  credits(sentence: number): ArrayLike<number>;
  release(): void;
}

/** Scores every sentence the question's terms touch. Call `release()` when done, even on error. */
export function scoreSentences(state: RetrievalIndex, allSlots: QuerySlot[], weigh: SlotWeigher, limits: LimitSettings, relevanceSettings: RelevanceSettings): SentenceScores {
  const { lexical: lex, scratch } = state;
  const maxSlots = Math.min(limits.maxSlots, scratch.slots);
  let slots = allSlots;
  if (slots.length > maxSlots) {
    const keep = new Set(slots.map((slot, i) => ({ i, w: weigh(slot).rank })).sort((x, y) => y.w - x.w || x.i - y.i).slice(0, maxSlots).map((x) => x.i));
    slots = slots.filter((_, i) => keep.has(i));
  }
  const weighed = slots.map(weigh);
  const weights = weighed.map((w) => w.rank);
  const total = weights.reduce((a, b) => a + b, 0);
  const relevanceWeights = weighed.map((w) => w.relevance);
  const relevanceTotal = relevanceWeights.reduce((a, b) => a + b, 0);
  const width = scratch.slots;
  const { credit, seen, touchedList } = scratch;
  const commonLimit = Math.max(limits.commonMin, lex.sentences.length * limits.commonShare);
  let touchedCount = 0;
  const release = () => {
    for (let k = 0; k < touchedCount; k++) {
      const sentence = touchedList[k]!;
      seen[sentence] = 0;
      credit.fill(0, sentence * width, sentence * width + width);
    }
    touchedCount = 0;
  };
  const traced = new Array<boolean>(slots.length).fill(false);
  try {
    if (total > 0) {
      slots.forEach((slot, s) => {
        for (const [term, value] of slot.alternatives) {
          const list = lex.postings.get(term);
          if (!list) continue;
          traced[s] = true;
          // A stand-in word found nearly everywhere in a large library ("^entiti") says little and
          // would cost a scan; the question's own words are always counted.
          if (value < 1 && list.length > commonLimit) continue;
          for (const sentence of list) {
            const at = sentence * width + s;
            if (!seen[sentence]) {
              seen[sentence] = 1;
              touchedList[touchedCount++] = sentence;
            }
            if (value > credit[at]!) credit[at] = value;
          }
        }
      });
    }
  } catch (error) {
    release();
    throw error;
  }
  const strict = (c: number) => (c < relevanceSettings.looseBelow ? c * relevanceSettings.looseFactor : c);
  const plain = (c: number) => c;
  const weightedShare = (credits: ArrayLike<number>, offset: number, by: number[], of: number, credited: (c: number) => number): number => {
    if (of === 0) return 0;
    let sum = 0;
    for (let s = 0; s < slots.length; s++) sum += by[s]! * credited(credits[offset + s]!);
    return sum / of;
  };
  let absent = 0;
  for (let s = 0; s < slots.length; s++) if (!traced[s] && namesATopic(slots[s]!)) absent = Math.max(absent, relevanceWeights[s]!);
  return {
    slots,
    absent: relevanceTotal === 0 ? 0 : absent / relevanceTotal,
    touched: Array.from(touchedList.subarray(0, touchedCount)),
    coverage: (sentence) => (seen[sentence] ? weightedShare(credit, sentence * width, weights, total, plain) : 0),
    relevance: (sentence) => (seen[sentence] ? weightedShare(credit, sentence * width, relevanceWeights, relevanceTotal, strict) : 0),
    unionCoverage(sentences) {
      const union = new Float64Array(slots.length);
      for (const sentence of sentences) {
        if (!seen[sentence]) continue;
        for (let s = 0; s < slots.length; s++) union[s] = Math.max(union[s]!, credit[sentence * width + s]!);
      }
      // Summed in slot order, as for one sentence, so the figures match to the last bit.
      let coverage = 0;
      let relevance = 0;
      let missing = 0;
      for (let s = 0; s < slots.length; s++) {
        coverage += weights[s]! * union[s]!;
        relevance += relevanceWeights[s]! * strict(union[s]!);
        if (union[s] === 0) missing = Math.max(missing, relevanceWeights[s]!);
      }
      return { coverage: total === 0 ? 0 : coverage / total, relevance: relevanceTotal === 0 ? 0 : relevance / relevanceTotal, missing: relevanceTotal === 0 ? 0 : missing / relevanceTotal };
    },
    rankWeights: weights,
    credits: (sentence) => (seen[sentence] ? credit.subarray(sentence * width, sentence * width + slots.length) : new Float32Array(slots.length)),
    release,
  };
}
