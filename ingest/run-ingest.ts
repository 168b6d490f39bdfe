// One ingest: read the sources, clean and split them, embed only passages whose text is new, build
// the index and publish it as a new generation. Everything before publishing happens in memory, so
// a source that fails to load, clean or embed leaves the previous index current and untouched.
import { isDeepStrictEqual } from 'node:util';
import type { Config } from '../src/config.js';
import { selectEmbeddings } from '../src/embeddings/select-embeddings.js';
import type { IdentifiedEmbeddings } from '../src/embeddings/types.js';
import { AppError, fileSystemError } from '../src/errors.js';
import { buildLoadedIndex } from '../src/index-store/build-index.js';
import type { IndexStore } from '../src/index-store/index-store.js';
import { openIndexStore } from '../src/index-store/open-store.js';
import type { Logger } from '../src/logger.js';
import { encodeRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { getLexicon } from '../src/text/lexicon.js';
import type { Document, IngestSummary, Manifest, Passage, RawSource } from '../src/types.js';
import { cleanArticle } from './clean-article.js';
import type { FetchNet } from './fetch-page.js';
import { loadSources } from './load-sources.js';
import { splitPassages } from './split-passages.js';

/** One progress report from an ingest: `done` of `total` items finished in the current phase (counts, not percent). */
export interface IngestProgress {
  /** loading: sources read so far; embedding: passages embedded or reused so far; writing: once, when the index is being saved. */
  phase: 'loading' | 'embedding' | 'writing';
  done: number;
  total: number;
}

/** What one ingest reads, how it embeds and where it publishes the new index. */
export interface RunIngestOptions {
  config: Config;
  logger: Logger;
  /** Source specs (file, folder, URL): the new index holds exactly these. Default: config.sources. */
  sources?: string[];
  /** Default: the embedder the settings select. */
  embeddings?: IdentifiedEmbeddings;
  /** The resolver and transport for URL sources (tests); the system's by default. */
  net?: FetchNet;
  onProgress?: (progress: IngestProgress) => void;
  /** Queue behind a running ingest instead of failing with INGEST_LOCKED. */
  wait?: boolean;
  /** The store to publish to; default: the one the settings name, opened for this ingest and closed after it. */
  store?: IndexStore;
}

/**
 * Ingest the sources and publish the result as the store's current generation. Returns what changed.
 * Throws AppError (CONFIG_INVALID, SOURCE_*, URL_*, INGEST_LOCKED, EMBEDDER_*, DATABASE_*) and leaves
 * the previous generation current when anything fails.
 */
export async function runIngest(options: RunIngestOptions): Promise<IngestSummary> {
  const { config, logger } = options;
  const specs = options.sources ?? config.sources;
  if (specs.length === 0) {
    throw new AppError('CONFIG_INVALID', 'No sources to ingest: set SOURCES in .env or pass --source <file|folder|url>.');
  }
  try {
    if (options.store) return await ingestInto(options.store, specs, options);
    const store = await openIndexStore(config, logger);
    try {
      return await ingestInto(store, specs, options);
    } finally {
      await store.close();
    }
  } catch (error) {
    // Disk full, read-only store, STORE_DIR naming a file: one line that says what to do (AppErrors pass through).
    throw fileSystemError(error, config.storeDir, 'STORE_DIR') ?? error;
  }
}

async function ingestInto(store: IndexStore, specs: string[], options: RunIngestOptions): Promise<IngestSummary> {
  const { config, logger, onProgress } = options;
  const started = performance.now();
  const lock = await store.acquireIngestLock(options.wait ? { wait: true } : {});
  try {
    const abandoned = await store.removeAbandoned();
    if (abandoned.length > 0) logger.warn({ abandoned }, 'removed index generations left half-written by an interrupted ingest');

    onProgress?.({ phase: 'loading', done: 0, total: specs.length });
    const raw = uniqueById(
      await loadSources(specs, { cwd: config.cwd, url: config.url, ...(options.net ? { net: options.net } : {}) }),
      logger,
    );
    onProgress?.({ phase: 'loading', done: specs.length, total: specs.length });
    const { documents, passages } = documentsAndPassages(raw);

    const embeddings = options.embeddings ?? (await selectEmbeddings(config, logger)).embeddings;
    const previous = await previousIndex(store, embeddings, logger);
    const reuseVectors = previous?.vectors;

    const index = await buildLoadedIndex({
      documents,
      passages,
      embeddings,
      ...(reuseVectors ? { reuseVectors } : {}),
      ...(onProgress ? { onProgress: (done: number, total: number) => onProgress({ phase: 'embedding', done, total }) } : {}),
    });
    onProgress?.({ phase: 'writing', done: 0, total: 1 });
    // The lexical index is built once here and stored with the generation: every process that loads
    // it (each shard, each restart) reads it instead of rebuilding it.
    const generation = await store.publish(index, encodeRetrievalIndex(index, getLexicon()));
    onProgress?.({ phase: 'writing', done: 1, total: 1 });

    const summary: IngestSummary = {
      generation,
      documents: documents.length,
      passages: passages.length,
      embedder: embeddings.info,
      ...compareSources(documents, previous?.manifest, previous?.vectors !== undefined),
      seconds: (performance.now() - started) / 1000,
    };
    logger.info({ ...summary, embedder: `${summary.embedder.kind} ${summary.embedder.model}` }, 'ingest published a new index generation');
    return summary;
  } finally {
    await lock.release();
  }
}

/**
 * Cleans every source and cuts it into passages, in order. Appends one by one: a spread into push
 * overflows the stack past ~120k passages. Throws the AppErrors of cleanArticle.
 */
export function documentsAndPassages(raw: RawSource[]): { documents: Document[]; passages: Passage[] } {
  const documents: Document[] = [];
  const passages: Passage[] = [];
  for (const source of raw) {
    const document = cleanArticle(source);
    documents.push(document);
    for (const passage of splitPassages(document)) passages.push(passage);
  }
  return { documents, passages };
}

interface PreviousIndex {
  manifest: Manifest;
  /** Present only when the previous index was built by the same embedder, so its vectors are valid now. */
  vectors?: Map<string, number[]>;
}

/** The published index's manifest, and its vectors when they can be reused. A broken previous index only costs a full re-embed. */
async function previousIndex(store: IndexStore, embeddings: IdentifiedEmbeddings, logger: Logger): Promise<PreviousIndex | undefined> {
  try {
    const generation = await store.currentGeneration();
    if (generation === undefined) return undefined;
    const manifest = await store.readManifest(generation);
    if (!isDeepStrictEqual(manifest.embedder, embeddings.info)) {
      logger.info({ previous: manifest.embedder.model, now: embeddings.info.model }, 'embedder changed since the last ingest: embedding every passage again');
      return { manifest };
    }
    return { manifest, vectors: await store.reusableVectors(generation, async () => embeddings) };
  } catch (error) {
    logger.warn({ err: error }, 'the previous index cannot be read; building the new one from scratch');
    return undefined;
  }
}

/**
 * What happened to each source since the previous index. "reused" means unchanged content whose
 * vectors were reused; when the embedder changed, unchanged sources count as "changed", since every
 * entry they have in the index was rebuilt.
 */
function compareSources(documents: Document[], previous: Manifest | undefined, vectorsReused: boolean): Pick<IngestSummary, 'added' | 'changed' | 'removed' | 'reused'> {
  const before = new Map((previous?.sources ?? []).map((s) => [s.id, s.contentHash]));
  const now = new Set(documents.map((d) => d.id));
  const added: string[] = [];
  const changed: string[] = [];
  const reused: string[] = [];
  for (const d of documents) {
    const hash = before.get(d.id);
    if (hash === undefined) added.push(d.id);
    else if (hash !== d.contentHash || !vectorsReused) changed.push(d.id);
    else reused.push(d.id);
  }
  const removed = [...before.keys()].filter((id) => !now.has(id));
  return { added, changed, removed, reused };
}

/** The same file named twice (say as a file and inside a folder) is indexed once. */
function uniqueById(sources: RawSource[], logger: Logger): RawSource[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    if (seen.has(s.id)) {
      logger.warn({ source: s.id }, 'source given more than once; indexing it once');
      return false;
    }
    seen.add(s.id);
    return true;
  });
}
