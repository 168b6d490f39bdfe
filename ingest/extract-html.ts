// Pulls the article out of a web page: Mozilla Readability finds the article element, title and
// byline on a linkedom document; the article's block elements then become paragraphs. Line-level
// clutter (promotions, captions) is left to cleanArticle, which applies the same rules to text files.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ArticleMetadata } from '../src/types.js';

/** The part of the DOM this module walks; linkedom implements it, and the project has no DOM lib types. */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
}
interface DomDocument {
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

export function extractArticleFromHtml(html: string, url?: string): { paragraphs: string[]; metadata: ArticleMetadata } {
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  // Read the page's own metadata first: Readability rewrites the document it is given.
  const declared = declaredMetadata(document);

  let root: DomNode | null = null;
  let title: string | undefined;
  let byline: string | undefined;
  try {
    const article = new Readability<DomNode>(document as never, { serializer: (node: unknown) => node as DomNode }).parse();
    root = article?.content ?? null;
    title = clean(article?.title);
    byline = clean(article?.byline);
  } catch {
    // Readability gives up on some documents (no body, odd markup); the whole body is the fallback.
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

/** Walks the tree in reading order; text between block boundaries forms one paragraph. */
function blockTexts(root: DomNode): string[] {
  const paragraphs: string[] = [];
  let buffer = '';
  const flush = () => {
    const text = buffer.replace(/\s+/gu, ' ').trim();
    if (text !== '') paragraphs.push(text);
    buffer = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === TEXT_NODE) {
      buffer += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== ELEMENT_NODE && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIPPED.has(tag)) return;
    if (tag === 'BR') {
      buffer += ' ';
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) flush();
    for (let k = 0; k < node.childNodes.length; k++) walk(node.childNodes[k]!);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs;
}

function clean(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/gu, ' ').trim();
  return text ? text : undefined;
}
