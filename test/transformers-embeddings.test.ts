// The transformers.js embedder, driven through the same load path users run, with a tiny generated
// BERT-shaped model (no weights can be downloaded here). Hub downloads are exercised against a local
// HTTP server standing in for the hub.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../src/errors.js';
import { silentLogger } from '../src/logger.js';
import { TransformersEmbeddings, type TransformersLoadOptions } from '../src/embeddings/transformers-embeddings.js';
import { makeTinyModel, TINY_MODEL_DIMENSIONS, TINY_MODEL_FIXTURE } from './fixtures/make-tiny-model.js';

const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'transformers-embeddings-'));
});
afterAll(async () => {
  await TransformersEmbeddings.unloadAll();
  rmSync(tmp, { recursive: true, force: true });
});
afterEach(async () => {
  await TransformersEmbeddings.unloadAll();
});

function options(overrides: Partial<TransformersLoadOptions>): TransformersLoadOptions {
  return { model: TINY_MODEL_FIXTURE, modelDir: path.join(tmp, 'no-models-here'), allowRemote: false, timeoutMs: 20_000, logger: silentLogger, ...overrides };
}

async function expectUnavailable(loading: Promise<unknown>): Promise<string> {
  const error = await loading.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAppError(error) && error.code).toBe('EMBEDDER_UNAVAILABLE');
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  expect(message).toContain('EMBEDDINGS=local');
  return message;
}

/**
 * A stand-in for the hub: serves `files` (keyed by URL path) and counts requests. `hang` accepts and
 * never answers; `stall` sends the model file's first half and then nothing more.
 */
async function startHub(files: Map<string, Buffer>, mode: 'serve' | 'hang' | 'stall' = 'serve') {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (mode === 'hang') return;
    const body = files.get(decodeURIComponent(req.url ?? ''));
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
    if (mode === 'stall' && req.url?.endsWith('.onnx')) res.write(body.subarray(0, body.length >> 1));
    else res.end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function hubFilesFor(modelId: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']) {
    files.set(`/${modelId}/resolve/main/${file}`, readFileSync(path.join(TINY_MODEL_FIXTURE, file)));
  }
  return files;
}

describe('TransformersEmbeddings with a model folder on disk, remote models off', () => {
  it('reports what it is: kind, model, the dimensions the model produces, and the settings that shape its vectors', async () => {
    const embeddings = await TransformersEmbeddings.load(options({}));
    expect(embeddings.info).toEqual({
      kind: 'transformers',
      model: TINY_MODEL_FIXTURE,
      dimensions: TINY_MODEL_DIMENSIONS,
      settings: { pooling: 'mean', normalize: true, dtype: 'q8' },
    });
    const vector = await embeddings.embedQuery('The army moved its troops');
    expect(vector).toHaveLength(TINY_MODEL_DIMENSIONS);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
  });

  it('puts texts on the same topic closer together than unrelated texts', async () => {
    const embeddings = await TransformersEmbeddings.load(options({}));
    const [war, battle, dinner, election] = await embeddings.embedDocuments([
      'Soldiers and troops launched an attack.',
      'The army won the battle, and the war is over.',
      'We had bread, cheese and soup for dinner.',
      'The president lost the election after the vote.',
    ]);
    const query = await embeddings.embedQuery('What did the military forces do?');
    expect(dot(war!, battle!)).toBeGreaterThan(dot(war!, dinner!) + 0.3);
    expect(dot(query, war!)).toBeGreaterThan(dot(query, dinner!) + 0.3);
    expect(dot(query, war!)).toBeGreaterThan(dot(query, election!) + 0.3);
  });

  it('always gives the same vector for the same text, whether embedded alone, in a batch, or padded next to longer texts', async () => {
    const embeddings = await TransformersEmbeddings.load(options({ batchSize: 4 }));
    const texts = Array.from({ length: 11 }, (_, i) => `rain ${'and snow '.repeat(i)}in the city`);
    const batched = await embeddings.embedDocuments(texts);
    expect(batched).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      const alone = await embeddings.embedQuery(text);
      alone.forEach((x, d) => expect(x).toBeCloseTo(batched[i]![d]!, 5));
    }
    expect(await embeddings.embedQuery(texts[3]!)).toEqual(await embeddings.embedQuery(texts[3]!));
    expect(await embeddings.embedDocuments([])).toEqual([]);
  });

  it('finds a hub-id model in MODEL_DIR (the folder a user drops a downloaded model into) without any network request', async () => {
    const modelDir = path.join(tmp, 'dropped-models');
    cpSync(TINY_MODEL_FIXTURE, path.join(modelDir, 'acme', 'tiny-bert'), { recursive: true });
    const hub = await startHub(new Map());
    try {
      const embeddings = await TransformersEmbeddings.load(options({ model: 'acme/tiny-bert', modelDir, allowRemote: true, remoteHost: hub.url }));
      expect(embeddings.info.model).toBe('acme/tiny-bert');
      expect(embeddings.info.dimensions).toBe(TINY_MODEL_DIMENSIONS);
      expect(hub.requests).toEqual([]);
    } finally {
      await hub.close();
    }
  });

  it('loads an fp32 model folder as dtype fp32, with the same vectors as the quantized file holding the same weights', async () => {
    const fp32Folder = path.join(tmp, 'fp32-model');
    makeTinyModel(fp32Folder, { dtype: 'fp32' });
    const fp32 = await TransformersEmbeddings.load(options({ model: fp32Folder }));
    const q8 = await TransformersEmbeddings.load(options({}));
    expect(fp32.info.settings.dtype).toBe('fp32');
    const text = 'Oil and gas prices rose on the market';
    const [a, b] = [await fp32.embedQuery(text), await q8.embedQuery(text)];
    a.forEach((x, d) => expect(x).toBeCloseTo(b[d]!, 5));
  });

  it('reuses a loaded model for the next load of the same model instead of reading its files again', async () => {
    const folder = path.join(tmp, 'cached-model');
    cpSync(TINY_MODEL_FIXTURE, folder, { recursive: true });
    const first = await TransformersEmbeddings.load(options({ model: folder, dtype: 'q8' }));
    renameSync(folder, `${folder}-moved`);
    const second = await TransformersEmbeddings.load(options({ model: folder, dtype: 'q8' }));
    expect(await second.embedQuery('a storm with wind')).toEqual(await first.embedQuery('a storm with wind'));
    await TransformersEmbeddings.unloadAll();
    await expectUnavailable(TransformersEmbeddings.load(options({ model: folder, dtype: 'q8' })));
  });
});

describe('TransformersEmbeddings when the model cannot be loaded', () => {
  it('fails with EMBEDDER_UNAVAILABLE naming the folder when the model is not in MODEL_DIR and remote models are off, without touching the network', async () => {
    const hub = await startHub(hubFilesFor('acme/absent'));
    try {
      const message = await expectUnavailable(
        TransformersEmbeddings.load(options({ model: 'acme/absent', modelDir: path.join(tmp, 'empty'), allowRemote: false, remoteHost: hub.url })),
      );
      expect(message).toContain('acme/absent');
      expect(message).toContain('remote models are off');
      expect(message).toContain(path.join(tmp, 'empty', 'acme', 'absent'));
      expect(hub.requests).toEqual([]);
    } finally {
      await hub.close();
    }
  });

  it('says which files are missing from an incomplete model folder', async () => {
    const folder = path.join(tmp, 'incomplete-model');
    cpSync(TINY_MODEL_FIXTURE, folder, { recursive: true });
    rmSync(path.join(folder, 'tokenizer.json'));
    const message = await expectUnavailable(TransformersEmbeddings.load(options({ model: folder })));
    expect(message).toContain('missing tokenizer.json');
  });

  it('turns a corrupt model file into EMBEDDER_UNAVAILABLE instead of a crash', async () => {
    const folder = path.join(tmp, 'corrupt-model');
    cpSync(TINY_MODEL_FIXTURE, folder, { recursive: true });
    writeFileSync(path.join(folder, 'onnx', 'model_quantized.onnx'), 'this is not an onnx file');
    await expectUnavailable(TransformersEmbeddings.load(options({ model: folder })));
  });

  it('fails with EMBEDDER_UNAVAILABLE, saying the hub is unreachable, when remote models are allowed but nothing answers', async () => {
    const hub = await startHub(new Map());
    const closedUrl = hub.url;
    await hub.close();
    const message = await expectUnavailable(
      TransformersEmbeddings.load(options({ model: 'acme/tiny-bert', modelDir: path.join(tmp, 'offline'), allowRemote: true, remoteHost: closedUrl })),
    );
    expect(message).toMatch(/unreachable \(ECONNREFUSED\)/);
  });

  it('gives up at MODEL_LOAD_TIMEOUT_MS when the hub accepts the connection but never answers', async () => {
    const hub = await startHub(new Map(), 'hang');
    try {
      const message = await expectUnavailable(
        TransformersEmbeddings.load(options({ model: 'acme/tiny-bert', modelDir: path.join(tmp, 'hanging'), allowRemote: true, remoteHost: hub.url, timeoutMs: 1_000 })),
      );
      expect(message).toContain('longer than MODEL_LOAD_TIMEOUT_MS (1000 ms)');
      expect(hub.requests.length).toBeGreaterThan(0);
    } finally {
      await hub.close();
    }
  });

  it('reports a model the hub does not have', async () => {
    const hub = await startHub(new Map());
    try {
      const message = await expectUnavailable(
        TransformersEmbeddings.load(options({ model: 'acme/no-such-model', modelDir: path.join(tmp, 'not-on-hub'), allowRemote: true, remoteHost: hub.url })),
      );
      expect(message).toContain('the hub has no such model or file');
    } finally {
      await hub.close();
    }
  });

  it('rejects a model name that is neither a hub id nor a folder path as a configuration error', async () => {
    const error = await TransformersEmbeddings.load(options({ model: 'not a/valid/model id' })).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('CONFIG_INVALID');
  });
});

describe('TransformersEmbeddings downloading from the hub', () => {
  it('downloads a missing model into MODEL_DIR once, then loads it from there with remote models off', async () => {
    const modelDir = path.join(tmp, 'download-cache');
    const hub = await startHub(hubFilesFor('acme/tiny-bert'));
    let downloaded: number[];
    try {
      const embeddings = await TransformersEmbeddings.load(options({ model: 'acme/tiny-bert', modelDir, allowRemote: true, remoteHost: hub.url }));
      downloaded = await embeddings.embedQuery('a goal in the football match');
      expect(hub.requests.length).toBeGreaterThan(0);
    } finally {
      await hub.close();
    }
    expect(existsSync(path.join(modelDir, 'acme', 'tiny-bert', 'onnx', 'model_quantized.onnx'))).toBe(true);
    await TransformersEmbeddings.unloadAll();
    const offline = await TransformersEmbeddings.load(options({ model: 'acme/tiny-bert', modelDir, allowRemote: false }));
    expect(await offline.embedQuery('a goal in the football match')).toEqual(downloaded);
  });
});

describe('TransformersEmbeddings downloading from the hub, interrupted', () => {
  it('leaves no truncated model file behind when a download times out, so the next attempt downloads it again and works', async () => {
    const modelDir = path.join(tmp, 'interrupted-cache');
    const modelFile = path.join(modelDir, 'acme', 'tiny-bert', 'onnx', 'model_quantized.onnx');
    const stalling = await startHub(hubFilesFor('acme/tiny-bert'), 'stall');
    try {
      const message = await expectUnavailable(
        TransformersEmbeddings.load(options({ model: 'acme/tiny-bert', modelDir, allowRemote: true, remoteHost: stalling.url, timeoutMs: 1_000 })),
      );
      expect(message).toContain('MODEL_LOAD_TIMEOUT_MS');
    } finally {
      await stalling.close();
    }
    expect(existsSync(modelFile)).toBe(false);
    expect(readdirSync(path.dirname(modelFile))).toEqual([]);

    const working = await startHub(hubFilesFor('acme/tiny-bert'));
    try {
      const embeddings = await TransformersEmbeddings.load(options({ model: 'acme/tiny-bert', modelDir, allowRemote: true, remoteHost: working.url }));
      expect(embeddings.info.dimensions).toBe(TINY_MODEL_DIMENSIONS);
      // The small files that did arrive whole are kept; only the model file is fetched again.
      expect(working.requests).toEqual(['/acme/tiny-bert/resolve/main/onnx/model_quantized.onnx']);
    } finally {
      await working.close();
    }
  });
});

describe('the committed tiny model fixture', () => {
  it('is exactly what make-tiny-model.ts generates, so it can be rebuilt and reviewed', () => {
    const fresh = path.join(tmp, 'regenerated');
    const written = makeTinyModel(fresh);
    for (const file of written) {
      expect(readFileSync(path.join(fresh, file)).equals(readFileSync(path.join(TINY_MODEL_FIXTURE, file))), file).toBe(true);
    }
    expect(readdirSync(path.join(TINY_MODEL_FIXTURE, 'onnx'))).toEqual(['model_quantized.onnx']);
  });
});
