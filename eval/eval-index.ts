// The index the evaluation scores against: the given corpus file cleaned, split and embedded in
// memory with the deterministic local embedder, exactly as ingest would, so results reproduce.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanArticle } from '../ingest/clean-article.js';
import { splitPassages } from '../ingest/split-passages.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { AppError } from '../src/errors.js';
import { buildLoadedIndex } from '../src/index-store/build-index.js';
import type { LoadedIndex } from '../src/index-store/loaded-index.js';
import type { RawSource } from '../src/types.js';

export function readCorpus(file: string, cwd: string): RawSource {
  const location = path.resolve(cwd, file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(location);
  } catch (error) {
    throw new AppError('SOURCE_NOT_FOUND', `Cannot read the corpus ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}. Pass an existing file with --corpus.`, { cause: error });
  }
  return {
    id: path.relative(cwd, location) || path.basename(location),
    location,
    format: /\.html?$/i.test(location) ? 'html' : 'text',
    content: bytes.toString('utf8'),
    contentHash: createHash('sha256').update(bytes).digest('hex'),
  };
}

export async function buildEvalIndex(source: RawSource, embeddings: LocalEmbeddings = new LocalEmbeddings()): Promise<LoadedIndex> {
  const document = cleanArticle(source);
  const passages = splitPassages(document);
  return buildLoadedIndex({ documents: [document], passages, embeddings });
}
