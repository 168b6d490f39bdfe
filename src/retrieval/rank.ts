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
  /** Share of the lexical score from BM25 over the passage (term frequency and length), normalised to the best candidate. */
  bm25Share: number;
  /** Added to a sentence's coverage (times the coverage) when it holds the kind of answer asked for. */
  answerTypeBonus: number;
  /** Relevance multiplier when a "when/how many" question's passage holds no number, date or time. */
  missingQuantity: number;
  /** A second sentence is highlighted too when it covers at least this fraction of the best one's evidence. */
  secondHighlight: number;
}

export const DEFAULT_RANK: RankSettings = { sentenceShare: 0.7, vectorShare: 0.15, bm25Share: 0, answerTypeBonus: 0.15, missingQuantity: 0.5, secondHighlight: 0.8 };

/**
 * How much each slot counts. `rank`: higher = rarer = a stronger sign a sentence is about the
 * question, used to order passages. `relevance`: the same, with names the index shares damped,
 * used for the relevance that decides whether to answer at all.
 */
export type SlotWeigher = (slot: QuerySlot) => { rank: number; relevance: number };

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
  /** BM25 of the passage, divided by the best candidate's: in [0, 1]. */
  bm25: number;
}

const BM25_K1 = 1.2;
const BM25_B = 0.75;

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
  const weighed = slots.map(weigh);
  const weights = weighed.map((w) => w.rank);
  const total = weights.reduce((a, b) => a + b, 0);
  const relevanceWeights = weighed.map((w) => w.relevance);
  const relevanceTotal = relevanceWeights.reduce((a, b) => a + b, 0);

  // sentence -> per-slot credit, and per-slot credited occurrences (for BM25)
  const credit = new Map<number, Float64Array>();
  const occurrences = new Map<number, Float64Array>();
  if (total > 0) {
    slots.forEach((slot, s) => {
      for (const [term, value] of slot.alternatives) {
        const list = lex.postings.get(term);
        if (!list) continue;
        for (const posting of list) {
          let row = credit.get(posting.sentence);
          if (!row) credit.set(posting.sentence, (row = new Float64Array(slots.length)));
          if (value > row[s]!) row[s] = value;
          let tf = occurrences.get(posting.sentence);
          if (!tf) occurrences.set(posting.sentence, (tf = new Float64Array(slots.length)));
          tf[s]! += value * posting.count;
        }
      }
    });
  }
  const coverageOf = (row: Float64Array | undefined, by: number[] = weights, of: number = total): number => {
    if (!row || of === 0) return 0;
    let sum = 0;
    for (let s = 0; s < row.length; s++) sum += by[s]! * row[s]!;
    return sum / of;
  };
  const relevanceOf = (row: Float64Array | undefined) => coverageOf(row, relevanceWeights, relevanceTotal);

  const passages = new Set<number>(vectorScores.keys());
  for (const sentence of credit.keys()) for (const p of lex.sentencePassages[sentence] ?? []) passages.add(p);

  const candidates: Candidate[] = [];
  for (const p of passages) {
    const held = lex.passageSentences[p] ?? [];
    const union = new Float64Array(slots.length);
    const tf = new Float64Array(slots.length);
    let length = 0;
    const sentenceCoverage = held.map((sentence) => {
      const row = credit.get(sentence);
      length += lex.sentences[sentence]!.length;
      const counts = occurrences.get(sentence);
      if (counts) for (let s = 0; s < counts.length; s++) tf[s]! += counts[s]!;
      if (row) for (let s = 0; s < row.length; s++) if (row[s]! > union[s]!) union[s] = row[s]!;
      const coverage = coverageOf(row);
      return { sentence, coverage: fits(sentence) ? coverage * (1 + settings.answerTypeBonus) : coverage, relevance: relevanceOf(row), fits: fits(sentence) };
    });
    let bm25 = 0;
    const norm = BM25_K1 * (1 - BM25_B + (BM25_B * length) / Math.max(1, lex.averageLength * Math.max(1, held.length)));
    for (let s = 0; s < slots.length; s++) bm25 += weights[s]! * ((tf[s]! * (BM25_K1 + 1)) / (tf[s]! + norm));
    candidates.push({ passage: p, sentenceCoverage, passageCoverage: coverageOf(union), passageRelevance: relevanceOf(union), vector: vectorScores.get(p) ?? 0, bm25 });
  }
  const bestBm25 = Math.max(1e-9, ...candidates.map((c) => c.bm25));
  for (const c of candidates) c.bm25 /= bestBm25;

  // Greedy selection: a passage whose best sentence is already highlighted above competes with its
  // best new sentence instead, so overlapping windows do not fill the top with one sentence.
  const highlighted = new Set<number>();
  const evaluate = (c: Candidate) => {
    let best: Candidate['sentenceCoverage'][number] | undefined;
    for (const sc of c.sentenceCoverage) if (!highlighted.has(sc.sentence) && (!best || sc.coverage > best.coverage)) best = sc;
    const coverage = settings.sentenceShare * (best?.coverage ?? 0) + (1 - settings.sentenceShare) * c.passageCoverage;
    const lexical = (1 - settings.bm25Share) * coverage + settings.bm25Share * c.bm25;
    let relevance = settings.sentenceShare * (best?.relevance ?? 0) + (1 - settings.sentenceShare) * c.passageRelevance;
    // "When ...?" answered by a sentence with no date or number in it is not answered.
    if (wanted === 'quantity' && !best?.fits) relevance *= settings.missingQuantity;
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
