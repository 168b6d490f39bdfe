// A deterministic embedder that needs no download: signed feature hashing of weighted text features
// (stemmed words, word bigrams, character n-grams of words), L2-normalised so cosine similarity is a
// dot product. It is the fallback when no model can be loaded and the reproducible choice for evaluation.
import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { AppError } from '../errors.js';
import { isContentWord, stem, words } from '../text/analyze.js';
import type { EmbedderInfo } from '../types.js';
import type { IdentifiedEmbeddings } from './types.js';

/** The model name the hashing embedder records in manifests; an index recorded with another is refused (EMBEDDER_MISMATCH). */
export const LOCAL_MODEL = 'local-hash-v1';

/** Tuning for the hashing embedder; weights are relative to the word itself. */
export interface LocalEmbeddingsOptions extends EmbeddingsParams {
  /** Vector length; 256..1024. More dimensions mean fewer hash collisions and bigger indexes. */
  dimensions?: number;
  /** Weight of each word bigram relative to a word (0 turns bigrams off). */
  bigramWeight?: number;
  /** Total weight of a word's character n-grams relative to the word itself (0 turns them off). */
  ngramWeight?: number;
  /** Character n-gram length. */
  ngram?: number;
}

interface Settings {
  dimensions: number;
  bigramWeight: number;
  ngramWeight: number;
  ngram: number;
}

const DEFAULTS: Settings = { dimensions: 384, bigramWeight: 0.5, ngramWeight: 0.4, ngram: 4 };

/**
 * The built-in embedder: hashed word, bigram and character n-gram features, L2-normalised (cosine = dot product).
 * Needs no download and gives the same vectors on every machine.
 */
export class LocalEmbeddings extends Embeddings implements IdentifiedEmbeddings {
  readonly info: EmbedderInfo;
  private readonly settings: Settings;

  constructor(options: LocalEmbeddingsOptions = {}) {
    super(options);
    const settings: Settings = {
      dimensions: options.dimensions ?? DEFAULTS.dimensions,
      bigramWeight: options.bigramWeight ?? DEFAULTS.bigramWeight,
      ngramWeight: options.ngramWeight ?? DEFAULTS.ngramWeight,
      ngram: options.ngram ?? DEFAULTS.ngram,
    };
    checkSettings(settings);
    this.settings = settings;
    this.info = {
      kind: 'local',
      model: LOCAL_MODEL,
      dimensions: settings.dimensions,
      settings: { bigramWeight: settings.bigramWeight, ngramWeight: settings.ngramWeight, ngram: settings.ngram },
    };
  }

  /** Recreate the embedder an index was built with. EMBEDDER_MISMATCH when this version cannot. */
  static fromInfo(info: EmbedderInfo): LocalEmbeddings {
    const again = 'Re-ingest (npm run ingest) to rebuild the index with this version.';
    if (info.kind !== 'local' || info.model !== LOCAL_MODEL) {
      throw new AppError('EMBEDDER_MISMATCH', `The index was built with ${info.kind} embedder ${info.model}; this version has local embedder ${LOCAL_MODEL}. ${again}`);
    }
    const s = info.settings;
    const num = (key: string): number => {
      const value = s[key];
      if (typeof value !== 'number') throw new AppError('EMBEDDER_MISMATCH', `The index's local embedder settings lack ${key}. ${again}`);
      return value;
    };
    const known = new Set(['bigramWeight', 'ngramWeight', 'ngram']);
    const unknown = Object.keys(s).find((k) => !known.has(k));
    if (unknown) throw new AppError('EMBEDDER_MISMATCH', `The index's local embedder has a setting this version does not know (${unknown}). ${again}`);
    try {
      return new LocalEmbeddings({ dimensions: info.dimensions, bigramWeight: num('bigramWeight'), ngramWeight: num('ngramWeight'), ngram: num('ngram') });
    } catch (error) {
      throw new AppError('EMBEDDER_MISMATCH', `The index's local embedder settings are not usable (${(error as Error).message}). ${again}`, { cause: error });
    }
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedText(t));
  }

  override async embedQuery(text: string): Promise<number[]> {
    return this.embedText(text);
  }

  /** Synchronous core, exposed for benchmarks and tests. */
  embedText(text: string): number[] {
    const { dimensions, bigramWeight, ngramWeight, ngram } = this.settings;
    const vector = new Float64Array(dimensions);
    const add = (feature: string, weight: number) => {
      const h = fnv1a(feature);
      // One hash bit picks the sign so collisions cancel on average instead of piling up.
      vector[(h >>> 1) % dimensions]! += h & 1 ? weight : -weight;
    };
    let previous: string | undefined;
    for (const w of words(text)) {
      const parts = w.text.includes('-') ? [...w.text.split('-'), w.text.replace(/-/g, '')] : [w.text];
      for (const part of parts) {
        if (!isContentWord(part)) continue;
        const term = stem(part);
        const weight = termWeight(part);
        add(`w:${term}`, weight);
        if (ngramWeight > 0 && part.length > ngram) {
          // Character n-grams of the padded word tie word forms and typos together ("sanitized"/"sanitised").
          const padded = `<${part}>`;
          const count = padded.length - ngram + 1;
          for (let i = 0; i < count; i++) add(`c:${padded.slice(i, i + ngram)}`, (weight * ngramWeight) / Math.sqrt(count));
        }
      }
      if (!isContentWord(w.text)) continue;
      const current = stem(w.text);
      if (bigramWeight > 0 && previous !== undefined) add(`b:${previous}_${current}`, bigramWeight * termWeight(w.text));
      previous = current;
    }
    let norm = 0;
    for (const v of vector) norm += v * v;
    norm = Math.sqrt(norm);
    return Array.from(vector, (v) => (norm > 0 ? v / norm : 0));
  }
}

/**
 * How much a word says, without looking at any corpus: longer words are rarer in English, numbers
 * say little. Higher = more informative.
 */
function termWeight(word: string): number {
  if (/^\d+$/.test(word)) return 0.5;
  return Math.min(1.5, 0.5 + word.length / 8);
}

function checkSettings(s: Settings): void {
  if (!Number.isInteger(s.dimensions) || s.dimensions < 16 || s.dimensions > 4096) throw new AppError('CONFIG_INVALID', 'local embedder: dimensions must be a whole number from 16 to 4096');
  if (!(s.bigramWeight >= 0 && s.bigramWeight <= 4)) throw new AppError('CONFIG_INVALID', 'local embedder: bigramWeight must be between 0 and 4');
  if (!(s.ngramWeight >= 0 && s.ngramWeight <= 4)) throw new AppError('CONFIG_INVALID', 'local embedder: ngramWeight must be between 0 and 4');
  if (!Number.isInteger(s.ngram) || s.ngram < 2 || s.ngram > 8) throw new AppError('CONFIG_INVALID', 'local embedder: ngram must be a whole number from 2 to 8');
}

/** 32-bit FNV-1a: fast, stable across platforms and versions, good enough spread for feature hashing. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
