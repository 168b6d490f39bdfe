// Sentence embeddings from a transformers.js model (all-MiniLM-L6-v2 by default), run locally with
// ONNX Runtime. The model is looked up in the model folder first, so a user can drop a downloaded
// model there and run fully offline; it is downloaded into that same folder only when remote models
// are allowed. Every way loading can fail becomes one EMBEDDER_UNAVAILABLE line saying what to do.
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline as pipeStream } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
// Only the type is imported up front: transformers.js (and onnxruntime) load on first use, so commands that
// answer from a local-embedder index never pay for them at start-up.
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { Embeddings } from '@langchain/core/embeddings';
import { AppError, InternalError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { EmbedderInfo } from '../types.js';
import type { IdentifiedEmbeddings } from './types.js';

/** Weight variants transformers.js v3 knows, and the file each one loads from `<model>/onnx/`. */
const MODEL_FILE_BY_DTYPE = {
  fp32: 'model.onnx',
  fp16: 'model_fp16.onnx',
  q8: 'model_quantized.onnx',
  int8: 'model_int8.onnx',
  uint8: 'model_uint8.onnx',
  q4: 'model_q4.onnx',
  q4f16: 'model_q4f16.onnx',
  bnb4: 'model_bnb4.onnx',
} as const;
/** The weight precisions a model folder may offer (keys of MODEL_FILE_BY_DTYPE). */
export type TransformersDtype = keyof typeof MODEL_FILE_BY_DTYPE;

/** True when `value` names a known weight precision (a TransformersDtype). */
export const isTransformersDtype = (value: unknown): value is TransformersDtype =>
  typeof value === 'string' && Object.hasOwn(MODEL_FILE_BY_DTYPE, value);

/** Which transformers model to load, from where, with which weights and within what time (ms). */
export interface TransformersLoadOptions {
  /** A hub id ("Xenova/all-MiniLM-L6-v2", looked up as `<modelDir>/<id>/`) or a path to a model folder (absolute, or starting with ./ or ../). */
  model: string;
  /** Where hub models are looked up and downloaded to. */
  modelDir: string;
  allowRemote: boolean;
  /** The whole load (files, session, a first embedding) must finish within this, or it fails. */
  timeoutMs: number;
  logger: Logger;
  /**
   * Which weights to load. Default: the quantized (q8) file when present locally, else the fp32 one,
   * else q8 for a download (23 MB instead of 90 MB for MiniLM). An index records it; queries pass it back.
   */
  dtype?: TransformersDtype;
  /** Texts per inference call in embedDocuments. */
  batchSize?: number;
  /** Hub mirror to download from, e.g. "https://hf-mirror.example/"; defaults to https://huggingface.co/. */
  remoteHost?: string;
}

interface LoadedModel {
  extractor: FeatureExtractionPipeline;
  dimensions: number;
}

const DEFAULT_BATCH_SIZE = 32;
const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

// One pipeline per model folder and dtype for the whole process: a hot reload of the index, or a
// second embedder for the same model, reuses the loaded ONNX session instead of reading 23+ MB again.
const loadedModels = new Map<string, Promise<LoadedModel>>();

// transformers.js keeps its settings (model paths, remote switch) in one global object that it reads
// while loading, so loads take turns: each sets the settings it needs, then loads.
let loadTurn: Promise<unknown> = Promise.resolve();

/**
 * Sentence embeddings from an ONNX model run locally by transformers.js; build one with TransformersEmbeddings.load,
 * which throws ModelUnavailableError (an AppError('EMBEDDER_UNAVAILABLE')) when the model cannot be loaded.
 */
export class TransformersEmbeddings extends Embeddings implements IdentifiedEmbeddings {
  readonly info: EmbedderInfo;
  private readonly extractor: FeatureExtractionPipeline;
  private readonly batchSize: number;

  private constructor(extractor: FeatureExtractionPipeline, info: EmbedderInfo, batchSize: number) {
    // Inference is local: a failure is a bug or a broken model, and retrying it only hides that.
    super({ maxRetries: 0 });
    this.extractor = extractor;
    this.info = info;
    this.batchSize = batchSize;
  }

  /** Throws AppError('EMBEDDER_UNAVAILABLE') with a one-line reason and what to do; CONFIG_INVALID for a malformed model name. */
  static async load(options: TransformersLoadOptions): Promise<TransformersEmbeddings> {
    const location = locateModel(options.model, options.modelDir);
    const dtype = options.dtype ?? defaultDtype(location.folder);
    const key = `${location.folder}|${dtype}`;
    let loading = loadedModels.get(key);
    if (!loading) {
      const missing = missingFiles(location.folder, dtype);
      const download = missing.length > 0;
      if (download && (location.isPath || !options.allowRemote)) {
        const reason = location.isPath
          ? `missing ${missing.join(', ')}`
          : `not in ${shortPath(options.modelDir)} (missing ${missing.join(', ')}) and remote models are off (ALLOW_REMOTE_MODELS=false)`;
        throw new ModelUnavailableError(options.model, location, reason);
      }
      if (download) options.logger.info(`embedding model ${options.model} is not in ${shortPath(options.modelDir)}: downloading it (${dtype}) from ${options.remoteHost ?? DEFAULT_REMOTE_HOST}`);
      const started = withTimeout((signal) => loadModel(location, dtype, missing, options, signal), options.timeoutMs).catch((error: unknown) => {
        throw new ModelUnavailableError(options.model, location, describeLoadFailure(error, options.timeoutMs, download), error);
      });
      loadedModels.set(key, started);
      // A failed load must not stick: the user may put the model folder in place and try again.
      started.catch(() => {
        if (loadedModels.get(key) === started) loadedModels.delete(key);
      });
      loading = started;
    }

    const loaded = await loading;
    options.logger.debug({ model: options.model, dtype, dimensions: loaded.dimensions }, 'transformers embedding model ready');
    return new TransformersEmbeddings(
      loaded.extractor,
      {
        kind: 'transformers',
        // A folder is recorded absolute, so the index means the same model from any working directory.
        model: location.isPath ? location.folder : options.model,
        dimensions: loaded.dimensions,
        settings: { pooling: 'mean', normalize: true, dtype },
      },
      Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE),
    );
  }

  /** Drops every cached model (and frees its ONNX session), so the next load reads the files again. */
  static async unloadAll(): Promise<void> {
    const loads = [...loadedModels.values()];
    loadedModels.clear();
    await Promise.all(loads.map((l) => l.then((m) => m.extractor.dispose()).catch(() => undefined)));
  }

  /** Unit-length vectors (cosine similarity = dot product; higher is more similar), one per text, in order. */
  async embedDocuments(texts: string[]): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      for (const vector of await embed(this.extractor, texts.slice(i, i + this.batchSize))) vectors.push(vector);
    }
    return vectors;
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await embed(this.extractor, [text]);
    if (!vector) throw new InternalError('the embedding model returned no vector');
    return vector;
  }
}

async function embed(extractor: FeatureExtractionPipeline, texts: string[]): Promise<number[][]> {
  if (texts.length === 0) return [];
  const output = await extractor(texts, { pooling: 'mean', normalize: true });
  return output.tolist() as number[][];
}

interface ModelLocation {
  folder: string;
  isPath: boolean;
}

// The hub's own rule for repository ids ("owner/name"); anything else must be a folder path.
const HUB_ID = /^(?:[\w\-.]+\/)?[\w\-.]{1,96}$/;

/** True when EMBEDDING_MODEL names a folder on disk (absolute, ./ or ../) rather than a hub model id. */
export function isPathLike(model: string): boolean {
  return path.isAbsolute(model) || /^\.\.?(?:[/\\]|$)/.test(model);
}

function locateModel(model: string, modelDir: string): ModelLocation {
  if (isPathLike(model)) return { folder: path.resolve(model), isPath: true };
  if (!HUB_ID.test(model) || model.includes('..') || model.includes('--')) {
    throw new AppError('CONFIG_INVALID', `Invalid setting EMBEDDING_MODEL: "${model.slice(0, 80)}" is neither a hub id like Xenova/all-MiniLM-L6-v2 nor a folder path starting with ./, ../ or /.`);
  }
  return { folder: path.resolve(modelDir, model), isPath: false };
}

function defaultDtype(folder: string): TransformersDtype {
  if (existsSync(path.join(folder, 'onnx', MODEL_FILE_BY_DTYPE.q8))) return 'q8';
  if (existsSync(path.join(folder, 'onnx', MODEL_FILE_BY_DTYPE.fp32))) return 'fp32';
  return 'q8';
}

function missingFiles(folder: string, dtype: TransformersDtype): string[] {
  return [...REQUIRED_FILES, `onnx/${MODEL_FILE_BY_DTYPE[dtype]}`].filter((file) => !existsSync(path.join(folder, file)));
}

function loadModel(location: ModelLocation, dtype: TransformersDtype, missing: string[], options: TransformersLoadOptions, signal: AbortSignal): Promise<LoadedModel> {
  const turn = loadTurn.then(async () => {
    if (missing.length > 0) await downloadFiles(options.model, location.folder, missing, options.remoteHost ?? DEFAULT_REMOTE_HOST, signal, options.logger);
    signal.throwIfAborted();
    const { env, pipeline } = await import('@huggingface/transformers');
    // transformers.js only ever reads the folder: downloads are ours, so they can be cancelled and are atomic.
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    if (!location.isPath) {
      env.localModelPath = path.resolve(options.modelDir);
      env.cacheDir = path.resolve(options.modelDir);
    }
    const name = location.isPath ? location.folder : options.model;
    const extractor = await pipeline('feature-extraction', name, { dtype, device: 'cpu', local_files_only: true });
    try {
      // The first embedding proves the graph runs and tells the dimensions (384 for MiniLM).
      const [probe] = await embed(extractor, ['dimension probe']);
      if (!probe || probe.length === 0 || !probe.every(Number.isFinite)) throw new AppError('EMBEDDER_UNAVAILABLE', 'the model produced no usable vector for a test sentence');
      return { extractor, dimensions: probe.length };
    } catch (error) {
      await extractor.dispose().catch(() => undefined);
      throw error;
    }
  });
  // The next load waits for this one (transformers.js settings are global), but not past its deadline.
  loadTurn = Promise.race([turn.catch(() => undefined), delay(options.timeoutMs)]);
  return turn;
}

const DEFAULT_REMOTE_HOST = 'https://huggingface.co/';

/** The hub refused a file; caught below and reworded into one ModelUnavailableError line. */
class HubError extends AppError {
  constructor(message: string) {
    super('EMBEDDER_UNAVAILABLE', message);
  }
}

/**
 * Fetches the missing files of a hub model into its folder under MODEL_DIR. Each file is written
 * under a temporary name and renamed when complete, so an interrupted download (timeout, Ctrl-C)
 * never leaves a truncated file that would later pass for the model.
 */
async function downloadFiles(model: string, folder: string, files: string[], host: string, signal: AbortSignal, logger: Logger): Promise<void> {
  const base = host.endsWith('/') ? host : `${host}/`;
  for (const file of files) {
    const url = `${base}${model}/resolve/main/${file}`;
    const response = await fetch(url, { signal, redirect: 'follow' });
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new HubError(response.status === 404 ? `the hub has no such model or file (${file})` : `the hub answered HTTP ${response.status} for ${file}`);
    }
    const target = path.join(folder, file);
    const partial = `${target}.${process.pid}.partial`;
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await pipeStream(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(partial), { signal });
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    logger.debug({ model, file }, 'downloaded model file');
  }
}

/** Loading passed MODEL_LOAD_TIMEOUT_MS; caught below and reworded into one ModelUnavailableError line. */
class LoadTimeout extends AppError {
  constructor() {
    super('EMBEDDER_UNAVAILABLE', 'loading the embedding model timed out');
  }
}

const ABORT_GRACE_MS = 1_000;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Runs `start` with a signal that aborts at the deadline; the returned promise rejects with LoadTimeout then. */
function withTimeout(start: (signal: AbortSignal) => Promise<LoadedModel>, timeoutMs: number): Promise<LoadedModel> {
  const controller = new AbortController();
  const loading = start(controller.signal);
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      // Stops a download at once (it removes its partial file before settling); an ONNX session
      // being built cannot be stopped, so it gets a short grace and is freed when it is done.
      controller.abort();
      void Promise.race([loading.catch(() => undefined), delay(ABORT_GRACE_MS)]).then(() => reject(new LoadTimeout()));
    }, timeoutMs);
  });
  return Promise.race([loading, timeout])
    .finally(() => clearTimeout(timer))
    .catch((error: unknown) => {
      if (!timedOut) throw error;
      loading.then(
        (late) => void late.extractor.dispose().catch(() => undefined),
        () => undefined,
      );
      throw new LoadTimeout();
    });
}

/** EMBEDDER_UNAVAILABLE with its parts kept, so callers can word the advice for their situation. */
export class ModelUnavailableError extends AppError {
  /** Why it could not load, e.g. "not downloaded and the hub is unreachable (ENOTFOUND)". */
  readonly reason: string;
  /** Where the model files were expected. */
  readonly modelFolder: string;

  constructor(model: string, location: ModelLocation, reason: string, cause?: unknown) {
    const what = location.isPath ? `model folder ${shortPath(location.folder)}` : `model ${model}`;
    super(
      'EMBEDDER_UNAVAILABLE',
      `Embedding ${what} is unavailable: ${reason}. Put the model files at ${shortPath(location.folder)} (config.json, tokenizer.json, tokenizer_config.json, onnx/${MODEL_FILE_BY_DTYPE.q8}), or set EMBEDDINGS=local.`,
      cause === undefined ? undefined : { cause },
    );
    this.reason = reason;
    this.modelFolder = location.folder;
  }
}

/** Paths inside the working directory are shown relative to it: shorter, and what the user typed. */
export function shortPath(folder: string): string {
  const relative = path.relative(process.cwd(), folder);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : folder;
}

function describeLoadFailure(error: unknown, timeoutMs: number, triedDownload: boolean): string {
  if (error instanceof LoadTimeout) return `loading took longer than MODEL_LOAD_TIMEOUT_MS (${timeoutMs} ms)${triedDownload ? ', the download may be slow or the hub unreachable' : ''}`;
  if (error instanceof HubError) return error.message;
  const message = firstLine(error instanceof Error ? error.message : String(error));
  if (triedDownload && error instanceof TypeError && /fetch failed/i.test(message)) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    return `not downloaded and the hub is unreachable (${typeof cause?.code === 'string' ? cause.code : message})`;
  }
  return message;
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? 'unknown error';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line.trim();
}
