// Answers kept for their buttons ("More passages", votes): bounded in count and age, keyed by a short
// random id that fits in a button's custom_id.
import { randomBytes } from 'node:crypto';
import type { Answer } from '../types.js';

export interface AnswerCache {
  put(answer: Answer): string;
  /** Undefined when the id is unknown or the answer has expired. */
  get(id: string): Answer | undefined;
  readonly size: number;
}

export interface AnswerCacheOptions {
  maxEntries?: number;
  /** Matches Discord's 15-minute interaction token life by default. */
  ttlMs?: number;
  clock?: () => number;
}

/** A bounded in-memory cache of answers; `put` returns the short id buttons carry. Never throws. */
export function createAnswerCache(options: AnswerCacheOptions = {}): AnswerCache {
  const maxEntries = options.maxEntries ?? 500;
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const clock = options.clock ?? Date.now;
  // Map keeps insertion order, so the first entry is always the oldest.
  const entries = new Map<string, { answer: Answer; storedAt: number }>();

  const evict = (now: number) => {
    for (const [id, entry] of entries) {
      if (entries.size <= maxEntries && now - entry.storedAt < ttlMs) break;
      entries.delete(id);
    }
  };

  return {
    put(answer: Answer): string {
      let id = randomBytes(6).toString('base64url');
      while (entries.has(id)) id = randomBytes(6).toString('base64url');
      entries.set(id, { answer, storedAt: clock() });
      evict(clock());
      return id;
    },
    get(id: string): Answer | undefined {
      const entry = entries.get(id);
      if (!entry) return undefined;
      if (clock() - entry.storedAt >= ttlMs) {
        entries.delete(id);
        return undefined;
      }
      return entry.answer;
    },
    get size() {
      return entries.size;
    },
  };
}
