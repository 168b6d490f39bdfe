// Ranks passages for a question. Evidence is counted per sentence: how much of the question's
// informative content (slots weighted by rarity, credited by how closely the sentence's words stand
// in for the question's) one sentence covers. A passage is lifted by its best sentence, helped by
// what the passage covers as a whole, and by the vector similarity; the top quotes are kept from
// repeating the same sentence.
import type { LexicalIndex } from './lexical-index.js';
import type { AnswerType } from './answer-type.js';
import type { QuerySlot } from './query-terms.js';

export interface RankSettings {
  /** Share of a passage's lexical score that comes from its best sentence (the rest: the whole passage). */
  sentenceShare: number;
  /** Share of the final order that comes from vector similarity (0 = lexical only). */
  vectorShare: number;
  /** Added to a sentence's coverage (times the coverage) when it holds the kind of answer asked for. */
  answerTypeBonus: number;
  /** Relevance multiplier when a "when/how many" question's passage holds no number, date or time. */
  missingQuantity: number;
  /** A second sentence is highlighted too when it covers at least this fraction of the best one's evidence. */
  secondHighlight: number;
  /**
   * Relevance (not ranking) counts a stand-in word crediting less than this at `looseFactor` of its
   * credit: a loose link ("subscribe" ~ support, "save" ~ prevent) shows the article is near the
   * topic, not that it covers the question.
   */
  looseBelow: number;
  /** Like sentenceShare, for relevance: how much the best sentence (vs the whole passage) decides whether to answer. */
  relevanceSentenceShare: number;
  /**
   * Relevance multiplier for a question that names nothing the text names. Questions about an article
   * almost always name one of its people, places or groups; one that names none ("How many moons does
   * Jupiter have?") needs more of its own words covered before it counts as answered. Safe plateau on
   * the question sets 0.7-0.8 (0.65 wrongly declines a paraphrase); 1 = no such rule.
   */
  withoutSharedName: number;
  looseFactor: number;
}

export const DEFAULT_RANK: RankSettings = { sentenceShare: 0.7, vectorShare: 0.15, answerTypeBonus: 0.15, missingQuantity: 0.5, secondHighlight: 0.8, looseBelow: 0.5, looseFactor: 0.3, relevanceSentenceShare: 0.5, withoutSharedName: 0.75 };

/**
 * How much each slot counts. `rank`: higher = rarer = a stronger sign a sentence is about the
 * question, used to order passages. `relevance`: the same, with names the index shares damped,
 * used for the relevance that decides whether to answer at all.
 */
export type SlotWeigher = (slot: QuerySlot) => { rank: number; relevance: number; /** A name the searched text shares. */ sharedName?: boolean };

export interface RankedPassage {
  /** Position in `index.passages`. */
  passage: number;
  /** Ordering score in [0, 1], higher = better. */
  score: number;
  /** Lexical evidence in [0, 1]: the share of the question's weighted content this passage's best sentence (and the passage) covers. */
  relevance: number;
  /** Sentence ids to highlight, in reading order. */
  highlights: number[];
}

interface Candidate {
  passage: number;
  /** Per held sentence: its coverage (rank weights) and relevance (relevance weights), in reading order. */
  sentenceCoverage: { sentence: number; coverage: number; relevance: number; fits: boolean }[];
  passageCoverage: number;
  passageRelevance: number;
  vector: number;
}

/** Sentences considered per question on a large index (see rankPassages). */
const MAX_SENTENCES = 300;
/** Question words counted at most. */
const MAX_SLOTS = 16;

interface Scratch {
  credit: Float32Array;
  seen: Uint8Array;
  touchedList: Int32Array;
}

const scratches = new WeakMap<LexicalIndex, Scratch>();

function scratchFor(lex: LexicalIndex): Scratch {
  let scratch = scratches.get(lex);
  if (!scratch) {
    const n = lex.sentences.length;
    scratch = { credit: new Float32Array(n * MAX_SLOTS), seen: new Uint8Array(n), touchedList: new Int32Array(n) };
    scratches.set(lex, scratch);
  }
  return scratch;
}

/**
 * `vectorScores`: passage position -> cosine similarity in [0, 1] for the passages the vector search
 * returned. Returns up to `limit` passages, best first.
 */
export function rankPassages(lex: LexicalIndex, slots: QuerySlot[], weigh: SlotWeigher, vectorScores: Map<number, number>, limit: number, settings: RankSettings = DEFAULT_RANK, wanted?: AnswerType): RankedPassage[] {
  const asked = new Set(slots.map((s) => s.term));
  const fits = (sentence: number): boolean => {
    const s = lex.sentences[sentence]!;
    if (wanted === 'quantity') return s.quantity;
    if (wanted === 'name') return s.names.some((n) => !asked.has(n));
    return false;
  };
  // Past MAX_SLOTS words, the least informative words of a long question are left out.
  if (slots.length > MAX_SLOTS) {
    const keep = new Set(slots.map((slot, i) => ({ i, w: weigh(slot).rank })).sort((x, y) => y.w - x.w || x.i - y.i).slice(0, MAX_SLOTS).map((x) => x.i));
    slots = slots.filter((_, i) => keep.has(i));
  }
  const candidates: Candidate[] = [];
  const weighed = slots.map(weigh);
  const weights = weighed.map((w) => w.rank);
  const total = weights.reduce((a, b) => a + b, 0);
  const relevanceWeights = weighed.map((w) => w.relevance);
  const relevanceTotal = relevanceWeights.reduce((a, b) => a + b, 0);
  const namesShared = weighed.some((w) => w.sharedName);

  const commonLimit = Math.max(2_000, lex.sentences.length * 0.05);
  // Per-slot credit of every touched sentence, in a per-index scratch table (rows of MAX_SLOTS),
  // cleared again before returning: no per-question allocation proportional to the index.
  const scratch = scratchFor(lex);
  const { credit, seen, touchedList } = scratch;
  let touchedCount = 0;
  try {
    if (total > 0) {
      slots.forEach((slot, s) => {
        for (const [term, value] of slot.alternatives) {
          const list = lex.postings.get(term);
          if (!list) continue;
          // A stand-in word found nearly everywhere in a large library ("^entiti") says little and
          // would cost a scan; the question's own words are always counted.
          if (value < 1 && list.length > commonLimit) continue;
          for (const sentence of list) {
            const at = sentence * MAX_SLOTS + s;
            if (!seen[sentence]) {
              seen[sentence] = 1;
              touchedList[touchedCount++] = sentence;
            }
            if (value > credit[at]!) credit[at] = value;
          }
        }
      });
    }
    const strict = (c: number) => (c < settings.looseBelow ? c * settings.looseFactor : c);
    const coverageOf = (sentence: number, by: number[] = weights, of: number = total, credited: (c: number) => number = (c) => c): number => {
      if (of === 0 || !seen[sentence]) return 0;
      let sum = 0;
      const base = sentence * MAX_SLOTS;
      for (let s = 0; s < slots.length; s++) sum += by[s]! * credited(credit[base + s]!);
      return sum / of;
    };
    const relevanceOf = (sentence: number) => coverageOf(sentence, relevanceWeights, relevanceTotal, strict);

    // Only the best-covered sentences can lift a passage into the top: keep a bounded set of them,
    // so a question costs about the same on a library as on one article.
    let touched = Array.from(touchedList.subarray(0, touchedCount), (sentence) => ({ sentence, coverage: coverageOf(sentence) }));
    if (touched.length > MAX_SENTENCES) {
      let best = 0;
      for (const t of touched) best = Math.max(best, t.coverage);
      touched = touched.filter((t) => t.coverage >= best * 0.5);
      if (touched.length > MAX_SENTENCES) touched = touched.sort((x, y) => y.coverage - x.coverage || x.sentence - y.sentence).slice(0, MAX_SENTENCES);
    }
    const passages = new Set<number>(vectorScores.keys());
    for (const { sentence } of touched) for (const p of lex.sentencePassages[sentence] ?? []) passages.add(p);

    for (const p of passages) {
      const held = lex.passageSentences[p] ?? [];
      // The passage as a whole: per slot, the best credit any of its sentences earns.
      const union = new Float64Array(slots.length);
      const sentenceCoverage = held.map((sentence) => {
        if (seen[sentence]) for (let s = 0; s < slots.length; s++) union[s] = Math.max(union[s]!, credit[sentence * MAX_SLOTS + s]!);
        const coverage = coverageOf(sentence);
        const fit = fits(sentence);
        return { sentence, coverage: fit ? coverage * (1 + settings.answerTypeBonus) : coverage, relevance: relevanceOf(sentence), fits: fit };
      });
      const unionOf = (by: number[], of: number, credited: (c: number) => number = (c) => c) => (of === 0 ? 0 : union.reduce((sum, v, s) => sum + by[s]! * credited(v), 0) / of);
      candidates.push({ passage: p, sentenceCoverage, passageCoverage: unionOf(weights, total), passageRelevance: unionOf(relevanceWeights, relevanceTotal, strict), vector: vectorScores.get(p) ?? 0 });
    }
  } finally {
    for (let k = 0; k < touchedCount; k++) {
      const sentence = touchedList[k]!;
      seen[sentence] = 0;
      credit.fill(0, sentence * MAX_SLOTS, sentence * MAX_SLOTS + MAX_SLOTS);
    }
  }

  // Greedy selection: a passage whose best sentence is already highlighted above competes with its
  // best new sentence instead, so overlapping windows do not fill the top with one sentence.
  const highlighted = new Set<number>();
  const evaluate = (c: Candidate) => {
    let best: Candidate['sentenceCoverage'][number] | undefined;
    for (const sc of c.sentenceCoverage) if (!highlighted.has(sc.sentence) && (!best || sc.coverage > best.coverage)) best = sc;
    const lexical = settings.sentenceShare * (best?.coverage ?? 0) + (1 - settings.sentenceShare) * c.passageCoverage;
    let relevance = settings.relevanceSentenceShare * (best?.relevance ?? 0) + (1 - settings.relevanceSentenceShare) * c.passageRelevance;
    // "When ...?" answered by a sentence with no date or number in it is not answered.
    if (wanted === 'quantity' && !best?.fits) relevance *= settings.missingQuantity;
    if (!namesShared) relevance *= settings.withoutSharedName;
    const score = (1 - settings.vectorShare) * lexical + settings.vectorShare * c.vector;
    return { best, relevance, score };
  };
  const out: RankedPassage[] = [];
  let pool = candidates.map((c) => ({ c, ...evaluate(c) })).sort((a, b) => b.score - a.score || a.c.passage - b.c.passage);
  // Only the strongest candidates can reach the top `limit` after re-scoring; a bounded pool keeps
  // large indexes fast.
  pool = pool.slice(0, Math.max(limit * 4, 20));
  while (out.length < limit && pool.length > 0) {
    const rescored = pool.map((entry) => ({ ...entry, ...evaluate(entry.c) })).sort((a, b) => b.score - a.score || a.c.passage - b.c.passage);
    const top = rescored.shift()!;
    pool = rescored;
    const highlights: number[] = [];
    if (top.best && top.best.coverage > 0) {
      highlights.push(top.best.sentence);
      const second = top.c.sentenceCoverage
        .filter((sc) => sc.sentence !== top.best!.sentence && !highlighted.has(sc.sentence) && sc.coverage >= settings.secondHighlight * top.best!.coverage)
        .sort((a, b) => b.coverage - a.coverage)[0];
      if (second) highlights.push(second.sentence);
    }
    for (const h of highlights) highlighted.add(h);
    out.push({ passage: top.c.passage, score: clamp(top.score), relevance: clamp(top.relevance), highlights: highlights.sort((a, b) => a - b) });
  }
  return out;
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}
