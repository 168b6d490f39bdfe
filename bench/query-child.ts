// Child process: load one pipeline's built index from disk the way its serving process would, then
// time questions one at a time, with many in flight, and measure recall@4 of its HNSW search against
// exact search. Run by run-bench.ts; not a user command.
import { readFileSync } from 'node:fs';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { HierarchicalNSW } from 'hnswlib-node';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { createLogger } from '../src/logger.js';
import { baselineAnswer, BASELINE_K, loadBaselineStore } from './baseline-pipeline.js';
import { childInput, peakRssMB, reportToParent } from './child-process.js';
import type { BenchQuestion } from './questions.js';
import { hnswRecallAtK, type RecallResult } from './recall.js';
import { summarizeLatencies, throughput, timeEach, type LatencySummary } from './stats.js';

export interface QueryStepInput {
  pipeline: 'ours' | 'baseline';
  storeDir: string;
  workDir: string;
  questionsFile: string;
  warmup: number;
  latencyQuestions: number;
  throughputQuestions: number;
  inFlight: number;
  recallQueries: number;
}

export interface QueryStepResult {
  loadSeconds: number;
  latency: LatencySummary;
  throughputQps: number;
  recall: RecallResult;
  /** Share of on-topic / off-topic questions that got passages (the baseline always answers). */
  answeredOnTopic: number;
  answeredOffTopic: number;
  peakRssMB: number;
}

const input = childInput<QueryStepInput>();
const questions = JSON.parse(readFileSync(input.questionsFile, 'utf8')) as BenchQuestion[];
const logger = createLogger('warn');

let ask: (question: string) => Promise<boolean>;
let hnsw: HierarchicalNSW;
let close = async (): Promise<void> => {};
const embeddings = new LocalEmbeddings();
const loadStart = performance.now();

if (input.pipeline === 'ours') {
  const config = loadConfig({ cwd: input.workDir, envFile: false, env: { STORE_DIR: input.storeDir, EMBEDDINGS: 'local', LOG_LEVEL: 'warn' } });
  const app = await createApp(config, logger);
  const index = app.currentIndex();
  if (!index) throw new Error(`no index in ${input.storeDir}`);
  if (!(index.vectorStore instanceof HNSWLib)) throw new Error('the bench reads hnswlib\'s figures: run it with STORE=files');
  hnsw = index.vectorStore.index;
  ask = async (q) => (await app.answers.answer(q)).answered;
  close = () => app.close();
} else {
  const store = await loadBaselineStore(input.storeDir, embeddings);
  hnsw = store.index;
  ask = async (q) => (await baselineAnswer(store, q)).length > 0;
}
const loadSeconds = (performance.now() - loadStart) / 1000;

// Warm-up: per-index work done on the first question (lexical index, JIT) belongs to cold start.
for (const q of questions.slice(0, input.warmup)) await ask(q.text);

const timed = questions.slice(0, input.latencyQuestions);
const answeredFlags: boolean[] = [];
const latencies = await timeEach(timed, async (q) => answeredFlags.push(await ask(q.text)));
const qps = await throughput(
  questions.slice(0, input.throughputQuestions).map((q) => q.text),
  input.inFlight,
  ask,
);

// embedQuery, not embedDocuments: the vectors a search really uses.
const recallVectors: number[][] = [];
for (const q of questions.slice(0, input.recallQueries)) recallVectors.push(await embeddings.embedQuery(q.text));
const recall = hnswRecallAtK(hnsw, recallVectors, BASELINE_K);

const share = (onTopic: boolean) => {
  const picked = timed.map((q, i) => (q.onTopic === onTopic ? answeredFlags[i] : undefined)).filter((v) => v !== undefined);
  return picked.length === 0 ? Number.NaN : picked.filter(Boolean).length / picked.length;
};

reportToParent({
  loadSeconds,
  latency: summarizeLatencies(latencies),
  throughputQps: qps,
  recall,
  answeredOnTopic: share(true),
  answeredOffTopic: share(false),
  peakRssMB: peakRssMB(),
} satisfies QueryStepResult);
await close();
