// Which slice of a passage a reply shows first: the answering sentence(s) with just enough around
// them to read naturally, the rest elided with "…". Shared by the CLI and Discord formatters so both
// quote the same words. Every part is an exact range of the passage text: elision removes words,
// never changes them.
import { splitSentences } from '../text/split-sentences.js';
import type { Span } from '../types.js';

/**
 * Which parts of a passage a short reply shows (ranges of its text: whole sentences or a highlight), and whether text is left out.
 */
export interface Excerpt {
  /** Ranges of the passage text to show, in order, not overlapping, each a run of whole sentences (or a highlight). */
  parts: Span[];
  /** True when text before the first part is left out (show "…" there). */
  elidedBefore: boolean;
  /** True when text after the last part is left out. */
  elidedAfter: boolean;
}

/** How an excerpt is cut. */
export interface ExcerptOptions {
  /**
   * A highlight shorter than this many characters gets its neighbouring sentence too, so a short
   * answer ("That would be par for the course.") is not shown without what it follows.
   */
  minChars?: number;
}

/** Default: a short sentence of news prose (~15 words) reads oddly alone; two usually stand. */
const DEFAULT_EXCERPT_MIN_CHARS = 90;

// A sentence opening with one of these leans on the one before ("It is up to Israel…", "But…").
const LEANS_BACK = /^\W*(?:it|its|they|them|their|he|his|she|her|this|that|these|those|such|but|and|so|yet|however|still|then|there|here|the same|as)\b/i;

/**
 * The excerpt of `text` around `highlights` (ranges inside `text`). Each highlight is widened to whole
 * sentences; a highlight whose first sentence leans on the one before (a pronoun or connective opens
 * it) or that is shorter than `minChars` also gets its previous sentence (or the next, at the start).
 * With no highlight, the passage's first sentence. Returns ranges only; never throws.
 */
export function excerptAround(text: string, highlights: Span[], options: ExcerptOptions = {}): Excerpt {
  const minChars = options.minChars ?? DEFAULT_EXCERPT_MIN_CHARS;
  const sentences = splitSentences(text).filter((s) => s.end > s.start);
  if (sentences.length === 0) return { parts: text.length > 0 ? [{ start: 0, end: text.length }] : [], elidedBefore: false, elidedAfter: false };
  const valid = highlights.filter((h) => h.end > h.start && h.start >= 0 && h.end <= text.length);
  const wanted = valid.length > 0 ? valid : [sentences[0]!];

  const chosen = new Set<number>();
  for (const h of wanted) {
    const first = sentences.findIndex((s) => s.end > h.start);
    let last = sentences.findIndex((s) => s.end >= h.end);
    if (first < 0) continue;
    if (last < 0) last = sentences.length - 1;
    for (let i = first; i <= last; i++) chosen.add(i);
    const opening = text.slice(sentences[first]!.start, sentences[first]!.end);
    const length = sentences[last]!.end - sentences[first]!.start;
    if (first > 0 && (LEANS_BACK.test(opening) || length < minChars)) chosen.add(first - 1);
    else if (first === 0 && length < minChars && last + 1 < sentences.length) chosen.add(last + 1);
  }
  const ordered = [...chosen].sort((a, b) => a - b);
  const parts: Span[] = [];
  for (const i of ordered) {
    const s = sentences[i]!;
    const previous = parts[parts.length - 1];
    // Adjacent sentences join into one part: only real gaps are elided.
    if (previous && ordered.includes(i - 1)) previous.end = s.end;
    else parts.push({ start: s.start, end: s.end });
  }
  const firstPart = parts[0];
  const lastPart = parts[parts.length - 1];
  return {
    parts,
    elidedBefore: firstPart !== undefined && text.slice(0, firstPart.start).trim() !== '',
    elidedAfter: lastPart !== undefined && text.slice(lastPart.end).trim() !== '',
  };
}

/**
 * Render an excerpt: its parts joined by " … ", with "…" where text is left out before or after,
 * each part passed through `render(start, end)` (so a formatter can mark highlights inside it).
 */
export function renderExcerpt(excerpt: Excerpt, render: (span: Span) => string, ellipsis = '…'): string {
  const body = excerpt.parts.map(render).join(` ${ellipsis} `);
  return `${excerpt.elidedBefore ? `${ellipsis} ` : ''}${body}${excerpt.elidedAfter ? ` ${ellipsis}` : ''}`;
}
