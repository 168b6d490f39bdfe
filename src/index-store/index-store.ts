// Where published index generations live, behind one interface so the holder, ingest and the app do not
// care whether it is files under store/ (one machine, the default) or a shared Postgres (many processes
// and machines). Both keep the same promises: a generation is published whole or not at all, the pointer
// to the current one flips atomically, old generations are pruned, one ingest runs at a time.
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Manifest } from '../types.js';
import type { IngestLock } from './ingest-lock.js';
import type { LoadedIndex } from './loaded-index.js';
import type { LoadEmbeddings } from './read-index.js';

/** How an ingest takes the store's lock: fail at once (default) or wait up to waitTimeoutMs (milliseconds). */
export interface AcquireIngestLockOptions {
  /** Wait for a running ingest to finish instead of failing with INGEST_LOCKED at once. */
  wait?: boolean;
  waitTimeoutMs?: number;
}

/** Where published indexes live (files or Postgres): publish, read and watch generations and hold the ingest lock. */
export interface IndexStore {
  readonly kind: 'files' | 'postgres';
  /** For logs and messages: a folder, or a database host and name (never a password). */
  readonly description: string;
  /** The published generation's name; undefined when nothing has been published yet. Throws INDEX_CORRUPT or DATABASE_UNAVAILABLE. */
  currentGeneration(): Promise<string | undefined>;
  /**
   * A cheap token that changes whenever the current pointer may have moved: the holder's poll reads the
   * whole pointer only when it changed. Never throws: an unreadable pointer gives its own token.
   */
  changeStamp(): Promise<string>;
  /** Only the manifest of a published generation. */
  readManifest(generation: string): Promise<Manifest>;
  /** A published generation, fully loaded and ready to answer from. Throws INDEX_CORRUPT when it is not what was published. */
  loadGeneration(generation: string, loadEmbeddings: LoadEmbeddings): Promise<LoadedIndex>;
  /** Vectors of a published generation keyed by passageVectorKey, so an ingest embeds only new text. */
  reusableVectors(generation: string, loadEmbeddings: LoadEmbeddings): Promise<Map<string, number[]>>;
  /**
   * Publish a built index as a new generation, make it current in one step, prune old ones. Returns its
   * name. `lexical` (lexical-codec.ts's bytes) is stored with it in the same step, for loads to read
   * (LoadedIndex.readLexical) instead of rebuilding.
   */
  publish(index: LoadedIndex<HNSWLib>, lexical?: Uint8Array): Promise<string>;
  /** One ingest at a time per store. Throws INGEST_LOCKED naming the holder when another runs. */
  acquireIngestLock(options?: AcquireIngestLockOptions): Promise<IngestLock>;
  /** Clear what a crashed ingest left behind. Call only while holding the ingest lock; returns what was removed. */
  removeAbandoned(): Promise<string[]>;
  /** Called (soon) after another process publishes; undefined when the store can only be polled. Returns an unsubscribe. */
  subscribe?(listener: () => void): () => void;
  /** The holder's poll interval that suits this store (a local stat is cheap; a database round trip is not free). */
  readonly pollIntervalMs: number;
  close(): Promise<void>;
}
