// What to offer when the index has nothing relevant: the documents' titles and the words that
// most distinguish their passages (frequent in a passage, rare across the index), as written.
import type { LoadedIndex } from '../index-store/loaded-index.js';
import { isContentWord, stem, words } from '../text/analyze.js';

export function coveredTopics(index: LoadedIndex, count = 5): string[] {
  const titles = index.documents.map((d) => d.metadata.title ?? d.id).slice(0, 3);
  // term -> passages containing it, occurrences, and the most common way it is written
  const stats = new Map<string, { passages: number; total: number; surface: Map<string, number> }>();
  for (const passage of index.passages) {
    const seen = new Set<string>();
    for (const w of words(passage.text)) {
      if (!isContentWord(w.text) || w.text.length < 4 || /\d/.test(w.text)) continue;
      const original = passage.text.slice(w.start, w.end).replace(/['’]s$/, '');
      // Names and proper nouns make the most recognisable topics.
      if (!/^\p{Lu}/u.test(original)) continue;
      const term = stem(w.text);
      let entry = stats.get(term);
      if (!entry) stats.set(term, (entry = { passages: 0, total: 0, surface: new Map() }));
      entry.total++;
      entry.surface.set(original, (entry.surface.get(original) ?? 0) + 1);
      if (!seen.has(term)) {
        seen.add(term);
        entry.passages++;
      }
    }
  }
  const topics = [...stats.values()]
    .filter((e) => e.passages >= 2 || index.passages.length < 3)
    .sort((a, b) => b.passages - a.passages || b.total - a.total)
    .slice(0, count)
    .map((e) => [...e.surface].sort((a, b) => b[1] - a[1])[0]![0]);
  return [...titles, ...topics];
}
