// The index the evaluation scores against is built by the product's own ingest (ingest/run-ingest.ts:
// load -> clean -> split -> embed -> write a generation) into a throw-away store directory, and
// answered by the product's own App (src/app.ts, the object `npm run ask` and the bot use). Nothing
// here cleans, splits or embeds by itself, so what is measured is what users run. The deterministic
// local embedder is forced so results reproduce on any machine.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runIngest } from '../ingest/run-ingest.js';
import { createApp, type App } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import type { IdentifiedEmbeddings } from '../src/embeddings/types.js';
import { AppError } from '../src/errors.js';
import { readIndexGeneration } from '../src/index-store/read-index.js';
import type { LoadedIndex } from '../src/index-store/loaded-index.js';
import { silentLogger } from '../src/logger.js';
import type { RawSource } from '../src/types.js';

/**
 * Reads an article file as the raw source the plain LangChain baseline starts from (clutter and all).
 * Throws AppError('SOURCE_NOT_FOUND') naming the file when it cannot be read.
 */
export function readCorpus(file: string, cwd: string): RawSource {
  const location = path.resolve(cwd, file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(location);
  } catch (error) {
    throw new AppError('SOURCE_NOT_FOUND', `Cannot read the article ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`, { cause: error });
  }
  return {
    id: path.relative(cwd, location) || path.basename(location),
    location,
    format: /\.html?$/i.test(location) ? 'html' : 'text',
    content: bytes.toString('utf8'),
    contentHash: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** Settings for an evaluation store: a fresh temp directory, the local embedder, no .env, no logging. */
function evalConfig(cwd: string, minRelevance?: number): Config {
  const storeDir = mkdtempSync(path.join(tmpdir(), 'article-eval-'));
  return loadConfig({
    cwd,
    envFile: false,
    env: {
      STORE_DIR: storeDir,
      EMBEDDINGS: 'local',
      LOG_LEVEL: 'silent',
      ...(minRelevance !== undefined ? { ANSWER_MIN_RELEVANCE: String(minRelevance) } : {}),
    },
  });
}

/** The product serving one article from a temporary store. */
export interface ProductUnderTest {
  /** The real App: `app.answers.answer` is what `npm run ask` calls. */
  app: App;
  /** The generation the ingest published (documents, passages, vectors). */
  index: LoadedIndex;
  /** Stops the App and deletes the temporary store. */
  close(): Promise<void>;
}

/**
 * Ingests `file` (resolved against `cwd`), and the `alongside` articles into the same index (a collection
 * of documents, as a user indexing several articles has), with the product's ingest into a temporary
 * store and opens the App on it. Throws the ingest's AppError (SOURCE_NOT_FOUND, SOURCE_EMPTY, ...) when the article
 * cannot be indexed; the temporary store is removed in that case too.
 */
export async function openProduct(file: string, options: { cwd: string; minRelevance?: number; alongside?: readonly string[] }): Promise<ProductUnderTest> {
  const config = evalConfig(options.cwd, options.minRelevance);
  const remove = () => rmSync(config.storeDir, { recursive: true, force: true });
  let app: App | undefined;
  try {
    // The same runIngest the child process would run, in this process: a child per article would cost a
    // tsx start-up each (an eval of 20 articles is minutes longer) and measure nothing more.
    app = await createApp(config, silentLogger, { isolateIngest: false });
    await app.reingest({ sources: [file, ...(options.alongside ?? [])] });
    const index = app.currentIndex();
    if (!index) throw new AppError('INDEX_MISSING', `Ingesting ${file} published no index.`);
    const opened = app;
    return {
      app: opened,
      index,
      async close() {
        await opened.close();
        remove();
      },
    };
  } catch (error) {
    await app?.close();
    remove();
    throw error;
  }
}

/**
 * The index `npm run ingest` would build from `source` (its file, read again by the ingest), with the
 * given embedder, loaded back from the store it was written to. For tests that drive the answerer
 * directly. Throws the ingest's AppError when the source cannot be indexed.
 */
export async function buildEvalIndex(source: RawSource, embeddings: IdentifiedEmbeddings): Promise<LoadedIndex> {
  // Ingest from the directory the source's id is relative to, so passages keep the same document id.
  const cwd = source.location.endsWith(source.id) ? source.location.slice(0, -source.id.length) || '.' : path.dirname(source.location);
  const config = evalConfig(cwd);
  try {
    const summary = await runIngest({ config, logger: silentLogger, sources: [source.location], embeddings });
    return await readIndexGeneration(config.storeDir, summary.generation, async () => embeddings);
  } finally {
    rmSync(config.storeDir, { recursive: true, force: true });
  }
}
