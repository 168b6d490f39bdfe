// The composition root: the one place that wires real parts together (index holder with hot reload,
// the index's own embedder, the answerer, ingest). Adapters (CLI, chat, Discord) receive an App.
import path from 'node:path';
import type { FetchNet } from '../ingest/fetch-page.js';
import type { IngestProgress } from '../ingest/run-ingest.js';
import { createAnswerer, type Answerer } from './answer/answer-question.js';
import { createConversations, type ConversationOptions, type Conversations } from './answer/conversation.js';
import { buildNameCatalog, type NameCatalog } from './answer/names.js';
import { buildQuestionSuggestions, type QuestionSuggestions } from './answer/suggest-questions.js';
import { acceptQuestion } from './answer/validate-question.js';
import type { Config } from './config.js';
import { embeddingsForIndex } from './embeddings/select-embeddings.js';
import type { IdentifiedEmbeddings } from './embeddings/types.js';
import { AppError } from './errors.js';
import { createIndexHolder, type IndexHolder } from './index-store/index-holder.js';
import type { IndexStore } from './index-store/index-store.js';
import { openIndexStore } from './index-store/open-store.js';
import type { LoadedIndex } from './index-store/loaded-index.js';
import type { Logger } from './logger.js';
import { prepareRetrievalIndex } from './retrieval/retrieval-index.js';
import { getLexicon } from './text/lexicon.js';
import type { Answer, AnswerService, EmbedderInfo, IndexAbout, IngestSummary } from './types.js';

/** What one App.reingest call reads (default: the configured sources) and whom it reports progress to. */
export interface ReingestOptions {
  /** Replaces the configured sources for this ingest when given. */
  sources?: string[];
  onProgress?: (progress: IngestProgress) => void;
}

/**
 * The wired application the adapters (bot, CLI, REPL) use: settings, logger, answering, re-ingesting and the store.
 */
export interface App {
  config: Config;
  logger: Logger;
  answers: AnswerService;
  /** Rebuild the index from the configured sources (or the given ones) and switch to it at once. */
  reingest(options?: ReingestOptions): Promise<IngestSummary>;
  /** The index being served right now, if any. */
  currentIndex(): LoadedIndex | undefined;
  /** Where generations are published and read (files or the shared Postgres). */
  store: IndexStore;
  /**
   * A new in-memory conversation store over `answers` (one per adapter: a chat session, the bot),
   * reading follow-ups against the names of whichever index is current. See answer/conversation.ts.
   */
  /**
   * Up to `limit` questions the current index answers well, matching what the user has typed so far
   * (`/ask` autocomplete): synchronous, microseconds. Empty until the generation's suggestions are
   * prepared (a long-running adapter prepares them as the index loads) or when there is no index.
   */
  suggestQuestions(prefix?: string, limit?: number): string[];
  createConversations(options?: Partial<Pick<ConversationOptions, 'maxTurns' | 'idleMs' | 'maxConversations' | 'now' | 'pageSize'>>): Conversations;
  close(): Promise<void>;
}

/** How many suggested questions a decline offers. */
const DECLINE_SUGGESTIONS = 4;

/** How createApp wires the app: whether it watches for new generations, which store and network it uses. */
export interface CreateAppOptions {
  /** Watch the store and switch to new index generations as they appear (bot, chat). Off for one-shot commands. */
  watch?: boolean;
  /**
   * When suggested questions are prepared: as each generation loads (default: a bot's autocomplete and a
   * burst of declines find them ready), or only when a decline first needs them (a one-shot question,
   * whose process should neither wait for them nor spend its start on them).
   */
  suggestions?: 'on-load' | 'on-decline';
  /** Default: the store the settings name, opened here (and closed by close()). */
  store?: IndexStore;
  /** The resolver and transport for URL sources (tests); the system's by default. Implies an in-process ingest. */
  net?: FetchNet;
  /**
   * Run reingest in a child process (default), so the event loop serving questions stays free however
   * long the ingest takes; false runs it in this process (one-shot tools, tests with an injected net).
   */
  isolateIngest?: boolean;
}

/**
 * Wire config, store, index holder and answerer. Throws the store's one-line AppError when the store
 * cannot be opened (a bad DATABASE_URL, an unreachable database); a damaged or missing index does not
 * throw: every answer explains it until an ingest publishes a good one.
 */
export async function createApp(config: Config, logger: Logger, options: CreateAppOptions = {}): Promise<App> {
  const embedderCache = new Map<string, Promise<IdentifiedEmbeddings>>();
  const loadEmbeddings = (info: EmbedderInfo): Promise<IdentifiedEmbeddings> => {
    const key = JSON.stringify(info);
    let loading = embedderCache.get(key);
    if (!loading) {
      loading = embeddingsForIndex(info, config, logger);
      // A failed load must not be cached forever: the user may fix the model folder and retry.
      loading.catch(() => embedderCache.delete(key));
      embedderCache.set(key, loading);
    }
    return loading;
  };

  // One answerer per index generation: per-index work (lexical index, sentence spans) is built once,
  // while the generation loads (the holder's prepare step), before it serves any question.
  const answerers = new WeakMap<LoadedIndex, Promise<Answerer>>();
  const answererFor = (index: LoadedIndex) => {
    let made = answerers.get(index);
    if (!made) {
      // The expensive part (the lexical index) in slices that let the event loop breathe: a bot keeps
      // acknowledging interactions while a big generation is prepared.
      const onRebuild = (reason: string) => logger.warn({ generation: index.generation, reason }, 'stored lexical index not used; rebuilding it in memory');
      made = Promise.all([loadEmbeddings(index.manifest.embedder), prepareRetrievalIndex(index, getLexicon(), { onRebuild })]).then(([embeddings, retrieval]) =>
        createAnswerer(index, embeddings, config.answer, { retrieval }),
      );
      answerers.set(index, made);
    }
    return made;
  };

  const store = options.store ?? (await openIndexStore(config, logger));
  // The names each generation's text uses, learnt once per generation on first use (about a millisecond per article).
  const catalogs = new WeakMap<LoadedIndex, NameCatalog>();
  function namesOf(index: LoadedIndex): NameCatalog {
    let catalog = catalogs.get(index);
    if (!catalog) catalogs.set(index, (catalog = buildNameCatalog(index, getLexicon())));
    return catalog;
  }
  const currentNames = (): NameCatalog | undefined => {
    const index = holder.current();
    return index ? namesOf(index) : undefined;
  };
  // Suggested questions, verified against the generation's own answerer, once per generation.
  const closing = new AbortController();
  const suggestions = new WeakMap<LoadedIndex, Promise<QuestionSuggestions>>();
  const ready = new WeakMap<LoadedIndex, QuestionSuggestions>();
  function suggestionsFor(index: LoadedIndex): Promise<QuestionSuggestions> {
    let made = suggestions.get(index);
    if (!made) {
      made = answererFor(index).then((answerer) => buildQuestionSuggestions(index, namesOf(index), answerer, undefined, closing.signal));
      made.then((done) => ready.set(index, done)).catch(() => suggestions.delete(index));
      suggestions.set(index, made);
    }
    return made;
  }

  const holder: IndexHolder = createIndexHolder({
    store,
    loadEmbeddings,
    logger,
    prepare: async (index) => {
      await answererFor(index);
      // Suggestions are prepared as the generation loads, not when a burst of questions arrives; not
      // awaited, so the generation serves answers at once (a one-shot command's close() stops the work).
      if (options.suggestions === 'on-decline') return;
      void suggestionsFor(index).catch((error: unknown) => {
        if (!closing.signal.aborted) logger.warn({ err: error }, 'could not prepare suggested questions');
      });
    },
  });
  let loadError: unknown;
  try {
    await holder.reload();
  } catch (error) {
    // A broken store must not stop the bot from starting: it explains itself on every question instead.
    loadError = error;
    // A long-running adapter logs it now; a one-shot command reports it once, as the answer's error.
    if (options.watch) logger.error({ err: error }, 'could not load the index');
    else logger.debug({ err: error }, 'could not load the index');
  }
  holder.on('reload', () => {
    loadError = undefined;
  });
  if (options.watch) holder.start();

  const answers: AnswerService = {
    async answer(raw: string): Promise<Answer> {
      const { text: question, cleaned } = acceptQuestion(raw, config.questionMaxLength);
      // Take the index once: a swap during this question does not affect it.
      const index = holder.current();
      if (!index) {
        if (loadError) throw loadError;
        throw new AppError('INDEX_MISSING', 'The index is not built yet: run npm run ingest.');
      }
      const answerer = await answererFor(index);
      const answer = await answerer(question, cleaned);
      if (answer.answered) return answer;
      // Declining: offer questions this article answers rather than a list of names (when they can be had).
      const suggested = await suggestionsFor(index).catch(() => undefined);
      const questions = suggested?.varied(DECLINE_SUGGESTIONS) ?? [];
      return questions.length > 0 ? { ...answer, suggestions: questions } : answer;
    },
    about(): IndexAbout | undefined {
      const index = holder.current();
      return index ? describeIndex(index) : undefined;
    },
  };

  return {
    config,
    logger,
    answers,
    currentIndex: () => holder.current(),
    store,
    suggestQuestions(prefix = '', limit = 5) {
      const index = holder.current();
      if (!index) return [];
      const done = ready.get(index);
      if (!done) void suggestionsFor(index).catch(() => undefined);
      return done ? done.suggest(prefix, limit) : [];
    },
    createConversations: (overrides = {}) =>
      createConversations({ answer: (q) => answers.answer(q), names: currentNames, lexicon: getLexicon(), pageSize: config.answer.passages, ...overrides }),
    async reingest(reingestOptions: ReingestOptions = {}): Promise<IngestSummary> {
      const common = {
        config,
        logger,
        ...(reingestOptions.sources ? { sources: reingestOptions.sources } : {}),
        ...(reingestOptions.onProgress ? { onProgress: reingestOptions.onProgress } : {}),
      };
      const isolate = (options.isolateIngest ?? true) && !options.net;
      // A child opens its own connection to the store the settings name (a pool cannot cross processes).
      // Imported here, not at the top: the ingest pipeline (page parsing, readability, CSS) is a third of
      // what a process loads, and answering never needs it.
      const summary = isolate
        ? await (await import('../ingest/run-ingest-in-child.js')).runIngestInChild(common)
        : await (await import('../ingest/run-ingest.js')).runIngest({ ...common, store, ...(options.net ? { net: options.net } : {}) });
      // Switch now rather than at the next poll, so the reply to /reingest is already true.
      await holder.reload();
      return summary;
    },
    async close() {
      closing.abort();
      holder.stop();
      if (!options.store) await store.close();
    },
  };
}

/**
 * What adapters may show of where a source came from: a web page's URL, but only a file's name — the
 * server's folders are nobody's business in /about (any member can run it).
 */
function shownLocation(location: string): string {
  return /^https?:\/\//iu.test(location) ? location : path.basename(location);
}

/** The index as adapters describe it (/about): sizes, embedder, documents with their shown location. */
function describeIndex(index: LoadedIndex): IndexAbout {
  const { manifest } = index;
  return {
    generation: index.generation,
    builtAt: manifest.builtAt,
    embedder: manifest.embedder,
    passageCount: manifest.passageCount,
    documents: manifest.sources.map((s) => ({
      id: s.id,
      location: shownLocation(s.location),
      passages: s.passages,
      ...(s.title ? { title: s.title } : {}),
      ...(s.author ? { author: s.author } : {}),
    })),
  };
}
