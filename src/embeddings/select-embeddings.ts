// Which embedder to use. Ingest picks one from the settings (auto: the transformers model when it
// can be loaded, else the local embedder); queries must use exactly the one the index was built with,
// or vectors from two different spaces would be compared and every answer would be noise.
import path from 'node:path';
import type { Config } from '../config.js';
import { AppError, isAppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { EmbedderInfo } from '../types.js';
import { LocalEmbeddings } from './local-embeddings.js';
import { isPathLike, isTransformersDtype, ModelUnavailableError, shortPath, TransformersEmbeddings } from './transformers-embeddings.js';
import type { IdentifiedEmbeddings } from './types.js';

/** The embedder selectEmbeddings chose, with a short reason for the log. */
export interface SelectedEmbeddings {
  embeddings: IdentifiedEmbeddings;
  /** Why this embedder, in a few words, e.g. "EMBEDDINGS=local" or "transformers model … unavailable: …". */
  reason: string;
}

/** For ingest. Logs exactly one info line saying which embedder and why. */
export async function selectEmbeddings(config: Config, logger: Logger): Promise<SelectedEmbeddings> {
  const selected = await choose(config, logger);
  logger.info(`embeddings: ${selected.embeddings.info.kind} ${selected.embeddings.info.model} (${selected.reason})`);
  return selected;
}

async function choose(config: Config, logger: Logger): Promise<SelectedEmbeddings> {
  if (config.embeddings === 'local') return { embeddings: new LocalEmbeddings(), reason: 'EMBEDDINGS=local' };
  if (config.embeddings === 'transformers') {
    return { embeddings: await loadTransformers(config, logger, configuredModel(config)), reason: 'EMBEDDINGS=transformers' };
  }
  try {
    const embeddings = await loadTransformers(config, logger, configuredModel(config));
    return { embeddings, reason: 'EMBEDDINGS=auto and the model is available' };
  } catch (error) {
    // Only "cannot load the model" falls back; a malformed setting is the user's to fix, not to hide.
    if (!isAppError(error) || error.code !== 'EMBEDDER_UNAVAILABLE') throw error;
    return {
      embeddings: new LocalEmbeddings(),
      reason: `transformers model ${config.embeddingModel} unavailable: ${error instanceof ModelUnavailableError ? error.reason : error.message}`,
    };
  }
}

/**
 * For queries: recreate the embedder recorded in the index's manifest, never a substitute.
 * EMBEDDER_MISMATCH when the settings explicitly ask for another one or the recreated one differs
 * from the record; EMBEDDER_UNAVAILABLE when the recorded model cannot be loaded.
 */
export async function embeddingsForIndex(info: EmbedderInfo, config: Config, logger: Logger): Promise<IdentifiedEmbeddings> {
  const reingest = 're-ingest (npm run ingest) to rebuild the index with the current settings, or set EMBEDDINGS=auto to use the index as built';
  if (config.embeddings !== 'auto' && config.embeddings !== info.kind) {
    throw new AppError('EMBEDDER_MISMATCH', `The index was built with the ${info.kind} embedder (${info.model}) but EMBEDDINGS=${config.embeddings}: ${reingest}.`);
  }

  let embeddings: IdentifiedEmbeddings;
  if (info.kind === 'local') {
    try {
      embeddings = LocalEmbeddings.fromInfo(info);
    } catch (error) {
      if (isAppError(error)) throw error;
      throw new AppError('EMBEDDER_UNAVAILABLE', `The index was built with local embedder ${info.model}, which this version cannot recreate: re-ingest (npm run ingest).`, { cause: error });
    }
  } else {
    if (!sameModel(configuredModel(config), info.model)) {
      throw new AppError('EMBEDDER_MISMATCH', `The index was built with transformers model ${info.model} but EMBEDDING_MODEL is ${config.embeddingModel}: re-ingest (npm run ingest) to rebuild the index with it, or set EMBEDDING_MODEL=${info.model}.`);
    }
    const dtype = info.settings.dtype;
    try {
      embeddings = await TransformersEmbeddings.load({
        model: info.model,
        modelDir: config.modelDir,
        allowRemote: config.allowRemoteModels,
        timeoutMs: config.modelLoadTimeoutMs,
        logger,
        ...(config.modelRemoteHost ? { remoteHost: config.modelRemoteHost } : {}),
        ...(isTransformersDtype(dtype) ? { dtype } : {}),
      });
    } catch (error) {
      if (error instanceof ModelUnavailableError) {
        throw new AppError('EMBEDDER_UNAVAILABLE', `The index was built with transformers model ${info.model}, which cannot be loaded: ${error.reason}. Put the model files at ${shortPath(error.modelFolder)}, or re-ingest with EMBEDDINGS=local (npm run ingest).`, { cause: error });
      }
      throw error;
    }
  }

  const difference = describeDifference(info, embeddings.info);
  if (difference) {
    throw new AppError('EMBEDDER_MISMATCH', `The index's embedder (${info.kind} ${info.model}) no longer matches what loads under that name (${difference}): re-ingest (npm run ingest).`);
  }
  return embeddings;
}

/** The configured model, with a folder path made absolute against the working directory (as ingest records it). */
function configuredModel(config: Config): string {
  const model = config.embeddingModel;
  return isPathLike(model) ? path.resolve(config.cwd, model) : model;
}

function sameModel(a: string, b: string): boolean {
  return a === b || (path.isAbsolute(a) && path.isAbsolute(b) && path.resolve(a) === path.resolve(b));
}

function loadTransformers(config: Config, logger: Logger, model: string): Promise<TransformersEmbeddings> {
  return TransformersEmbeddings.load({
    model,
    modelDir: config.modelDir,
    allowRemote: config.allowRemoteModels,
    timeoutMs: config.modelLoadTimeoutMs,
    logger,
    ...(config.modelRemoteHost ? { remoteHost: config.modelRemoteHost } : {}),
  });
}

function describeDifference(expected: EmbedderInfo, actual: EmbedderInfo): string | undefined {
  if (expected.kind !== actual.kind) return `kind ${actual.kind} instead of ${expected.kind}`;
  if (expected.dimensions !== actual.dimensions) return `${actual.dimensions} dimensions instead of ${expected.dimensions}`;
  const keys = new Set([...Object.keys(expected.settings), ...Object.keys(actual.settings)]);
  for (const key of [...keys].sort()) {
    if (expected.settings[key] !== actual.settings[key]) {
      return `setting ${key} is ${String(actual.settings[key])} instead of ${String(expected.settings[key])}`;
    }
  }
  return undefined;
}
