// Discord rendering of answers, /about and /reingest summaries. Pure: returns plain message data
// (content + embeds) that fits Discord's limits; the bot adds buttons and sends it. Bold, quote lines
// and embed length come from discord.js's own @discordjs/formatters and @discordjs/builders; needs no
// client, so it is tested without one.
//
// Escaping stays hand-written on purpose: @discordjs/formatters' escapeMarkdown works on pairs of markers
// and leaves some runs open (escapeMarkdown('****') === '\\*\\*\\**', one bare `*`), and it does not
// touch mentions, block quotes, subtext or the closing bracket of masked links. Text from the article
// and from members is hostile, so every marker character is escaped here instead.
import { describeAbout } from '../format/describe-about.js';
import { embedLength } from '@discordjs/builders';
import { bold, hyperlink, italic, quote } from '@discordjs/formatters';
import { excerptAround, type Excerpt } from '../answer/excerpt.js';
import type { Answer, IndexAbout, IngestSummary, QuotedPassage, Span } from '../types.js';
import { splitSentences } from '../text/split-sentences.js';

/** Discord's own limits, in UTF-16 code units (which over-counts, never under-counts, Discord's characters). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFields: 25,
  embedFooter: 2048,
  embedsTotal: 6000,
} as const;

/** The subset of a Discord embed the formatter produces (sizes bounded by DISCORD_LIMITS). */
export interface DiscordEmbed {
  title?: string;
  /** Makes the title a link; only ever a checked http(s) URL (see safeSourceUrl). */
  url?: string;
  description?: string;
  footer?: { text: string };
  fields?: { name: string; value: string; inline?: boolean }[];
}

/** A message's text and embeds, ready for a discord.js payload. */
export interface DiscordMessageData {
  content: string;
  embeds: DiscordEmbed[];
}

/** One page of an answer rendered for Discord, with what the buttons need to offer the next page or full passages. */
export interface AnswerPage extends DiscordMessageData {
  /** The passages this page quotes (possibly trimmed in the text, never reordered). */
  shown: QuotedPassage[];
  offset: number;
  /** Where the next page starts, or undefined when nothing is left to show. */
  nextOffset: number | undefined;
  /** True when the page shows excerpts that leave text out, so "Full passages" would show more. */
  elided: boolean;
  /** A decline's suggested questions (raw text, for buttons that ask them); empty otherwise. */
  suggestions: string[];
}

/** Which page of an answer to render and how. */
export interface DiscordFormatOptions {
  /** First passage to show (for "More passages"). */
  offset?: number;
  /** How many passages a page shows at most. */
  count: number;
  /** How a follow-up was read ("Reading 'he' as Ron Dermer."), shown above the question. */
  note?: string;
  /**
   * Whole passages (trimmed only to fit) instead of the chat-like first screen: the answering
   * sentence(s) with just enough of their passage around them, the rest elided with "…".
   */
  full?: boolean;
}

const ELLIPSIS = '…';
const DECLINED = "The article doesn't seem to cover that, so there is nothing to quote.";
/** Longest URL used as a link; real article URLs are far shorter, and a longer one is not shown as a link. */
const SOURCE_URL_MAX = 1_000;
/** The part of the reply content given to echoing the question; the rest is headroom. */
const QUESTION_ECHO_MAX = 600;
const NOTE_MAX = 300;
const HEADER_SOURCE_MAX = 100;

// ---------------------------------------------------------------------------------------------------
// Escaping: the article's and the user's own characters are shown as typed, never as markup or pings.

const URL_PATTERN = /\bhttps?:\/\/[^\s<>\\]+/g;

/**
 * Escape Discord markdown so text renders exactly as written: inline markers anywhere, block markers
 * (headings, lists, quotes, subtext) at line starts, masked links, code fences, and mentions. Inside
 * URLs underscores stay as they are (as discord.js's escapeMarkdown does), so links keep working.
 */
export function escapeDiscordText(text: string): string {
  let out = '';
  let cursor = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    out += escapePlain(text.slice(cursor, match.index));
    // `*`, `~`, `|` and backticks are rare in URLs but could pair with markup outside the link.
    out += match[0].replace(/[*~|`]/g, '\\$&');
    cursor = match.index + match[0].length;
  }
  out += escapePlain(text.slice(cursor));
  return neutraliseMentions(escapeLineStarts(neutraliseBidi(out)));
}

/**
 * Bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069) removed: a question or
 * page holding a right-to-left override would otherwise reverse the rest of the bot's line as shown
 * ("Question: ...") and can make the echoed text read as something else. Marks (LRM/RLM) are harmless.
 */
function neutraliseBidi(text: string): string {
  return text.replace(/[\u202a-\u202e\u2066-\u2069]/gu, '');
}

function escapePlain(text: string): string {
  return text.replace(/[\\*_~`|[\]<]/g, '\\$&');
}

function escapeLineStarts(text: string): string {
  return text
    .replace(/^(\s*)(#{1,3}\s|-#\s)/gm, '$1\\$2')
    .replace(/^(\s*)([-+*]\s|>)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(\s)/gm, '$1\\.$2');
}

/**
 * Break @everyone, @here and <@id>-style mentions with a zero-width space so they neither ping (the
 * bot also sends allowed_mentions {parse: []}) nor render as a highlighted mention.
 */
function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/g, '@\u200b$1').replace(/<(\\?)([@#])/g, '<$1$2\u200b');
}

// ---------------------------------------------------------------------------------------------------
// Answers

/** A page of an answer: the question echoed, the passages as blockquotes with the answering sentence bold. */
export function formatAnswerForDiscord(answer: Answer, options: DiscordFormatOptions): AnswerPage {
  const offset = Math.max(0, options.offset ?? 0);
  const noteLine = options.note ? `${fitEscaped(options.note, NOTE_MAX)}\n` : '';
  // A question about the article itself: its metadata (headline, byline) as labelled lines, never as a quote.
  const aboutLines = answer.about && offset === 0 ? describeAbout(answer.about).map((line) => fitEscaped(line, 300)) : [];
  const questionLine = [`${noteLine}${bold('Question:')} ${fitEscaped(answer.question, QUESTION_ECHO_MAX)}`, ...aboutLines].join('\n').slice(0, DISCORD_LIMITS.content);
  if (answer.answered && answer.passages.length === 0 && aboutLines.length > 0) {
    return { content: questionLine, embeds: [], shown: [], offset, nextOffset: undefined, elided: false, suggestions: [] };
  }
  if (!answer.answered || answer.passages.length === 0) {
    return { content: `${noteLine}${formatDeclined(answer)}`, embeds: [], shown: [], offset, nextOffset: undefined, elided: false, suggestions: answer.suggestions };
  }
  const page = answer.passages.slice(offset, offset + Math.max(1, options.count));
  if (page.length === 0) {
    return { content: `${questionLine}\nNo more passages for this question.`, embeds: [], shown: [], offset, nextOffset: undefined, elided: false, suggestions: [] };
  }

  const first = page[0];
  const title = first?.source ?? 'The article';
  const titleUrl = first && page.every((q) => q.passage.documentId === first.passage.documentId) ? safeSourceUrl(first.passage.documentId) : undefined;
  const excerpts = options.full ? undefined : page.map((q) => excerptAround(q.passage.text, q.highlights));
  const blocks = renderBlocks(page, offset, title, excerpts);
  const nextOffset = offset + page.length < answer.passages.length ? offset + page.length : undefined;
  const range = page.length === 1 ? `passage ${offset + 1}` : `passages ${offset + 1}–${offset + page.length}`;
  // Relevance is said once, for the best passage of the answer, not on every passage.
  // The relevance the decline threshold tests (the CLI shows the same number), not the ordering score.
  const best = answer.passages[0]?.relevance ?? answer.passages[0]?.score ?? 0;
  const footer = `Relevance of the best passage: ${best.toFixed(2)} (0 to 1; higher means it matches the question more closely). Showing ${range} of ${answer.passages.length}.`;
  const embed: DiscordEmbed = {
    title: fitEscaped(title, DISCORD_LIMITS.embedTitle),
    ...(titleUrl ? { url: titleUrl } : {}),
    description: blocks.join('\n\n'),
    footer: { text: truncatePlain(footer, DISCORD_LIMITS.embedFooter) },
  };
  const elided = excerpts?.some((e) => e.elidedBefore || e.elidedAfter || e.parts.length > 1) ?? false;
  return { content: questionLine, embeds: [embed], shown: page, offset, nextOffset, elided, suggestions: [] };
}

/**
 * The source as a link target when it is a plain http(s) URL, else undefined. Source ids come from
 * whoever ran /reingest, so anything else (javascript:, data:, credentials in the URL, spaces, markup
 * characters that would end a masked link) is not linked.
 */
export function safeSourceUrl(id: string): string | undefined {
  if (id.length > SOURCE_URL_MAX || !/^https?:\/\//i.test(id)) return undefined;
  let url: URL;
  try {
    url = new URL(id);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return undefined;
  // URL.href percent-encodes spaces and quotes; brackets and parentheses would close the markdown link.
  const href = url.href.replace(/[()[\]<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return href.length <= SOURCE_URL_MAX ? href : undefined;
}

function formatDeclined(answer: Answer): string {
  const lines = [`${bold('Question:')} ${fitEscaped(answer.question, QUESTION_ECHO_MAX)}`, DECLINED, ...(answer.about ? describeAbout(answer.about).map((line) => fitEscaped(line, 300)) : [])];
  if (answer.suggestions.length > 0) {
    // The core offers questions the article can answer (older cores: topics); say which.
    lines.push(answer.suggestions.every((s) => s.trim().endsWith('?')) ? 'Questions it can answer:' : 'It does cover:');
    for (const suggestion of answer.suggestions) {
      const line = `- ${fitEscaped(suggestion, 300)}`;
      if (lines.join('\n').length + 1 + line.length > DISCORD_LIMITS.content - NOTE_MAX - 1) break;
      lines.push(line);
    }
  }
  return lines.join('\n');
}

/**
 * Share the description's room between the passages: a short passage takes only what it needs and
 * leaves the rest to the longer ones (water-filling), so trimming only happens where it must.
 */
function renderBlocks(page: QuotedPassage[], offset: number, title: string, excerpts: Excerpt[] | undefined): string[] {
  const separators = 2 * (page.length - 1);
  let room = DISCORD_LIMITS.embedDescription - separators;
  const render = (i: number, budget: number) => renderPassage(page[i] as QuotedPassage, offset + i + 1, title, budget, excerpts?.[i]);
  const natural = page.map((_, i) => render(i, Number.POSITIVE_INFINITY).length);
  const order = natural.map((length, i) => ({ length, i })).sort((a, b) => a.length - b.length);
  const budgets: number[] = new Array<number>(page.length).fill(0);
  order.forEach(({ length, i }, k) => {
    const fairShare = Math.floor(room / (order.length - k));
    budgets[i] = Math.min(length, fairShare);
    room -= budgets[i] ?? 0;
  });
  return page.map((_, i) => render(i, budgets[i] ?? 0));
}

function renderPassage(quoted: QuotedPassage, rank: number, title: string, budget: number, excerpt: Excerpt | undefined): string {
  const header = `${bold(`${rank}.`)} ${sourceNote(quoted, title)}paragraph ${quoted.passage.paragraph}`;
  const bodyBudget = budget - header.length - 1;
  if (excerpt) {
    const shown = renderExcerptQuote(quoted.passage.text, quoted.highlights, excerpt);
    // An excerpt too long for its share (one enormous sentence) is trimmed like a whole passage.
    if (shown.length <= bodyBudget) return `${header}\n${shown}`;
  }
  return `${header}\n${renderQuote(quoted.passage.text, quoted.highlights, bodyBudget)}`;
}

/** A passage from another document than the title names says which, linked when its id is a safe URL. */
function sourceNote(quoted: QuotedPassage, title: string): string {
  if (quoted.source === title) return '';
  const name = fitEscaped(quoted.source, HEADER_SOURCE_MAX);
  const url = safeSourceUrl(quoted.passage.documentId);
  return `${url ? hyperlink(italic(name), url) : italic(name)}, `;
}

/** The excerpt's parts as `> ` lines, highlights bold, " … " between parts and "…" where text is left out. */
function renderExcerptQuote(text: string, highlights: Span[], excerpt: Excerpt): string {
  return renderRanges(text, normaliseSpans(highlights, text.length), excerpt.parts);
}

/**
 * The passage as `> ` lines with the highlights bold, trimmed to `budget` characters. Trimming keeps
 * whole sentences around the answering sentence; only a single sentence too long for the room is cut,
 * at a word boundary. Rendering always starts from raw text, so every `**` it opens it also closes.
 */
export function renderQuote(text: string, highlights: Span[], budget: number): string {
  const spans = normaliseSpans(highlights, text.length);
  const render = (start: number, end: number) => renderRange(text, spans, start, end);
  const full = render(0, text.length);
  if (full.length <= budget) return full;

  const sentences = splitSentences(text);
  const anchorAt = spans[0]?.start ?? 0;
  const anchor = Math.max(0, sentences.findIndex((s) => s.end > anchorAt));
  let lo = anchor;
  let hi = anchor;
  const first = sentences[anchor] ?? { start: 0, end: text.length };
  if (render(first.start, first.end).length > budget) return cutSentence(text, first, budget, render);

  // Grow one sentence at a time, after first (what follows an answer is usually its support), then before.
  let grewAfter = true;
  let grewBefore = true;
  while (grewAfter || grewBefore) {
    grewAfter = hi + 1 < sentences.length && fits(lo, hi + 1);
    if (grewAfter) hi += 1;
    grewBefore = lo > 0 && fits(lo - 1, hi);
    if (grewBefore) lo -= 1;
  }
  return render(sentences[lo]?.start ?? 0, sentences[hi]?.end ?? text.length);

  function fits(from: number, to: number): boolean {
    return render(sentences[from]?.start ?? 0, sentences[to]?.end ?? text.length).length <= budget;
  }
}

/** Longest word-boundary prefix of one sentence that fits; a bare ellipsis when not even a word does. */
function cutSentence(text: string, sentence: Span, budget: number, render: (start: number, end: number) => string): string {
  const ends: number[] = [];
  for (let i = sentence.start + 1; i < sentence.end; i += 1) {
    if (/\s/.test(text[i] ?? '') && !/\s/.test(text[i - 1] ?? '')) ends.push(i);
  }
  let lo = 0;
  let hi = ends.length - 1;
  let best: string | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const rendered = render(sentence.start, ends[mid] ?? sentence.end);
    if (rendered.length <= budget) {
      best = rendered;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (best !== undefined) return best;
  return budget >= 3 ? `> ${ELLIPSIS}` : '';
}

function normaliseSpans(highlights: Span[], length: number): Span[] {
  const sorted = highlights
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

function renderRange(text: string, spans: Span[], rawStart: number, rawEnd: number): string {
  return renderRanges(text, spans, [{ start: rawStart, end: rawEnd }]);
}

/**
 * Ranges of `text` (in order, not overlapping) as `> ` lines with the highlights bold: " … " between
 * ranges, "…" where the text before the first or after the last is left out.
 */
function renderRanges(text: string, spans: Span[], rawRanges: Span[]): string {
  const ranges = rawRanges
    .map((r) => {
      let start = r.start;
      let end = r.end;
      while (start < end && /\s/.test(text[start] ?? '')) start += 1;
      while (end > start && /\s/.test(text[end - 1] ?? '')) end -= 1;
      return { start, end };
    })
    .filter((r) => r.end > r.start);
  const start = ranges[0]?.start ?? 0;
  const end = ranges[ranges.length - 1]?.end ?? 0;
  if (ranges.length === 0) return `> ${ELLIPSIS}`;

  const lines: string[] = [''];
  const emit = (raw: string, bold: boolean) => {
    raw.split('\n').forEach((part, i) => {
      if (i > 0) lines.push('');
      lines[lines.length - 1] += bold ? boldPiece(part) : escapeDiscordText(part);
    });
  };
  ranges.forEach((range, k) => {
    if (k > 0) lines[lines.length - 1] += ` ${ELLIPSIS} `;
    let cursor = range.start;
    for (const span of spans) {
      const s = Math.max(span.start, cursor);
      const e = Math.min(span.end, range.end);
      if (e <= s) continue;
      emit(text.slice(cursor, s), false);
      emit(text.slice(s, e), true);
      cursor = e;
    }
    emit(text.slice(cursor, range.end), false);
  });

  if (start > 0) lines[0] = `${ELLIPSIS}${lines[0] ?? ''}`;
  if (end < text.length) lines[lines.length - 1] = `${lines[lines.length - 1] ?? ''}${ELLIPSIS}`;
  return lines.map((line) => quote(line).trimEnd()).join('\n');
}

/** Bold a piece of one line, keeping its edge whitespace outside the markers (Discord ignores `** x**`). */
function boldPiece(raw: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(raw);
  const inner = match?.[2] ?? '';
  if (!inner) return raw;
  return `${match?.[1] ?? ''}${bold(escapeDiscordText(inner))}${match?.[3] ?? ''}`;
}

// ---------------------------------------------------------------------------------------------------
// /about and /reingest

/** /about as one embed (title, author, source, passages, embedder, build time) within the embed limits. */
export function formatAbout(about: IndexAbout | undefined): DiscordMessageData {
  if (!about) return { content: 'The index is not built yet: run npm run ingest.', embeds: [] };
  const fields: NonNullable<DiscordEmbed['fields']> = [];
  for (const doc of about.documents.slice(0, DISCORD_LIMITS.embedFields - 3)) {
    const lines = [
      doc.author ? `By ${fitEscaped(doc.author, 200)}` : undefined,
      `Source: ${fitEscaped(doc.location, 600)}`,
      `${doc.passages} passages`,
    ].filter((l): l is string => l !== undefined);
    fields.push({ name: fitEscaped(doc.title ?? doc.id, DISCORD_LIMITS.embedFieldName), value: lines.join('\n') });
  }
  fields.push({ name: 'Passages', value: String(about.passageCount), inline: true });
  fields.push({ name: 'Embedder', value: fitEscaped(`${about.embedder.kind}: ${about.embedder.model} (${about.embedder.dimensions} dimensions)`, DISCORD_LIMITS.embedFieldValue), inline: true });
  fields.push({ name: 'Built', value: fitEscaped(about.builtAt, 100), inline: true });
  const first = about.documents[0];
  const title = about.documents.length === 1 && first ? first.title ?? first.id : `${about.documents.length} documents`;
  const embed: DiscordEmbed = { title: fitEscaped(`About: ${title}`, DISCORD_LIMITS.embedTitle), fields };
  return { content: '', embeds: [shrinkEmbedToTotal(embed)] };
}

/** A /reingest summary in at most 2000 characters: counts, seconds, and the first few ids of each kind. */
export function formatIngestSummary(summary: IngestSummary): string {
  const list = (label: string, ids: string[]) => (ids.length ? `${label} ${ids.length} (${ids.slice(0, 5).map((id) => fitEscaped(id, 120)).join(', ')}${ids.length > 5 ? ', …' : ''})` : `${label} 0`);
  const text = [
    `Re-ingest done in ${summary.seconds.toFixed(1)} s: ${summary.documents} document(s), ${summary.passages} passages.`,
    [list('added', summary.added), list('changed', summary.changed), list('removed', summary.removed), list('reused', summary.reused)].join('; '),
  ].join('\n');
  return truncateMarkdownSafe(text, DISCORD_LIMITS.content);
}

// ---------------------------------------------------------------------------------------------------
// Fitting

/** Escape `raw` and cut it (in raw characters, so no escape is split) until the escaped form fits `max`. */
export function fitEscaped(raw: string, max: number): string {
  let escaped = escapeDiscordText(raw);
  if (escaped.length <= max) return escaped;
  let keep = Math.min(raw.length, max);
  while (keep > 0) {
    escaped = `${escapeDiscordText(raw.slice(0, keep).trimEnd())}${ELLIPSIS}`;
    if (escaped.length <= max) return escaped;
    // Escapes at most double a character, so shrinking in proportion converges in a few steps.
    keep = Math.min(keep - 1, Math.floor((keep * max) / escaped.length));
  }
  return ELLIPSIS.slice(0, max);
}

function truncatePlain(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}${ELLIPSIS}`;
}

/** For text this module built itself: cut at a line end so no markup is left open. */
function truncateMarkdownSafe(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf('\n', max - 1);
  return `${text.slice(0, cut > 0 ? cut : 0)}\n${ELLIPSIS}`.slice(0, max);
}

function shrinkEmbedToTotal(embed: DiscordEmbed): DiscordEmbed {
  const fields = [...(embed.fields ?? [])];
  const shrunk = { ...embed, fields };
  while (embedLength(shrunk) > DISCORD_LIMITS.embedsTotal && fields.length > 1) fields.splice(fields.length - 4, 1);
  return shrunk;
}

/** Total characters Discord counts against the 6000 limit, for tests and assertions. */
export function totalEmbedLength(embeds: DiscordEmbed[]): number {
  return embeds.reduce((n, e) => n + embedLength(e), 0);
}
