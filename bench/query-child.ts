// Child process: load one pipeline's built index from disk the way its serving process would, then
// time questions one at a time, with many in flight, and measure recall@4 of its HNSW search against
// exact search. Run by run-bench.ts; not a user command.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { HierarchicalNSW } from 'hnswlib-node';
import { parseQuestions } from '../eval/questions.js';
import { scoreQuestion, shownTexts, summarize, type PipelineReply } from '../eval/score.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { createLogger } from '../src/logger.js';
import { baselineAnswer, BASELINE_K, loadBaselineStore } from './baseline-pipeline.js';
import { childInput, peakRssMB, reportToParent, repoRoot } from './child-process.js';
import { evalSetsFor, hitRates, wordKey, type HitRates } from './hit-rate.js';
import { loadHybridPipeline } from './hybrid-pipeline.js';
import type { PipelineName } from './run-bench.js';
import type { BenchQuestion } from './questions.js';
import { hnswRecallAtK, type RecallResult } from './recall.js';
import { summarizeLatencies, throughput, timeEach, type LatencySummary } from './stats.js';

export interface QueryStepInput {
  pipeline: PipelineName;
  /** ours: STORE_DIR; baseline and hybrid: the plain pipeline's HNSWLib save directory; postgres: unused. */
  storeDir: string;
  /** postgres only: the database ours reads (STORE=postgres). */
  databaseUrl?: string;
  /** Also score this dataset's question sets of eval/sets (see evalSetsFor). */
  evalSets?: 'article' | 'library';
  workDir: string;
  questionsFile: string;
  warmup: number;
  latencyQuestions: number;
  throughputQuestions: number;
  /** hit@k is scored on the first this-many timed questions (at most latencyQuestions)... */
  hitQuestions: number;
  /**
   * ...those of them at these positions: the on-topic questions whose source words are in the text ours
   * indexes (ours' run reports them; every other row is scored on the same ones). Undefined for ours.
   */
  hitScope?: number[];
  inFlight: number;
  recallQueries: number;
}

export interface QueryStepResult {
  loadSeconds: number;
  latency: LatencySummary;
  throughputQps: number;
  /** Undefined when the pipeline's vectors are not in hnswlib (postgres: pgvector). */
  recall?: RecallResult;
  /** hit@1 / hit@3 over the on-topic questions of the first hitQuestions timed ones (bench/hit-rate.ts). */
  hits: HitRates;
  /** ours/postgres: the positions hit@k was scored on, for the other rows (see QueryStepInput.hitScope). */
  hitScope?: number[];
  /** hit@1 / hit@3 over the answerable eval-set questions, scored as `npm run eval` does (when asked for). */
  evalHits?: HitRates & {
    /** Unanswerable questions of the sets, and the share of them declined (quoting nothing). */
    unanswerable: number;
    declined: number;
    /** Share of the answerable ones declined. */
    wronglyDeclined: number;
  };
  /** Share of on-topic / off-topic questions that got passages (the baseline always answers). */
  answeredOnTopic: number;
  answeredOffTopic: number;
  peakRssMB: number;
}

const input = childInput<QueryStepInput>();
const questions = JSON.parse(readFileSync(input.questionsFile, 'utf8')) as BenchQuestion[];
const logger = createLogger('warn');

let reply: (question: string) => Promise<PipelineReply>;
let hnsw: HierarchicalNSW | undefined;
let indexedText: string | undefined;
let close = async (): Promise<void> => {};
const embeddings = new LocalEmbeddings();
const loadStart = performance.now();

if (input.pipeline === 'ours' || input.pipeline === 'postgres') {
  const env: Record<string, string> =
    input.pipeline === 'ours'
      ? { STORE_DIR: input.storeDir, EMBEDDINGS: 'local', LOG_LEVEL: 'warn' }
      : { STORE: 'postgres', DATABASE_URL: input.databaseUrl ?? '', STORE_DIR: input.storeDir, EMBEDDINGS: 'local', LOG_LEVEL: 'warn' };
  const config = loadConfig({ cwd: input.workDir, envFile: false, env });
  const app = await createApp(config, logger);
  const index = app.currentIndex();
  if (!index) throw new Error(`no index in ${input.pipeline === 'ours' ? input.storeDir : 'the database'}`);
  if (index.vectorStore instanceof HNSWLib) hnsw = index.vectorStore.index;
  else if (input.pipeline === 'ours') throw new Error("the bench reads hnswlib's figures: run it with STORE=files");
  indexedText = index.documents.map((d) => wordKey(d.text)).join('');
  reply = async (q) => {
    const answer = await app.answers.answer(q);
    return { declined: !answer.answered, passages: shownTexts(answer) };
  };
  close = () => app.close();
} else if (input.pipeline === 'baseline') {
  const store = await loadBaselineStore(input.storeDir, embeddings);
  hnsw = store.index;
  reply = async (q) => ({ declined: false, passages: (await baselineAnswer(store, q)).map((d) => d.pageContent) });
} else {
  const hybrid = await loadHybridPipeline(input.storeDir, embeddings);
  hnsw = hybrid.store.index;
  reply = async (q) => ({ declined: false, passages: (await hybrid.answer(q)).map((d) => d.pageContent) });
}
const ask = async (q: string) => !(await reply(q)).declined;
const loadSeconds = (performance.now() - loadStart) / 1000;

// Warm-up: per-index work done on the first question (lexical index, JIT) belongs to cold start.
for (const q of questions.slice(0, input.warmup)) await ask(q.text);

const timed = questions.slice(0, input.latencyQuestions);
const replies: PipelineReply[] = [];
const latencies = await timeEach(timed, async (q) => replies.push(await reply(q.text)));
const answeredFlags = replies.map((r) => !r.declined);
// Ours drops page clutter (menus, related-article titles; the headline is kept as metadata, not as a
// passage) that LangChain's rows index raw: a question made from clutter is not a question about the text.
const hitScope =
  input.hitScope ??
  timed
    .slice(0, input.hitQuestions)
    .flatMap((q, i) => (q.onTopic && q.evidence !== undefined && (indexedText === undefined || indexedText.includes(wordKey(q.evidence))) ? [i] : []));
const hits = hitRates(
  hitScope.map((i) => timed[i]!),
  hitScope.map((i) => (replies[i]!.declined ? [] : replies[i]!.passages)),
);
const qps = await throughput(
  questions.slice(0, input.throughputQuestions).map((q) => q.text),
  input.inFlight,
  ask,
);

let recall: RecallResult | undefined;
if (hnsw) {
  // embedQuery, not embedDocuments: the vectors a search really uses.
  const recallVectors: number[][] = [];
  for (const q of questions.slice(0, input.recallQueries)) recallVectors.push(await embeddings.embedQuery(q.text));
  recall = hnswRecallAtK(hnsw, recallVectors, BASELINE_K);
}

let evalHits: QueryStepResult['evalHits'];
if (input.evalSets) {
  const dir = path.join(repoRoot, 'eval/sets');
  const evalQuestions = evalSetsFor(input.evalSets, readdirSync(dir)).flatMap((f) => parseQuestions(readFileSync(path.join(dir, f), 'utf8'), f));
  const results = [];
  for (const q of evalQuestions) results.push(scoreQuestion(q, await reply(q.question)));
  const metrics = summarize(results);
  evalHits = {
    questions: metrics.answerable,
    hit1: metrics.hit1,
    hit3: metrics.hit3,
    unanswerable: metrics.unanswerable,
    declined: metrics.unanswerable === 0 ? Number.NaN : metrics.declineRate,
    wronglyDeclined: metrics.answerable === 0 ? Number.NaN : metrics.wronglyDeclined / metrics.answerable,
  };
}

const share = (onTopic: boolean) => {
  const picked = timed.map((q, i) => (q.onTopic === onTopic ? answeredFlags[i] : undefined)).filter((v) => v !== undefined);
  return picked.length === 0 ? Number.NaN : picked.filter(Boolean).length / picked.length;
};

reportToParent({
  loadSeconds,
  latency: summarizeLatencies(latencies),
  throughputQps: qps,
  ...(recall ? { recall } : {}),
  hits,
  ...(input.hitScope ? {} : { hitScope }),
  ...(evalHits ? { evalHits } : {}),
  answeredOnTopic: share(true),
  answeredOffTopic: share(false),
  peakRssMB: peakRssMB(),
} satisfies QueryStepResult);
await close();
