// Work on a passage's own text (its words, whether it negates) does not depend on the question, so a
// searcher does it once per passage of its generation instead of once per question. Bounded: a library
// index keeps only what recent questions reached, not every passage it holds.

/** Most passages a cache holds before it starts over (a library's questions reach a few thousand). */
const MAX_CACHED_PASSAGES = 20_000;

/**
 * Wraps `compute` (a pure function of a passage's position in one index) so each position is computed
 * once while it stays cached. Returns the caching function; throws whatever `compute` throws (nothing
 * is cached then).
 */
export function cachePerPassage<T>(compute: (position: number) => T): (position: number) => T {
  const cache = new Map<number, T>();
  return (position) => {
    if (cache.has(position)) return cache.get(position) as T;
    const value = compute(position);
    if (cache.size >= MAX_CACHED_PASSAGES) cache.clear();
    cache.set(position, value);
    return value;
  };
}
