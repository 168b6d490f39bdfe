// Serves the current index and swaps in new generations as ingests publish them (hot reload).
// It polls store/CURRENT (fs.watch loses track of a file replaced by rename), loads a new generation
// completely, then swaps one reference: a question keeps the LoadedIndex it started with, and a load
// that fails leaves the previous index in service.
import { stat } from 'node:fs/promises';
import type { Logger } from '../logger.js';
import type { LoadedIndex } from './loaded-index.js';
import { readCurrentGeneration, readIndexGeneration, type LoadEmbeddings } from './read-index.js';
import { currentFile } from './store-layout.js';

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

export interface IndexHolderOptions {
  storeDir: string;
  /** Gives the embedder an index was built with; the caller caches it, so a reload does not reload the model. */
  loadEmbeddings: LoadEmbeddings;
  intervalMs: number;
  logger: Logger;
  /**
   * Per-index work to finish before the index is served (e.g. building the answerer's lexical index),
   * so the first question on a new generation does not pay for it. A failure counts as a failed load.
   */
  prepare?: (index: LoadedIndex) => Promise<void>;
}

export function createIndexHolder(options: IndexHolderOptions): IndexHolder {
  const { storeDir, loadEmbeddings, intervalMs, logger, prepare } = options;
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
    let generation = await readCurrentGeneration(storeDir);
    // Bounded: each retry needs an ingest to have published yet another generation meanwhile.
    for (let attempt = 1; ; attempt++) {
      if (generation === undefined || generation === served?.generation) return false;
      try {
        const index = await readIndexGeneration(storeDir, generation, loadEmbeddings);
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
        const now = await readCurrentGeneration(storeDir).catch(() => generation);
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
    let stamp: string;
    try {
      const s = await stat(currentFile(storeDir));
      // A rename gives CURRENT a new inode even when size and mtime happen to match.
      stamp = `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      stamp = 'absent';
    }
    if (stamp === seenStamp) return;
    try {
      const generation = await readCurrentGeneration(storeDir);
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
    },
    stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    on(event: 'reload' | 'error', listener: ((index: LoadedIndex) => void) & ((error: unknown) => void)) {
      if (event === 'reload') reloadListeners.add(listener);
      else errorListeners.add(listener);
    },
  };
}
