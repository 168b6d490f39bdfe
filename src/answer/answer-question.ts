// Answers a question from one index by quoting it: the best passages word for word, the sentences
// that answer marked inside them, and an honest decline when nothing covers enough of the question.
// Retrieval ranks (src/retrieval/search.ts); src/answer/relevance.ts decides; this file assembles.
import type { IdentifiedEmbeddings } from '../embeddings/types.js';
import type { LoadedIndex } from '../index-store/loaded-index.js';
import { DEFAULT_SEARCH, type SearchSettings } from '../retrieval/params.js';
import { buildRetrievalIndex, type RetrievalIndex } from '../retrieval/retrieval-index.js';
import { createSearcher } from '../retrieval/search.js';
import { cleanQuestion, type CleanQuestion } from '../text/clean-question.js';
import { getLexicon, type Lexicon } from '../text/lexicon.js';
import type { Answer, QuotedPassage } from '../types.js';
import { answerAbout } from './about-article.js';
import { aboutTopic } from './about-intent.js';
import { decide } from './relevance.js';
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

/**
 * Answers one question; `cleaned` is cleanQuestion(question) when the caller already has it (the app's
 * acceptQuestion works it out), so it is not cleaned twice.
 */
export type Answerer = (question: string, cleaned?: CleanQuestion) => Promise<Answer>;

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

  const offer = () => (suggestions ??= coveredTopics(index));

  // Mentions, emoji, markdown, shouting and chat abbreviations never change the answer.
  return async (question, cleaned = cleanQuestion(question)) => {
    // "What is this about?", "Who wrote it?": answered from the article's metadata and its own central sentences.
    const topic = aboutTopic(cleaned, state.lexicon);
    if (topic) return answerAbout(question, topic, state, offer);
    const result = await searcher(cleaned, limit);
    const decision = decide(result, search.relevance, minRelevance);
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
