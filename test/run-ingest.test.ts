import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../ingest/run-ingest.js';
import { loadConfig } from '../src/config.js';
import { AppError } from '../src/errors.js';
import { readCurrentIndex } from '../src/index-store/read-index.js';
import { silentLogger } from '../src/logger.js';
import { CountingEmbeddings } from './helpers/index-fixtures.js';

const HARBOUR = [
  'The harbour authority said on Monday that the old pier would close for repairs. Engineers found cracks in three of its supports during a routine inspection last month.',
  'Fishing boats will moor at the eastern quay while the work goes on. The authority expects the repairs to take about six weeks and to cost less than the council feared.',
  'Local traders worry that visitors will stay away during the summer. A spokesman said the promenade and the lighthouse would remain open throughout.',
].join('\n\n');

const ORCHARD = [
  'Apple growers in the valley are expecting their best harvest in a decade. A warm spring and steady rain in July helped the fruit to set well.',
  'Pickers from neighbouring towns have been hired for September. Growers say prices at the market may fall if every farm brings in a large crop.',
].join('\n\n');

function workspace() {
  const dir = mkdtempSync(path.join(tmpdir(), 'run-ingest-'));
  mkdirSync(path.join(dir, 'sources'));
  writeFileSync(path.join(dir, 'sources', 'harbour.txt'), HARBOUR);
  writeFileSync(path.join(dir, 'sources', 'orchard.txt'), ORCHARD);
  const config = loadConfig({ cwd: dir, envFile: false, env: { STORE_DIR: 'store', EMBEDDINGS: 'local', SOURCES: 'sources/harbour.txt,sources/orchard.txt' } });
  const embeddings = new CountingEmbeddings();
  const load = async () => embeddings;
  const current = () => readFileSync(path.join(config.storeDir, 'CURRENT'), 'utf8');
  return { dir, config, embeddings, load, current };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('ingesting sources into the index', () => {
  it('builds an index whose passages are the sources’ own words, and summarises what it did', async () => {
    const { config, embeddings, load } = workspace();
    const summary = await runIngest({ config, logger: silentLogger, embeddings });
    expect(summary).toMatchObject({ documents: 2, added: ['sources/harbour.txt', 'sources/orchard.txt'], changed: [], removed: [], reused: [], embedder: embeddings.info });
    expect(summary.passages).toBeGreaterThanOrEqual(2);
    expect(summary.seconds).toBeGreaterThan(0);

    const index = (await readCurrentIndex(config.storeDir, load))!;
    expect(index.generation).toBe(summary.generation);
    expect(index.passages).toHaveLength(summary.passages);
    for (const p of index.passages) expect(HARBOUR.includes(p.text) || ORCHARD.includes(p.text)).toBe(true);
    expect(existsSync(path.join(config.storeDir, 'ingest.lock'))).toBe(false);
  });

  it('re-ingesting unchanged sources reuses their vectors without calling the embedder', async () => {
    const { config, embeddings } = workspace();
    await runIngest({ config, logger: silentLogger, embeddings });
    const calls = embeddings.embedded.length;
    const summary = await runIngest({ config, logger: silentLogger, embeddings });
    expect(embeddings.embedded.length).toBe(calls);
    expect(summary.reused).toEqual(['sources/harbour.txt', 'sources/orchard.txt']);
    expect(summary.added).toEqual([]);
  });

  it('a changed source replaces all its old passages, and only its new text is embedded', async () => {
    const { dir, config, embeddings, load } = workspace();
    await runIngest({ config, logger: silentLogger, embeddings });
    const calls = embeddings.embedded.length;
    const edited = HARBOUR.replace('old pier', 'Victorian pier').replace('six weeks', 'two months');
    writeFileSync(path.join(dir, 'sources', 'harbour.txt'), edited);

    const summary = await runIngest({ config, logger: silentLogger, embeddings });
    expect(summary.changed).toEqual(['sources/harbour.txt']);
    expect(summary.reused).toEqual(['sources/orchard.txt']);
    const newlyEmbedded = embeddings.embedded.slice(calls);
    expect(newlyEmbedded.length).toBeGreaterThan(0);
    for (const text of newlyEmbedded) expect(edited.includes(text) && !ORCHARD.includes(text)).toBe(true);

    const index = (await readCurrentIndex(config.storeDir, load))!;
    const texts = index.passages.map((p) => p.text).join('\n');
    expect(texts).not.toMatch(/old pier|six weeks/);
    expect(texts).toMatch(/Victorian pier/);
    expect(texts).toMatch(/two months/);
    const [hit] = await index.vectorStore.similaritySearch('how long will the repairs take', 4);
    expect(index.passages.some((p) => p.id === hit?.metadata.passageId)).toBe(true);
  });

  it('a source left out of the next ingest disappears from the index', async () => {
    const { config, embeddings, load } = workspace();
    await runIngest({ config, logger: silentLogger, embeddings });
    const summary = await runIngest({ config, logger: silentLogger, embeddings, sources: ['sources/harbour.txt'] });
    expect(summary.removed).toEqual(['sources/orchard.txt']);
    const index = (await readCurrentIndex(config.storeDir, load))!;
    expect(index.documents.map((d) => d.id)).toEqual(['sources/harbour.txt']);
    expect(index.passages.every((p) => p.documentId === 'sources/harbour.txt')).toBe(true);
    expect(index.vectorStore.index.getCurrentCount()).toBe(index.passages.length);
  });

  it('a different embedder re-embeds everything rather than mixing vectors from two models', async () => {
    const { config, embeddings } = workspace();
    await runIngest({ config, logger: silentLogger, embeddings });
    const other = new CountingEmbeddings(24, 'test-hash-v2');
    const summary = await runIngest({ config, logger: silentLogger, embeddings: other });
    expect(other.embedded).toHaveLength(summary.passages);
    expect(summary.changed).toEqual(['sources/harbour.txt', 'sources/orchard.txt']);
    expect(summary.embedder.model).toBe('test-hash-v2');
  });
});

describe('a failed ingest loses nothing', () => {
  it('a missing source: nothing is published, the previous index stays current, the lock is released', async () => {
    const { config, embeddings, current, load } = workspace();
    await runIngest({ config, logger: silentLogger, embeddings });
    const before = current();
    const error = await failure(runIngest({ config, logger: silentLogger, embeddings, sources: ['sources/harbour.txt', 'sources/missing.txt'] }));
    expect(error.code).toBe('SOURCE_NOT_FOUND');
    expect(current()).toBe(before);
    expect((await readCurrentIndex(config.storeDir, load))!.documents).toHaveLength(2);
    expect(existsSync(path.join(config.storeDir, 'ingest.lock'))).toBe(false);
  });

  it('a binary source: nothing is published', async () => {
    const { dir, config, embeddings, current } = workspace();
    await runIngest({ config, logger: silentLogger, embeddings });
    const before = current();
    writeFileSync(path.join(dir, 'sources', 'orchard.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a, 0xff, 0xfe]));
    const error = await failure(runIngest({ config, logger: silentLogger, embeddings }));
    expect(error.code).toBe('SOURCE_BINARY');
    expect(current()).toBe(before);
    expect(readdirSync(path.join(config.storeDir, 'generations'))).toHaveLength(1);
  });

  it('an embedder that fails part-way: nothing is published, no half-written generation is left', async () => {
    const { dir, config, embeddings, current } = workspace();
    await runIngest({ config, logger: silentLogger, embeddings });
    const before = current();
    writeFileSync(path.join(dir, 'sources', 'harbour.txt'), `${HARBOUR}\n\nA new closing paragraph about the tides.`);
    const failing = new CountingEmbeddings();
    failing.embedDocuments = async () => {
      throw new AppError('EMBEDDER_UNAVAILABLE', 'The embedding model stopped responding.');
    };
    const error = await failure(runIngest({ config, logger: silentLogger, embeddings: failing }));
    expect(error.code).toBe('EMBEDDER_UNAVAILABLE');
    expect(current()).toBe(before);
    expect(readdirSync(path.join(config.storeDir, 'generations'))).toHaveLength(1);
  });
});

describe('one ingest at a time', () => {
  it('refuses a second ingest while one is running, naming it; --wait queues behind it instead', async () => {
    const { config } = workspace();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const slow = new CountingEmbeddings();
    const embed = slow.embedDocuments.bind(slow);
    slow.embedDocuments = async (texts) => {
      entered();
      await gate;
      return embed(texts);
    };
    const first = runIngest({ config, logger: silentLogger, embeddings: slow });
    await inside;

    const error = await failure(runIngest({ config, logger: silentLogger, embeddings: new CountingEmbeddings() }));
    expect(error.code).toBe('INGEST_LOCKED');
    expect(error.message).toContain(`pid ${process.pid}`);
    expect(error.message).toMatch(/wait/);

    const queued = runIngest({ config, logger: silentLogger, embeddings: new CountingEmbeddings(), wait: true });
    let queuedDone = false;
    void queued.then(() => (queuedDone = true));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(queuedDone).toBe(false);
    release();
    const [a, b] = await Promise.all([first, queued]);
    expect(b.generation).not.toBe(a.generation);
    expect(b.reused).toEqual(['sources/harbour.txt', 'sources/orchard.txt']);
  });

  it('takes over a lock left by an ingest that died', async () => {
    const { config, embeddings } = workspace();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    mkdirSync(config.storeDir, { recursive: true });
    writeFileSync(path.join(config.storeDir, 'ingest.lock'), JSON.stringify({ pid: dead, startedAt: '2020-01-01T00:00:00.000Z', token: 'x' }));
    const summary = await runIngest({ config, logger: silentLogger, embeddings });
    expect(summary.documents).toBe(2);
    expect(existsSync(path.join(config.storeDir, 'ingest.lock'))).toBe(false);
  });
});
