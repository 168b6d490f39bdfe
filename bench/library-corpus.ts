// Builds the "10 MB library" dataset from documentation already on the machine (package READMEs and
// docs in node_modules, licence texts, /usr/share/doc), never from the network. Same machine and same
// lockfile -> same files in the same order -> the same corpus, byte for byte (its sha256 is reported).
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { toProseParagraphs } from './prose.js';

export interface LibraryCorpus {
  /** Folder of .txt files, one per source document, paragraphs separated by a blank line. */
  dir: string;
  files: string[];
  bytes: number;
  paragraphs: number;
  /** sha256 over every file's name and content in order: two runs with equal hashes measured the same text. */
  sha256: string;
  /** How many candidate documentation files were read to reach the target. */
  sourcesRead: number;
}

export interface BuildLibraryOptions {
  outDir: string;
  targetBytes: number;
  /** Searched in this order; each one's files in sorted path order. */
  roots: string[];
  /** A single source file contributes at most this much prose, so one huge manual cannot be the whole library. */
  maxBytesPerSource?: number;
  /**
   * Shorter blocks are dropped. 20 words keeps the library near 500 bytes a paragraph (~20k passages in
   * 10 MB), the shape of articles rather than of one-line README notes.
   */
  minParagraphWords?: number;
}

const DOC_NAME = /(?:\.(?:md|markdown|txt|rst|html?)|^(?:readme|licen[cs]e|copying|notice|authors|news|faq|copyright|todo|thanks)(?:\.[a-z]+)?)(?:\.gz)?$/i;
const SKIP_NAME = /changelog|history|changes|^\.|\.min\./i;
const MAX_FILE_BYTES = 2_000_000;

/** Candidate documentation files under the roots, in a fixed order (roots in order, paths sorted), lazily. */
function* listDocumentationFiles(roots: string[]): Generator<string> {
  for (const root of roots) yield* walk(root, 0);
}

function* walk(dir: string, depth: number): Generator<string> {
  if (depth > 12) return;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const full = path.join(dir, name);
    let stat;
    try {
      // lstat: symlinked folders would visit packages twice (or loop); symlinked files are deduplicated by content.
      stat = lstatSync(full);
    } catch {
      continue;
    }
    if (stat.isDirectory()) {
      if (name.startsWith('.') || name === 'test' || name === 'tests' || name === '__tests__') continue;
      yield* walk(full, depth + 1);
    } else if ((stat.isFile() || stat.isSymbolicLink()) && DOC_NAME.test(name) && !SKIP_NAME.test(name)) {
      yield full;
    }
  }
}

function readText(file: string): string | undefined {
  try {
    let bytes = readFileSync(file);
    if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
    if (bytes.length > MAX_FILE_BYTES || bytes.includes(0)) return undefined;
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /\.html?(?:\.gz)?$/i.test(file) ? htmlToBlocks(text) : text;
  } catch {
    return undefined;
  }
}

/**
 * Reads documentation in a fixed order, keeps prose paragraphs never seen before (licence texts repeat
 * a lot: duplicates would make exact-search ties and say nothing about retrieval), and writes one
 * .txt file per source until `targetBytes` of prose is written.
 */
export function buildLibraryCorpus(options: BuildLibraryOptions): LibraryCorpus {
  const maxPerSource = options.maxBytesPerSource ?? 400_000;
  mkdirSync(options.outDir, { recursive: true });
  const seen = new Set<string>();
  const files: string[] = [];
  const hash = createHash('sha256');
  let bytes = 0;
  let paragraphs = 0;
  let sourcesRead = 0;

  for (const source of listDocumentationFiles(options.roots)) {
    if (bytes >= options.targetBytes) break;
    const text = readText(source);
    sourcesRead++;
    if (text === undefined) continue;
    const kept: string[] = [];
    let keptBytes = 0;
    for (const paragraph of toProseParagraphs(text, options.minParagraphWords ?? 20)) {
      const key = paragraph.toLowerCase().replace(/[^a-z]+/g, ' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const size = Buffer.byteLength(paragraph) + 2;
      if (keptBytes + size > maxPerSource || bytes + keptBytes + size > options.targetBytes) break;
      kept.push(paragraph);
      keptBytes += size;
    }
    // A single stray paragraph is usually a licence stub or a one-line README: not a document.
    if (kept.length < 2) continue;
    const name = `${String(files.length + 1).padStart(5, '0')}-${slug(source)}.txt`;
    const content = `${kept.join('\n\n')}\n`;
    writeFileSync(path.join(options.outDir, name), content);
    hash.update(name).update('\0').update(content);
    files.push(name);
    bytes += Buffer.byteLength(content);
    paragraphs += kept.length;
  }
  return { dir: options.outDir, files, bytes, paragraphs, sha256: hash.digest('hex'), sourcesRead };
}

/** Manuals saved as HTML: block elements become blank-line separated blocks; scripts and styles go. */
function htmlToBlocks(html: string): string {
  return html
    .replace(/<(script|style|pre|code|table)\b[\s\S]*?<\/\1>/gi, '\n\n')
    .replace(/<\/?(?:p|div|li|ul|ol|dl|dt|dd|h[1-6]|br|hr|blockquote|section|article|tr|td|th)\b[^>]*>/gi, '\n\n')
    .replace(/\n[ \t]+/g, '\n');
}

function slug(file: string): string {
  const parts = file.split(path.sep).filter((p) => p !== '' && p !== 'node_modules' && p !== 'usr' && p !== 'share');
  return parts
    .slice(-3)
    .join('-')
    .replace(/\.gz$/, '')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .slice(0, 80);
}
