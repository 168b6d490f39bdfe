// Turns documentation files (markdown, reStructuredText-ish READMEs, licence texts) into plain prose
// paragraphs, so the benchmark library reads like articles rather than code listings. "Where easy":
// anything that does not look like ordinary sentences is dropped rather than repaired.

const FENCE = /^\s*(```|~~~)/;
const MARKDOWN_IMAGE = /!\[[^\]]*\]\([^)]*\)/g;
const MARKDOWN_LINK = /\[([^\]]*)\]\([^)]*\)/g;
const REFERENCE_LINK = /\[([^\]]+)\]\[[^\]]*\]/g;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const HTML_TAG = /<\/?[A-Za-z][^>]*>/g;
const URL = /\b(?:https?|ftp):\/\/\S+/g;
const EMAIL = /<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?/g;
const INLINE_CODE = /`([^`]*)`/g;
const EMPHASIS = /(\*\*|__|\*|_)(?=\S)([^*_]+?)(?<=\S)\1/g;
const WORD = /^[A-Za-z][A-Za-z'’-]*[.,;:!?)"”’]*$/;

/** Minimum words for a paragraph to count as prose: shorter blocks are headings, list stubs, signatures. */
const MIN_PARAGRAPH_WORDS = 8;

/** The prose paragraphs of one documentation file, in order, each on one line with single spaces. */
export function toProseParagraphs(text: string, minWords = MIN_PARAGRAPH_WORDS): string[] {
  const withoutComments = text.replace(/\r\n?/g, '\n').replace(HTML_COMMENT, '\n');
  const blocks: string[][] = [[]];
  let inFence = false;
  for (const rawLine of withoutComments.split('\n')) {
    if (FENCE.test(rawLine)) {
      inFence = !inFence;
      blocks.push([]);
      continue;
    }
    if (inFence) continue;
    const line = rawLine.replace(/\t/g, '    ');
    const current = blocks[blocks.length - 1]!;
    if (line.trim() === '' || isStructuralLine(line)) {
      if (current.length > 0) blocks.push([]);
      continue;
    }
    // Indented blocks in markdown are code; licence texts indent prose too, so only drop code-looking ones.
    if (/^ {4,}/.test(line) && looksLikeCode(line)) {
      if (current.length > 0) blocks.push([]);
      continue;
    }
    current.push(cleanInline(line));
  }
  const paragraphs: string[] = [];
  for (const block of blocks) {
    const paragraph = block.join(' ').replace(/\s+/g, ' ').trim();
    if (isProse(paragraph, minWords)) paragraphs.push(paragraph);
  }
  return paragraphs;
}

function isStructuralLine(line: string): boolean {
  const t = line.trim();
  return (
    /^#{1,6}\s/.test(t) || // headings are titles, not prose
    /^[=\-*_~^#+]{3,}$/.test(t) || // rules and setext underlines
    /^\|/.test(t) || // tables
    /^\[[^\]]+\]:\s*\S+/.test(t) || // link reference definitions
    /^\.\.\s/.test(t) || // reStructuredText directives
    /^[-*+]\s+\S+$/.test(t) // one-word list items
  );
}

function looksLikeCode(line: string): boolean {
  return /[{}();=<>$\\]|^\s*(?:npm|yarn|pnpm|import|const|let|var|function|return|\$)\b/.test(line);
}

function cleanInline(line: string): string {
  return line
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '') // list markers
    .replace(/^\s*>\s?/, '') // block quotes
    .replace(MARKDOWN_IMAGE, ' ')
    .replace(MARKDOWN_LINK, '$1')
    .replace(REFERENCE_LINK, '$1')
    .replace(HTML_TAG, ' ')
    .replace(URL, ' ')
    .replace(EMAIL, ' ')
    .replace(INLINE_CODE, '$1')
    .replace(EMPHASIS, '$2')
    .replace(/&(?:nbsp|amp|lt|gt|quot|#\d+);/g, ' ');
}

/** Mostly ordinary words, with a sentence end: keeps licence clauses and README explanations, drops listings. */
function isProse(paragraph: string, minWords: number): boolean {
  const words = paragraph.split(' ');
  if (words.length < minWords) return false;
  const ordinary = words.filter((w) => WORD.test(w)).length;
  if (ordinary / words.length < 0.75) return false;
  const letters = paragraph.replace(/[^A-Za-z]/g, '').length;
  if (letters / paragraph.length < 0.7) return false;
  return /[.!?:)"”]$/.test(paragraph);
}
