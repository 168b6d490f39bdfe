// STORE=postgres: index generations in one shared Postgres, so every process on every machine serves
// the same generation. Publishing is one transaction (documents, passages, vectors through LangChain's
// PGVectorStore, the current pointer, and a NOTIFY that Postgres delivers only at commit); readers learn of
// it by LISTEN/NOTIFY, with the holder's slow poll as a safety net. The ingest lock is a session advisory
// lock: Postgres frees it by itself when the holding process dies, so there is no stale lock to judge.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { PGVectorStore } from '@langchain/community/vectorstores/pgvector';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document as LangChainDocument } from '@langchain/core/documents';
import pg from 'pg';
import { z } from 'zod';
import type { PostgresStoreConfig } from '../../config.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Document, Manifest } from '../../types.js';
import { checkPassagesQuoteTheirDocuments, passageVectorKey } from '../build-index.js';
import type { AcquireIngestLockOptions, IndexStore } from '../index-store.js';
import type { IngestLock, LockHolder } from '../ingest-lock.js';
import type { LoadedIndex } from '../loaded-index.js';
import { documentSchema, manifestSchema, passageSchema, quotePassages, type LoadEmbeddings } from '../read-index.js';
import { KEEP_GENERATIONS, newGenerationName } from '../write-index.js';
import { GenerationVectorStore, VECTOR_TABLE } from './generation-vector-store.js';
import { createPool, describeConnectionError, describeDatabase, withRetries } from './pg-connect.js';
import { migrate } from './pg-schema.js';

/** The channel a publish notifies; the payload is the new generation's name. */
const GENERATION_CHANNEL = 'index_generation';
/** Session advisory lock key of the ingest lock (any fixed number unique to this app). */
const INGEST_LOCK_KEY = 727_013_002;
/** Rows per INSERT when publishing: well under Postgres's 65,535 parameters per statement. */
const INSERT_BATCH = 500;
const LISTEN_RETRY_MAX_MS = 30_000;

/** The IndexStore kept in Postgres (pgvector), which also lends its pool to other tables of the same database. */
export interface PostgresIndexStore extends IndexStore {
  readonly kind: 'postgres';
  /** The pool, for other tables of the same database (feedback votes). */
  readonly pool: pg.Pool;
}

/**
 * Connect (retrying transient failures with backoff), check pgvector, migrate the schema, and return
 * the store. Throws one-line AppErrors: DATABASE_UNAVAILABLE, DATABASE_AUTH_FAILED, DATABASE_NO_VECTOR,
 * DATABASE_SCHEMA; the pool is closed when it throws.
 */
export async function openPostgresStore(config: PostgresStoreConfig, logger: Logger): Promise<PostgresIndexStore> {
  const where = describeDatabase(config.databaseUrl);
  const pool = createPool(config, logger);
  try {
    await withRetries(
      async () => {
        const client = await pool.connect();
        try {
          const available = await client.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`);
          if (available.rowCount === 0) {
            throw new AppError(
              'DATABASE_NO_VECTOR',
              `The database at ${where} has no pgvector extension: install it on the server (Debian/Ubuntu: apt install postgresql-16-pgvector, matching your Postgres version; Docker: image pgvector/pgvector:pg16), then run again.`,
            );
          }
          const applied = await migrate(client, where);
          if (applied.length > 0) logger.info({ database: where, applied }, 'database schema migrated');
        } finally {
          client.release();
        }
      },
      { attempts: config.connectAttempts, databaseUrl: config.databaseUrl, logger, what: `connecting to ${where}` },
    );
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return createPostgresStore(pool, config, logger);
}

function createPostgresStore(pool: pg.Pool, config: PostgresStoreConfig, logger: Logger): PostgresIndexStore {
  const where = describeDatabase(config.databaseUrl);
  const corrupt = (what: string, cause?: unknown) =>
    new AppError('INDEX_CORRUPT', `The index in ${where} is damaged: ${what}. Run npm run ingest to rebuild it.`, cause === undefined ? undefined : { cause });
  /** Any failure to talk to the database becomes its one-line message; AppErrors pass through. */
  const query = async <R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> => {
    try {
      return await pool.query<R>(text, values);
    } catch (error) {
      if ((error as { code?: string }).code?.match(/^[0-9A-Z]{5}$/) && !(error as { code: string }).code.startsWith('08')) throw error;
      throw describeConnectionError(error, config.databaseUrl);
    }
  };
  const listeners = new Set<() => void>();
  let listener: ReturnType<typeof startListener> | undefined;
  let closed = false;

  const readManifest = async (generation: string): Promise<Manifest> => {
    const result = await query<{ manifest: unknown }>('SELECT manifest FROM index_generations WHERE name = $1', [generation]);
    const row = result.rows[0];
    if (!row) throw corrupt(`generation ${generation} is missing`);
    const parsed = manifestSchema.safeParse(row.manifest);
    if (!parsed.success) throw corrupt(`the manifest of ${generation} has an unexpected shape at ${parsed.error.issues[0]?.path.join('.') || 'the top level'}`);
    return parsed.data as Manifest;
  };

  const store: PostgresIndexStore = {
    kind: 'postgres',
    description: where,
    pool,
    pollIntervalMs: config.pollIntervalMs,
    async currentGeneration() {
      const result = await query<{ generation: string }>('SELECT generation FROM index_current');
      return result.rows[0]?.generation;
    },
    async changeStamp() {
      try {
        const result = await pool.query<{ generation: string; changed_at: Date }>('SELECT generation, changed_at FROM index_current');
        const row = result.rows[0];
        return row ? `${row.generation}@${row.changed_at.toISOString()}` : 'absent';
      } catch {
        return 'unreachable';
      }
    },
    readManifest,
    async loadGeneration(generation: string, loadEmbeddings: LoadEmbeddings): Promise<LoadedIndex<GenerationVectorStore>> {
      const manifest = await readManifest(generation);
      const docRows = await query<{ document: unknown }>('SELECT document FROM index_documents WHERE generation = $1 ORDER BY ordinal', [generation]);
      const documents = docRows.rows.map((row, i) => {
        const parsed = documentSchema.safeParse(row.document);
        if (!parsed.success) throw corrupt(`document ${i} of ${generation} has an unexpected shape`);
        return parsed.data as Document;
      });
      const passageRows = await query<{ passage: unknown }>('SELECT passage FROM index_passages WHERE generation = $1 ORDER BY ordinal', [generation]);
      const located = passageRows.rows.map((row, i) => {
        const parsed = passageSchema.safeParse(row.passage);
        if (!parsed.success) throw corrupt(`passage ${i} of ${generation} has an unexpected shape`);
        return parsed.data;
      });
      const passages = quotePassages(where, documents, located);
      if (passages.length !== manifest.passageCount) throw corrupt(`${generation} holds ${passages.length} passages, its manifest says ${manifest.passageCount}`);
      if (documents.length !== manifest.sources.length) throw corrupt(`${generation} holds ${documents.length} documents, its manifest says ${manifest.sources.length}`);
      try {
        checkPassagesQuoteTheirDocuments(documents, passages);
      } catch (error) {
        throw corrupt((error as Error).message.replace(/\.$/, ''), error);
      }
      const counted = await query<{ n: string }>(`SELECT count(*) AS n FROM ${VECTOR_TABLE} WHERE metadata->>'generation' = $1`, [generation]);
      const vectors = Number(counted.rows[0]?.n ?? 0);
      if (vectors !== passages.length) throw corrupt(`${generation} holds ${vectors} vectors for ${passages.length} passages`);
      const embeddings = await loadEmbeddings(manifest.embedder);
      const vectorStore = new GenerationVectorStore(embeddings, { pool, generation, databaseUrl: config.databaseUrl, logger });
      const readLexical = async () => (await query<{ data: Buffer }>('SELECT data FROM index_lexical WHERE generation = $1', [generation])).rows[0]?.data;
      return { generation, manifest, documents, passages, vectorStore, readLexical };
    },
    async reusableVectors(generation: string) {
      const result = await query<{ text: string; embedding: string }>(`SELECT text, embedding::text AS embedding FROM ${VECTOR_TABLE} WHERE metadata->>'generation' = $1`, [generation]);
      const vectors = new Map<string, number[]>();
      for (const row of result.rows) vectors.set(passageVectorKey(row.text), z.array(z.number()).parse(JSON.parse(row.embedding)));
      return vectors;
    },
    async publish(index: LoadedIndex<HNSWLib>, lexical?: Uint8Array): Promise<string> {
      const generation = newGenerationName();
      const hnsw = index.vectorStore.index;
      // Label i is passage i (build-index.ts); hnswlib keeps cosine vectors normalised, which changes no cosine.
      const vectors = index.passages.map((_, label) => hnsw.getPoint(label));
      const vectorDocs = index.passages.map((p) => new LangChainDocument({ pageContent: p.text, metadata: { passageId: p.id, generation } }));
      const { files: _files, ...manifest } = index.manifest;
      const client = await connect();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO index_generations (name, manifest) VALUES ($1, $2)', [generation, manifest]);
        await insertRows(client, 'index_documents', 'document', generation, index.documents);
        await insertRows(client, 'index_passages', 'passage', generation, index.passages.map(({ text: _text, ...located }) => located));
        // LangChain's own insert, run on this transaction's connection (it only ever calls .query on what it is given).
        const writer = new PGVectorStore(index.vectorStore.embeddings, { pool: client as unknown as pg.Pool, tableName: VECTOR_TABLE, skipInitializationCheck: true, chunkSize: INSERT_BATCH });
        await writer.addVectors(vectors, vectorDocs);
        if (lexical) await client.query('INSERT INTO index_lexical (generation, data) VALUES ($1, $2)', [generation, Buffer.from(lexical.buffer, lexical.byteOffset, lexical.byteLength)]);
        await client.query(
          `INSERT INTO index_current (singleton, generation) VALUES (true, $1)
           ON CONFLICT (singleton) DO UPDATE SET generation = EXCLUDED.generation, changed_at = clock_timestamp()`,
          [generation],
        );
        // Delivered to listeners only when (and if) the transaction commits.
        await client.query('SELECT pg_notify($1, $2)', [GENERATION_CHANNEL, generation]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw describeQueryError(error);
      } finally {
        client.release();
      }
      await prune(generation).catch((error: unknown) => logger.warn({ err: error }, 'could not prune old index generations; the next ingest tries again'));
      return generation;
    },
    acquireIngestLock: (options = {}) => acquireAdvisoryLock(options),
    // A generation is written in one transaction: a crash leaves nothing half-written behind.
    removeAbandoned: async () => [],
    subscribe(callback) {
      listeners.add(callback);
      listener ??= startListener();
      return () => {
        listeners.delete(callback);
        if (listeners.size === 0) {
          void listener?.stop();
          listener = undefined;
        }
      };
    },
    async close() {
      closed = true;
      await listener?.stop();
      listener = undefined;
      await pool.end().catch(() => undefined);
    },
  };

  async function connect(): Promise<pg.PoolClient> {
    try {
      return await pool.connect();
    } catch (error) {
      throw describeConnectionError(error, config.databaseUrl);
    }
  }

  function describeQueryError(error: unknown): unknown {
    const code = (error as { code?: string }).code;
    if (error instanceof AppError || (code && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('08'))) return error;
    return describeConnectionError(error, config.databaseUrl);
  }

  /** Delete published generations beyond the newest KEEP_GENERATIONS, never the current one. Returns their names. */
  async function prune(keep: string): Promise<string[]> {
    const client = await connect();
    try {
      await client.query('BEGIN');
      const doomed = await client.query<{ name: string }>(
        `SELECT name FROM index_generations
         WHERE name <> $1 AND name NOT IN (SELECT generation FROM index_current)
         ORDER BY name DESC OFFSET $2`,
        [keep, KEEP_GENERATIONS - 1],
      );
      const names = doomed.rows.map((r) => r.name);
      if (names.length > 0) {
        await client.query(`DELETE FROM ${VECTOR_TABLE} WHERE metadata->>'generation' = ANY($1)`, [names]);
        await client.query('DELETE FROM index_generations WHERE name = ANY($1)', [names]);
      }
      await client.query('COMMIT');
      return names;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async function acquireAdvisoryLock(options: AcquireIngestLockOptions): Promise<IngestLock> {
    const { wait = false, waitTimeoutMs = 600_000 } = options;
    const deadline = Date.now() + waitTimeoutMs;
    // The lock belongs to this connection's session: it is held until released or the connection dies.
    const client = await connect();
    const holder: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), host: hostname(), token: randomBytes(8).toString('hex') };
    let announced = false;
    try {
      for (;;) {
        const got = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [INGEST_LOCK_KEY]);
        if (got.rows[0]?.locked) break;
        const other = await client.query<{ holder: Partial<LockHolder> }>('SELECT holder FROM ingest_lock_holder');
        const h = other.rows[0]?.holder;
        const who = h?.pid ? `another ingest (pid ${h.pid} on ${h.host ?? 'another machine'}, started ${h.startedAt ?? 'at an unknown time'})` : 'another ingest';
        if (!wait) throw new AppError('INGEST_LOCKED', `${who.charAt(0).toUpperCase()}${who.slice(1)} is running on ${where}; wait for it to finish, or run npm run ingest -- --wait to queue behind it.`);
        if (Date.now() > deadline) throw new AppError('INGEST_LOCKED', `Gave up after waiting ${Math.round(waitTimeoutMs / 1000)} s for ${who} to finish on ${where}.`);
        if (!announced) logger.info({ database: where, holder: h }, 'waiting for the running ingest to finish');
        announced = true;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await client.query(
        'INSERT INTO ingest_lock_holder (singleton, holder) VALUES (true, $1) ON CONFLICT (singleton) DO UPDATE SET holder = EXCLUDED.holder',
        [holder],
      );
    } catch (error) {
      client.release();
      throw describeQueryError(error);
    }
    let released = false;
    return {
      holder,
      async release() {
        if (released) return;
        released = true;
        try {
          await client.query(`DELETE FROM ingest_lock_holder WHERE holder->>'token' = $1`, [holder.token]);
          await client.query('SELECT pg_advisory_unlock($1)', [INGEST_LOCK_KEY]);
          client.release();
        } catch (error) {
          // Dropping the connection releases a session lock for sure.
          client.release(error instanceof Error ? error : true);
        }
      },
    };
  }

  /** A dedicated connection that LISTENs, reconnecting with backoff when it breaks; the poll covers the gap. */
  function startListener(): { stop: () => Promise<void> } {
    let client: pg.Client | undefined;
    let stopped = false;
    let retryMs = 500;
    let timer: NodeJS.Timeout | undefined;
    const notify = () => {
      for (const l of listeners) l();
    };
    const open = async () => {
      if (stopped || closed) return;
      const c = new pg.Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: config.connectTimeoutMs });
      client = c;
      c.on('notification', (message) => {
        if (message.channel === GENERATION_CHANNEL) notify();
      });
      c.on('error', (error) => {
        logger.warn({ err: describeConnectionError(error, config.databaseUrl).message }, 'lost the database notification connection; reconnecting');
        void c.end().catch(() => undefined);
        schedule();
      });
      try {
        await c.connect();
        await c.query(`LISTEN ${GENERATION_CHANNEL}`);
        retryMs = 500;
        // Anything published while we were not listening: let the holder look now.
        notify();
      } catch (error) {
        logger.debug({ err: describeConnectionError(error, config.databaseUrl).message }, 'cannot LISTEN yet; retrying');
        void c.end().catch(() => undefined);
        schedule();
      }
    };
    const schedule = () => {
      if (stopped || closed || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void open();
      }, retryMs);
      timer.unref();
      retryMs = Math.min(LISTEN_RETRY_MAX_MS, retryMs * 2);
    };
    void open();
    return {
      async stop() {
        stopped = true;
        if (timer) clearTimeout(timer);
        await client?.end().catch(() => undefined);
      },
    };
  }

  return store;
}

async function insertRows(client: pg.PoolClient, table: string, column: string, generation: string, rows: unknown[]): Promise<void> {
  for (let from = 0; from < rows.length; from += INSERT_BATCH) {
    const batch = rows.slice(from, from + INSERT_BATCH);
    const values: unknown[] = [];
    const tuples = batch.map((row, i) => {
      values.push(generation, from + i, JSON.stringify(row));
      return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3}::jsonb)`;
    });
    await client.query(`INSERT INTO ${table} (generation, ordinal, ${column}) VALUES ${tuples.join(', ')}`, values);
  }
}
