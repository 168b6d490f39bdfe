// A small in-memory map bounded in count and in age, for what the bot remembers about its own
// messages (answers behind buttons, reply chains): the oldest entry goes first, an expired one is never
// returned, and nothing outlives the process.

/** A bounded, expiring key → value map. Never throws. */
export interface ExpiringMap<V> {
  /** The value, or undefined when the key is unknown or its entry is older than the time to live. */
  get(key: string): V | undefined;
  has(key: string): boolean;
  /** Stores (or refreshes) the entry, then drops the oldest entries past the count or age bound. */
  set(key: string, value: V): void;
  readonly size: number;
}

/** Bounds of an expiring map: at most maxEntries entries (oldest forgotten first), each kept ttlMs. */
export interface ExpiringMapOptions {
  maxEntries: number;
  /** Age in milliseconds after which an entry is forgotten. */
  ttlMs: number;
  clock?: () => number;
}

/** Creates an empty map with the given bounds; `clock` (ms) is injectable for tests. */
export function createExpiringMap<V>(options: ExpiringMapOptions): ExpiringMap<V> {
  const clock = options.clock ?? Date.now;
  // A Map iterates in insertion order and `set` re-inserts, so the first entry is always the oldest.
  const entries = new Map<string, { value: V; at: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (clock() - entry.at >= options.ttlMs) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    has(key) {
      return entries.has(key);
    },
    set(key, value) {
      const now = clock();
      entries.delete(key);
      entries.set(key, { value, at: now });
      for (const [oldest, entry] of entries) {
        if (entries.size <= options.maxEntries && now - entry.at < options.ttlMs) break;
        entries.delete(oldest);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
