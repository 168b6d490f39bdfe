// Where things live inside the store directory. One place, so writer, reader, holder and lock agree.
//
//   store/CURRENT                       the published generation's name, replaced by rename
//   store/ingest.lock                   held by the one running ingest
//   store/generations/<gen>/            one complete index: manifest.json, documents.json,
//                                       passages.json, hnswlib.index, args.json, docstore.json
//   store/generations/<gen>.partial/    a generation being written (or abandoned by a crash)
import path from 'node:path';

export const CURRENT_FILE = 'CURRENT';
export const LOCK_FILE = 'ingest.lock';
export const GENERATIONS_DIR = 'generations';
export const PARTIAL_SUFFIX = '.partial';

export const MANIFEST_FILE = 'manifest.json';
export const DOCUMENTS_FILE = 'documents.json';
export const PASSAGES_FILE = 'passages.json';
/** The three files LangChain's HNSWLib.load reads. */
export const HNSW_INDEX_FILE = 'hnswlib.index';
export const HNSW_ARGS_FILE = 'args.json';
export const HNSW_DOCSTORE_FILE = 'docstore.json';

/** gen-<UTC time to the millisecond>-<random>: sorts by build time, never collides. */
export const GENERATION_NAME = /^gen-\d{8}T\d{9}Z-[0-9a-f]{8}$/;

export const currentFile = (storeDir: string) => path.join(storeDir, CURRENT_FILE);
export const lockFile = (storeDir: string) => path.join(storeDir, LOCK_FILE);
export const generationsDir = (storeDir: string) => path.join(storeDir, GENERATIONS_DIR);
export const generationDir = (storeDir: string, generation: string) => path.join(storeDir, GENERATIONS_DIR, generation);
