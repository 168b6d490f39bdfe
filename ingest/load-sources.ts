// Reads what the user asked to ingest: files, folders of files, and web pages. Every failure names the
// source and says what to do, and nothing is half-read: a source either loads whole or the ingest stops.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../src/errors.js';
import type { RawSource } from '../src/types.js';
import { fetchPage, formatBytes, type FetchNet } from './fetch-page.js';

/** Where and how loadSources reads source specs (files, folders, URLs), with its size and time limits. */
export interface LoadSourcesOptions {
  /** File ids are paths relative to this directory; relative specs resolve against it. */
  cwd: string;
  /** allowPrivate lifts the public-address check on URL sources (URL_ALLOW_PRIVATE: trusted local setups and tests). */
  url: { timeoutMs: number; maxBytes: number; allowPrivate?: boolean };
  /** The resolver and transport URL sources use; injected by tests, the system's by default. */
  net?: FetchNet;
  /** Default 50 MB. */
  maxFileBytes?: number;
}

/** The file types a folder source is read for (and the only ones `--watch` reacts to). */
export const SUPPORTED_EXTENSIONS: ReadonlySet<string> = new Set(['.txt', '.md', '.html', '.htm']);
const HTML_EXTENSIONS = new Set(['.html', '.htm']);
const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Loads every spec in order; a folder expands to its supported files, sorted. Duplicates are read once. */
export async function loadSources(specs: string[], options: LoadSourcesOptions): Promise<RawSource[]> {
  const sources: RawSource[] = [];
  const seen = new Set<string>();
  const add = (source: RawSource) => {
    if (seen.has(source.id)) return;
    seen.add(source.id);
    sources.push(source);
  };
  for (const rawSpec of specs) {
    const spec = rawSpec.trim();
    if (spec === '') continue;
    if (await isUrlSpec(spec, options.cwd)) {
      add(await loadUrl(spec, options));
      continue;
    }
    for (const source of await loadPath(spec, options)) add(source);
  }
  return sources;
}

// ---------------------------------------------------------------------------------------------
// Files and folders

async function loadPath(spec: string, options: LoadSourcesOptions): Promise<RawSource[]> {
  const absolute = path.resolve(options.cwd, spec);
  const info = await statOrThrow(absolute, spec);
  if (info.isDirectory()) {
    const files = await listSupportedFiles(absolute, spec);
    if (files.length === 0) {
      throw new AppError('SOURCE_EMPTY', `The folder ${spec} has no .txt, .md, .html or .htm files. Put the article in it, or pass the file itself.`);
    }
    const loaded: RawSource[] = [];
    for (const file of files) loaded.push(await loadFile(file, options));
    return loaded;
  }
  if (!info.isFile()) {
    throw new AppError('SOURCE_UNREADABLE', `${spec} is not a regular file or folder. Pass a .txt, .md or .html file, a folder, or an http(s) URL.`);
  }
  return [await loadFile(absolute, options)];
}

async function statOrThrow(absolute: string, shown: string) {
  try {
    return await stat(absolute);
  } catch (error) {
    throw fileError(error, shown, absolute);
  }
}

function fileError(error: unknown, shown: string, absolute: string): AppError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new AppError('SOURCE_NOT_FOUND', `Cannot find ${shown} (looked at ${absolute}). Check the path, or run the command from the project folder.`, { cause: error });
  }
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? 'read error';
  return new AppError('SOURCE_UNREADABLE', `Cannot read ${shown} (${reason}). Make it readable by this user and try again.`, { cause: error });
}

/** Every supported file under a folder, depth first, sorted by relative path; hidden entries and node_modules skipped. */
async function listSupportedFiles(folder: string, shown: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (dir: string) => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      throw fileError(error, path.relative(folder, dir) === '' ? shown : dir, dir);
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await visit(full);
      else if (entry.isFile() && SUPPORTED_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) found.push(full);
    }
  };
  await visit(folder);
  const key = (file: string) => toPosix(path.relative(folder, file));
  return found.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

async function loadFile(absolute: string, options: LoadSourcesOptions): Promise<RawSource> {
  const id = toPosix(path.relative(options.cwd, absolute)) || path.basename(absolute);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const info = await statOrThrow(absolute, id);
  if (info.size > maxBytes) {
    throw new AppError('SOURCE_TOO_LARGE', `${id} is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} limit for one source. Split it into smaller files.`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    throw fileError(error, id, absolute);
  }
  const content = decodeText(bytes, id);
  const extension = path.extname(absolute).toLowerCase();
  return {
    id,
    location: absolute,
    format: HTML_EXTENSIONS.has(extension) || sniffsAsHtml(content) ? 'html' : 'text',
    content,
    contentHash: sha256(bytes),
  };
}

// ---------------------------------------------------------------------------------------------
// URLs

/** A spec with a scheme ("https:", "file:", "javascript:") is a URL unless a file of that name exists. */
async function isUrlSpec(spec: string, cwd: string): Promise<boolean> {
  if (!/^[a-z][a-z0-9+.-]*:/iu.test(spec)) return false;
  try {
    await stat(path.resolve(cwd, spec));
    return false;
  } catch {
    return true;
  }
}

function parseHttpUrl(spec: string): URL {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new AppError('URL_INVALID', `${spec} is not a valid URL. Give a full address such as https://example.com/article.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('URL_INVALID', `${spec} uses ${url.protocol.replace(/:$/u, '')}:, but only http and https pages can be ingested. Pass a local file as a path instead.`);
  }
  if (url.hostname === '') {
    throw new AppError('URL_INVALID', `${spec} has no host name. Give a full address such as https://example.com/article.`);
  }
  return url;
}

async function loadUrl(spec: string, options: LoadSourcesOptions): Promise<RawSource> {
  const requested = parseHttpUrl(spec);
  const id = requested.href;
  const page = await fetchPage(requested, id, {
    timeoutMs: options.url.timeoutMs,
    maxBytes: options.url.maxBytes,
    allowPrivate: options.url.allowPrivate ?? false,
    ...options.net,
  });
  const content = decodeText(page.bytes, id, page.charset);
  return {
    id,
    location: page.url.href,
    format: page.mediaType === 'text/plain' && !sniffsAsHtml(content) ? 'text' : 'html',
    content,
    contentHash: sha256(page.bytes),
  };
}

// ---------------------------------------------------------------------------------------------
// Bytes to text

/**
 * Bytes to text. The encoding is, in order: a byte order mark (UTF-8, UTF-16LE/BE), the charset the
 * server declared, a charset an HTML page declares in its first 2 KB (<meta charset> or http-equiv),
 * else UTF-8. Unknown labels fall back to UTF-8. Throws SOURCE_EMPTY, or SOURCE_BINARY for NUL bytes
 * outside UTF-16 and for bytes that are not valid in the chosen encoding.
 */
function decodeText(bytes: Buffer, shown: string, charset?: string): string {
  const empty = () => new AppError('SOURCE_EMPTY', `${shown} is empty. Save the article's text into it, or remove it from the sources.`);
  if (bytes.length === 0) throw empty();
  let label = (bomEncoding(bytes) ?? charset ?? declaredHtmlCharset(bytes) ?? 'utf-8').toLowerCase();
  // An unknown charset label falls back to UTF-8 rather than failing the page.
  if (!isSupportedEncoding(label)) label = 'utf-8';
  const utf16 = /^utf-16/u.test(label) || label === 'unicode' || label === 'ucs-2';
  if (!utf16 && bytes.includes(0)) {
    throw new AppError('SOURCE_BINARY', `${shown} looks like a binary file, not text. Save the article as plain text, markdown or HTML.`);
  }
  let text: string;
  try {
    text = new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch (error) {
    throw new AppError('SOURCE_BINARY', `${shown} is not valid ${label === 'utf-8' ? 'UTF-8' : label} text. Re-save it as UTF-8 plain text, markdown or HTML.`, { cause: error });
  }
  if (text.replace(/^\uFEFF/u, '').trim() === '') throw empty();
  return text;
}

function bomEncoding(bytes: Buffer): string | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** A charset declared by an HTML head, read from the first 2 KB with NULs dropped (so a UTF-16 page's own declaration is found too). */
function declaredHtmlCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 2048).toString('latin1').replace(/\0/gu, '');
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/iu.exec(head)?.[1];
}

function isSupportedEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** HTML saved without an .html name still starts like HTML. */
function sniffsAsHtml(content: string): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*(<!doctype\s+html|<html[\s>])/iu.test(content.replace(/^\uFEFF/u, ''));
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const toPosix = (p: string): string => p.split(path.sep).join('/');

