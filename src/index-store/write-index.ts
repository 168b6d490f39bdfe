// Publishes an index generation so that a reader (or a crash) never sees a half-written one.
// HNSWLib.save writes its files straight to their final names, so we never write into a live
// directory: everything goes into generations/<gen>.partial/, is fsynced, renamed to <gen>/, and
// only then does store/CURRENT, replaced by rename, point at it.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Manifest } from '../types.js';
import type { LoadedIndex } from './loaded-index.js';
import { readCurrentGeneration } from './read-index.js';
import {
  CURRENT_FILE,
  DOCUMENTS_FILE,
  GENERATION_NAME,
  HNSW_ARGS_FILE,
  HNSW_DOCSTORE_FILE,
  HNSW_INDEX_FILE,
  LEXICAL_FILE,
  MANIFEST_FILE,
  PARTIAL_SUFFIX,
  PASSAGES_FILE,
  currentFile,
  generationDir,
  generationsDir,
} from './store-layout.js';

/** Published generations kept: the current one plus two older ones that a reader may still be loading. */
export const KEEP_GENERATIONS = 3;

/** Returns a new, sortable generation name: "gen-" + the UTC time to the millisecond + 8 random hex digits. */
export function newGenerationName(now: Date = new Date()): string {
  // 2026-11-24T07:00:00.123Z -> 20261124T070000123Z
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  return `gen-${stamp}-${randomBytes(4).toString('hex')}`;
}

/**
 * Write the index as a new generation and make it current. `lexical` (lexical-codec.ts's bytes) is written
 * beside the other files, inside the same not-yet-published folder. Returns the generation's name.
 */
export async function writeIndexGeneration(storeDir: string, index: LoadedIndex<HNSWLib>, lexical?: Uint8Array): Promise<string> {
  const generation = newGenerationName();
  const finalDir = generationDir(storeDir, generation);
  const partialDir = finalDir + PARTIAL_SUFFIX;
  await mkdir(partialDir, { recursive: true });
  try {
    const files: NonNullable<Manifest['files']> = {};
    const record = (name: string, bytes: Buffer) => {
      files[name] = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    };
    const put = async (name: string, data: string) => {
      const bytes = Buffer.from(data, 'utf8');
      await writeDurably(path.join(partialDir, name), bytes);
      record(name, bytes);
    };

    await put(DOCUMENTS_FILE, JSON.stringify(index.documents));
    // A passage's text is its document's text at [start, end): storing it again would add a third copy
    // of the corpus to the generation (the docstore holds one for LangChain). It is rebuilt on load.
    await put(PASSAGES_FILE, JSON.stringify(index.passages.map(({ text: _text, ...located }) => located)));
    // The same three files, in the same formats, that HNSWLib.save writes and HNSWLib.load reads;
    // written here so each can be fsynced and checksummed (save() also serialises live objects into args.json).
    const store = index.vectorStore;
    const indexPath = path.join(partialDir, HNSW_INDEX_FILE);
    await store.index.writeIndex(indexPath);
    await syncFile(indexPath);
    record(HNSW_INDEX_FILE, await readFile(indexPath));
    await put(HNSW_ARGS_FILE, JSON.stringify({ space: store.args.space, numDimensions: store.args.numDimensions }));
    await put(HNSW_DOCSTORE_FILE, JSON.stringify(Array.from(store.docstore._docs.entries())));
    if (lexical) {
      const bytes = Buffer.from(lexical.buffer, lexical.byteOffset, lexical.byteLength);
      await writeDurably(path.join(partialDir, LEXICAL_FILE), bytes);
      record(LEXICAL_FILE, bytes);
    }
    // The manifest goes last and lists the others: a generation without a valid manifest is never read.
    const manifest: Manifest = { ...index.manifest, files };
    await writeDurably(path.join(partialDir, MANIFEST_FILE), Buffer.from(JSON.stringify(manifest, null, 2), 'utf8'));
    await syncDir(partialDir);

    await rename(partialDir, finalDir);
    await syncDir(generationsDir(storeDir));
  } catch (error) {
    await rm(partialDir, { recursive: true, force: true });
    throw error;
  }

  await publishCurrent(storeDir, generation);
  await pruneGenerations(storeDir, generation);
  return generation;
}

/** Point CURRENT at a generation: write a temporary file, fsync, rename over CURRENT (atomic on POSIX), fsync the directory. */
async function publishCurrent(storeDir: string, generation: string): Promise<void> {
  const temp = path.join(storeDir, `${CURRENT_FILE}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeDurably(temp, Buffer.from(`${generation}\n`, 'utf8'));
    await rename(temp, currentFile(storeDir));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(storeDir);
}

/**
 * Delete published generations beyond the newest KEEP_GENERATIONS, never the current one. Partial
 * directories are left alone here: one may belong to a writer that is still running. The ingest,
 * which holds the lock, removes abandoned ones with removeAbandonedPartials.
 */
async function pruneGenerations(storeDir: string, keep: string): Promise<string[]> {
  const names = (await readdir(generationsDir(storeDir))).filter((n) => GENERATION_NAME.test(n)).sort();
  const current = await readCurrentGeneration(storeDir).catch(() => undefined);
  const doomed = names.slice(0, Math.max(0, names.length - KEEP_GENERATIONS)).filter((n) => n !== keep && n !== current);
  for (const name of doomed) await rm(generationDir(storeDir, name), { recursive: true, force: true });
  return doomed;
}

/** Remove generation directories a crashed ingest left half-written. Call only while holding the ingest lock. */
export async function removeAbandonedPartials(storeDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(generationsDir(storeDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const partials = names.filter((n) => n.endsWith(PARTIAL_SUFFIX));
  for (const name of partials) await rm(path.join(generationsDir(storeDir), name), { recursive: true, force: true });
  // Temporary CURRENT files from a crash between write and rename.
  for (const name of await readdir(storeDir)) {
    if (name.startsWith(`${CURRENT_FILE}.`) && name.endsWith('.tmp')) await rm(path.join(storeDir, name), { force: true });
  }
  return partials;
}

async function writeDurably(file: string, bytes: Buffer): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A rename is durable only once its directory is synced. Some file systems refuse to sync a directory; that is not an error worth failing an ingest for. */
async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'ENOTSUP') throw error;
  } finally {
    await handle?.close();
  }
}
