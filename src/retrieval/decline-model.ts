// A learned decline: whether a question the hand rules would answer changed one detail of what its first
// passage says (SQuAD 2.0's unanswerable questions: another name, a swapped word, a made-up condition).
// Each hand rule (negation.ts, antonym-swap.ts, missing-number.ts, literal-evidence.ts) reads one sign and
// stops where its own ratio of unanswerable to answerable questions turns; many weak signals together
// (how much of the question's weight the best sentence and the passage hold as its own words, the heaviest
// word the passage lacks while the document writes it elsewhere, question words met in order, the
// reranker's evidence and its margin over the runner-up) may separate more. A logistic model over them,
// fitted by scripts/fit-decline.ts on SQuAD train articles (weights in decline-weights.ts), gives the
// probability that the question is one the text does not answer; relevance.ts declines above a threshold.
import type { SearchResult } from './search.js';
import { RERANK_FEATURES, rerankScore, type RerankTree } from './rerank.js';

// The reranker's evidence of the first passage (rerank.ts), then the decision's own.
const OWN_FEATURES = [
  'relevance', // the first passage's relevance before the first-passage rules (what the threshold tests)
  'sentence', // relevance coverage of its best sentence
  'passage', // relevance coverage of the passage
  'missing', // largest weight share of one question word the passage has no trace of
  'score', // the first passage's strength
  'scoreMargin', // its strength minus the second passage's
  'orderMargin', // its reranker score minus the second passage's (clipped to [-3, 3])
  'litSentence', // weight share the best sentence holds as the question's own words
  'litPassage', // the same over the passage
  'litGap', // litPassage - litSentence: the question's words spread over sentences rather than in one
  'unmatched', // weight share of the heaviest question word the passage does not hold as itself
  'unmatchedWeight', // that word's own rarity
  'unmatchedName', // that word is a name or a number
  'unmatchedElsewhere', // that word is written elsewhere in the index: the passage chose other words of the question over it
  'swapShare', // unmatched x unmatchedElsewhere: a detail the question changed to another the text also uses
  'nameSwap', // unmatched x unmatchedName x unmatchedElsewhere
  'unmatchedKnown', // that word is an English word WordNet knows (a typo's absence says nothing)
  'docLiteral', // weight share the first passage's document writes as the question's own words
  'docAbsent', // largest weight share of one question word the document has no trace of
  'namesShared', // the question names something the document names
  'negated', // the question is negated
  'unmetNegation', // negated x (1 - negation share): its passages negate nothing near the top
  'antonymSwap', // the first passage says the opposite of a question word (antonym-swap.ts)
  'missingNumber', // the question states a number the document never writes (missing-number.ts)
  'wantsQuantity', // "when / how many"
  'wantsName', // "who / which person"
  'typeFoundQuantity', // wants a quantity and the passage's best sentence holds one
  'personal', // first person singular
  'refersBack', // points back with a pronoun
  'words', // counted question words
  // Word-level detail evidence on the highlight (detail-evidence.ts).
  'sentenceMissing', // question content words the highlight lacks
  'sentenceMissingShare', // their share
  'missingElsewhere', // of those, written elsewhere in the document
  'missingElsewhereIdf', // the rarest such word's idf
  'namesMissing', // capitalised question words the passage lacks
  'numbersMissing', // numbers and ordinals of the question the highlight lacks
  'brokenPairs', // neighbouring question word pairs the highlight holds apart
] as const;

/** The features a question is described by, in the order of a model's weights: the first passage's reranker features (prefixed `rr.`), then the decision's own. */
export const DECLINE_FEATURES: readonly string[] = [...RERANK_FEATURES.map((f) => `rr.${f}`), ...OWN_FEATURES];

/** A fitted logistic model: probability = 1 / (1 + exp(-(bias + sum of weight x feature))); higher = more likely unanswered by the text. */
export interface DeclineModel {
  bias: number;
  /** Weight per DECLINE_FEATURES entry, in raw feature units. */
  weights: readonly number[];
  /** Boosted trees over the same features, added to the linear part's log-odds (rerank.ts's tree form). */
  trees?: readonly RerankTree[];
}

/**
 * The features of `result` (a search of at least one passage) for the learned decline; `relevance` is the first passage's
 * relevance before the first-passage rules. Returns one number per DECLINE_FEATURES entry (0 where the evidence is absent,
 * e.g. a first passage outside the reranker's pool).
 */
export function declineFeatures(result: SearchResult, relevance: number): number[] {
  const top = result.passages[0];
  const second = result.passages[1];
  const rr = top?.rerank?.features ?? new Array<number>(RERANK_FEATURES.length).fill(0);
  const lit = result.literal;
  const doc = result.document;
  const q = result.question;
  const unmatched = lit?.unmatched ?? 1;
  const elsewhere = lit?.unmatchedElsewhere ? 1 : 0;
  const name = lit?.unmatchedName ? 1 : 0;
  const orderMargin = top?.rerank && second?.rerank ? Math.max(-3, Math.min(3, top.rerank.order - second.rerank.order)) : 3;
  const own: Record<(typeof OWN_FEATURES)[number], number> = {
    relevance,
    sentence: top?.evidence.sentence ?? 0,
    passage: top?.evidence.passage ?? 0,
    missing: top?.evidence.missing ?? 1,
    score: top?.score ?? 0,
    scoreMargin: (top?.score ?? 0) - (second?.score ?? 0),
    orderMargin,
    litSentence: lit?.sentence ?? 0,
    litPassage: lit?.passage ?? 0,
    litGap: (lit?.passage ?? 0) - (lit?.sentence ?? 0),
    unmatched,
    unmatchedWeight: lit?.unmatchedWeight ?? 0,
    unmatchedName: name,
    unmatchedElsewhere: elsewhere,
    swapShare: unmatched * elsewhere,
    nameSwap: unmatched * elsewhere * name,
    unmatchedKnown: lit?.unmatchedKnown ? 1 : 0,
    docLiteral: doc?.literal ?? 0,
    docAbsent: doc?.absent ?? q.absent,
    namesShared: (doc?.namesShared ?? q.namesShared) ? 1 : 0,
    negated: q.negated ? 1 : 0,
    unmetNegation: q.negated ? 1 - result.negationShare : 0,
    antonymSwap: result.antonymSwap !== undefined ? 1 : 0,
    missingNumber: result.missingNumber !== undefined ? 1 : 0,
    wantsQuantity: q.wanted === 'quantity' ? 1 : 0,
    wantsName: q.wanted === 'name' ? 1 : 0,
    typeFoundQuantity: q.wanted === 'quantity' && top?.evidence.answerTypeFound ? 1 : 0,
    personal: q.personal ? 1 : 0,
    refersBack: q.refersBack ? 1 : 0,
    words: lit?.words ?? 0,
    sentenceMissing: result.detail?.sentenceMissing ?? 0,
    sentenceMissingShare: result.detail?.sentenceMissingShare ?? 0,
    missingElsewhere: result.detail?.missingElsewhere ?? 0,
    missingElsewhereIdf: result.detail?.missingElsewhereIdf ?? 0,
    namesMissing: result.detail?.namesMissing ?? 0,
    numbersMissing: result.detail?.numbersMissing ?? 0,
    brokenPairs: result.detail?.brokenPairs ?? 0,
  };
  return [...rr, ...OWN_FEATURES.map((f) => own[f])];
}

/** The model's probability in [0, 1] that the question is one the text does not answer (higher = decline). */
export function declineProbability(model: DeclineModel, features: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < features.length; i++) z += (model.weights[i] ?? 0) * features[i]!;
  if (model.trees?.length) z += rerankScore({ weights: [], trees: model.trees }, features);
  return 1 / (1 + Math.exp(-z));
}
