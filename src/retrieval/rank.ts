// Ranks passages for a question. Evidence is counted per sentence: how much of the question's
// informative content (slots weighted by rarity, credited by how closely the sentence's words stand
// in for the question's) one sentence covers. A passage is lifted by its best sentence, helped by
// what the passage covers as a whole, and by the vector similarity; the top quotes are kept from
// repeating the same sentence.
import type { LexicalIndex } from './lexical-index.js';
import type { QuerySlot } from './query-terms.js';

export interface RankSettings {
  /** Share of a passage's lexical score that comes from its best sentence (the rest: the whole passage). */
  sentenceShare: number;
  /** Share of the final order that comes from vector similarity (0 = lexical only). */
  vectorShare: number;
  /** A second sentence is highlighted too when it covers at least this fraction of the best one's evidence. */
  secondHighlight: number;
}

export const DEFAULT_RANK: RankSettings = { sentenceShare: 0.7, vectorShare: 0.15, secondHighlight: 0.8 };

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
  sentenceCoverage: { sentence: number; coverage: number; relevance: number }[];
  passageCoverage: number;
  passageRelevance: number;
  vector: number;
}

/**
 * `vectorScores`: passage position -> cosine similarity in [0, 1] for the passages the vector search
 * returned. Returns up to `limit` passages, best first.
 */
export function rankPassages(lex: LexicalIndex, slots: QuerySlot[], weigh: SlotWeigher, vectorScores: Map<number, number>, limit: number, settings: RankSettings = DEFAULT_RANK): RankedPassage[] {
  const weighed = slots.map(weigh);
  const weights = weighed.map((w) => w.rank);
  const total = weights.reduce((a, b) => a + b, 0);
  const relevanceWeights = weighed.map((w) => w.relevance);
  const relevanceTotal = relevanceWeights.reduce((a, b) => a + b, 0);

  // sentence -> per-slot credit
  const credit = new Map<number, Float64Array>();
  if (total > 0) {
    slots.forEach((slot, s) => {
      for (const [term, value] of slot.alternatives) {
        const list = lex.postings.get(term);
        if (!list) continue;
        for (const posting of list) {
          let row = credit.get(posting.sentence);
          if (!row) credit.set(posting.sentence, (row = new Float64Array(slots.length)));
          if (value > row[s]!) row[s] = value;
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
    const sentenceCoverage = held.map((sentence) => {
      const row = credit.get(sentence);
      if (row) for (let s = 0; s < row.length; s++) if (row[s]! > union[s]!) union[s] = row[s]!;
      return { sentence, coverage: coverageOf(row), relevance: relevanceOf(row) };
    });
    candidates.push({ passage: p, sentenceCoverage, passageCoverage: coverageOf(union), passageRelevance: relevanceOf(union), vector: vectorScores.get(p) ?? 0 });
  }

  // Greedy selection: a passage whose best sentence is already highlighted above competes with its
  // best new sentence instead, so overlapping windows do not fill the top with one sentence.
  const highlighted = new Set<number>();
  const evaluate = (c: Candidate) => {
    let best: { sentence: number; coverage: number; relevance: number } | undefined;
    for (const sc of c.sentenceCoverage) if (!highlighted.has(sc.sentence) && (!best || sc.coverage > best.coverage)) best = sc;
    const lexical = settings.sentenceShare * (best?.coverage ?? 0) + (1 - settings.sentenceShare) * c.passageCoverage;
    const relevance = settings.sentenceShare * (best?.relevance ?? 0) + (1 - settings.sentenceShare) * c.passageRelevance;
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
