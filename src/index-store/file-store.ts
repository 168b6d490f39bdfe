// STORE=files: today's store, generations under store/generations/ with store/CURRENT flipped by rename.
// Only adapts the existing writer, reader and lock to the IndexStore interface.
import { stat } from 'node:fs/promises';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Logger } from '../logger.js';
import type { IndexStore } from './index-store.js';
import { acquireIngestLock } from './ingest-lock.js';
import type { LoadedIndex } from './loaded-index.js';
import { readCurrentGeneration, readIndexGeneration, readManifest } from './read-index.js';
import { reusableVectors } from './reusable-vectors.js';
import { currentFile } from './store-layout.js';
import { removeAbandonedPartials, writeIndexGeneration } from './write-index.js';

/** The file store rooted at storeDir; pollIntervalMs is how often a running process stats CURRENT. Never throws. */
export function createFileStore(storeDir: string, logger: Logger, pollIntervalMs: number): IndexStore {
  return {
    kind: 'files',
    description: storeDir,
    pollIntervalMs,
    currentGeneration: () => readCurrentGeneration(storeDir),
    async changeStamp() {
      try {
        const s = await stat(currentFile(storeDir));
        // A rename gives CURRENT a new inode even when size and mtime happen to match.
        return `${s.ino}:${s.size}:${s.mtimeMs}`;
      } catch {
        return 'absent';
      }
    },
    readManifest: (generation) => readManifest(storeDir, generation),
    loadGeneration: (generation, loadEmbeddings) => readIndexGeneration(storeDir, generation, loadEmbeddings),
    async reusableVectors(generation, loadEmbeddings) {
      return reusableVectors(await readIndexGeneration(storeDir, generation, loadEmbeddings));
    },
    publish: (index: LoadedIndex<HNSWLib>, lexical?: Uint8Array) => writeIndexGeneration(storeDir, index, lexical),
    acquireIngestLock: (options = {}) => acquireIngestLock(storeDir, { logger, ...options }),
    removeAbandoned: () => removeAbandonedPartials(storeDir),
    async close() {},
  };
}
