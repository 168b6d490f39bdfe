// The shared store's tables and their versions. schema_version records what has been applied; opening
// the store applies what is missing, in order, inside one transaction under an advisory lock so two
// processes starting together do not migrate twice. A database newer than this code is refused, and a
// migration the user may not run (no CREATE privilege) says exactly what to run and as whom.
import type pg from 'pg';
import { AppError } from '../../errors.js';

/** Key of the transaction-level advisory lock that serialises migrations (any fixed number unique to this app). */
const MIGRATION_LOCK_KEY = 727_013_001;

/** One schema step, applied once in order of `version`; `why` says what it is for. */
export interface Migration {
  version: number;
  why: string;
  sql: string;
}

/**
 * Vectors live in the table shape LangChain's PGVectorStore reads and writes (id, text, metadata,
 * embedding); metadata.generation says whose they are. Everything else hangs off index_generations and
 * goes with it (ON DELETE CASCADE) when a generation is pruned.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    why: 'index generations, their documents, passages and vectors, the current pointer, the ingest lock holder',
    sql: `
      CREATE EXTENSION IF NOT EXISTS vector;
      CREATE TABLE index_generations (
        name text PRIMARY KEY,
        published_at timestamptz NOT NULL DEFAULT now(),
        manifest jsonb NOT NULL
      );
      CREATE TABLE index_current (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        generation text NOT NULL REFERENCES index_generations (name),
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE TABLE index_documents (
        generation text NOT NULL REFERENCES index_generations (name) ON DELETE CASCADE,
        ordinal integer NOT NULL,
        document jsonb NOT NULL,
        PRIMARY KEY (generation, ordinal)
      );
      CREATE TABLE index_passages (
        generation text NOT NULL REFERENCES index_generations (name) ON DELETE CASCADE,
        ordinal integer NOT NULL,
        passage jsonb NOT NULL,
        PRIMARY KEY (generation, ordinal)
      );
      CREATE TABLE passage_vectors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        text text,
        metadata jsonb,
        embedding vector
      );
      CREATE INDEX passage_vectors_generation ON passage_vectors ((metadata->>'generation'));
      CREATE TABLE ingest_lock_holder (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        holder jsonb NOT NULL
      );`,
  },
  {
    version: 2,
    why: 'feedback votes, one per user per answer',
    sql: `
      CREATE TABLE feedback_votes (
        answer_id text NOT NULL,
        user_id text NOT NULL,
        vote text NOT NULL CHECK (vote IN ('up', 'down')),
        question text NOT NULL,
        passages jsonb NOT NULL,
        voted_at timestamptz NOT NULL,
        PRIMARY KEY (answer_id, user_id)
      );`,
  },
  {
    version: 3,
    why: "each generation's lexical index in binary form, so loading it needs no rebuild",
    sql: `
      CREATE TABLE index_lexical (
        generation text PRIMARY KEY REFERENCES index_generations (name) ON DELETE CASCADE,
        data bytea NOT NULL
      );`,
  },
];

/** The schema version this code reads and writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The highest applied version, 0 for a database this app has never touched. Throws what the query throws. */
async function schemaVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query<{ exists: boolean }>(`SELECT to_regclass('schema_version') IS NOT NULL AS exists`);
  if (!exists.rows[0]?.exists) return 0;
  const result = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_version');
  return result.rows[0]?.version ?? 0;
}

/**
 * Bring the schema up to `target` (default: SCHEMA_VERSION). Returns the versions applied, in order.
 * Throws DATABASE_SCHEMA when the database is newer than this code, or names the command to run when
 * the user lacks the right to migrate; DATABASE_NO_VECTOR when pgvector cannot be enabled.
 */
export async function migrate(client: pg.ClientBase, where: string, target = SCHEMA_VERSION): Promise<number[]> {
  const before = await schemaVersion(client);
  if (before > SCHEMA_VERSION) {
    throw new AppError('DATABASE_SCHEMA', `The database at ${where} has schema version ${before}, newer than this bot's ${SCHEMA_VERSION}: update the bot (git pull && npm ci) or point DATABASE_URL at another database.`);
  }
  if (before >= target) return [];
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(), why text NOT NULL)');
    // Read again under the lock: another process may have migrated while we waited for it.
    const now = await schemaVersion(client);
    for (const migration of MIGRATIONS) {
      if (migration.version <= now || migration.version > target) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_version (version, why) VALUES ($1, $2)', [migration.version, migration.why]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw describeMigrationError(error, where, before);
  }
  return applied;
}

function describeMigrationError(error: unknown, where: string, from: number): unknown {
  const code = (error as { code?: string }).code;
  const message = (error as Error)?.message ?? '';
  if (/extension "vector"|vector\.control|type "vector" does not exist/i.test(message)) {
    return new AppError(
      'DATABASE_NO_VECTOR',
      `The database at ${where} has no pgvector extension: install it on the server (Debian/Ubuntu: apt install postgresql-16-pgvector, matching your Postgres version; Docker: image pgvector/pgvector:pg16), then run CREATE EXTENSION vector; in that database as a superuser.`,
      { cause: error },
    );
  }
  if (code === '42501') {
    return new AppError('DATABASE_SCHEMA', `The database at ${where} has schema version ${from} and this user may not migrate it to ${SCHEMA_VERSION}: run npm run db:migrate once with a DATABASE_URL whose user owns the database (or GRANT CREATE ON DATABASE to this user).`, { cause: error });
  }
  return error;
}
