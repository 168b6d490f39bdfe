// Terminal/markdown rendering of an Answer, for `ask` and the chat REPL. Pure: returns strings.
// The first screen answers: per passage, the answering sentence(s) in bold with just enough of the
// passage around them (the core's excerpt, "…" where text is left out), the paragraph number, the
// source (a link when it is a URL); relevance said once. Whole passages with `full` (ask --all).
import { excerptAround, renderExcerpt } from '../answer/excerpt.js';
import type { Answer, QuotedPassage, Span } from '../types.js';
import { describeAbout } from './describe-about.js';

/** How the CLI and REPL show an answer: which passages, whole or as excerpts, and the hints for seeing more. */
export interface TextFormatOptions {
  /** Index of the first passage to show (for "more"). */
  offset?: number;
  /** How many passages to show. */
  count: number;
  /** How the user gets the rest, e.g. 'type "more"' in chat or 'add --all' for ask. */
  moreHint?: string;
  /** Show whole passages instead of excerpts around the answering sentences. */
  full?: boolean;
  /** How the user sees whole passages when excerpts left text out, e.g. 'type "full"'. */
  fullHint?: string;
}

/** Markdown: each passage's excerpt as a blockquote, the answering sentence(s) in bold, cited by source and paragraph; relevance once. */
export function formatAnswerText(answer: Answer, options: TextFormatOptions): string {
  const offset = options.offset ?? 0;
  // A question about the article itself: its metadata (headline, byline) as labelled lines, never as a quote.
  const about = answer.about && offset === 0 ? describeAbout(answer.about) : [];
  if (answer.answered && answer.passages.length === 0 && about.length > 0) return about.join('\n');
  if (!answer.answered || answer.passages.length === 0) return [formatDeclined(answer), ...(about.length > 0 ? ['', ...about] : [])].join('\n');
  const prefix = about.length > 0 ? `${about.join('\n')}\n\n` : '';
  const shown = answer.passages.slice(offset, offset + options.count);
  if (shown.length === 0) return 'No more passages for this question.';
  // One article: cite it once at the top. Several: every passage names its own.
  const sources = new Set(shown.map((q) => q.source));
  const single = sources.size === 1 ? shown[0] : undefined;
  let elided = false;
  const blocks = shown.map((quoted, i) => {
    const block = formatPassage(quoted, offset + i + 1, single === undefined, options.full === true);
    elided ||= block.elided;
    return block.text;
  });
  const remaining = answer.passages.length - offset - shown.length;
  const hint = options.moreHint ? `: ${options.moreHint}` : '';
  const notes: string[] = [];
  const best = answer.passages[0]!;
  notes.push(`Relevance of the best passage: ${(best.relevance ?? best.score).toFixed(2)} (0 to 1; higher means it matches the question more closely).`);
  if (elided && options.fullHint) notes.push(`"…" marks text left out of a passage (${options.fullHint} to read them whole).`);
  if (remaining > 0) notes.push(`(${remaining} more passage${remaining === 1 ? '' : 's'}${hint})`);
  const heading = single ? `From ${cite(single)}:\n\n` : '';
  return `${prefix}${heading}${blocks.join('\n\n')}\n\n${notes.join('\n')}`;
}

/** “Title”, with the source's address after it when the document came from the web. */
function cite(quoted: QuotedPassage): string {
  const url = /^https?:\/\//i.test(quoted.passage.documentId) ? quoted.passage.documentId : undefined;
  return `“${quoted.source}”${url && url !== quoted.source ? ` <${url}>` : ''}`;
}

function formatPassage(quoted: QuotedPassage, rank: number, nameSource: boolean, full: boolean): { text: string; elided: boolean } {
  const where = nameSource ? `${cite(quoted)}, paragraph` : 'paragraph';
  const header = `[${rank}] ${where} ${quoted.passage.paragraph}`;
  const text = quoted.passage.text;
  let body: string;
  let elided = false;
  if (full) body = markHighlights(text, quoted.highlights);
  else {
    const excerpt = excerptAround(text, quoted.highlights);
    elided = excerpt.elidedBefore || excerpt.elidedAfter || excerpt.parts.length > 1;
    body = renderExcerpt(excerpt, (span) => markHighlights(text.slice(span.start, span.end), shiftInto(quoted.highlights, span)));
  }
  const quotedLines = body
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  return { text: `${header}\n${quotedLines}`, elided };
}

/** Highlights clipped to `span` and made relative to its start. */
function shiftInto(highlights: Span[], span: Span): Span[] {
  return highlights
    .map((h) => ({ start: Math.max(h.start, span.start) - span.start, end: Math.min(h.end, span.end) - span.start }))
    .filter((h) => h.end > h.start);
}

function formatDeclined(answer: Answer): string {
  const lines = ["The article doesn't seem to cover that, so there is nothing to quote."];
  if (answer.suggestions.length > 0) {
    // Suggestions phrased as questions are offered as such; older indexes' topic lists as topics.
    const questions = answer.suggestions.every((s) => s.trim().endsWith('?'));
    lines.push('', questions ? 'Questions it can answer:' : 'It does cover:', ...answer.suggestions.map((s) => `- ${s}`));
  }
  return lines.join('\n');
}

/**
 * Wrap each highlighted range in `**`. Bold markers go around whole lines' worth of text only:
 * a highlight that crosses a line break is bolded per line, so no `**` is left open in a blockquote line.
 */
export function markHighlights(text: string, highlights: Span[]): string {
  const spans = [...highlights].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    const start = Math.max(span.start, cursor);
    const end = Math.min(span.end, text.length);
    if (end <= start) continue;
    out += text.slice(cursor, start);
    out += text
      .slice(start, end)
      .split('\n')
      .map((part) => (part.trim() ? `**${part}**` : part))
      .join('\n');
    cursor = end;
  }
  return out + text.slice(cursor);
}

/** The `--json` shape: exact source text, offsets, and highlight ranges relative to the passage text. */
export function answerToJson(answer: Answer) {
  return {
    question: answer.question,
    answered: answer.answered,
    ...(answer.about ? { about: answer.about } : {}),
    passages: answer.passages.map((q) => ({
      text: q.passage.text,
      document: q.passage.documentId,
      paragraph: q.passage.paragraph,
      start: q.passage.start,
      end: q.passage.end,
      score: Number(q.score.toFixed(4)),
      highlight: q.highlights.map((h) => ({ start: h.start, end: h.end })),
    })),
  };
}
