// What to offer when the index has nothing relevant: the documents' titles and standfirsts, and the names that run
// through the most passages (written with capitals mid-sentence, e.g. "Five Eyes", "Russia"), as
// written in the text, without near-repeats ("Israel" and "Israeli").
import type { LoadedIndex } from '../index-store/loaded-index.js';

// A run of capitalised words, allowing a lower-case "of"/"the" inside ("Bank of England").
const NAME_RUN = /\p{Lu}[\p{L}.'’-]*(?:\s+(?:(?:of|the|de|al)\s+)?\p{Lu}[\p{L}.'’-]*)*/gu;

/**
 * Describes what an index covers, for a decline: the first three titles, their standfirsts, then up to `count`
 * names written in the most passages. Returns short phrases (not questions); never throws.
 */
export function coveredTopics(index: LoadedIndex, count = 5): string[] {
  const titles = index.documents.map((d) => d.metadata.title ?? d.id).slice(0, 3);
  const stats = new Map<string, { passages: number; total: number; surface: string }>();
  for (const passage of index.passages) {
    const seen = new Set<string>();
    for (const match of passage.text.matchAll(NAME_RUN)) {
      const before = passage.text.slice(Math.max(0, match.index - 2), match.index);
      // A capital after a full stop or at the start may just open a sentence.
      if (match.index === 0 || /[.!?"“]\s*$/.test(before)) continue;
      const surface = match[0].replace(/['’]s$/, '');
      if (surface.length < 3) continue;
      const key = surface.toLowerCase();
      let entry = stats.get(key);
      if (!entry) stats.set(key, (entry = { passages: 0, total: 0, surface }));
      entry.total++;
      if (!seen.has(key)) {
        seen.add(key);
        entry.passages++;
      }
    }
  }
  const ranked = [...stats.values()].sort((a, b) => b.passages - a.passages || b.total - a.total || a.surface.localeCompare(b.surface));
  const chosen: string[] = [];
  for (const entry of ranked) {
    if (chosen.length >= count) break;
    const key = entry.surface.toLowerCase();
    const near = chosen.some((c) => {
      const other = c.toLowerCase();
      return key.startsWith(other) || other.startsWith(key) || key.includes(other) || other.includes(key);
    });
    if (!near && !titles.some((t) => t.toLowerCase() === key)) chosen.push(entry.surface);
  }
  // The article's own one-line summary says what it is about better than any list of names.
  const standfirsts = index.documents
    .slice(0, 3)
    .map((d) => d.metadata.standfirst)
    .filter((s): s is string => typeof s === 'string' && s.length > 0)
    .map((s) => shorten(s, 117));
  return [...titles, ...standfirsts, ...chosen];
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1))}…`;
}
