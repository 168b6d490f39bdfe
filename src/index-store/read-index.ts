// Reads the published index generation back into memory, and refuses anything that is not exactly
// what write-index.ts published: a store broken by a crash, a disk error or a hand edit becomes one
// INDEX_CORRUPT error that says how to fix it, never a half-loaded index or wrong quotes.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { SynchronousInMemoryDocstore } from '@langchain/community/stores/doc/in_memory';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document as LangChainDocument } from '@langchain/core/documents';
import { z } from 'zod';
import type { IdentifiedEmbeddings } from '../embeddings/types.js';
import { AppError } from '../errors.js';
import type { Document, EmbedderInfo, Manifest, Passage } from '../types.js';
import { applySearchEf, checkPassagesQuoteTheirDocuments } from './build-index.js';
import type { LoadedIndex } from './loaded-index.js';
import {
  DOCUMENTS_FILE,
  GENERATION_NAME,
  HNSW_ARGS_FILE,
  HNSW_DOCSTORE_FILE,
  HNSW_INDEX_FILE,
  LEXICAL_FILE,
  MANIFEST_FILE,
  PASSAGES_FILE,
  currentFile,
  generationDir,
} from './store-layout.js';

/** Gives the embedder an index was built with (as its manifest names it), so questions are embedded the same way. */
export type LoadEmbeddings = (info: EmbedderInfo) => Promise<IdentifiedEmbeddings>;

const REBUILD = 'Run npm run ingest to rebuild it.';

const corrupt = (storeDir: string, what: string, cause?: unknown) =>
  new AppError('INDEX_CORRUPT', `The index in ${storeDir} is damaged: ${what}. ${REBUILD}`, cause === undefined ? undefined : { cause });

/** The generation CURRENT names, or undefined when nothing has been published yet. */
export async function readCurrentGeneration(storeDir: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(currentFile(storeDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw corrupt(storeDir, `cannot read CURRENT (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`, error);
  }
  const generation = text.trim();
  // The name becomes a path: anything but a generation name (say "../x") is refused.
  if (!GENERATION_NAME.test(generation)) throw corrupt(storeDir, 'CURRENT does not name an index generation');
  return generation;
}

/** The published index, fully loaded with its search ef raised; undefined when no index has been built yet. */
export async function readCurrentIndex(storeDir: string, loadEmbeddings: LoadEmbeddings): Promise<LoadedIndex<HNSWLib> | undefined> {
  const generation = await readCurrentGeneration(storeDir);
  if (generation === undefined) return undefined;
  return readIndexGeneration(storeDir, generation, loadEmbeddings);
}

/** Only the manifest: cheap, and enough to decide whether a previous index's vectors can be reused. */
export async function readManifest(storeDir: string, generation: string): Promise<Manifest> {
  const dir = generationDir(storeDir, generation);
  const text = await readGenerationFile(storeDir, dir, MANIFEST_FILE);
  return parseJson(storeDir, MANIFEST_FILE, text, manifestSchema) as Manifest;
}

/** One published generation, checked file by file against its manifest. Throws INDEX_CORRUPT when it is not what was published. */
export async function readIndexGeneration(storeDir: string, generation: string, loadEmbeddings: LoadEmbeddings): Promise<LoadedIndex<HNSWLib>> {
  const dir = generationDir(storeDir, generation);
  const manifest = await readManifest(storeDir, generation);
  const files = manifest.files ?? {};
  // Check every file against the manifest before parsing it, and above all before the native
  // hnswlib loader sees it: a truncated graph file must be an error message, not a crash. Sizes first,
  // all of them; the graph (the biggest file, which the native loader reads itself) is hashed on another
  // thread while this one reads, hashes and parses the rest; docstore.json is checked against the passages
  // below, without parsing it.
  const names = [DOCUMENTS_FILE, PASSAGES_FILE, HNSW_INDEX_FILE, HNSW_ARGS_FILE, HNSW_DOCSTORE_FILE];
  for (const name of names) {
    const expected = files[name];
    if (!expected) throw corrupt(storeDir, `the manifest does not list ${name}`);
    const size = await fileSize(storeDir, dir, name);
    if (size !== expected.bytes) throw corrupt(storeDir, `${name} is ${size} bytes, the manifest says ${expected.bytes}`);
  }
  // A worker thread pays off only for a big graph (a library's is tens of MB; an article's, kilobytes).
  const graphFile = path.join(dir, HNSW_INDEX_FILE);
  const graphDigest = files[HNSW_INDEX_FILE]!.bytes >= WORKER_HASH_BYTES ? sha256OfFile(graphFile) : readFile(graphFile).then((b) => createHash('sha256').update(b).digest('hex'));
  const graphChecked = graphDigest.then(
    (digest) => {
      if (digest !== files[HNSW_INDEX_FILE]!.sha256) throw corrupt(storeDir, `${HNSW_INDEX_FILE} does not match its checksum`);
    },
    (error: unknown) => {
      throw corrupt(storeDir, `cannot read ${HNSW_INDEX_FILE} (${(error as Error).message})`, error);
    },
  );
  // Settled before anything below can throw, so a failure here is never an unhandled rejection.
  graphChecked.catch(() => undefined);
  const bytes = new Map<string, Buffer>();
  for (const name of [DOCUMENTS_FILE, PASSAGES_FILE, HNSW_ARGS_FILE]) {
    const read = await readGenerationBytes(storeDir, dir, name);
    if (createHash('sha256').update(read).digest('hex') !== files[name]!.sha256) throw corrupt(storeDir, `${name} does not match its checksum`);
    bytes.set(name, read);
  }

  const documents = parseDocuments(storeDir, bytes.get(DOCUMENTS_FILE)!.toString('utf8'));
  const located = parseLocatedPassages(storeDir, bytes.get(PASSAGES_FILE)!.toString('utf8'));
  const passages = quotePassages(storeDir, documents, located);
  if (passages.length !== manifest.passageCount) throw corrupt(storeDir, `it holds ${passages.length} passages, the manifest says ${manifest.passageCount}`);
  if (documents.length !== manifest.sources.length) throw corrupt(storeDir, `it holds ${documents.length} documents, the manifest says ${manifest.sources.length}`);
  try {
    checkPassagesQuoteTheirDocuments(documents, passages);
  } catch (error) {
    throw corrupt(storeDir, (error as Error).message.replace(/\.$/, ''), error);
  }

  // Not INDEX_CORRUPT when this fails: a missing model is the embedder's problem, with its own advice.
  const embeddings = await loadEmbeddings(manifest.embedder);

  await graphChecked;
  let vectorStore: HNSWLib;
  try {
    const args = JSON.parse(bytes.get(HNSW_ARGS_FILE)!.toString('utf8')) as { space: 'cosine'; numDimensions: number };
    const { HierarchicalNSW } = await HNSWLib.imports();
    const index = new HierarchicalNSW(args.space, args.numDimensions);
    await index.readIndex(path.join(dir, HNSW_INDEX_FILE));
    vectorStore = new HNSWLib(embeddings, { ...args, index, docstore: await docstoreOf(storeDir, dir, passages, files[HNSW_DOCSTORE_FILE]!.sha256) });
  } catch (error) {
    throw corrupt(storeDir, `the vector index cannot be loaded (${(error as Error).message})`, error);
  }
  const count = vectorStore.index.getCurrentCount();
  if (count !== passages.length) throw corrupt(storeDir, `the vector index holds ${count} vectors for ${passages.length} passages`);
  for (const [label, passage] of passages.entries()) {
    const doc = vectorStore.docstore._docs.get(String(label));
    if (doc?.metadata.passageId !== passage.id) throw corrupt(storeDir, `vector ${label} is not labelled with passage ${passage.id}`);
    // The docstore's copy of the text must agree with the documents: the two are written together.
    if (doc.pageContent !== passage.text) throw corrupt(storeDir, `passage ${passage.id} is not the text its vector was made from`);
  }
  if (vectorStore.index.getNumDimensions() !== manifest.embedder.dimensions) {
    throw corrupt(storeDir, `the vector index has ${vectorStore.index.getNumDimensions()} dimensions, the embedder ${manifest.embedder.dimensions}`);
  }
  applySearchEf(vectorStore, manifest.hnsw.efSearch);
  return { generation, manifest, documents, passages, vectorStore, readLexical: () => readOptionalFile(path.join(dir, LEXICAL_FILE)) };
}

/**
 * The docstore HNSWLib.load would read from docstore.json. The writer writes that file from the passages
 * (label i is passage i, build-index.ts), so the docstore is made from them, and the file is checked by
 * serialising them the way the writer does and comparing checksums: no parse of a third copy of the
 * corpus. A file written any other way is read and parsed as before, and checked entry by entry.
 */
async function docstoreOf(storeDir: string, dir: string, passages: Passage[], sha256: string): Promise<SynchronousInMemoryDocstore> {
  // Plain objects, as HNSWLib.load makes them from the JSON.
  const entries = passages.map((passage, label) => [String(label), { pageContent: passage.text, metadata: { passageId: passage.id } }] as const);
  const hash = createHash('sha256');
  for (const piece of docstoreJsonPieces(passages)) hash.update(piece);
  if (hash.digest('hex') === sha256) return new SynchronousInMemoryDocstore(new Map(entries.map(([key, doc]) => [key, doc as LangChainDocument])));
  const bytes = await readGenerationBytes(storeDir, dir, HNSW_DOCSTORE_FILE);
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw corrupt(storeDir, `${HNSW_DOCSTORE_FILE} does not match its checksum`);
  const parsed = parseJson(storeDir, HNSW_DOCSTORE_FILE, bytes.toString('utf8'), z.array(z.tuple([z.string(), z.looseObject({ pageContent: z.string(), metadata: z.looseObject({}) })])));
  return new SynchronousInMemoryDocstore(new Map(parsed.map(([key, doc]) => [key, new LangChainDocument(doc)])));
}

/**
 * docstore.json as write-index.ts writes it (JSON.stringify of [label, LangChain document] pairs, whose
 * documents serialise as {pageContent, metadata}), in pieces of about a megabyte rather than one
 * corpus-sized string. Exported for the test that holds it to the writer's bytes.
 */
export function* docstoreJsonPieces(passages: Pick<Passage, 'id' | 'text'>[]): Generator<string> {
  let piece = '[';
  for (let label = 0; label < passages.length; label++) {
    const passage = passages[label]!;
    piece += `${label === 0 ? '' : ','}["${label}",{"pageContent":${JSON.stringify(passage.text)},"metadata":{"passageId":${JSON.stringify(passage.id)}}}]`;
    if (piece.length > 1 << 20) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}]`;
}

/** Graphs at least this big (bytes) are hashed on a worker thread; smaller ones inline, cheaper than starting a thread. */
const WORKER_HASH_BYTES = 4 << 20;

// Runs in a worker thread: reads the file in chunks and hashes it, off the thread that is loading.
const HASH_FILE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const hash = require('node:crypto').createHash('sha256');
require('node:fs').createReadStream(workerData, { highWaterMark: 1 << 20 })
  .on('data', (chunk) => hash.update(chunk))
  .on('error', (error) => parentPort.postMessage({ error: error.message }))
  .on('end', () => parentPort.postMessage({ digest: hash.digest('hex') }));
`;

/** SHA-256 of a file as hex, computed on a worker thread (two cores load a library noticeably faster). Rejects when the file cannot be read. */
export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASH_FILE_WORKER, { eval: true, workerData: file });
    worker.once('message', (message: { digest?: string; error?: string }) => (message.digest ? resolve(message.digest) : reject(new Error(message.error ?? 'no digest'))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`hash worker exited with ${code}`)));
  });
}

async function fileSize(storeDir: string, dir: string, name: string): Promise<number> {
  try {
    return (await stat(path.join(dir, name))).size;
  } catch (error) {
    throw unreadable(storeDir, dir, name, error);
  }
}

// A generation file that cannot be read: missing (named by its path in the store) or unreadable.
function unreadable(storeDir: string, dir: string, name: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  const what = code === 'ENOENT' ? `${path.relative(storeDir, path.join(dir, name))} is missing` : `cannot read ${name} (${code ?? 'unreadable'})`;
  return corrupt(storeDir, what, error);
}

/**
 * documents.json parsed and checked as z.array(documentSchema) would check it, without zod's copy of
 * every paragraph of a library, and with the same message naming the first bad field.
 */
function parseDocuments(storeDir: string, text: string): Document[] {
  const value = parseJsonText(storeDir, DOCUMENTS_FILE, text);
  const bad = (at: string) => badShape(storeDir, DOCUMENTS_FILE, at);
  if (!Array.isArray(value)) throw bad('the top level');
  value.forEach((d: unknown, i) => {
    if (!isObject(d)) throw bad(String(i));
    for (const key of ['id', 'location', 'contentHash'] as const) if (typeof d[key] !== 'string') throw bad(`${i}.${key}`);
    const metadata = d.metadata;
    if (!isObject(metadata)) throw bad(`${i}.metadata`);
    for (const key of ['title', 'standfirst', 'author', 'section'] as const) {
      if (metadata[key] !== undefined && typeof metadata[key] !== 'string') throw bad(`${i}.metadata.${key}`);
    }
    if (typeof d.text !== 'string') throw bad(`${i}.text`);
    const paragraphs: unknown = d.paragraphs;
    if (!Array.isArray(paragraphs)) throw bad(`${i}.paragraphs`);
    // A plain loop: a library has tens of thousands of paragraphs. (Unlike zod, extra fields on a
    // paragraph are not stripped; the writer writes none and nothing reads any.)
    for (let k = 0; k < paragraphs.length; k++) {
      const p: unknown = paragraphs[k];
      if (!isObject(p)) throw bad(`${i}.paragraphs.${k}`);
      if (!isCount(p.start)) throw bad(`${i}.paragraphs.${k}.start`);
      if (!isCount(p.end)) throw bad(`${i}.paragraphs.${k}.end`);
      if (!isCount(p.number) || p.number === 0) throw bad(`${i}.paragraphs.${k}.number`);
    }
  });
  return value as Document[];
}

/**
 * passages.json parsed and checked as passageSchema would check it (tens of thousands of rows in a
 * library, where zod costs more than the parse), with the same message naming the first bad field.
 */
function parseLocatedPassages(storeDir: string, text: string): z.infer<typeof passageSchema>[] {
  const value = parseJsonText(storeDir, PASSAGES_FILE, text);
  const bad = (at: string) => badShape(storeDir, PASSAGES_FILE, at);
  if (!Array.isArray(value)) throw bad('the top level');
  value.forEach((p: unknown, i) => {
    if (!isObject(p)) throw bad(String(i));
    // In the schema's order, so the first bad field named is the one zod would name.
    for (const key of ['start', 'end'] as const) if (!isCount(p[key])) throw bad(`${i}.${key}`);
    for (const key of ['id', 'documentId'] as const) if (typeof p[key] !== 'string') throw bad(`${i}.${key}`);
    if (!isCount(p.ordinal)) throw bad(`${i}.ordinal`);
    if (!isCount(p.paragraph) || p.paragraph === 0) throw bad(`${i}.paragraph`);
  });
  return value as z.infer<typeof passageSchema>[];
}

/** The file's bytes, or undefined when it does not exist (a generation published before lexical.bin). */
async function readOptionalFile(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function readGenerationBytes(storeDir: string, dir: string, name: string): Promise<Buffer> {
  try {
    return await readFile(path.join(dir, name));
  } catch (error) {
    throw unreadable(storeDir, dir, name, error);
  }
}

async function readGenerationFile(storeDir: string, dir: string, name: string): Promise<string> {
  return (await readGenerationBytes(storeDir, dir, name)).toString('utf8');
}

function parseJson<T>(storeDir: string, name: string, text: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(parseJsonText(storeDir, name, text));
  if (!parsed.success) throw badShape(storeDir, name, parsed.error.issues[0]?.path.join('.') || 'the top level');
  return parsed.data;
}

// The opening every stored JSON file's check shares: parse, or say which file is not JSON.
function parseJsonText(storeDir: string, name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw corrupt(storeDir, `${name} is not valid JSON`, error);
  }
}

// `at`: the first bad field as a dotted path (as zod names it), or 'the top level'.
const badShape = (storeDir: string, name: string, at: string) => corrupt(storeDir, `${name} has an unexpected shape at ${at}`);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

const count = z.number().int().nonnegative();

const embedderSchema = z.object({
  kind: z.enum(['local', 'transformers']),
  model: z.string(),
  dimensions: z.number().int().positive(),
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

/** The manifest as published (files store: `files` lists every file with its checksum). */
export const manifestSchema = z.looseObject({
  formatVersion: z.literal(1),
  builtAt: z.string(),
  embedder: embedderSchema,
  hnsw: z.object({ space: z.literal('cosine'), m: count, efConstruction: count, efSearch: z.number().int().positive() }),
  sources: z.array(
    z.object({ id: z.string(), location: z.string(), contentHash: z.string(), title: z.string().optional(), author: z.string().optional(), passages: count }),
  ),
  passageCount: count,
  files: z.record(z.string(), z.object({ bytes: count, sha256: z.string() })).optional(),
});

const span = { start: count, end: count };

// Loose: fields other helpers add to documents and passages later must survive a round trip.
/** Checks a stored Document when an index is read; extra fields pass through (see the comment above). */
export const documentSchema = z.looseObject({
  id: z.string(),
  location: z.string(),
  contentHash: z.string(),
  metadata: z.looseObject({ title: z.string().optional(), standfirst: z.string().optional(), author: z.string().optional(), section: z.string().optional() }),
  text: z.string(),
  paragraphs: z.array(z.object({ ...span, number: z.number().int().positive() })),
});

/**
 * Checks a stored Passage (a location in its document, not its text) when an index is read; extra fields pass through.
 */
export const passageSchema = z.looseObject({
  ...span,
  id: z.string(),
  documentId: z.string(),
  ordinal: count,
  paragraph: z.number().int().positive(),
});

/** Passages are stored as locations; their text is the document's text there, checked to be in range. Throws INDEX_CORRUPT naming `storeDir` otherwise. */
export function quotePassages(storeDir: string, documents: Document[], located: z.infer<typeof passageSchema>[]): Passage[] {
  const byId = new Map(documents.map((d) => [d.id, d]));
  return located.map((p) => {
    const doc = byId.get(p.documentId);
    if (!doc) throw corrupt(storeDir, `passage ${p.id} belongs to ${p.documentId}, which is not in the index`);
    if (p.start > p.end || p.end > doc.text.length) throw corrupt(storeDir, `passage ${p.id} points outside its document`);
    return { id: p.id, documentId: p.documentId, ordinal: p.ordinal, paragraph: p.paragraph, start: p.start, end: p.end, text: doc.text.slice(p.start, p.end) };
  });
}
