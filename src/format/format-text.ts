// Terminal/markdown rendering of an Answer, for `ask` and the chat REPL. Pure: returns strings.
import type { Answer, QuotedPassage, Span } from '../types.js';
import { describeAbout } from './describe-about.js';

export interface TextFormatOptions {
  /** Index of the first passage to show (for "more"). */
  offset?: number;
  /** How many passages to show. */
  count: number;
  /** How the user gets the rest, e.g. 'type "more"' in chat or 'add --all' for ask. */
  moreHint?: string;
}

/** Markdown: each passage as a blockquote, the answering sentence(s) in bold, with source, paragraph and score. */
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
  const single = sources.size === 1 ? shown[0]?.source : undefined;
  const blocks = shown.map((quoted, i) => formatPassage(quoted, offset + i + 1, single === undefined));
  const remaining = answer.passages.length - offset - shown.length;
  const hint = options.moreHint ? `: ${options.moreHint}` : '';
  const footer = remaining > 0 ? `\n\n(${remaining} more passage${remaining === 1 ? '' : 's'}${hint})` : '';
  const heading = single ? `From “${single}”:\n\n` : '';
  return `${prefix}${heading}${blocks.join('\n\n')}\n\nRelevance runs from 0 to 1: higher means the passage matches the question more closely.${footer}`;
}

function formatPassage(quoted: QuotedPassage, rank: number, nameSource: boolean): string {
  const where = nameSource ? `${quoted.source}, paragraph` : 'paragraph';
  const header = `[${rank}] ${where} ${quoted.passage.paragraph} (relevance ${quoted.score.toFixed(2)})`;
  const body = markHighlights(quoted.passage.text, quoted.highlights)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  return `${header}\n${body}`;
}

function formatDeclined(answer: Answer): string {
  const lines = ["The article doesn't seem to cover that, so there is nothing to quote."];
  if (answer.suggestions.length > 0) {
    lines.push('', 'It does cover:', ...answer.suggestions.map((s) => `- ${s}`));
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
