/**
 * Binary search over the sorted id lists the lexical index keeps (postings of sentence or document ids): the
 * evidence checks ask "which of this word's sentences fall inside a range", which is one lower bound plus a walk.
 */

/**
 * Finds where `value` would go in an ascending list.
 * @returns the index of the first entry >= `value` (`list.length` when every entry is smaller); never throws.
 */
export function lowerBound(list: Int32Array, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
