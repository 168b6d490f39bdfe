// Where things live inside the store directory. One place, so writer, reader, holder and lock agree.
//
//   store/CURRENT                       the published generation's name, replaced by rename
//   store/ingest.lock                   held by the one running ingest
//   store/generations/<gen>/            one complete index: manifest.json, documents.json,
//                                       passages.json, hnswlib.index, args.json, docstore.json,
//                                       lexical.bin (optional: older generations have none)
//   store/generations/<gen>.partial/    a generation being written (or abandoned by a crash)
import path from 'node:path';

/** File naming the published generation; replaced by rename so readers never see it half-written. */
export const CURRENT_FILE = 'CURRENT';
/** The lock file held by the one running ingest. */
const LOCK_FILE = 'ingest.lock';
/** Folder holding one subfolder per generation (one complete index each). */
const GENERATIONS_DIR = 'generations';
/** Suffix of a generation folder still being written (or abandoned by a crash); never served. */
export const PARTIAL_SUFFIX = '.partial';

/** A generation's manifest: what it holds and how it was built; written last, so a generation without one is never read. */
export const MANIFEST_FILE = 'manifest.json';
/** A generation's cleaned documents (full text and paragraph spans). */
export const DOCUMENTS_FILE = 'documents.json';
/** A generation's passages, stored as locations in their documents. */
export const PASSAGES_FILE = 'passages.json';
/** The three files LangChain's HNSWLib.load reads. */
export const HNSW_INDEX_FILE = 'hnswlib.index';
/** HNSWLib's settings file (see HNSW_INDEX_FILE). */
export const HNSW_ARGS_FILE = 'args.json';
/** HNSWLib's document store file (see HNSW_INDEX_FILE). */
export const HNSW_DOCSTORE_FILE = 'docstore.json';

/**
 * A generation's lexical index in lexical-codec.ts's binary form, so loading it needs no rebuild. Optional:
 * a generation published before it existed, or with a damaged one, is served by rebuilding in memory.
 */
export const LEXICAL_FILE = 'lexical.bin';

/** gen-<UTC time to the millisecond>-<random>: sorts by build time, never collides. */
export const GENERATION_NAME = /^gen-\d{8}T\d{9}Z-[0-9a-f]{8}$/;

/** Path of the CURRENT file in storeDir. */
export const currentFile = (storeDir: string) => path.join(storeDir, CURRENT_FILE);
/** Path of the ingest lock file in storeDir. */
export const lockFile = (storeDir: string) => path.join(storeDir, LOCK_FILE);
/** Path of the folder holding storeDir's generations. */
export const generationsDir = (storeDir: string) => path.join(storeDir, GENERATIONS_DIR);
/** Path of one generation's folder in storeDir (the name is not checked here). */
export const generationDir = (storeDir: string, generation: string) => path.join(storeDir, GENERATIONS_DIR, generation);
