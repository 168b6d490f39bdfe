// Re-orders the strongest candidate passages of a question with a learned linear model. The first-pass
// score blends a passage's best sentence, its whole coverage and the vector similarity; it cannot see
// whether the question's words sit close together and in the question's order, whether they match
// exactly or only through WordNet, how often they occur against the passage's length (BM25), or
// whether the best sentence says anything beyond the question's own words (an answer is new
// information), whether it names a kind of the thing a "what X" question asks for, or meets a question
// word only through that word's WordNet definition (bridge-terms.ts), or what the sentences around the best
// one say. Those signals, measured per candidate on the passage's own words, are weighed by a
// model fitted on SQuAD train articles (scripts/fit-reranker.ts); only a bounded pool is re-scored,
// so the cost per question does not grow with the index.
import { isContentWord, normalizeText, termsOfWord, words } from '../text/analyze.js';
import type { AnswerType } from './answer-type.js';
import type { LexicalIndex } from './lexical-index.js';
import type { QuerySlot } from './query-terms.js';

/** The features a candidate is described by, in the order of a model's weights. */
export const RERANK_FEATURES = [
  'base', // the first-pass ordering score
  'bestCoverage', // ranking coverage of the best (not yet quoted) sentence
  'passageCoverage', // ranking coverage of the passage as a whole
  'vector', // cosine similarity of question and passage
  'typeFound', // the question says what kind of answer it wants and the best sentence holds one
  'typeMissing', // it says, and the best sentence holds none
  'bestExact', // coverage of the best sentence counting only the question's own words
  'passageExact', // the same over the passage
  'pairCoverage', // best coverage of two neighbouring sentences together
  'windowCoverage', // best coverage of any 12 consecutive words
  'bigrams', // share of neighbouring question words met in the same order within 3 words
  'bm25Sentence', // BM25 of the best sentence, divided by the question's summed idf
  'bm25Passage', // BM25 of the passage, the same scale
  'logLength', // log of the passage's length in terms
  'firstRank', // 1 / (1 + position in the first-pass order)
  'missing', // largest relevance share of one question word the passage has no trace of
  'relativeBase', // base / the best candidate's base
  'novelty', // share of the best sentence's content words that are not the question's
  'opening', // the passage opens its document (definitions and overviews come first)
  'leadMatch', // coverage of the best sentence's first six words (its subject: "X is a ...")
  'inOrder', // share of the question's words met in the best sentence in the question's order (longest common subsequence)
  'rarestPassage', // credit the passage earns for the question's rarest word
  'rarestSentence', // the same in the best sentence
  'context', // coverage of the best sentence with the two before it and the one after (same document): what it refers back to
  'nearness', // per question word, its best credit within 5 sentences of the best one, divided by 1 + the distance
  'glossSentence', // question words the best sentence misses but meets through a word of their WordNet definition (weight x credit gained)
  'glossPassage', // the same over the passage
  'kindSentence', // a "what X" question (X a noun) and the best sentence holds a word, not the question's, that WordNet files under X (Brazil under country)
  'kindPassage', // the same anywhere in the passage
  // What the question is (the same for every candidate of one question: they change no order alone,
  // only how the trees weigh the evidence above).
  'askWhat',
  'askWho',
  'askWhen',
  'askWhere',
  'askHow',
  'askWhich',
  'askWhy',
  'questionWords', // counted question words
] as const;

/** One feature's name. */
export type RerankFeature = (typeof RERANK_FEATURES)[number];

/**
 * One regression tree, nodes in arrays: node i tests `feature[i]` (-1 = a leaf worth `value[i]`) and goes to
 * `left[i]` when the feature is below `threshold[i]`, else to `right[i]`.
 */
export interface RerankTree {
  feature: readonly number[];
  threshold: readonly number[];
  left: readonly number[];
  right: readonly number[];
  value: readonly number[];
}

/** A fitted model: score = sum of weight x feature + the trees' values (higher = better passage). */
export interface RerankModel {
  /** Weight per feature, in RERANK_FEATURES order. */
  weights: readonly number[];
  /** Boosted trees over the same features, fitted on what the linear part leaves. */
  trees?: readonly RerankTree[];
}

/** What one question brings to the features of its candidates. */
export interface RerankQuestion {
  slots: readonly QuerySlot[];
  /** Ranking weight per slot, summing to 1. */
  weights: readonly number[];
  /** BM25 idf per slot over the index's sentences. */
  idf: readonly number[];
  wanted: AnswerType | undefined;
  /** The question's opening word kind, one flag per ask* feature. */
  asks: readonly number[];
  /** Term -> the slots it stands for and with what credit. */
  termSlots: Map<string, { slot: number; credit: number }[]>;
  /** The gloss bridge (bridge-terms.ts): a definition term -> the slots it loosely stands for and with what credit; empty = none. */
  gloss: BridgeTerms;
  /** For a "what X" question: the index terms of the kinds of X (WordNet hyponyms: "country" -> brazil, franc, ...), one- and two-word. */
  kinds?: ReadonlySet<string>;
}

/** Term -> the question slots it bridges to, with a credit in (0, 1]. */
export type BridgeTerms = Map<string, { slot: number; credit: number }[]>;

/** Builds the per-question part of the features. */
export function rerankQuestion(question: string, slots: readonly QuerySlot[], rankWeights: readonly number[], lex: LexicalIndex, wanted: AnswerType | undefined, gloss: BridgeTerms = new Map(), kinds?: ReadonlySet<string>): RerankQuestion {
  const opening = normalizeText(question).trim();
  const asks = ASKS.map((pattern) => (pattern.test(opening) ? 1 : 0));
  const total = rankWeights.reduce((a, b) => a + b, 0);
  const n = lex.sentences.length;
  const idf = slots.map((slot) => {
    const df = lex.postings.get(slot.term)?.length ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  });
  const termSlots = new Map<string, { slot: number; credit: number }[]>();
  slots.forEach((slot, s) => {
    for (const [term, credit] of slot.alternatives) {
      let list = termSlots.get(term);
      if (!list) termSlots.set(term, (list = []));
      list.push({ slot: s, credit });
    }
  });
  return { slots, weights: rankWeights.map((w) => (total > 0 ? w / total : 0)), idf, wanted, asks, termSlots, gloss, ...(kinds && kinds.size > 0 ? { kinds } : {}) };
}

/** A passage's words as index terms with their document offsets: query-independent, worth caching per index. */
export interface PassageWords {
  offsets: number[];
  terms: string[][];
  content: boolean[];
}

/** Splits a passage's text (starting at document offset `start`) into its words' terms. */
export function passageWords(text: string, start: number): PassageWords {
  const out: PassageWords = { offsets: [], terms: [], content: [] };
  for (const w of words(text)) {
    out.offsets.push(start + w.start);
    out.terms.push(termsOfWord(w.text));
    out.content.push(isContentWord(w.text));
  }
  return out;
}

/** One candidate as the features see it. */
export interface RerankCandidate {
  /** The passage's words (see passageWords). */
  words: PassageWords;
  /** Sentence ids the passage holds, in reading order. */
  sentences: readonly number[];
  base: number;
  passageCoverage: number;
  vector: number;
  missing: number;
  firstRank: number;
  /** The best candidate's base score. */
  topBase: number;
  /** Whether the passage is its document's first. */
  opening: boolean;
}

/** What the features of a candidate need from the question's sentence evidence. */
export interface SentenceEvidence {
  coverage(sentence: number): number;
  credits(sentence: number): ArrayLike<number>;
  fits(sentence: number): boolean;
}

// The question words anywhere in the question ("... protected by what?"), one per ask* feature.
const ASKS = ['what', 'who', 'when', 'where', 'how', 'which', 'why'].map((word) => new RegExp(`(?:^|\\W)${word}\\b`));
const K1 = 1.2;
const B = 0.75;
const WINDOW = 12;
const BIGRAM_GAP = 3;
// Sentences either side of the best one that 'nearness' looks at.
const NEAR = 5;

/** Per candidate, the position-level part of the features (the same for every best sentence). */
export interface PassageMatches {
  /** Per word position, per slot: the credit that word earns for the slot. */
  credit: Float32Array;
  windowCoverage: number;
  bigrams: number;
  bm25Passage: number;
  /** Per word position, per slot: the credit that word earns for the slot through the gloss bridge (empty when the question has none). */
  gloss: Float32Array;
  /** Per word position: 1 when it (alone or with the next word) is a kind of the question's "what X", not a question word. */
  kind: Uint8Array;
}

/** Matches a candidate's words against the question once. */
export function passageMatches(q: RerankQuestion, words: PassageWords, length: number, averageLength: number): PassageMatches {
  const S = q.slots.length;
  const n = words.terms.length;
  const credit = new Float32Array(n * S);
  const matched: number[] = [];
  for (let i = 0; i < n; i++) {
    let any = false;
    for (const term of words.terms[i]!) {
      const hits = q.termSlots.get(term);
      if (!hits) continue;
      for (const { slot, credit: c } of hits) {
        if (c > credit[i * S + slot]!) credit[i * S + slot] = c;
        any = true;
      }
    }
    if (any) matched.push(i);
  }
  let windowCoverage = 0;
  const best = new Float64Array(S);
  for (const from of matched) {
    best.fill(0);
    for (const i of matched) {
      if (i < from || i >= from + WINDOW) continue;
      for (let s = 0; s < S; s++) best[s] = Math.max(best[s]!, credit[i * S + s]!);
    }
    let sum = 0;
    for (let s = 0; s < S; s++) sum += q.weights[s]! * best[s]!;
    windowCoverage = Math.max(windowCoverage, sum);
  }
  let pairs = 0;
  let met = 0;
  for (let s = 0; s + 1 < S; s++) {
    pairs++;
    let found = false;
    for (const i of matched) {
      if (credit[i * S + s]! <= 0) continue;
      for (const j of matched) if (j > i && j <= i + BIGRAM_GAP && credit[j * S + s + 1]! > 0) found = true;
      if (found) break;
    }
    if (found) met++;
  }
  const gloss = new Float32Array(q.gloss.size ? n * S : 0);
  if (gloss.length > 0) {
    for (let i = 0; i < n; i++) {
      for (const term of words.terms[i]!) {
        for (const { slot, credit: c } of q.gloss.get(term) ?? []) if (c > gloss[i * S + slot]!) gloss[i * S + slot] = c;
      }
    }
  }
  const kind = new Uint8Array(q.kinds ? n : 0);
  if (q.kinds) {
    const asked = new Set(matched);
    for (let i = 0; i < n; i++) {
      if (asked.has(i) || !words.content[i]) continue;
      const term = words.terms[i]!.at(-1);
      const next = i + 1 < n && words.content[i + 1] && !asked.has(i + 1) ? words.terms[i + 1]!.at(-1) : undefined;
      if (term !== undefined && (q.kinds.has(term) || (next !== undefined && q.kinds.has(`${term}_${next}`)))) kind[i] = 1;
    }
  }
  return { credit, windowCoverage, bigrams: pairs ? met / pairs : 0, bm25Passage: bm25(q, credit, matched, length, averageLength), gloss, kind };
}

function bm25(q: RerankQuestion, credit: Float32Array, matched: readonly number[], length: number, averageLength: number): number {
  const S = q.slots.length;
  let score = 0;
  let idfTotal = 0;
  for (let s = 0; s < S; s++) {
    idfTotal += q.idf[s]!;
    let tf = 0;
    for (const i of matched) tf += credit[i * S + s]!;
    if (tf > 0) score += (q.idf[s]! * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / averageLength));
  }
  return idfTotal > 0 ? score / idfTotal : 0;
}

/**
 * The feature vector of one candidate, given its best not-yet-quoted sentence (undefined when every
 * sentence is quoted already). Order: RERANK_FEATURES.
 */
export function rerankFeatures(q: RerankQuestion, c: RerankCandidate, m: PassageMatches, evidence: SentenceEvidence, lex: LexicalIndex, best: number | undefined, passageLength: number): number[] {
  const S = q.slots.length;
  const exactOf = (credits: ArrayLike<number>) => {
    let sum = 0;
    for (let s = 0; s < S; s++) if (credits[s]! >= 0.999) sum += q.weights[s]!;
    return sum;
  };
  const union = new Float64Array(S);
  let pairCoverage = 0;
  let previous: ArrayLike<number> | undefined;
  for (const sentence of c.sentences) {
    const credits = evidence.credits(sentence);
    for (let s = 0; s < S; s++) union[s] = Math.max(union[s]!, credits[s]! >= 0.999 ? 1 : 0);
    if (previous) {
      let sum = 0;
      for (let s = 0; s < S; s++) sum += q.weights[s]! * Math.max(previous[s]!, credits[s]!);
      pairCoverage = Math.max(pairCoverage, sum);
    } else pairCoverage = Math.max(pairCoverage, evidence.coverage(sentence));
    previous = Array.from(credits);
  }
  let passageExact = 0;
  for (let s = 0; s < S; s++) passageExact += q.weights[s]! * union[s]!;

  let bestCoverage = 0;
  let bestExact = 0;
  let bm25Sentence = 0;
  let novelty = 0;
  let fits = false;
  let leadMatch = 0;
  let inOrder = 0;
  let rarestSentence = 0;
  let rarest = 0;
  for (let s = 1; s < S; s++) if (q.idf[s]! > q.idf[rarest]!) rarest = s;
  let rarestPassage = 0;
  for (const sentence of c.sentences) rarestPassage = Math.max(rarestPassage, S ? evidence.credits(sentence)[rarest]! : 0);
  if (best !== undefined) {
    const sentence = lex.sentences[best]!;
    bestCoverage = evidence.coverage(best);
    bestExact = exactOf(evidence.credits(best));
    fits = evidence.fits(best);
    const inside = (i: number) => c.words.offsets[i]! >= sentence.start && c.words.offsets[i]! < sentence.end;
    const positions: number[] = [];
    let content = 0;
    let novel = 0;
    for (let i = 0; i < c.words.offsets.length; i++) {
      if (!inside(i)) continue;
      positions.push(i);
      if (!c.words.content[i]) continue;
      content++;
      let any = false;
      for (let s = 0; s < S; s++) if (m.credit[i * S + s]! > 0) any = true;
      if (!any) novel++;
    }
    bm25Sentence = bm25(q, m.credit, positions, sentence.length, lex.averageLength);
    novelty = content ? novel / content : 0;
    const lead = new Float64Array(S);
    for (const i of positions.slice(0, 6)) for (let s = 0; s < S; s++) lead[s] = Math.max(lead[s]!, m.credit[i * S + s]!);
    for (let s = 0; s < S; s++) leadMatch += q.weights[s]! * lead[s]!;
    // Longest run of question words in question order (a subsequence) among the sentence's words.
    const lcs = new Array<number>(S + 1).fill(0);
    for (const i of positions) {
      for (let s = S - 1; s >= 0; s--) if (m.credit[i * S + s]! > 0) lcs[s + 1] = Math.max(lcs[s + 1]!, lcs[s]! + 1);
      for (let s = 1; s <= S; s++) lcs[s] = Math.max(lcs[s]!, lcs[s - 1]!);
    }
    inOrder = S ? lcs[S]! / S : 0;
    rarestSentence = S ? evidence.credits(best)[rarest]! : 0;
  }
  let context = 0;
  let nearness = 0;
  if (best !== undefined) {
    const document = lex.sentences[best]!.document;
    const near = new Float64Array(S);
    const around = new Float64Array(S);
    for (let d = -NEAR; d <= NEAR; d++) {
      const at = best + d;
      if (at < 0 || at >= lex.sentences.length || lex.sentences[at]!.document !== document) continue;
      const credits = evidence.credits(at);
      for (let s = 0; s < S; s++) {
        near[s] = Math.max(near[s]!, credits[s]! / (1 + Math.abs(d)));
        if (d >= -2 && d <= 1) around[s] = Math.max(around[s]!, credits[s]!);
      }
    }
    for (let s = 0; s < S; s++) {
      context += q.weights[s]! * around[s]!;
      nearness += q.weights[s]! * near[s]!;
    }
  }
  let kindSentence = 0;
  let kindPassage = 0;
  for (let i = 0; i < m.kind.length; i++) {
    if (!m.kind[i]) continue;
    kindPassage = 1;
    if (best !== undefined && c.words.offsets[i]! >= lex.sentences[best]!.start && c.words.offsets[i]! < lex.sentences[best]!.end) kindSentence = 1;
  }
  const [glossSentence, glossPassage] = glossGains(q, c, m, evidence, lex, best);
  return [
    c.base,
    bestCoverage,
    c.passageCoverage,
    c.vector,
    q.wanted && fits ? 1 : 0,
    q.wanted && !fits ? 1 : 0,
    bestExact,
    passageExact,
    pairCoverage,
    m.windowCoverage,
    m.bigrams,
    bm25Sentence,
    m.bm25Passage,
    Math.log(1 + passageLength),
    1 / (1 + c.firstRank),
    c.missing,
    c.topBase > 0 ? c.base / c.topBase : 0,
    novelty,
    c.opening ? 1 : 0,
    leadMatch,
    inOrder,
    rarestPassage,
    rarestSentence,
    context,
    nearness,
    glossSentence,
    glossPassage,
    kindSentence,
    kindPassage,
    ...q.asks,
    S,
  ];
}

/**
 * The glossSentence and glossPassage features: the question's weight the best sentence (and the passage) meets
 * only through the gloss bridge, counting a bridged credit only where it beats what the word already earns
 * there. Both 0 when the question has no gloss bridge.
 */
function glossGains(q: RerankQuestion, c: RerankCandidate, m: PassageMatches, evidence: SentenceEvidence, lex: LexicalIndex, best: number | undefined): [number, number] {
  if (m.gloss.length === 0) return [0, 0];
  const S = q.slots.length;
  const passageCredit = new Float64Array(S);
  for (const sentence of c.sentences) {
    const credits = evidence.credits(sentence);
    for (let s = 0; s < S; s++) passageCredit[s] = Math.max(passageCredit[s]!, credits[s]!);
  }
  const bestCredits = best !== undefined ? evidence.credits(best) : undefined;
  const sentenceRange = best !== undefined ? lex.sentences[best]! : undefined;
  const inSentence = new Float64Array(S);
  const inPassage = new Float64Array(S);
  for (let i = 0; i < c.words.offsets.length; i++) {
    const inside = sentenceRange !== undefined && c.words.offsets[i]! >= sentenceRange.start && c.words.offsets[i]! < sentenceRange.end;
    for (let s = 0; s < S; s++) {
      const v = m.gloss[i * S + s]!;
      if (v <= 0) continue;
      if (v > inPassage[s]!) inPassage[s] = v;
      if (inside && v > inSentence[s]!) inSentence[s] = v;
    }
  }
  let sentenceGain = 0;
  let passageGain = 0;
  for (let s = 0; s < S; s++) {
    sentenceGain += q.weights[s]! * Math.max(0, inSentence[s]! - (bestCredits ? bestCredits[s]! : 0));
    passageGain += q.weights[s]! * Math.max(0, inPassage[s]! - passageCredit[s]!);
  }
  return [sentenceGain, passageGain];
}

/** The model's score of a feature vector (higher = better passage). */
export function rerankScore(model: RerankModel, features: readonly number[]): number {
  let score = 0;
  for (let i = 0; i < features.length; i++) score += (model.weights[i] ?? 0) * features[i]!;
  for (const tree of model.trees ?? []) {
    let node = 0;
    while (tree.feature[node]! >= 0) node = features[tree.feature[node]!]! < tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
    score += tree.value[node]!;
  }
  return score;
}
