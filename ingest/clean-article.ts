// Turns a saved page (text or HTML) into the article's own paragraphs, word for word, and the
// page's title/standfirst/author/section. Web pages saved as text carry clutter around and inside the
// article: a header block (section label, title, standfirst, bylines, photo captions), promotion lines
// between paragraphs, and a trailing block (comment policy, subscription offers, teasers for other
// articles). The rules below are about the shape of lines, never about one site's wording, and they are
// conservative: ordinary paragraphs a person wrote must come through whole.
import { AppError } from '../src/errors.js';
import { countWords, normalizeForComparison } from '../src/text/analyze.js';
import type { ArticleMetadata, Document, Paragraph, RawSource } from '../src/types.js';
import { extractArticleFromHtml } from './extract-html.js';

/** A paragraph this long that ends like a sentence is article prose, not page furniture. */
const PROSE_MIN_WORDS = 20;

/**
 * Turns one raw source (HTML or plain text/markdown) into a Document: article paragraphs only, page clutter dropped,
 * metadata merged from the page and any header. Throws AppError('SOURCE_CLEANS_TO_NOTHING') when no article text is left.
 */
export function cleanArticle(source: RawSource): Document {
  let units: string[];
  let metadata: ArticleMetadata;
  if (source.format === 'html') {
    const extracted = extractArticleFromHtml(source.content, /^https?:/i.test(source.location) ? source.location : undefined);
    units = extracted.paragraphs.map((p) => p.trim()).filter((p) => p.length > 0);
    metadata = extracted.metadata;
  } else {
    const fromText = textToUnits(source.content);
    units = fromText.units;
    metadata = fromText.metadata;
  }

  // A line that repeats the declared title is the title, not a paragraph.
  const title = metadata.title === undefined ? undefined : normalise(metadata.title);
  const { body, header } = selectBody(units, (u) => title !== undefined && normalise(stripHeading(u)) === title);
  if (body.length === 0) {
    throw new AppError(
      'SOURCE_CLEANS_TO_NOTHING',
      `No article text is left in ${source.id} after removing page clutter (menus, captions, promotions). Check that it is the article itself, or save it as plain text.`,
    );
  }
  const fromHeader = metadataFromHeader(header);
  return {
    id: source.id,
    location: source.location,
    contentHash: source.contentHash,
    metadata: mergeMetadata(metadata, fromHeader),
    ...joinParagraphs(body),
  };
}

/** Joins paragraphs with a blank line and records where each one sits in the joined text. */
function joinParagraphs(paragraphTexts: string[]): { text: string; paragraphs: Paragraph[] } {
  const paragraphs: Paragraph[] = [];
  let text = '';
  paragraphTexts.forEach((p, index) => {
    if (index > 0) text += '\n\n';
    paragraphs.push({ number: index + 1, start: text.length, end: text.length + p.length });
    text += p;
  });
  return { text, paragraphs };
}

// ---------------------------------------------------------------------------------------------
// Plain text and markdown: lines -> units (a unit is a candidate paragraph or a furniture line)

const LIST_MARKER = /^([-*+•]|\d{1,3}[.)])\s/u;

function textToUnits(raw: string): { units: string[]; metadata: ArticleMetadata } {
  let content = raw.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n');
  const metadata: ArticleMetadata = {};

  // Markdown front matter ("---\ntitle: ...\n---") is metadata, not prose.
  const frontMatter = /^---\n([\s\S]*?)\n---[ \t]*(\n|$)/u.exec(content);
  if (frontMatter && frontMatter[1]!.split('\n').every((l) => l.trim() === '' || /^[\w-]+\s*:/u.test(l) || /^\s/u.test(l))) {
    for (const line of frontMatter[1]!.split('\n')) {
      const field = /^(title|author|description|category|section)\s*:\s*["']?(.*?)["']?\s*$/iu.exec(line);
      if (!field || field[2] === '') continue;
      const key = field[1]!.toLowerCase();
      if (key === 'title') metadata.title = field[2];
      else if (key === 'author') metadata.author = field[2];
      else if (key === 'description') metadata.standfirst = field[2];
      else metadata.section = field[2];
    }
    content = content.slice(frontMatter[0].length);
  }

  const units: string[] = [];
  for (const block of content.split(/\n[ \t]*\n/u)) {
    const rawLines = block.split('\n').filter((l) => l.trim() !== '');
    if (rawLines.length === 0) continue;
    const lines = rawLines.map((l) => l.trim());
    if (looksHardWrapped(lines)) {
      units.push(lines.join(' '));
      continue;
    }
    // Otherwise every line stands alone, except the indented continuation lines of a list item.
    rawLines.forEach((rawLine, k) => {
      const line = lines[k]!;
      const previous = units.length > 0 && k > 0 ? units[units.length - 1]! : undefined;
      if (previous !== undefined && /^\s+/u.test(rawLine) && !LIST_MARKER.test(line) && LIST_MARKER.test(previous)) {
        units[units.length - 1] = `${previous} ${line}`;
      } else {
        units.push(line);
      }
    });
  }
  return { units, metadata };
}

/** A block of similar-length lines of at least moderate width is one paragraph wrapped at a fixed column. */
function looksHardWrapped(lines: string[]): boolean {
  if (lines.length < 2) return false;
  if (lines.some((l, k) => k > 0 && (LIST_MARKER.test(l) || l.startsWith('#') || l.startsWith('>') || l.startsWith('|')))) return false;
  if (lines[0]!.startsWith('#')) return false;
  if (new Set(lines).size < lines.length) return false;
  const widths = lines.map((l) => l.length);
  // A loop, not Math.max(...widths): a spread of 200k lines overflows the stack.
  const widest = widths.reduce((a, b) => (b > a ? b : a), 0);
  if (widest < 40 || widest > 120) return false;
  return widths.slice(0, -1).every((w) => w >= widest * 0.6);
}

// ---------------------------------------------------------------------------------------------
// Line-level judgements

const words = countWords;

/** Ends with sentence punctuation, optionally followed by closing quotes or brackets. */
const endsLikeSentence = (text: string): boolean => /[.!?…]["'”’»)\]]*$/u.test(text);

const isProse = (text: string): boolean =>
  words(text) >= PROSE_MIN_WORDS && (endsLikeSentence(text) || /[.!?]["'”’)]?\s+\p{Lu}/u.test(text));

/** Headlines and captions capitalise most words; sentences do not. */
function isTitleCase(text: string): boolean {
  const long = text.split(/\s+/u).filter((w) => /^["'“‘(]?\p{L}{4,}/u.test(w));
  return long.length >= 3 && long.filter((w) => /^["'“‘(]?\p{Lu}/u.test(w)).length >= long.length * 0.8;
}

/** Reads as a sentence: ends like one and is not a Title Case headline or caption. */
const isSentence = (text: string): boolean => endsLikeSentence(text) && !(words(text) >= 4 && isTitleCase(text));

/** Short, unpunctuated lines: headlines of teasers, section labels, names. */
const isHeadlineLike = (text: string): boolean => !endsLikeSentence(text) && words(text) <= 25;

const CALL_TO_ACTION = new RegExp(
  [
    '^(subscribe|sign (up|in)|log ?in\\b|register (now|today|for|to)|download (our|the|now)|click (here|the|to)|tap (here|the|to)',
    'follow (us|topics)|join (us|our)|share (this|on|via)|read (more|also|next)|see also|also read|more (from|on|stories)',
    'related( (articles?|stories|coverage|content|topics))?\\s*[:|]|recommended( for you| stories)?\\s*[:|]?|(advertisement|sponsored)\\b',
    'get (all|the latest|our|unlimited|full)|already (a subscriber|subscribed|signed up|have an account|registered)',
    "don[’']?t miss|skip to|(watch|listen|video|photos?|gallery)\\s*:|back to top|print this|email this|explore more|show more",
    'most (viewed|read|popular|shared)|reuse this content|share$|comments?$|(privacy|cookie) (notice|policy|settings))',
  ].join('|'),
  'iu',
);

const PROMOTION_WORDS =
  /\b(subscribe|subscriptions?|subscribers?|newsletters?|signed up|sign up|log ?in|sign in|download (our|the) (free )?app|app store|google play|all rights reserved|cookies?|privacy (policy|notice)|terms of (use|service)|comments?)\b|©/iu;

/** Promotion and account lines: ">> Read more >>", "Subscribe today", "Already signed up? LOG IN". */
function isPromotion(text: string): boolean {
  if (/^(>>|»|►|▶|→)/u.test(text) || /(>>|»)\s*$/u.test(text)) return words(text) <= 60;
  const n = words(text);
  if (n <= 20 && CALL_TO_ACTION.test(text)) return true;
  // A short line that mentions accounts or subscriptions is furniture unless it reads as a sentence.
  if (n <= 15 && !endsLikeSentence(text) && PROMOTION_WORDS.test(text)) return true;
  // Newsletter and privacy small print: a short block naming several of these, one of them a legal
  // notice or a call to sign up, is addressed to the reader, not part of the story.
  const mentions = new Set([...text.matchAll(new RegExp(PROMOTION_WORDS.source, 'giu'))].map((m) => m[0].toLowerCase()));
  const addressedToReader = [...mentions].some((m) => /privacy|terms|cookie|sign up|subscribe$|rights reserved/u.test(m));
  return n <= 60 && mentions.size >= 2 && addressedToReader;
}

const CREDIT = /\b(credit|photo(graph)?|image|illustration|picture|photo credit|courtesy)s?\s*:|\b(AP Photo|Getty Images|Shutterstock|Reuters\/|AFP\/)/iu;

/** Photo captions carry a credit ("Credit: ...", "Photo: ...") or are markdown images. */
const isCaption = (text: string): boolean => (words(text) <= 80 && CREDIT.test(text)) || /^!\[[^\]]*\]\([^)]*\)$/u.test(text);

const normalise = normalizeForComparison;

/**
 * Lines a page repeats: bylines shown several times, a caption shown once plain and once with its
 * credit, a pull quote that copies a sentence of the article. The longest copy (the article's own
 * paragraph) is kept; short repeated labels go entirely.
 */
const COPY_MAX_WORDS = 80;
const COPY_DISTANCE = 20;

function findRepeats(units: string[]): boolean[] {
  const norm = units.map(normalise);
  const counts = new Map<string, number>();
  for (const n of norm) counts.set(n, (counts.get(n) ?? 0) + 1);
  return units.map((text, k) => {
    const n = norm[k]!;
    const sentence = endsLikeSentence(text);
    if ((counts.get(n) ?? 0) > 1 && !sentence) return true;
    const minimum = sentence ? 6 : 4;
    const count = words(text);
    if (count < minimum || count > COPY_MAX_WORDS) return false;
    // Copies sit near what they copy (a caption under its twin, a pull quote beside its paragraph);
    // looking only nearby keeps this linear on long documents.
    for (let j = Math.max(0, k - COPY_DISTANCE); j <= Math.min(norm.length - 1, k + COPY_DISTANCE); j++) {
      const other = norm[j]!;
      if (j !== k && other.length > n.length && containsAtWordBoundary(other, n)) return true;
    }
    return false;
  });
}

function containsAtWordBoundary(haystack: string, needle: string): boolean {
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    if (isWordChar(haystack[at - 1])) continue;
    const rest = haystack.slice(at + needle.length);
    // A caption saved as "...May 16, 2017Credit: ..." is the same caption with its credit glued on.
    if (!isWordChar(rest[0]) || CREDIT.test(rest.slice(0, 40))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Where the article starts and stops

/**
 * The body runs from the first to the last paragraph of real prose, widened by neighbouring
 * sentences, list items and subheadings a person wrote. Before it is the header block; after it, the
 * trailing block of page furniture. Inside it only clutter lines are dropped.
 */
function selectBody(units: string[], isKnownTitle: (unit: string) => boolean): { body: string[]; header: string[] } {
  const repeated = findRepeats(units);
  const clutter = units.map((u, k) => repeated[k]! || isPromotion(u) || isCaption(u) || isByline(u) || isKnownTitle(u) || (isDateLine(u) && !endsLikeSentence(u)));
  const prose = units.flatMap((u, k) => (!clutter[k] && isProse(u) ? [k] : []));

  if (prose.length === 0) {
    // Short notes rather than a saved news page: there is no header or trailer to cut, only clutter
    // lines (and a leading top-level heading, which is the title).
    const titled = units.length > 1 && /^#\s/u.test(units[0]!) ? 1 : 0;
    const body = units.filter((u, k) => k >= titled && !clutter[k]);
    return body.length > 0 ? { body, header: units.slice(0, titled) } : { body: units.filter((_, k) => !clutter[k]), header: [] };
  }

  let first = prose[0]!;
  let last = prose[prose.length - 1]!;
  const opensBody = (k: number) => isSentence(units[k]!) || LIST_MARKER.test(units[k]!) || /^#{2,6}\s/u.test(units[k]!);
  const closesBody = (k: number): boolean => {
    if (k >= units.length || clutter[k]) return false;
    const unit = units[k]!;
    if (/^#{1,6}\s/u.test(unit)) return closesBody(k + 1);
    // After the article, a short sentence followed by a bare headline is a teaser's photo caption.
    const teaserCaption = words(unit) < PROSE_MIN_WORDS && k + 1 < units.length && !clutter[k + 1] && isHeadlineLike(units[k + 1]!);
    return (isSentence(unit) || LIST_MARKER.test(unit)) && !teaserCaption;
  };
  while (first > 0 && !clutter[first - 1] && opensBody(first - 1)) first--;
  while (closesBody(last + 1)) last++;

  const body: string[] = [];
  for (let k = first; k <= last; k++) if (!clutter[k]) body.push(units[k]!);
  return { body, header: units.slice(0, first).filter((u, k) => !isPromotion(u) && !isCaption(u) && !(repeated[k]! && !isNameLike(u))) };
}

// ---------------------------------------------------------------------------------------------
// Metadata from the header block

const NAME_PARTICLES = new Set(['de', 'da', 'del', 'der', 'van', 'von', 'bin', 'al', 'la', 'le', 'du', 'and']);

function isNameLike(text: string): boolean {
  const stripped = stripByline(text);
  const parts = stripped.split(/\s+/u);
  if (parts.length < 2 || parts.length > 5 || /\d/u.test(stripped) || endsLikeSentence(stripped)) return false;
  return parts.every((p) => /^\p{Lu}/u.test(p) || NAME_PARTICLES.has(p.toLowerCase()));
}

/** "By Jane Roe", "By Jane Roe and John Doe". */
const isByline = (text: string): boolean => /^[Bb][Yy]\s+\p{Lu}/u.test(text) && isNameLike(text);

const stripByline = (text: string): string => text.replace(/^by\s+/iu, '').replace(/^#+\s*/u, '').trim();
const stripHeading = (text: string): string => text.replace(/^#+\s*/u, '').trim();

function metadataFromHeader(header: string[]): ArticleMetadata {
  const metadata: ArticleMetadata = {};
  const counts = new Map<string, number>();
  for (const h of header) counts.set(h, (counts.get(h) ?? 0) + 1);
  const seen = new Set<string>();

  header.forEach((line, k) => {
    if (seen.has(line) || isDateLine(line)) return;
    seen.add(line);
    const n = words(line);
    const isByline = /^[Bb][Yy]\s+\p{Lu}/u.test(line) && n <= 8;
    const repeatedName = (counts.get(line) ?? 0) > 1 && isNameLike(line);
    if (metadata.author === undefined && (isByline || repeatedName || (metadata.title !== undefined && isNameLike(line)))) {
      metadata.author = stripByline(line);
      return;
    }
    if (metadata.title === undefined) {
      const later = header.slice(k + 1).some((h) => words(h) > n);
      if (n <= 3 && !line.startsWith('#') && (/[|:•–-]\s*$/u.test(line) || later)) {
        // Navigation leaves several short lines; the one closest to the title is its section.
        metadata.section = line.replace(/[\s|:•–-]+$/u, '');
        return;
      }
      metadata.title = stripHeading(line);
      return;
    }
    if (metadata.standfirst === undefined && n >= 5 && !isNameLike(line)) metadata.standfirst = stripHeading(line);
  });
  return metadata;
}

const MONTH = /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?\s+\d/iu;

/** "Published: May 17, 2017 10:24 AM", "Updated 3 hours ago", "5 min read": page furniture, not a title. */
const isDateLine = (text: string): boolean =>
  words(text) <= 12 && (/\b(published|updated|posted|min(ute)?s? read|ago)\b/iu.test(text) || MONTH.test(text) || /\b\d{1,2}:\d{2}\b/u.test(text));

/** What the page declared (HTML metadata, front matter) wins over what the header block suggests. */
function mergeMetadata(declared: ArticleMetadata, guessed: ArticleMetadata): ArticleMetadata {
  const merged: ArticleMetadata = {};
  for (const key of ['title', 'standfirst', 'author', 'section'] as const) {
    const value = declared[key] ?? guessed[key];
    if (value !== undefined && value.trim() !== '') merged[key] = value.trim();
  }
  return merged;
}
