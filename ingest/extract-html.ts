// Pulls the article out of a web page: Mozilla Readability finds the article element, title and
// byline on a linkedom document; the article's block elements then become paragraphs. Line-level
// clutter (promotions, captions) is left to cleanArticle, which applies the same rules to text files.
// Hostile pages: Readability's cost grows much faster than the page on deep trees (measured on this
// machine: 100 nested divs 0.2 s, 200 0.7 s, 400 3.5 s, 800 20 s; 40k flat elements 4.4 s), and
// linkedom's childNodes is rebuilt on every read. So the tree is measured first with one linear walk
// (firstChild/nextSibling, no recursion), pages past HTML_LIMITS are refused with a clear error, large
// but shallow pages skip Readability for the linear walk, and every walk here is iterative.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { AppError } from '../src/errors.js';
import type { ArticleMetadata } from '../src/types.js';

/**
 * Where a page stops being extractable in a few seconds (figures above). maxDepth: real article pages
 * nest 20-60 elements deep; 128 keeps Readability under ~0.5 s per chain. maxElements: ~10x a heavy
 * news page. readabilityMaxElements: above this Readability alone takes over ~1 s (12k elements 1.3 s),
 * so the body is walked linearly instead.
 */
const HTML_LIMITS = { maxDepth: 128, maxElements: 100_000, readabilityMaxElements: 10_000 } as const;

/** The part of the DOM this module walks; linkedom implements it, and the project has no DOM lib types. */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
}
interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
}
interface DomDocument extends DomNode {
  title: string;
  body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Elements whose start and end break a paragraph. */
const BLOCKS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI',
  'BLOCKQUOTE', 'PRE', 'TABLE', 'TR', 'TD', 'TH', 'DL', 'DT', 'DD', 'HR', 'ADDRESS', 'FIGURE', 'CENTER',
]);

/** Never article text: scripts, page chrome, forms, and photo captions (credits are not the article's words). */
const SKIPPED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'NAV', 'FOOTER', 'ASIDE', 'FORM', 'BUTTON', 'SELECT', 'TEXTAREA',
  'IFRAME', 'SVG', 'CANVAS', 'FIGCAPTION', 'VIDEO', 'AUDIO', 'OBJECT', 'EMBED', 'DIALOG',
]);

/**
 * The article's paragraphs and metadata from a page's HTML. Throws AppError SOURCE_TOO_COMPLEX when the
 * page has more than HTML_LIMITS.maxElements elements or nests deeper than HTML_LIMITS.maxDepth.
 */
export function extractArticleFromHtml(html: string, url?: string): { paragraphs: string[]; metadata: ArticleMetadata } {
  // A cheap count before parsing: a page far over the element limit is not even parsed.
  const tags = countTags(html, HTML_LIMITS.maxElements * 2);
  if (tags > HTML_LIMITS.maxElements * 2) throw tooManyElements(tags);
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  const shape = measureTree(document);
  if (shape.maxDepth > HTML_LIMITS.maxDepth) {
    throw new AppError(
      'SOURCE_TOO_COMPLEX',
      `The page nests elements more than ${HTML_LIMITS.maxDepth} levels deep (limit ${HTML_LIMITS.maxDepth}), which no article needs. Save the article's text as a .txt file and ingest that.`,
    );
  }
  if (shape.elements > HTML_LIMITS.maxElements) throw tooManyElements(shape.elements);
  // Read the page's own metadata first: Readability rewrites the document it is given.
  const declared = declaredMetadata(document);

  let root: DomNode | null = null;
  let title: string | undefined;
  let byline: string | undefined;
  if (shape.elements <= HTML_LIMITS.readabilityMaxElements) {
    try {
      const article = new Readability<DomNode>(document as never, { serializer: (node: unknown) => node as DomNode }).parse();
      root = article?.content ?? null;
      title = clean(article?.title);
      byline = clean(article?.byline);
    } catch {
      // Readability gives up on some documents (no body, odd markup); the whole body is the fallback.
    }
  }
  // Only text is kept, so the page's address (which would resolve relative links) changes nothing yet.
  void url;

  let paragraphs = root ? blockTexts(root) : [];
  if (paragraphs.length === 0) {
    const { document: fresh } = parseHTML(html) as unknown as { document: DomDocument };
    paragraphs = fresh.body ? blockTexts(fresh.body) : [];
  }

  const metadata: ArticleMetadata = {};
  const chosenTitle = declared.title ?? title;
  if (chosenTitle) metadata.title = chosenTitle;
  const author = declared.author ?? (byline ? byline.replace(/^by\s+/iu, '') : undefined);
  if (author) metadata.author = author;
  // A description that merely repeats the opening paragraph is not a standfirst.
  if (declared.standfirst && !paragraphs.some((p) => p.startsWith(declared.standfirst!.replace(/…$|\.\.\.$/u, '')))) {
    metadata.standfirst = declared.standfirst;
  }
  if (declared.section) metadata.section = declared.section;
  return { paragraphs, metadata };
}

function declaredMetadata(document: DomDocument): ArticleMetadata {
  const meta = (selector: string): string | undefined => clean(document.querySelector(selector)?.getAttribute('content'));
  const metadata: ArticleMetadata = {};
  const title = meta('meta[property="og:title"]') ?? meta('meta[name="twitter:title"]') ?? clean(document.querySelector('h1')?.textContent);
  if (title) metadata.title = title;
  const author = meta('meta[name="author"]') ?? meta('meta[property="article:author"]');
  if (author && !/^https?:/iu.test(author)) metadata.author = author;
  const description = meta('meta[property="og:description"]') ?? meta('meta[name="description"]');
  if (description) metadata.standfirst = description;
  const section = meta('meta[property="article:section"]');
  if (section) metadata.section = section;
  return metadata;
}

/** Walks the tree in reading order; text between block boundaries forms one paragraph. Iterative: no depth limit. */
function blockTexts(root: DomNode): string[] {
  const paragraphs: string[] = [];
  let buffer = '';
  const flush = () => {
    const text = buffer.replace(/\s+/gu, ' ').trim();
    if (text !== '') paragraphs.push(text);
    buffer = '';
  };
  // Each entry is a node to enter, or (exit) a block element whose end breaks the paragraph.
  const stack: { node: DomNode; exit: boolean }[] = [{ node: root, exit: false }];
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if (exit) {
      flush();
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      buffer += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const tag = node.nodeName.toUpperCase();
    if (SKIPPED.has(tag)) continue;
    if (tag === 'BR') {
      buffer += ' ';
      continue;
    }
    const block = BLOCKS.has(tag);
    if (block) {
      flush();
      stack.push({ node, exit: true });
    }
    // Children go on the stack last-first, so they come off in reading order.
    const children: DomNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
    for (let k = children.length - 1; k >= 0; k--) stack.push({ node: children[k]!, exit: false });
  }
  flush();
  return paragraphs;
}

/** Element count and deepest element nesting, in one iterative walk. */
function measureTree(document: DomNode): { elements: number; maxDepth: number } {
  let elements = 0;
  let maxDepth = 0;
  const stack: { node: DomNode; depth: number }[] = [{ node: document, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node.nodeType === ELEMENT_NODE) {
      elements++;
      if (depth > maxDepth) maxDepth = depth;
    }
    for (let child = node.firstChild; child; child = child.nextSibling) stack.push({ node: child, depth: depth + 1 });
  }
  return { elements, maxDepth };
}

/** Start tags in the raw text, counting stops once past `stopAt`. */
function countTags(html: string, stopAt: number): number {
  const pattern = /<[a-zA-Z]/gu;
  let count = 0;
  while (pattern.exec(html) !== null && count <= stopAt) count++;
  return count;
}

const tooManyElements = (count: number) =>
  new AppError(
    'SOURCE_TOO_COMPLEX',
    `The page has ${count > HTML_LIMITS.maxElements * 2 ? 'more than ' : ''}${count.toLocaleString('en-US')} elements, over the limit of ${HTML_LIMITS.maxElements.toLocaleString('en-US')} for one page. Save the article's text as a .txt file and ingest that.`,
  );

function clean(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/gu, ' ').trim();
  return text ? text : undefined;
}
