// Chooses passages and their highlights from sentence evidence. A passage is lifted by its best
// sentence, helped by what the passage covers as a whole and by the vector similarity; the top quotes
// are kept from repeating the same sentence (overlapping windows). It orders; it never decides whether
// to answer: each chosen passage carries the evidence the decision (src/answer/relevance.ts) weighs.
import type { Span } from '../types.js';
import { holdsMeasure, type AnswerType, type Measure } from './answer-type.js';
import type { IndexedSentence } from './lexical-index.js';
import type { LimitSettings, RankSettings } from './params.js';
import { passageMatches, rerankFeatures, rerankScore, type PassageMatches, type PassageWords, type RerankModel, type RerankQuestion } from './rerank.js';
import type { RetrievalIndex } from './retrieval-index.js';
import type { SentenceScores } from './score-sentences.js';

/** What re-scoring the pool with a learned model needs (see rerank.ts); absent = first-pass order only. */
export interface RerankContext {
  model: RerankModel;
  question: RerankQuestion;
  /** A passage's words (cached by the caller, they do not depend on the question). */
  wordsOf(passage: number): PassageWords;
  /** Average passage length in index terms, for BM25. */
  averagePassageLength: number;
  /** Called once per search with every pool candidate's first-step features (fitting scripts). */
  observe?: (rows: { passage: number; features: number[] }[]) => void;
}

/** What a chosen passage offers the decision to answer: relevance coverages in [0, 1], higher = more of the question covered. */
export interface PassageEvidence {
  /** Relevance coverage of the passage's best not-yet-quoted sentence. */
  sentence: number;
  /** Relevance coverage of the passage as a whole. */
  passage: number;
  /** Whether that best sentence holds the kind of answer the question asks for (a date, a name). */
  answerTypeFound: boolean;
  /** The largest relevance-weight share in [0, 1] of one question word the passage has no trace of (higher = a telling word is missing). */
  missing: number;
}

/** A chosen passage, best first. */
export interface RankedPassage {
  /** Position in `index.passages`. */
  passage: number;
  /**
   * Strength in [0, 1], higher = better, never above a passage listed before it: the first-pass blend of
   * sentence, passage and vector evidence, capped by the one above when the reranker placed this
   * passage below one the first pass scored lower (so shown scores follow the order, and the top's
   * score keeps the first pass's scale that the cut-offs were set on).
   */
  score: number;
  /** Ranges inside the passage's text of the sentence(s) that best answer, in reading order, not overlapping. */
  highlights: Span[];
  evidence: PassageEvidence;
  /** The reranker's features of this passage when it was chosen (RERANK_FEATURES order) and its learned score; absent without a reranker. The learned decline (decline-model.ts) reads the first passage's. */
  rerank?: { features: readonly number[]; order: number };
}

interface SentenceEntry {
  sentence: number;
  coverage: number;
  relevance: number;
  fits: boolean;
}

interface Candidate {
  passage: number;
  /** Per held sentence, in reading order. */
  sentences: SentenceEntry[];
  passageCoverage: number;
  passageRelevance: number;
  passageMissing: number;
  vector: number;
}

/**
 * `vectorScores`: passage position -> cosine similarity in [0, 1] for the passages the vector search
 * returned. `wanted`: the kind of answer asked for. Returns up to `limit` passages, best first.
 */
export function choosePassages(state: RetrievalIndex, scores: SentenceScores, vectorScores: Map<number, number>, limit: number, rank: RankSettings, limits: LimitSettings, wanted?: AnswerType, rerank?: RerankContext, measure?: Measure): RankedPassage[] {
  const lex = state.lexical;
  const asked = new Set(scores.slots.map((s) => s.term));
  // A "when"/"how far"/"how big" question is answered by a date, a distance, a size, not by any number.
  const measured = new Map<number, boolean>();
  const holds = (sentence: number, s: IndexedSentence, m: Measure): boolean => {
    let found = measured.get(sentence);
    if (found === undefined) {
      found = holdsMeasure(state.index.documents[s.document]!.text.slice(s.start, s.end), m);
      measured.set(sentence, found);
    }
    return found;
  };
  const fits = (sentence: number): boolean => {
    const s = lex.sentences[sentence]!;
    if (wanted === 'quantity') return s.quantity && (measure === undefined || holds(sentence, s, measure));
    if (wanted === 'name') return s.names.some((n) => !asked.has(n));
    return false;
  };

  // Only the best-covered sentences can lift a passage into the top: keep a bounded set of them,
  // so a question costs about the same on a library as on one article.
  let touched = scores.touched.map((sentence) => ({ sentence, coverage: scores.coverage(sentence) }));
  if (touched.length > limits.maxSentences) {
    let best = 0;
    for (const t of touched) best = Math.max(best, t.coverage);
    touched = touched.filter((t) => t.coverage >= best * limits.sentenceFloorShare);
    if (touched.length > limits.maxSentences) touched = touched.sort((x, y) => y.coverage - x.coverage || x.sentence - y.sentence).slice(0, limits.maxSentences);
  }
  const passages = new Set<number>(vectorScores.keys());
  for (const { sentence } of touched) for (const p of lex.sentencePassages[sentence] ?? []) passages.add(p);

  const candidates: Candidate[] = [];
  for (const p of passages) {
    const held = lex.passageSentences[p] ?? [];
    const sentences = held.map((sentence) => {
      const coverage = scores.coverage(sentence) / (rank.lengthNorm > 0 ? 1 - rank.lengthNorm + (rank.lengthNorm * lex.sentences[sentence]!.length) / lex.averageLength : 1);
      const fit = fits(sentence);
      return { sentence, coverage: fit ? coverage * (1 + rank.answerTypeBonus) : coverage, relevance: scores.relevance(sentence), fits: fit };
    });
    const union = scores.unionCoverage(held);
    candidates.push({ passage: p, sentences, passageCoverage: union.coverage, passageRelevance: union.relevance, passageMissing: union.missing, vector: vectorScores.get(p) ?? 0 });
  }

  // Greedy selection: a passage whose best sentence is already highlighted above competes with its
  // best new sentence instead, so overlapping windows do not fill the top with one sentence.
  const highlighted = new Set<number>();
  const firstPass = (c: Candidate) => {
    let best: SentenceEntry | undefined;
    for (const sc of c.sentences) if (!highlighted.has(sc.sentence) && (!best || sc.coverage > best.coverage)) best = sc;
    const lexical = rank.sentenceShare * (best?.coverage ?? 0) + (1 - rank.sentenceShare) * c.passageCoverage;
    const score = (1 - rank.vectorShare) * lexical + rank.vectorShare * c.vector;
    return { best, score };
  };
  let pool = candidates.map((c) => ({ c, ...firstPass(c), order: 0 })).sort((a, b) => b.score - a.score || a.c.passage - b.c.passage);
  // Only the strongest candidates can reach the top `limit` after re-scoring; a bounded pool keeps
  // large indexes fast.
  pool = pool.slice(0, Math.max(limit * limits.poolFactor, limits.poolMin));

  // The learned order: per pool candidate, its word-level matches once, then features per best sentence.
  const matches = new Map<number, { m: PassageMatches; length: number; firstRank: number }>();
  const topBase = pool[0]?.score ?? 0;
  const evidence = { coverage: (s: number) => scores.coverage(s), credits: (s: number) => scores.credits(s), fits };
  const featuresOf = (c: Candidate, best: SentenceEntry | undefined, base: number): number[] => {
    const r = rerank!;
    const held = lex.passageSentences[c.passage] ?? [];
    const found = matches.get(c.passage)!;
    return rerankFeatures(r.question, { words: r.wordsOf(c.passage), sentences: held, base, passageCoverage: c.passageCoverage, vector: c.vector, missing: c.passageMissing, firstRank: found.firstRank, topBase, opening: state.index.passages[c.passage]!.ordinal === 0 }, found.m, evidence, lex, best?.sentence, found.length);
  };
  if (rerank) {
    pool.slice(0, limits.rerankPool).forEach((entry, i) => {
      const held = lex.passageSentences[entry.c.passage] ?? [];
      let length = 0;
      for (const s of held) length += lex.sentences[s]!.length;
      matches.set(entry.c.passage, { m: passageMatches(rerank.question, rerank.wordsOf(entry.c.passage), length, rerank.averagePassageLength), length, firstRank: i });
    });
    if (rerank.observe) rerank.observe(pool.slice(0, limits.rerankPool).map((entry) => ({ passage: entry.c.passage, features: featuresOf(entry.c, entry.best, entry.score) })));
  }
  // A candidate's features change only when its best sentence does (quoted above): score once per best sentence.
  const ordered = new Map<number, { best: number | undefined; order: number; features: number[] }>();
  const evaluate = (c: Candidate): { best: SentenceEntry | undefined; score: number; order: number; features?: number[] } => {
    const first = firstPass(c);
    if (!rerank) return { ...first, order: first.score };
    // Outside the re-scored pool: after every re-scored candidate, in first-pass order.
    if (!matches.has(c.passage)) return { ...first, order: first.score - 1e9 };
    let known = ordered.get(c.passage);
    if (!known || known.best !== first.best?.sentence) {
      const features = featuresOf(c, first.best, first.score);
      known = { best: first.best?.sentence, order: rerankScore(rerank.model, features), features };
      ordered.set(c.passage, known);
    }
    return { ...first, order: known.order, features: known.features };
  };

  const out: RankedPassage[] = [];
  while (out.length < limit && pool.length > 0) {
    const rescored = pool.map((entry) => ({ ...entry, ...evaluate(entry.c) })).sort((a, b) => b.order - a.order || b.score - a.score || a.c.passage - b.c.passage);
    const top = rescored.shift()!;
    pool = rescored;
    const chosen: number[] = [];
    if (top.best && top.best.coverage > 0) {
      chosen.push(top.best.sentence);
      const second = top.c.sentences
        .filter((sc) => sc.sentence !== top.best!.sentence && !highlighted.has(sc.sentence) && sc.coverage >= rank.secondHighlight * top.best!.coverage)
        .sort((a, b) => b.coverage - a.coverage)[0];
      if (second) chosen.push(second.sentence);
    }
    for (const h of chosen) highlighted.add(h);
    out.push({
      passage: top.c.passage,
      score: Math.min(clamp(top.score), out.at(-1)?.score ?? 1),
      highlights: spansInPassage(state, top.c.passage, chosen.sort((a, b) => a - b)),
      evidence: { sentence: top.best?.relevance ?? 0, passage: top.c.passageRelevance, answerTypeFound: top.best?.fits ?? false, missing: top.c.passageMissing },
      ...(top.features ? { rerank: { features: top.features, order: top.order } } : {}),
    });
  }
  return out;
}

/** Sentence spans are in document offsets; clip each to the passage (a window may cut a sentence). */
function spansInPassage(state: RetrievalIndex, position: number, sentences: number[]): Span[] {
  const passage = state.index.passages[position]!;
  const spans: Span[] = [];
  for (const id of sentences) {
    const s = state.lexical.sentences[id]!;
    const start = Math.max(s.start, passage.start) - passage.start;
    const end = Math.min(s.end, passage.end) - passage.start;
    if (end > start) spans.push({ start, end });
  }
  return spans;
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}
