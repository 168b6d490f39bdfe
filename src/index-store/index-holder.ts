// Serves the current index and swaps in new generations as ingests publish them (hot reload).
// It polls the store's pointer (files: store/CURRENT's stat, as fs.watch loses track of a file replaced
// by rename; postgres: a cheap query, as a safety net under LISTEN/NOTIFY, which wakes it at once), loads
// a new generation completely, then swaps one reference: a question keeps the LoadedIndex it started
// with, and a load that fails (a damaged generation, a database gone away) leaves the previous index in service.
import type { Logger } from '../logger.js';
import { createFileStore } from './file-store.js';
import type { IndexStore } from './index-store.js';
import type { LoadedIndex } from './loaded-index.js';
import type { LoadEmbeddings } from './read-index.js';

/** Serves the current index to questions and swaps in a newly published generation without a restart. */
export interface IndexHolder {
  /** The index to answer from; take it once per question. Undefined until an index has been loaded. */
  current(): LoadedIndex | undefined;
  /** Load the generation CURRENT names if it is not the one being served. True when it swapped. Throws (and keeps the old index) when the new one cannot be loaded. */
  reload(): Promise<boolean>;
  /** Start polling every intervalMs. */
  start(): void;
  /** Stop polling; leaves no timers behind. */
  stop(): void;
  on(event: 'reload', listener: (index: LoadedIndex) => void): void;
  on(event: 'error', listener: (error: unknown) => void): void;
}

/** Where the holder loads indexes from, how it gets their embedder and how often it polls for a new generation. */
export interface IndexHolderOptions {
  /** The store to serve from; or storeDir for the file store there. */
  store?: IndexStore;
  storeDir?: string;
  /** Gives the embedder an index was built with; the caller caches it, so a reload does not reload the model. */
  loadEmbeddings: LoadEmbeddings;
  /** Default: the store's own poll interval. */
  intervalMs?: number;
  logger: Logger;
  /**
   * Per-index work to finish before the index is served (e.g. building the answerer's lexical index),
   * so the first question on a new generation does not pay for it. A failure counts as a failed load.
   */
  prepare?: (index: LoadedIndex) => Promise<void>;
}

/** A holder over the store (nothing loaded until reload or start). Throws only when neither store nor storeDir is given. */
export function createIndexHolder(options: IndexHolderOptions): IndexHolder {
  const { loadEmbeddings, logger, prepare } = options;
  const store: IndexStore = options.store ?? createFileStore(requireStoreDir(options.storeDir), logger, options.intervalMs ?? 1_000);
  const intervalMs = options.intervalMs ?? store.pollIntervalMs;
  let unsubscribe: (() => void) | undefined;
  let served: LoadedIndex | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  /** The CURRENT file as last seen by a poll: a poll reads it only when this changed. */
  let seenStamp = '';
  /** A generation that failed to load: polls do not retry it (and log again) until CURRENT names another. */
  let failedGeneration: string | undefined;
  /** One load at a time; a reload requested during one waits for it, then checks again. */
  let inFlight: Promise<boolean> | undefined;
  const reloadListeners = new Set<(index: LoadedIndex) => void>();
  const errorListeners = new Set<(error: unknown) => void>();

  async function load(): Promise<boolean> {
    let generation = await store.currentGeneration();
    // Bounded: each retry needs an ingest to have published yet another generation meanwhile.
    for (let attempt = 1; ; attempt++) {
      if (generation === undefined || generation === served?.generation) return false;
      try {
        const index = await store.loadGeneration(generation, loadEmbeddings);
        if (prepare) await prepare(index);
        const previous = served?.generation;
        served = index;
        failedGeneration = undefined;
        logger.info({ generation, previous, passages: index.passages.length }, 'serving index generation');
        for (const listener of reloadListeners) listener(index);
        return true;
      } catch (error) {
        // Rapid re-ingests prune old generations: one may vanish while it loads. That is not damage
        // when CURRENT has moved on meanwhile; load the newer one instead.
        const now = await store.currentGeneration().catch(() => generation);
        if (now !== generation && attempt < 5) {
          logger.debug({ generation, now }, 'generation replaced while loading; loading the newer one');
          generation = now;
          continue;
        }
        failedGeneration = generation;
        throw error;
      }
    }
  }

  function reload(): Promise<boolean> {
    const run = (inFlight ?? Promise.resolve(false)).catch(() => false).then(load);
    const settled = run.finally(() => {
      if (inFlight === settled) inFlight = undefined;
    });
    inFlight = settled;
    return settled;
  }

  async function poll(): Promise<void> {
    const stamp = await store.changeStamp();
    if (stamp === seenStamp) return;
    try {
      const generation = await store.currentGeneration();
      if (generation !== undefined && generation === failedGeneration) {
        seenStamp = stamp;
        return;
      }
      await reload();
      seenStamp = stamp;
    } catch (error) {
      seenStamp = stamp;
      logger.error({ err: error, serving: served?.generation }, 'could not load the new index generation; still serving the previous one');
      for (const listener of errorListeners) listener(error);
    }
  }

  function schedule(): void {
    timer = setTimeout(() => {
      void poll().finally(() => {
        if (running) schedule();
      });
    }, intervalMs);
    // Polling alone must not keep a process alive (the bot's connection or the chat prompt does).
    timer.unref();
  }

  return {
    current: () => served,
    reload,
    start() {
      if (running) return;
      running = true;
      schedule();
      // A notification only says "look now"; the poll's own stamp check decides whether to load.
      unsubscribe = store.subscribe?.(() => {
        if (running) void poll();
      });
    },
    stop() {
      running = false;
      unsubscribe?.();
      unsubscribe = undefined;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    on(event: 'reload' | 'error', listener: ((index: LoadedIndex) => void) & ((error: unknown) => void)) {
      if (event === 'reload') reloadListeners.add(listener);
      else errorListeners.add(listener);
    },
  };
}

function requireStoreDir(storeDir: string | undefined): string {
  if (storeDir === undefined) throw new Error('createIndexHolder needs a store or a storeDir');
  return storeDir;
}
