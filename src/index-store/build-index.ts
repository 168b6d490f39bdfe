// Builds one index generation in memory: embeds the passages that have no vector yet, puts every
// vector into an hnswlib graph wrapped in LangChain's HNSWLib, and writes the manifest describing it.
// No disk access: ingest writes the result with write-index.ts; eval, bench and tests use it directly.
import { createHash } from 'node:crypto';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { SynchronousInMemoryDocstore } from '@langchain/community/stores/doc/in_memory';
import { Document as LangChainDocument } from '@langchain/core/documents';
import type { IdentifiedEmbeddings } from '../embeddings/types.js';
import { AppError, InternalError } from '../errors.js';
import type { Document, Manifest, ManifestSource, Passage } from '../types.js';
import type { LoadedIndex } from './loaded-index.js';

/** Graph degree and build-time beam: hnswlib's own defaults, recorded in the manifest. */
const HNSW_M = 16;
/** The build-time beam width (hnswlib's default, see HNSW_M): higher = better graph, slower build. */
const HNSW_EF_CONSTRUCTION = 200;
/**
 * The search beam. hnswlib resets ef to 10 on construction and on readIndex, and LangChain never
 * raises it, which gives recall@4 of ~0.6 at 1k vectors. 128 keeps recall@10 ≈ 1 well past 10k
 * vectors (test/index-store.test.ts compares against exact search) at a fraction of a millisecond.
 */
export const HNSW_EF_SEARCH = 128;
/** Fixed so that the same passages and vectors always give the same graph. */
const HNSW_RANDOM_SEED = 100;
/** Passages per embedDocuments call: large enough to batch, small enough for steady progress. */
const EMBED_BATCH = 64;

/** What buildIndex embeds and indexes: the documents, their passages and the embedder to use. */
export interface BuildIndexInput {
  documents: Document[];
  passages: Passage[];
  embeddings: IdentifiedEmbeddings;
  /** Vectors already computed with the same embedder, keyed by `passageVectorKey(passage.text)`: these passages are not embedded again. */
  reuseVectors?: Map<string, number[]>;
  /** Called after each embedding batch with passages embedded (or reused) so far. */
  onProgress?: (done: number, total: number) => void;
}

/** The key under which a passage's vector can be reused: the embedder sees only the text, so the text decides the vector. */
export function passageVectorKey(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Embed what is not reused, build the hnswlib graph and the manifest. Returns the index in memory
 * (generation "memory"). Throws EMBEDDER_UNAVAILABLE/EMBEDDER_MISMATCH when the embedder misbehaves,
 * and an Error when a passage is not its document's exact text.
 */
export async function buildLoadedIndex(input: BuildIndexInput): Promise<LoadedIndex<HNSWLib>> {
  const { documents, passages, embeddings } = input;
  checkPassagesQuoteTheirDocuments(documents, passages);
  const info = embeddings.info;

  const vectors: (number[] | undefined)[] = passages.map((p) => input.reuseVectors?.get(passageVectorKey(p.text)));
  const missing = passages.map((_, i) => i).filter((i) => vectors[i] === undefined);
  let done = passages.length - missing.length;
  input.onProgress?.(done, passages.length);
  for (let from = 0; from < missing.length; from += EMBED_BATCH) {
    const batch = missing.slice(from, from + EMBED_BATCH);
    const embedded = await embeddings.embedDocuments(batch.map((i) => passages[i]!.text));
    if (embedded.length !== batch.length) {
      throw new AppError('EMBEDDER_UNAVAILABLE', `The embedder ${info.model} returned ${embedded.length} vectors for ${batch.length} passages. Check the embedding settings and run npm run ingest again.`);
    }
    batch.forEach((passageIndex, j) => (vectors[passageIndex] = embedded[j]));
    done += batch.length;
    input.onProgress?.(done, passages.length);
  }

  const dimensions = info.dimensions;
  for (const vector of vectors) {
    if (!vector || vector.length !== dimensions || !vector.every(Number.isFinite)) {
      throw new AppError('EMBEDDER_MISMATCH', `The embedder ${info.model} produced a vector of ${vector?.length ?? 0} numbers where ${dimensions} finite numbers were expected. Check the embedding settings and run npm run ingest again.`);
    }
  }

  const vectorStore = await createVectorStore(embeddings, vectors as number[][], passages);
  const manifest: Manifest = {
    formatVersion: 1,
    builtAt: new Date().toISOString(),
    embedder: info,
    hnsw: { space: 'cosine', m: HNSW_M, efConstruction: HNSW_EF_CONSTRUCTION, efSearch: HNSW_EF_SEARCH },
    sources: documents.map((d) => manifestSource(d, passages)),
    passageCount: passages.length,
  };
  return { generation: 'memory', manifest, documents, passages, vectorStore };
}

/**
 * Fill the hnswlib graph directly rather than through HNSWLib.addVectors, which re-initialises an
 * empty index with default parameters and so would ignore M, efConstruction and the seed.
 * Label i is passage i; the docstore maps String(i) to the passage's LangChain document.
 */
async function createVectorStore(embeddings: IdentifiedEmbeddings, vectors: number[][], passages: Passage[]): Promise<HNSWLib> {
  const { HierarchicalNSW } = await HNSWLib.imports();
  const index = new HierarchicalNSW('cosine', embeddings.info.dimensions);
  // hnswlib cannot allocate a zero-capacity graph; an empty index still needs a valid one.
  index.initIndex({ maxElements: Math.max(1, vectors.length), m: HNSW_M, efConstruction: HNSW_EF_CONSTRUCTION, randomSeed: HNSW_RANDOM_SEED });
  const docs = new Map<string, LangChainDocument>();
  vectors.forEach((vector, label) => {
    index.addPoint(vector, label);
    docs.set(String(label), new LangChainDocument({ pageContent: passages[label]!.text, metadata: { passageId: passages[label]!.id } }));
  });
  index.setEf(HNSW_EF_SEARCH);
  return new HNSWLib(embeddings, { space: 'cosine', numDimensions: embeddings.info.dimensions, index, docstore: new SynchronousInMemoryDocstore(docs) });
}

/** hnswlib forgets ef on every load: call after building or reading any vector store. */
export function applySearchEf(vectorStore: HNSWLib, efSearch: number): void {
  vectorStore.index.setEf(efSearch);
}

function manifestSource(document: Document, passages: Passage[]): ManifestSource {
  return {
    id: document.id,
    location: document.location,
    contentHash: document.contentHash,
    ...(document.metadata.title ? { title: document.metadata.title } : {}),
    ...(document.metadata.author ? { author: document.metadata.author } : {}),
    passages: passages.filter((p) => p.documentId === document.id).length,
  };
}

/** Every quote the bot makes is a passage, so a passage that is not its document's exact text must never enter an index. */
export function checkPassagesQuoteTheirDocuments(documents: Document[], passages: Passage[]): void {
  const byId = new Map(documents.map((d) => [d.id, d]));
  if (byId.size !== documents.length) throw new InternalError('Two documents share an id: source ids must be unique within an index.');
  const seen = new Set<string>();
  for (const p of passages) {
    const doc = byId.get(p.documentId);
    if (!doc) throw new InternalError(`Passage ${p.id} belongs to ${p.documentId}, which is not in the index.`);
    if (seen.has(p.id)) throw new InternalError(`Two passages share the id ${p.id}.`);
    seen.add(p.id);
    if (doc.text.slice(p.start, p.end) !== p.text) throw new InternalError(`Passage ${p.id} is not the text at ${p.start}..${p.end} of ${doc.id}.`);
  }
}
