// Answers kept for their buttons ("More passages", votes): bounded in count and age, keyed by a short
// random id that fits in a button's custom_id.
import { randomBytes } from 'node:crypto';
import type { Answer } from '../types.js';
import { createExpiringMap } from './expiring-map.js';

/** Recent answers by short id, so buttons ("More passages", votes, suggestions) can act on them later. */
export interface AnswerCache {
  put(answer: Answer): string;
  /** Undefined when the id is unknown or the answer has expired. */
  get(id: string): Answer | undefined;
  readonly size: number;
}

/** Bounds of the answer cache: at most maxEntries answers (default 500), each kept ttlMs milliseconds. */
export interface AnswerCacheOptions {
  maxEntries?: number;
  /** Matches Discord's 15-minute interaction token life by default. */
  ttlMs?: number;
  clock?: () => number;
}

/** A bounded in-memory cache of answers; `put` returns the short id buttons carry. Never throws. */
export function createAnswerCache(options: AnswerCacheOptions = {}): AnswerCache {
  const entries = createExpiringMap<Answer>({ maxEntries: options.maxEntries ?? 500, ttlMs: options.ttlMs ?? 15 * 60_000, ...(options.clock ? { clock: options.clock } : {}) });
  return {
    put(answer: Answer): string {
      let id = randomBytes(6).toString('base64url');
      while (entries.has(id)) id = randomBytes(6).toString('base64url');
      entries.set(id, answer);
      return id;
    },
    get: (id: string): Answer | undefined => entries.get(id),
    get size() {
      return entries.size;
    },
  };
}
