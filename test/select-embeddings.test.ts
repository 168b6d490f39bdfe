// Choosing the embedder for ingest (auto falls back to local, and says why once) and recreating the
// index's own embedder for queries (never a silent substitute).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { embeddingsForIndex, selectEmbeddings } from '../src/embeddings/select-embeddings.js';
import { TransformersEmbeddings } from '../src/embeddings/transformers-embeddings.js';
import { isAppError } from '../src/errors.js';
import { createLogger, silentLogger } from '../src/logger.js';
import type { EmbedderInfo } from '../src/types.js';
import { TINY_MODEL_DIMENSIONS, TINY_MODEL_FIXTURE } from './fixtures/make-tiny-model.js';

let tmp: string;
let modelDir: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'select-embeddings-'));
  modelDir = path.join(tmp, 'models');
  cpSync(TINY_MODEL_FIXTURE, path.join(modelDir, 'acme', 'tiny-bert'), { recursive: true });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(async () => {
  await TransformersEmbeddings.unloadAll();
});

function config(env: Record<string, string>): Config {
  // Remote models off by default here: no test may reach for the network.
  return loadConfig({ env: { MODEL_DIR: modelDir, ALLOW_REMOTE_MODELS: 'false', ...env }, cwd: tmp, envFile: false });
}

function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  expect(error.message).not.toContain('\n');
  return { code: error.code, message: error.message };
}

const SENTENCE = 'The troops moved toward the city after the storm';

describe('selectEmbeddings (ingest)', () => {
  it('uses the local embedder when EMBEDDINGS=local, and says so in one log line', async () => {
    const { logger, lines } = capturingLogger();
    const { embeddings, reason } = await selectEmbeddings(config({ EMBEDDINGS: 'local', EMBEDDING_MODEL: 'acme/tiny-bert' }), logger);
    expect(embeddings).toBeInstanceOf(LocalEmbeddings);
    expect(reason).toBe('EMBEDDINGS=local');
    expect(lines.map((l) => l.msg)).toEqual([`embeddings: local ${embeddings.info.model} (EMBEDDINGS=local)`]);
  });

  it('auto: picks the transformers model when its folder is in MODEL_DIR', async () => {
    const { logger, lines } = capturingLogger();
    const { embeddings } = await selectEmbeddings(config({ EMBEDDINGS: 'auto', EMBEDDING_MODEL: 'acme/tiny-bert' }), logger);
    expect(embeddings).toBeInstanceOf(TransformersEmbeddings);
    expect(embeddings.info).toMatchObject({ kind: 'transformers', model: 'acme/tiny-bert', dimensions: TINY_MODEL_DIMENSIONS });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, msg: 'embeddings: transformers acme/tiny-bert (EMBEDDINGS=auto and the model is available)' });
  });

  it('auto: falls back to the local embedder when the model is not there and remote models are off, with exactly one info line giving the reason', async () => {
    const { logger, lines } = capturingLogger();
    const { embeddings, reason } = await selectEmbeddings(config({ EMBEDDINGS: 'auto', EMBEDDING_MODEL: 'acme/not-downloaded' }), logger);
    expect(embeddings).toBeInstanceOf(LocalEmbeddings);
    expect(reason).toMatch(/^transformers model acme\/not-downloaded unavailable: not in .* and remote models are off/);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe(30);
    expect(lines[0]?.msg).toBe(`embeddings: local ${embeddings.info.model} (${reason})`);
  });

  it('auto: falls back to local when remote models are allowed but the hub cannot be reached, logging the download attempt and one choice line', async () => {
    // A closed port on this machine stands in for an unreachable hub.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { logger, lines } = capturingLogger();
    const cfg = config({ EMBEDDINGS: 'auto', EMBEDDING_MODEL: 'acme/not-downloaded', ALLOW_REMOTE_MODELS: 'true', MODEL_REMOTE_HOST: `http://127.0.0.1:${port}/` });
    const { embeddings, reason } = await selectEmbeddings(cfg, logger);
    expect(embeddings).toBeInstanceOf(LocalEmbeddings);
    expect(reason).toContain('the hub is unreachable (ECONNREFUSED)');
    const choices = lines.filter((l) => l.msg.startsWith('embeddings:'));
    expect(choices).toHaveLength(1);
    expect(choices[0]?.msg).toBe(`embeddings: local ${embeddings.info.model} (${reason})`);
  });

  it('resolves an EMBEDDING_MODEL folder path against the working directory and records it absolute', async () => {
    const { embeddings } = await selectEmbeddings(config({ EMBEDDINGS: 'transformers', EMBEDDING_MODEL: './models/acme/tiny-bert' }), silentLogger);
    expect(embeddings.info.model).toBe(path.join(modelDir, 'acme', 'tiny-bert'));
  });

  it('EMBEDDINGS=transformers: fails with EMBEDDER_UNAVAILABLE rather than falling back when the model cannot be loaded', async () => {
    const { code, message } = await errorOf(selectEmbeddings(config({ EMBEDDINGS: 'transformers', EMBEDDING_MODEL: 'acme/not-downloaded' }), silentLogger));
    expect(code).toBe('EMBEDDER_UNAVAILABLE');
    expect(message).toContain('acme/not-downloaded');
  });

  it('auto: a malformed EMBEDDING_MODEL is reported, not hidden behind the fallback', async () => {
    const { code } = await errorOf(selectEmbeddings(config({ EMBEDDINGS: 'auto', EMBEDDING_MODEL: 'not a model' }), silentLogger));
    expect(code).toBe('CONFIG_INVALID');
  });
});

describe('embeddingsForIndex (queries)', () => {
  it('recreates the transformers embedder an index was built with: same info, same vectors for the same text', async () => {
    const cfg = config({ EMBEDDINGS: 'auto', EMBEDDING_MODEL: 'acme/tiny-bert' });
    const { embeddings: original } = await selectEmbeddings(cfg, silentLogger);
    const expected = await original.embedQuery(SENTENCE);
    await TransformersEmbeddings.unloadAll();
    const recreated = await embeddingsForIndex(original.info, cfg, silentLogger);
    expect(recreated.info).toEqual(original.info);
    expect(await recreated.embedQuery(SENTENCE)).toEqual(expected);
  });

  it('recreates the local embedder an index was built with, even when the model folder is also available', async () => {
    const original = new LocalEmbeddings();
    const recreated = await embeddingsForIndex(original.info, config({ EMBEDDINGS: 'auto', EMBEDDING_MODEL: 'acme/tiny-bert' }), silentLogger);
    expect(recreated).toBeInstanceOf(LocalEmbeddings);
    expect(await recreated.embedQuery(SENTENCE)).toEqual(await original.embedQuery(SENTENCE));
  });

  it('refuses with EMBEDDER_MISMATCH when EMBEDDINGS explicitly names another kind than the index was built with', async () => {
    const transformersInfo: EmbedderInfo = { kind: 'transformers', model: 'acme/tiny-bert', dimensions: TINY_MODEL_DIMENSIONS, settings: { pooling: 'mean', normalize: true, dtype: 'q8' } };
    const local = await errorOf(embeddingsForIndex(transformersInfo, config({ EMBEDDINGS: 'local', EMBEDDING_MODEL: 'acme/tiny-bert' }), silentLogger));
    expect(local.code).toBe('EMBEDDER_MISMATCH');
    expect(local.message).toContain('re-ingest');
    const transformers = await errorOf(embeddingsForIndex(new LocalEmbeddings().info, config({ EMBEDDINGS: 'transformers', EMBEDDING_MODEL: 'acme/tiny-bert' }), silentLogger));
    expect(transformers.code).toBe('EMBEDDER_MISMATCH');
  });

  it('refuses with EMBEDDER_MISMATCH when EMBEDDING_MODEL names another model than the index was built with', async () => {
    const info: EmbedderInfo = { kind: 'transformers', model: 'acme/tiny-bert', dimensions: TINY_MODEL_DIMENSIONS, settings: { pooling: 'mean', normalize: true, dtype: 'q8' } };
    const { code, message } = await errorOf(embeddingsForIndex(info, config({ EMBEDDINGS: 'auto', EMBEDDING_MODEL: 'acme/other-model' }), silentLogger));
    expect(code).toBe('EMBEDDER_MISMATCH');
    expect(message).toContain('acme/tiny-bert');
    expect(message).toContain('acme/other-model');
  });

  it('refuses with EMBEDDER_MISMATCH when the model loads with other dimensions or settings than the manifest records', async () => {
    const cfg = config({ EMBEDDINGS: 'auto', EMBEDDING_MODEL: 'acme/tiny-bert' });
    const base: EmbedderInfo = { kind: 'transformers', model: 'acme/tiny-bert', dimensions: TINY_MODEL_DIMENSIONS, settings: { pooling: 'mean', normalize: true, dtype: 'q8' } };
    const dims = await errorOf(embeddingsForIndex({ ...base, dimensions: 384 }, cfg, silentLogger));
    expect(dims.code).toBe('EMBEDDER_MISMATCH');
    expect(dims.message).toContain(`${TINY_MODEL_DIMENSIONS} dimensions instead of 384`);
    const pooling = await errorOf(embeddingsForIndex({ ...base, settings: { ...base.settings, pooling: 'cls' } }, cfg, silentLogger));
    expect(pooling.code).toBe('EMBEDDER_MISMATCH');
  });

  it('fails with EMBEDDER_UNAVAILABLE, not a substitute, when the index\'s model can no longer be loaded', async () => {
    const info: EmbedderInfo = { kind: 'transformers', model: 'acme/deleted-model', dimensions: 384, settings: { pooling: 'mean', normalize: true, dtype: 'q8' } };
    const { code, message } = await errorOf(embeddingsForIndex(info, config({ EMBEDDINGS: 'auto', EMBEDDING_MODEL: 'acme/deleted-model' }), silentLogger));
    expect(code).toBe('EMBEDDER_UNAVAILABLE');
    expect(message).toContain('acme/deleted-model');
    expect(message).toContain('re-ingest');
  });
});
