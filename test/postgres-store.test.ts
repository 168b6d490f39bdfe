// STORE=postgres against real Postgres semantics (PGlite with pgvector, on 127.0.0.1 through the `pg`
// driver): publishing, loading, pruning, hot reload across apps, votes, schema versions, and what a
// user sees when the database is missing, wrong, or goes away mid-run.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../ingest/run-ingest.js';
import { createApp, type App } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { isAppError } from '../src/errors.js';
import { createPostgresFeedbackLog } from '../src/index-store/postgres/pg-feedback-log.js';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../src/index-store/postgres/pg-schema.js';
import { openPostgresStore } from '../src/index-store/postgres/pg-store.js';
import { createLogger, silentLogger } from '../src/logger.js';
import { startPgliteServer, type PgliteServer } from './helpers/pglite-server.js';
import { repoRoot } from './helpers/run-cli.js';

const article = readFileSync(path.join(repoRoot, 'ingest/corpus/article.txt'), 'utf8');

function configFor(dir: string, env: Record<string, string>): Config {
  return loadConfig({ cwd: dir, envFile: false, env: { STORE_DIR: path.join(dir, 'store'), EMBEDDINGS: 'local', LOG_LEVEL: 'silent', ...env } });
}

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('STORE=postgres on PGlite', () => {
  let server: PgliteServer;
  let dir: string;
  let source: string;
  const apps: App[] = [];
  const pgConfig = (extra: Record<string, string> = {}) =>
    configFor(dir, { STORE: 'postgres', DATABASE_URL: server.url, SOURCES: source, DATABASE_POLL_INTERVAL_MS: '1000', DATABASE_CONNECT_ATTEMPTS: '2', ...extra });

  beforeAll(async () => {
    server = await startPgliteServer();
    dir = mkdtempSync(path.join(tmpdir(), 'pg-store-'));
    source = path.join(dir, 'article.txt');
    writeFileSync(source, article);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await server.close();
  });

  it('publishes an ingest in one step and answers from it, quoting the article', async () => {
    const summary = await runIngest({ config: pgConfig(), logger: silentLogger });
    expect(summary.passages).toBeGreaterThan(10);
    const app = await createApp(pgConfig(), silentLogger);
    apps.push(app);
    expect(app.currentIndex()?.generation).toBe(summary.generation);
    const answer = await app.answers.answer('Who did Trump share the secret intelligence with?');
    expect(answer.answered).toBe(true);
    for (const q of answer.passages) expect(article).toContain(q.passage.text.split('\n')[0]);
  });

  it("stores the generation's lexical index in the publish transaction and loads it instead of rebuilding; without one it rebuilds, saying so once", async () => {
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(...chunk.toString().split('\n').filter((l) => l.includes('stored lexical index'))), done()) }));
    const questions = ['Who did Trump share the secret intelligence with?', 'Who is Ron Dermer?', 'What is the capital of France?'];
    const ask = async () => {
      const app = await createApp(pgConfig(), logger);
      try {
        const generation = app.currentIndex()!.generation;
        const answers = [];
        for (const q of questions) answers.push(await app.answers.answer(q));
        return { generation, shown: answers.map((a) => ({ answered: a.answered, passages: a.passages.map((p) => [p.passage.id, p.score, p.highlights]) })) };
      } finally {
        await app.close();
      }
    };
    const stored = await ask();
    expect(lines).toEqual([]);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const row = await client.query<{ n: number }>('SELECT octet_length(data) AS n FROM index_lexical WHERE generation = $1', [stored.generation]);
      expect(row.rows[0]!.n).toBeGreaterThan(10_000);
      // As a generation published by an older version has it: no row at all.
      await client.query('DELETE FROM index_lexical WHERE generation = $1', [stored.generation]);
    } finally {
      await client.end();
    }
    const rebuilt = await ask();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/published without/);
    expect(rebuilt).toEqual(stored);
  });

  it('a second ingest reuses every vector, and a watching app switches to it without a restart', async () => {
    const watcher = await createApp(pgConfig(), silentLogger, { watch: true });
    apps.push(watcher);
    const before = watcher.currentIndex()!.generation;
    writeFileSync(source, article.replace('crown jewels', 'family silver'));
    const summary = await runIngest({ config: pgConfig(), logger: silentLogger });
    expect(summary.changed).toHaveLength(1);
    const deadline = Date.now() + 8_000;
    while (watcher.currentIndex()!.generation === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(watcher.currentIndex()!.generation).toBe(summary.generation);
    const answer = await watcher.answers.answer('What did a senior Israeli officer say Israel gives the Americans?');
    expect(answer.passages[0]?.passage.text).toContain('family silver');
  });

  it('/reingest from a running app (ingest in a child process) publishes to the database and serves it at once', async () => {
    const app = await createApp(pgConfig(), silentLogger);
    apps.push(app);
    writeFileSync(source, article.replace('crown jewels', 'royal regalia'));
    const summary = await app.reingest();
    expect(app.currentIndex()!.generation).toBe(summary.generation);
    const answer = await app.answers.answer('What did a senior Israeli officer say Israel gives the Americans?');
    expect(answer.passages[0]?.passage.text).toContain('royal regalia');
  });

  it('keeps three generations and prunes the rest with their vectors', async () => {
    for (let i = 0; i < 3; i++) {
      writeFileSync(source, article.replace('crown jewels', `crown jewels (edition ${i})`));
      await runIngest({ config: pgConfig(), logger: silentLogger });
    }
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const gens = await client.query<{ name: string }>('SELECT name FROM index_generations');
      expect(gens.rows).toHaveLength(3);
      const current = await client.query<{ generation: string }>('SELECT generation FROM index_current');
      expect(gens.rows.map((r) => r.name)).toContain(current.rows[0]!.generation);
      const orphans = await client.query(`SELECT 1 FROM passage_vectors WHERE metadata->>'generation' NOT IN (SELECT name FROM index_generations)`);
      expect(orphans.rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('keeps answering from the loaded generation while the database is away, and picks up again after', async () => {
    const app = await createApp(pgConfig(), silentLogger);
    apps.push(app);
    const question = 'What did a senior Israeli officer say Israel gives the Americans?';
    const before = await app.answers.answer(question);
    const generation = app.currentIndex()!.generation;
    await server.stop();
    try {
      // The database really is gone for everyone, this app included.
      await expect(new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 1_000 }).connect()).rejects.toThrow();
      const during = await app.answers.answer(question);
      expect(during.answered).toBe(true);
      expect(during.passages[0]?.passage.id).toBe(before.passages[0]?.passage.id);
      expect(app.answers.about()?.generation).toBe(generation);
    } finally {
      await server.start();
    }
    const after = await app.answers.answer(question);
    expect(after.passages.map((p) => p.passage.id)).toEqual(before.passages.map((p) => p.passage.id));
  });

  it('stores one vote per user per answer, the latest winning', async () => {
    const store = await openPostgresStore(pgConfig().store as Extract<Config['store'], { kind: 'postgres' }>, silentLogger);
    try {
      const log = createPostgresFeedbackLog(store.pool);
      const entry = { time: new Date().toISOString(), question: 'q?', passages: [{ id: 'a#1', documentId: 'a', paragraph: 2 }], userId: '123456789012345678', answerId: 'ans1' };
      await log.append({ ...entry, vote: 'up' });
      await log.append({ ...entry, vote: 'down' });
      await log.append({ ...entry, userId: '223456789012345678', vote: 'up' });
      const rows = await store.pool.query<{ user_id: string; vote: string }>(`SELECT user_id, vote FROM feedback_votes WHERE answer_id = 'ans1' ORDER BY user_id`);
      expect(rows.rows).toEqual([
        { user_id: '123456789012345678', vote: 'down' },
        { user_id: '223456789012345678', vote: 'up' },
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('STORE=postgres: schema versions', () => {
  it('migrates an older schema forward and refuses a newer one with what to do', async () => {
    const server = await startPgliteServer();
    const dir = mkdtempSync(path.join(tmpdir(), 'pg-schema-'));
    try {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      expect(await migrate(client, 'test', 1)).toEqual([1]);
      await client.end();
      const config = configFor(dir, { STORE: 'postgres', DATABASE_URL: server.url });
      const store = await openPostgresStore(config.store as Extract<Config['store'], { kind: 'postgres' }>, silentLogger);
      const versions = await store.pool.query<{ version: number }>('SELECT version FROM schema_version ORDER BY version');
      expect(versions.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      await store.pool.query('INSERT INTO schema_version (version, why) VALUES ($1, $2)', [SCHEMA_VERSION + 1, 'from the future']);
      await store.close();
      const error = await errorOf(openPostgresStore(config.store as Extract<Config['store'], { kind: 'postgres' }>, silentLogger));
      expect(isAppError(error) && error.code).toBe('DATABASE_SCHEMA');
      expect(error.message).toMatch(/newer than this bot's .*update the bot/);
    } finally {
      await server.close();
    }
  });
});

describe('STORE=postgres: bad settings and databases, each one line before anything starts', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pg-bad-'));

  it('STORE=postgres without DATABASE_URL names the key', () => {
    const error = (() => {
      try {
        configFor(dir, { STORE: 'postgres' });
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a failure');
    })();
    expect(error.message).toMatch(/^Invalid setting DATABASE_URL: STORE=postgres needs DATABASE_URL=postgres:\/\//);
    expect(error.message).not.toContain('\n');
  });

  it('an unreachable database: retried with backoff, then one line naming DATABASE_URL, no password', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const config = configFor(dir, { STORE: 'postgres', DATABASE_URL: `postgres://bot:hunter2secret@127.0.0.1:${port}/news`, DATABASE_CONNECT_ATTEMPTS: '2' });
    const error = await errorOf(createApp(config, silentLogger));
    expect(isAppError(error) && error.code).toBe('DATABASE_UNAVAILABLE');
    expect(error.message).toBe(`Cannot reach the database at 127.0.0.1:${port}/news as bot (ECONNREFUSED) after 2 attempts: start Postgres or fix the host and port in DATABASE_URL.`);
    expect(error.message).not.toContain('hunter2secret');
  });

  it('a wrong password: one line, no retries', async () => {
    const server = await fakeServerRefusingPassword();
    try {
      const port = (server.address() as { port: number }).port;
      const config = configFor(dir, { STORE: 'postgres', DATABASE_URL: `postgres://bot:wrong@127.0.0.1:${port}/news`, DATABASE_CONNECT_ATTEMPTS: '5' });
      const started = Date.now();
      const error = await errorOf(createApp(config, silentLogger));
      expect(isAppError(error) && error.code).toBe('DATABASE_AUTH_FAILED');
      expect(error.message).toMatch(/refused the sign-in \(wrong user or password\): fix the user and password in DATABASE_URL\.$/);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      server.close();
    }
  });

  it('a database without pgvector says how to install it', async () => {
    const server = await startPgliteServer({ withVector: false });
    try {
      const config = configFor(dir, { STORE: 'postgres', DATABASE_URL: server.url });
      const error = await errorOf(createApp(config, silentLogger));
      expect(isAppError(error) && error.code).toBe('DATABASE_NO_VECTOR');
      expect(error.message).toMatch(/has no pgvector extension: install it on the server \(.*apt install postgresql-16-pgvector.*pgvector\/pgvector:pg16/);
    } finally {
      await server.close();
    }
  });
});

/** Speaks just enough of the Postgres protocol to refuse a password as a real server does (SQLSTATE 28P01). */
async function fakeServerRefusingPassword(): Promise<Server> {
  const server = createServer((socket) => {
    socket.once('data', () => {
      const fields = Buffer.concat([Buffer.from('SFATAL\0'), Buffer.from('C28P01\0'), Buffer.from('Mpassword authentication failed for user "bot"\0'), Buffer.from('\0')]);
      const header = Buffer.alloc(5);
      header.write('E', 0);
      header.writeInt32BE(fields.length + 4, 1);
      socket.end(Buffer.concat([header, fields]));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}
