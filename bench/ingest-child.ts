// Child process: build one pipeline's index for one dataset, then report its wall time and this
// process's peak RSS. Run by run-bench.ts; not a user command.
import { runIngest } from '../ingest/run-ingest.js';
import { loadConfig } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { createLogger } from '../src/logger.js';
import { buildBaselineStore, saveBaselineStore } from './baseline-pipeline.js';
import { childInput, peakRssMB, reportToParent } from './child-process.js';

export interface IngestStepInput {
  /** postgres: ours with STORE=postgres (the hybrid row has no ingest of its own: it reuses the baseline's). */
  pipeline: 'ours' | 'baseline' | 'postgres';
  /** postgres only: the database to publish into. */
  databaseUrl?: string;
  /** ours: source specs (file or folder) for runIngest; baseline: the raw files to split. */
  sources: string[];
  files: string[];
  /** ours: STORE_DIR; baseline: the HNSWLib save directory. */
  storeDir: string;
  workDir: string;
}

export interface IngestStepResult {
  seconds: number;
  peakRssMB: number;
  /** Passages (ours) or chunks (baseline) in the index. */
  units: number;
  embedder: string;
}

const input = childInput<IngestStepInput>();
const logger = createLogger('warn');

if (input.pipeline === 'ours' || input.pipeline === 'postgres') {
  const store = input.pipeline === 'postgres' ? { STORE: 'postgres', DATABASE_URL: input.databaseUrl ?? '' } : {};
  const config = loadConfig({
    cwd: input.workDir,
    envFile: false,
    env: { STORE_DIR: input.storeDir, EMBEDDINGS: 'local', SOURCES: input.sources.join(','), LOG_LEVEL: 'warn', ...store },
  });
  const start = performance.now();
  const summary = await runIngest({ config, logger });
  const seconds = (performance.now() - start) / 1000;
  reportToParent({ seconds, peakRssMB: peakRssMB(), units: summary.passages, embedder: summary.embedder.model } satisfies IngestStepResult);
} else {
  const embeddings = new LocalEmbeddings();
  const start = performance.now();
  const { store, chunks } = await buildBaselineStore(input.files, embeddings);
  await saveBaselineStore(store, input.storeDir);
  const seconds = (performance.now() - start) / 1000;
  reportToParent({ seconds, peakRssMB: peakRssMB(), units: chunks, embedder: embeddings.info.model } satisfies IngestStepResult);
}
