// Opening the shared Postgres store: a pool, a first connection with retries and backoff, and every way
// that can fail turned into one line that names the setting and what to do (unreachable, wrong password,
// no such database, no pgvector). The password never appears in a message or a log.
import pg from 'pg';
import type { PostgresStoreConfig } from '../../config.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';

/** Connections per process: the holder's listener, a question's vector search, an ingest's transaction. */
const POOL_SIZE = 5;
/** First retry delay at start; doubles each time (250 ms, 500 ms, 1 s, ...), capped at RETRY_MAX_MS. */
const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 5_000;

/** "host:port/dbname as user": what a message may say about DATABASE_URL (no password). */
export function describeDatabase(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const user = url.username ? ` as ${decodeURIComponent(url.username)}` : '';
    return `${url.hostname}:${url.port || '5432'}${url.pathname || '/'}${user}`;
  } catch {
    return 'the database in DATABASE_URL';
  }
}

/** A pool for DATABASE_URL. Idle connections that break are logged, not thrown (pg would crash the process). Never throws. */
export function createPool(config: PostgresStoreConfig, logger: Logger): pg.Pool {
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: POOL_SIZE, connectionTimeoutMillis: config.connectTimeoutMs, idleTimeoutMillis: 30_000 });
  pool.on('error', (error) => logger.warn({ err: describeConnectionError(error, config.databaseUrl) }, 'a database connection broke; the next query opens a new one'));
  return pool;
}

/** Errors that another attempt may cure (the server is starting, a network blip); the rest need a person. */
export function isTransient(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  if (code === '28P01' || code === '28000' || code === '3D000' || code === '42501') return false;
  if (code && /^(57P0[1-3]|08\d\d\d|53300)$/.test(code)) return true;
  if (code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'].includes(code)) return true;
  return /timeout|terminated|Connection ended|connection closed/i.test((error as Error)?.message ?? '');
}

/** The one-line AppError for a failed connection or query; keeps an AppError as it is. */
export function describeConnectionError(error: unknown, databaseUrl: string, attempts?: number): AppError {
  if (error instanceof AppError) return error;
  const where = describeDatabase(databaseUrl);
  const code = (error as { code?: string }).code;
  if (code === '28P01' || code === '28000') {
    return new AppError('DATABASE_AUTH_FAILED', `The database at ${where} refused the sign-in (wrong user or password): fix the user and password in DATABASE_URL.`, { cause: error });
  }
  if (code === '3D000') {
    return new AppError('DATABASE_UNAVAILABLE', `The database named in DATABASE_URL does not exist at ${where}: create it (createdb <name>) or fix DATABASE_URL.`, { cause: error });
  }
  const reason = code ?? ((error as Error)?.message ?? 'unknown error').split('\n')[0];
  const tried = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
  return new AppError('DATABASE_UNAVAILABLE', `Cannot reach the database at ${where} (${reason})${tried}: start Postgres or fix the host and port in DATABASE_URL.`, { cause: error });
}

/**
 * Run `attempt` until it succeeds, retrying transient failures with exponential backoff, at most
 * `attempts` times. Returns its result; throws describeConnectionError's one line when it gives up
 * or the failure is not transient.
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: { attempts: number; databaseUrl: string; logger: Logger; what: string }): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isTransient(error) || n >= options.attempts) throw describeConnectionError(error, options.databaseUrl, n);
      const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (n - 1));
      options.logger.warn({ attempt: n, of: options.attempts, retryInMs: delay, reason: describeConnectionError(error, options.databaseUrl).message }, `${options.what}: retrying`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
