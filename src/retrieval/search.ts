// One search over one index: question -> slots -> sentence evidence -> passages (fused with the
// vector search) with highlights, plus what the question itself shows (does it name something the
// text names? what kind of answer does it want? does it ask only about things the text never
// touches?). It does not decide whether to answer: src/answer/relevance.ts does, from this result.
import { asksOnlyAboutAbsentThings } from './absent-topic.js';
import { antonymSwap, wordForms } from './antonym-swap.js';
import { isArithmetic } from './arithmetic.js';
import { asksAboutAsker, refersBack, withoutAskerFrame } from './asker.js';
import { answerKind, answerMeasure, answerType, type AnswerType } from './answer-type.js';
import { withoutOpeners } from '../text/clean-question.js';
import { glossBridge, type DefinitionTerm } from './bridge-terms.js';
import { BoundedCache } from '../bounded-cache.js';
import { choosePassages, type RankedPassage, type RerankContext } from './choose-passages.js';
import { detailEvidence, type DetailEvidence } from './detail-evidence.js';
import { documentEvidence, type DocumentEvidence } from './document-evidence.js';
import { literalEvidence, type LiteralEvidence } from './literal-evidence.js';
import { missingNumber, numbersOf } from './missing-number.js';
import { holdsNegation, isNegated } from './negation.js';
import { cachePerPassage } from './passage-cache.js';
import type { IdentifiedEmbeddings } from '../embeddings/types.js';
import { DEFAULT_SEARCH, type SearchSettings } from './params.js';
import { querySlots } from './query-terms.js';
import { lemmaTerm } from './text-terms.js';
import { passageWords, rerankQuestion, type PassageWords } from './rerank.js';
import type { RetrievalIndex } from './retrieval-index.js';
import { scoreSentences } from './score-sentences.js';
import { correctTypos } from './typos.js';
import { slotWeigher } from './slot-weights.js';
import { isContentWord, termsOfWord, words } from '../text/analyze.js';

/** What the question shows about itself, for the decision to answer. */
export interface QuestionEvidence {
  /** It names something the text names (a person, place or group). */
  namesShared: boolean;
  /** The kind of answer it asks for, when its opening words say. */
  wanted: AnswerType | undefined;
  /** It names things the text names but asks about something the text has no trace of (see absent-topic.ts). */
  onlyAbsentThings: boolean;
  /** The largest relevance-weight share in [0, 1] of one question word the index has no trace of (higher = more foreign to the text). */
  absent: number;
  /** It is negated ("not", "never", "doesn't"...): see negation.ts. */
  negated: boolean;
  /** It only asks to compute something from numbers it gives (see arithmetic.ts). */
  arithmetic: boolean;
  /** It speaks in the first person singular ("How do I ...", "my phone"): about the asker's situation (see asker.ts). */
  personal: boolean;
  /** It refers back with a pronoun or "there" ("how far is it from LA"): it presumes the article's subject (see asker.ts). */
  refersBack: boolean;
}

/** A search's result: passages best first, and the question's own evidence. */
export interface SearchResult {
  passages: RankedPassage[];
  question: QuestionEvidence;
  /** What the first passage holds in the question's own words (absent when nothing was found). */
  literal?: LiteralEvidence;
  /**
   * The best score, relative to the first passage's, of a found passage that negates something (see
   * negation.ts): 1 = the first passage does, 0 = none does. A negated question answered only far
   * below the top by a negating passage is likely asking what the text does not say.
   */
  negationShare: number;
  /** A question word the first passage contradicts: it uses the word's antonym instead (see antonym-swap.ts). */
  antonymSwap?: string;
  /** A number (four or more digits, or a decimal) the question states that the first passage's document never writes (see missing-number.ts). */
  missingNumber?: string;
  /** Word-level evidence of a changed detail on the first passage's highlight (detail-evidence.ts); worked out below library scale, for the learned decline. */
  detail?: DetailEvidence;
  /** How many sentences the searched index holds (library scale is tens of thousands; one article, a hundred). */
  indexSentences: number;
  /**
   * The question judged against the first passage's own document instead of the whole index (see
   * document-evidence.ts): in an index of several documents, the one that answers must hold the question's
   * words and names itself. For an index of one document it equals the index-wide evidence and is left out
   * unless the searcher was made with `alwaysDocumentEvidence` or the decision reads the document's own words
   * (`unnamedFactor` or `unwrittenFactor` under 1).
   */
  document?: DocumentEvidence;
}

/** Searches one index for a question; returns up to `limit` passages. */
export type Searcher = (question: string, limit: number) => Promise<SearchResult>;

/** Extra hooks for fitting scripts. */
export interface SearcherOptions {
  /** Receives every re-scored pool candidate's features, once per search (scripts/fit-reranker.ts). */
  observe?: RerankContext['observe'];
  /**
   * Work out `SearchResult.document` for every search, also on an index of one document, where it equals the
   * index-wide evidence: for scripts that print or fit on it. Without it, and with the rules on the document's own
   * words off, the search skips the work there and leaves `document` out.
   */
  alwaysDocumentEvidence?: boolean;
}

/** Makes the searcher of one index; everything per-index comes prepared in `state`. */
export function createSearcher(state: RetrievalIndex, embeddings: IdentifiedEmbeddings, settings: SearchSettings = DEFAULT_SEARCH, options: SearcherOptions = {}): Searcher {
  const { index, lexical, lexicon } = state;
  // A passage's words, whether it negates something and its words' forms do not depend on the question: once per passage.
  const wordsOf = cachePerPassage((p): PassageWords => {
    const passage = index.passages[p]!;
    return passageWords(passage.text, passage.start);
  });
  const negates = cachePerPassage((p) => holdsNegation(index.passages[p]!.text));
  const formsIn = cachePerPassage((p) => wordForms(index.passages[p]!.text, lexicon));
  let averagePassageLength: number | undefined;
  const passageLengthAverage = (): number => {
    if (averagePassageLength === undefined) {
      let total = 0;
      for (const held of lexical.passageSentences) for (const s of held) total += lexical.sentences[s]!.length;
      averagePassageLength = lexical.passageSentences.length ? Math.max(1, total / lexical.passageSentences.length) : 1;
    }
    return averagePassageLength;
  };
  // Work on a document's whole text, done the first time a question's answer comes from it.
  const perDocument = <T>(compute: (text: string) => T) => {
    const done = new Map<string, T>();
    return (documentId: string): T => {
      let found = done.get(documentId);
      if (found === undefined) {
        found = compute(index.documents.find((d) => d.id === documentId)?.text ?? '');
        done.set(documentId, found);
      }
      return found;
    };
  };
  // The numbers each document writes (missing-number rule).
  const numbersIn = perDocument(numbersOf);
  // The terms each document writes, for the detail evidence (below library scale only).
  const termsIn = perDocument((text) => new Set(words(text).flatMap((w) => termsOfWord(w.text))));
  const sentenceCount = lexical.sentences.length;
  const idf = (term: string) => Math.log((sentenceCount + 1) / ((lexical.postings.get(term)?.length ?? 0) + 1));
  // relevance.ts reads the first passage's document evidence where it can differ from the index-wide evidence (several
  // documents), and on any index for the document's own words (unnamedLiteral, unwrittenShare) while those rules are on.
  const { unnamedFactor, unwrittenFactor } = settings.relevance;
  const judgeDocument = options.alwaysDocumentEvidence === true || index.documents.length >= 2 || unnamedFactor < 1 || unwrittenFactor < 1;
  const weigh = slotWeigher(lexical, lexicon, settings.slotWeights);
  const isName = (term: string) => (lexical.capitalized.get(term) ?? 0) >= settings.slotWeights.nameCapitalized;

  // "In what country ...": a passage word WordNet files under the asked kind (Brazil, a country) is likely
  // the answer. The kind's hyponyms are gathered once per kind, as index terms, so a passage word costs a look-up.
  const kindsOf = new BoundedCache<string, ReadonlySet<string>>(1_000);
  const kindTerms = (question: string): ReadonlySet<string> | undefined => {
    const head = answerKind(question, (w) => isContentWord(w) && lexicon.isNoun(w));
    if (!head) return undefined;
    return kindsOf.get(head, () => {
      const found = new Set<string>();
      for (const lemma of lexicon.nounHyponyms(head, settings.bridge.kindSenses, settings.bridge.kindDepth, settings.bridge.kindLimit)) {
        const term = lemmaTerm(lemma);
        if (term) found.add(term);
      }
      return found;
    });
  };
  const glossCache = new BoundedCache<string, DefinitionTerm[]>(20_000);
  const vectorScores = async (question: string): Promise<Map<number, number>> => {
    const scores = new Map<number, number>();
    const count = index.passages.length;
    if (count === 0 || settings.limits.vectorCandidates <= 0 || settings.rank.vectorShare <= 0) return scores;
    const vector = await embeddings.embedQuery(question);
    const hits = await index.vectorStore.similaritySearchVectorWithScore(vector, Math.min(settings.limits.vectorCandidates, count));
    for (const [doc, distance] of hits) {
      const p = state.passagePosition.get(String(doc.metadata.passageId));
      // hnswlib's cosine space returns 1 - cosine; negative similarity is no evidence at all.
      if (p !== undefined) scores.set(p, Math.max(0, 1 - distance));
    }
    return scores;
  };

  return async (typed, limit) => {
    const corrected = correctTypos(typed, lexical, lexicon);
    // "im writing an essay on the normans, when did they...", "my teacher said X, is that true?": the frame says
    // why the asker asks; the question proper is searched and judged (asker.ts).
    const framed = settings.askerFrames ? withoutAskerFrame(corrected) : { text: corrected, claim: false };
    const question = framed.text;
    // The words a chat line opens with ("wait", "ok so", "anyone know") say nothing about its topic.
    const topic = withoutOpeners(question);
    const slots = querySlots(topic, lexicon, settings.expansion, isName);
    const vectors = await vectorScores(topic);
    const wanted = answerType(question);
    const scores = scoreSentences(state, slots, weigh, settings.limits, settings.relevance);
    let passages: RankedPassage[];
    try {
      const model = settings.rerank;
      const rerank: RerankContext | undefined = model
        ? { model, question: rerankQuestion(question, scores.slots, scores.rankWeights, lexical, wanted, glossBridge(scores.slots, lexicon, settings.bridge, glossCache), kindTerms(question)), wordsOf, averagePassageLength: passageLengthAverage(), ...(options.observe ? { observe: options.observe } : {}) }
        : undefined;
      passages = choosePassages(state, scores, vectors, limit, settings.rank, settings.limits, wanted, rerank, wanted === 'quantity' ? answerMeasure(question) : undefined);
    } finally {
      scores.release();
    }
    const counted = scores.slots.map(weigh);
    // Written with a capital after the question's first word: the asker means a name.
    const asked = words(corrected);
    const capitalized = new Set(asked.slice(1).filter((w) => /^\p{Lu}/u.test(corrected.slice(w.start, w.end))).flatMap((w) => termsOfWord(w.text)));
    const top = passages[0];
    const literal = top ? literalEvidence(state, scores.slots, scores.rankWeights, top.passage, settings.relevance.exactCredit, (slot) => slot.parts.every((part) => capitalized.has(part) || isName(part))) : undefined;
    const document = top && judgeDocument ? documentEvidence(state, { allSlots: slots, slots: scores.slots, weighed: counted, weigh }, top.passage, settings.relevance.exactCredit) : undefined;
    const topText = top ? index.passages[top.passage]!.text : '';
    const unwritten = top ? missingNumber(question, numbersIn(index.passages[top.passage]!.documentId)) : undefined;
    const highlight = top ? top.highlights.map((h) => topText.slice(h.start, h.end)).join(' ') : '';
    const detail = top && sentenceCount < settings.relevance.broadSentences
      ? detailEvidence(question, highlight, topText, (term) => termsIn(index.passages[top.passage]!.documentId).has(term), idf)
      : undefined;
    const swapped = top ? antonymSwap(question, () => formsIn(top.passage), top.highlights.map((h) => topText.slice(h.start, h.end)).join(' '), lexicon) : undefined;
    return {
      ...(literal ? { literal } : {}),
      ...(document ? { document } : {}),
      ...(detail ? { detail } : {}),
      indexSentences: lexical.sentences.length,
      ...(swapped ? { antonymSwap: swapped } : {}),
      ...(unwritten !== undefined ? { missingNumber: unwritten } : {}),
      // The whole passage, not only its highlight: the ranking may mark a neighbour of the negating sentence.
      negationShare: negationShare(passages, negates),
      passages,
      question: {
        namesShared: counted.some((w) => w.sharedName),
        wanted,
        onlyAbsentThings: asksOnlyAboutAbsentThings(slots, lexical, weigh, lexicon),
        absent: scores.absent,
        // A claim to check ("my friend says friction isn't a force") is answered by what the text says, either way.
        negated: !framed.claim && isNegated(question),
        arithmetic: isArithmetic(question),
        personal: asksAboutAsker(question),
        refersBack: refersBack(question),
      },
    };
  };
}

function negationShare(passages: readonly RankedPassage[], negates: (position: number) => boolean): number {
  const top = passages[0]?.score ?? 0;
  if (top <= 0) return passages[0] && negates(passages[0].passage) ? 1 : 0;
  for (const p of passages) if (negates(p.passage)) return p.score / top;
  return 0;
}
