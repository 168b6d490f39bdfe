// Answers a question from one index by quoting it: the best passages word for word, the sentences
// that answer marked inside them, and an honest decline when nothing covers enough of the question.
// Retrieval ranks (src/retrieval/search.ts); src/answer/relevance.ts decides; this file assembles.
import type { IdentifiedEmbeddings } from '../embeddings/types.js';
import type { LoadedIndex } from '../index-store/loaded-index.js';
import { DEFAULT_SEARCH, type SearchSettings } from '../retrieval/params.js';
import { buildRetrievalIndex, type RetrievalIndex } from '../retrieval/retrieval-index.js';
import { createSearcher, type SearchResult } from '../retrieval/search.js';
import { answerMeasure } from '../retrieval/answer-type.js';
import { cleanQuestion, type CleanQuestion } from '../text/clean-question.js';
import { getLexicon, type Lexicon } from '../text/lexicon.js';
import type { Answer, AskOptions, QuotedPassage } from '../types.js';
import { answerAbout } from './about-article.js';
import { aboutTopic } from './about-intent.js';
import { decide } from './relevance.js';
import { buildNameCatalog, type NameCatalog } from './names.js';
import { coveredTopics } from './suggestions.js';

/** How an answer is shaped (from config). */
export interface AnswerSettings {
  /** How many passages a reply shows at once (adapters page through the rest). */
  passages: number;
  /** How many ranked passages an answer keeps. */
  maxPassages: number;
  /** Relevance in [0, 1] (higher = more of the question covered) below which the answer declines; undefined = params' calibrated default. */
  minRelevance?: number | undefined;
}

/** What an answerer may be given instead of the defaults. */
export interface AnswererOptions {
  lexicon?: Lexicon;
  search?: SearchSettings;
  /** The index's retrieval state when already prepared (the app prepares it while a generation loads). */
  retrieval?: RetrievalIndex;
}

/** How one question comes to an answerer: AskOptions, and its cleaned form when the caller already has it. */
export interface AnswerOptions extends AskOptions {
  /** cleanQuestion(question), when worked out already (the app's acceptQuestion does), so it is not cleaned twice. */
  cleaned?: CleanQuestion;
}

/**
 * Answers one question. Options come as one object, so an answerer handed where a conversation's
 * `(question, AskOptions)` is expected reads them right.
 */
export type Answerer = (question: string, options?: AnswerOptions) => Promise<Answer>;

/**
 * Makes the answerer of one index: question -> Answer (quotes with highlights, or a decline with
 * suggestions). Per-index work is done once, here (or taken prepared from `options.retrieval`).
 */
export function createAnswerer(index: LoadedIndex, embeddings: IdentifiedEmbeddings, settings: AnswerSettings, options: AnswererOptions = {}): Answerer {
  const state = options.retrieval ?? buildRetrievalIndex(index, options.lexicon ?? getLexicon());
  const search = options.search ?? DEFAULT_SEARCH;
  const searcher = createSearcher(state, embeddings, search);
  const minRelevance = settings.minRelevance ?? search.relevance.minRelevance;
  const limit = Math.max(1, settings.maxPassages, settings.passages);
  const titles = new Map(index.documents.map((d) => [d.id, d.metadata.title ?? d.id]));
  let suggestions: string[] | undefined;
  // The index's names, learnt only when a follow-up first needs to know who its passage names.
  let catalog: NameCatalog | undefined;
  const names = () => (catalog ??= buildNameCatalog(index));

  const offer = () => (suggestions ??= coveredTopics(index));

  // Mentions, emoji, markdown, shouting and chat abbreviations never change the answer.
  return async (question, askOptions = {}) => {
    const cleaned = askOptions.cleaned ?? cleanQuestion(question);
    // "What is this about?", "Who wrote it?": answered from the article's metadata and its own central sentences.
    const topic = aboutTopic(cleaned, state.lexicon);
    if (topic) return answerAbout(question, topic, state, offer);
    const result = await searcher(cleaned, limit, askOptions.typed !== undefined ? { typed: cleanQuestion(askOptions.typed) } : undefined);
    const decision = decide(result, search.relevance, minRelevance, askOptions.typed !== undefined ? () => holdsAsked(cleaned, result, index, names()) : undefined);
    if (!decision.answered) {
      return { question, answered: false, relevance: decision.relevance, passages: [], suggestions: offer() };
    }
    const best = result.passages[0]!;
    const passages: QuotedPassage[] = [];
    result.passages.forEach((r, i) => {
      if (r.score < search.limits.relatedScoreShare * best.score) return;
      const passage = index.passages[r.passage]!;
      passages.push({ passage, source: titles.get(passage.documentId) ?? passage.documentId, score: r.score, relevance: decision.relevances[i]!, highlights: r.highlights });
    });
    return { question, answered: true, relevance: decision.relevance, passages, suggestions: [] };
  };
}

/**
 * Whether the first passage holds the kind of answer `question` asks for, as a follow-up standing on the words the
 * conversation filled in must (relevance.ts unmetFollowUp). For "who": a name anywhere in the passage (the sentence
 * after the one the filled-in words marked may give it: "Mayor Anna Strand gave the go-ahead") that the question
 * does not give and that the text treats as a person, or a group written as a plural ("the Normans"); the
 * catalogue is learnt from this very text, so a run it does not know ("Near Krefeld") is a sentence's opening
 * word, no name. For "how many/much": a number in its best sentence. A "when" question may be answered by an
 * event ("during the Second World War"), and other questions by anything: true for them.
 */
function holdsAsked(question: string, result: SearchResult, index: LoadedIndex, names: NameCatalog): boolean {
  const top = result.passages[0];
  if (!top) return false;
  if (result.question.wanted === 'quantity') return answerMeasure(question) === 'time' || top.evidence.answerTypeFound;
  if (result.question.wanted !== 'name') return true;
  const asked = new Set(names.find(question).map((m) => m.surface.toLowerCase()));
  return names.find(index.passages[top.passage]!.text).some((m) => !asked.has(m.surface.toLowerCase()) && m.info !== undefined && (m.info.person || (m.info.plural && /[^s]s$/.test(m.surface))));
}
