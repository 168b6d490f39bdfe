// Memo tables for work that depends only on its key (a word's WordNet relations, a passage's word forms,
// a lemma's index term). A bot serves for weeks and a library's questions keep bringing new words, so each
// table is bounded: when it is full it starts over, which costs a few recomputations and never a wrong value.
// One class instead of a "get, compute, clear when full, set" block at every table.

/** A key -> value table that computes a missing value once and forgets everything when it holds `limit` entries. */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly limit: number) {}

  /**
   * The value kept for `key`, or `compute(key)` kept and returned when there is none (an undefined value is
   * kept too). Throws whatever `compute` throws; nothing is kept then.
   */
  get(key: K, compute: (key: K) => V): V {
    if (this.map.has(key)) return this.map.get(key) as V;
    const value = compute(key);
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}
