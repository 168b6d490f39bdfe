// Work on a passage's own text (its words, whether it negates) does not depend on the question, so a
// searcher does it once per passage of its generation instead of once per question. Bounded: a library
// index keeps only what recent questions reached, not every passage it holds.
import { BoundedCache } from '../bounded-cache.js';

/** Most passages a cache holds before it starts over (a library's questions reach a few thousand). */
const MAX_CACHED_PASSAGES = 20_000;

/**
 * Wraps `compute` (a pure function of a passage's position in one index) so each position is computed
 * once while it stays cached. Returns the caching function; throws whatever `compute` throws (nothing
 * is cached then).
 */
export function cachePerPassage<T>(compute: (position: number) => T): (position: number) => T {
  const cache = new BoundedCache<number, T>(MAX_CACHED_PASSAGES);
  return (position) => cache.get(position, compute);
}
