// The benchmark run: for each dataset (the bundled article; a ~10 MB library of documentation prose),
// build each pipeline's index in a child process, time a cold `ask`, then time questions, score hit@1 and
// measure recall in a fresh process that loads each index. Rows: ours, plain LangChain (baseline), the
// LangChain hybrid (BM25 + HNSWLib fused by RRF, over the baseline's index), and on the article ours on
// Postgres (PGlite, in a process of its own). Then, on the article, one shard against two under a burst.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUNDLED_ARTICLE } from '../src/config.js';
import pg from 'pg';
import { lastStderrLines, repoRoot, runChildStep, runTypeScript, startChildServer } from './child-process.js';
import type { IngestStepInput, IngestStepResult } from './ingest-child.js';
import { buildLibraryCorpus, type LibraryCorpus } from './library-corpus.js';
import type { QueryStepInput, QueryStepResult } from './query-child.js';
import { generateQuestions, paragraphsOf, type BenchQuestion } from './questions.js';
import { measureShardBurst, type ShardBurstResult } from './shard-burst.js';
import { median } from './stats.js';

/**
 * ours: the project on files (STORE=files); baseline: plain LangChain (HNSWLib similarity search);
 * hybrid: LangChain BM25Retriever + the baseline's HNSWLib, RRF-fused (bench/hybrid-pipeline.ts);
 * postgres: the project with STORE=postgres on PGlite (article only).
 */
export type PipelineName = 'ours' | 'baseline' | 'hybrid' | 'postgres';

export interface PipelineFigures {
  ingestSeconds: number;
  ingestPeakRssMB: number;
  indexBytes: number;
  coldStartSeconds: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  throughputQps: number;
  /** NaN for postgres: its vectors are in pgvector, not hnswlib. */
  recallAt4: number;
  /** Generated on-topic questions whose first quoted passage holds their source words (bench/hit-rate.ts). */
  hit1: number;
  hit3: number;
  /** The dataset's eval sets (answerable questions written by people: bench/hit-rate.ts evalSetsFor), scored as `npm run eval` does. */
  evalHit1: number;
  evalHit3: number;
  /** Eval sets, the other side of hit@1: share of unanswerable questions declined, share of answerable ones declined. */
  evalDeclined: number;
  evalWronglyDeclined: number;
  /** Passages (ours) or chunks (baseline) indexed. */
  units: number;
  /** hnswlib search breadth the loaded index used (NaN for postgres). */
  efSearch: number;
  answeredOnTopic: number;
  answeredOffTopic: number;
  queryPeakRssMB: number;
}

export interface DatasetReport {
  name: 'article' | 'library';
  description: string;
  files: number;
  bytes: number;
  sha256?: string;
  /**
   * hybridLatency/hybridThroughput: the LC hybrid row's counts; hit: the on-topic questions hit@k is scored
   * on (every row), of hitOnTopic on-topic questions among the first hybridLatency (the rest are made
   * from page clutter ours does not index).
   */
  questions: { latency: number; throughput: number; recall: number; inFlight: number; hybridLatency: number; hybridThroughput: number; hit: number; hitOnTopic: number; eval?: number; evalUnanswerable?: number };
  ours: PipelineFigures;
  baseline: PipelineFigures;
  hybrid: PipelineFigures;
  /** Article only. */
  postgres?: PipelineFigures;
}

/** One shard (`npm start`) against two (`npm run start:sharded`), same burst, same index. */
export interface ShardReport {
  one: ShardBurstResult;
  two: ShardBurstResult;
}

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGB: number;
  node: string;
  platform: string;
}

export interface BenchReport {
  smoke: boolean;
  startedAt: string;
  totalSeconds: number;
  machine: MachineInfo;
  datasets: DatasetReport[];
  /** Measured when the article is. */
  shards?: ShardReport;
}

export interface BenchOptions {
  smoke: boolean;
  /** Keep the corpus and indexes here instead of a temp dir that is deleted afterwards. */
  workDir?: string;
  /**
   * With workDir: reuse an index a previous run built there from the same corpus (same sha256), with the
   * ingest figures that run measured, instead of ingesting again. Ingest figures are then that run's.
   */
  reuse?: boolean;
  /** Pass --cpu-prof to every child; profiles land in <workDir>/profiles. */
  profile?: boolean;
  datasets?: ('article' | 'library')[];
  onStep?: (message: string) => void;
}

interface Sizes {
  libraryBytes: number;
  latency: number;
  throughput: number;
  recall: number;
  warmup: number;
  coldRuns: number;
  stepTimeoutMs: number;
  /** Questions in the shard burst. */
  burst: number;
  /**
   * The hybrid row's timed questions: LangChain's BM25Retriever keeps no index and scores every chunk on
   * every query (~0.4 s per question on the 10 MB library on this machine), so it times fewer.
   */
  hybridLatency: number;
  hybridThroughput: number;
}

const FULL: Sizes = { libraryBytes: 10_000_000, latency: 1000, throughput: 1000, recall: 300, warmup: 20, coldRuns: 5, stepTimeoutMs: 900_000, burst: 100, hybridLatency: 300, hybridThroughput: 100 };
// The burst keeps its full 100 in the smoke run: on the article it takes seconds, and fewer would not test the 3 s.
const SMOKE: Sizes = { libraryBytes: 60_000, latency: 30, throughput: 64, recall: 20, warmup: 3, coldRuns: 1, stepTimeoutMs: 120_000, burst: 100, hybridLatency: 30, hybridThroughput: 64 };
const IN_FLIGHT = 32;
const SEED = 20_240_601;

const LIBRARY_ROOTS = [path.join(repoRoot, 'node_modules'), '/usr/share/common-licenses', '/usr/share/doc'];

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const sizes = options.smoke ? SMOKE : FULL;
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const workDir = options.workDir ?? mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  mkdirSync(workDir, { recursive: true });
  const step = options.onStep ?? (() => {});
  const nodeFlags = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(workDir, 'profiles')}`] : [];
  const wanted = options.datasets ?? ['article', 'library'];
  const datasets: DatasetReport[] = [];
  let shards: ShardReport | undefined;
  try {
    for (const name of wanted) {
      const dataset = prepareDataset(name, workDir, sizes, step);
      const dir = path.join(workDir, name);
      const questions = generateQuestions(dataset.paragraphs, Math.max(sizes.latency, sizes.throughput, sizes.recall) + sizes.warmup, SEED);
      const questionsFile = path.join(dir, 'questions.json');
      writeFileSync(questionsFile, JSON.stringify(questions));
      const evalSets = name;
      const common = { dataset, dir, questions, questionsFile, sizes, nodeFlags, step, evalSets, reuse: options.reuse === true && options.workDir !== undefined };
      const ours = await measurePipeline({ ...common, pipeline: 'ours' });
      // Every other row is scored on the questions ours' run found in the text it indexes.
      const scoped = { ...common, ...(ours.hitScope ? { hitScope: ours.hitScope } : {}) };
      const baseline = await measurePipeline({ ...scoped, pipeline: 'baseline' });
      const hybrid = await measurePipeline({ ...scoped, pipeline: 'hybrid', sharedIngest: baseline });
      await coldStarts([{ pipeline: 'ours', measured: ours }, { pipeline: 'baseline', measured: baseline }, { pipeline: 'hybrid', measured: hybrid }], common);
      const postgres = name === 'article' ? await measurePostgres(scoped, workDir) : undefined;
      const hitQuestions = ours.hitScope?.length ?? 0;
      const onTopicQuestions = questions.slice(0, hitCount(sizes)).filter((q) => q.onTopic).length;
      datasets.push({
        name,
        description: dataset.description,
        files: dataset.files.length,
        bytes: dataset.bytes,
        ...(dataset.sha256 ? { sha256: dataset.sha256 } : {}),
        questions: { latency: sizes.latency, throughput: sizes.throughput, recall: sizes.recall, inFlight: IN_FLIGHT, hybridLatency: sizes.hybridLatency, hybridThroughput: sizes.hybridThroughput, hit: hitQuestions, hitOnTopic: onTopicQuestions, ...(ours.evalQuestions ? { eval: ours.evalQuestions } : {}), ...(ours.evalUnanswerable ? { evalUnanswerable: ours.evalUnanswerable } : {}) },
        ours: ours.figures,
        baseline: baseline.figures,
        hybrid: hybrid.figures,
        ...(postgres ? { postgres: postgres.figures } : {}),
      });
      if (name === 'article') {
        const onTopic = questions.filter((q) => q.onTopic).map((q) => q.text);
        const burstQuestions = Array.from({ length: sizes.burst }, (_, i) => onTopic[i % onTopic.length]!);
        const burstInput = { storeDir: path.join(dir, 'ours-store'), source: dataset.sources[0]!, questions: burstQuestions, cwd: dir, timeoutMs: sizes.stepTimeoutMs };
        step(`shards: ${burstQuestions.length}-question burst, one shard (npm start)`);
        const one = await measureShardBurst({ ...burstInput, shards: 1 });
        step(`shards: ${burstQuestions.length}-question burst, two shards (npm run start:sharded)`);
        const two = await measureShardBurst({ ...burstInput, shards: 2 });
        shards = { one, two };
      }
    }
  } finally {
    if (!options.workDir && !options.profile) rmSync(workDir, { recursive: true, force: true });
  }
  return { smoke: options.smoke, startedAt, totalSeconds: (performance.now() - started) / 1000, machine: machineInfo(), datasets, ...(shards ? { shards } : {}) };
}

interface PreparedDataset {
  description: string;
  /** What ours ingests (runIngest sources). */
  sources: string[];
  /** The raw files the baseline splits. */
  files: string[];
  bytes: number;
  sha256?: string;
  paragraphs: string[];
}

function prepareDataset(name: 'article' | 'library', workDir: string, sizes: Sizes, step: (m: string) => void): PreparedDataset {
  const dir = path.join(workDir, name);
  mkdirSync(dir, { recursive: true });
  if (name === 'article') {
    const file = path.join(repoRoot, BUNDLED_ARTICLE);
    const text = readFileSync(file, 'utf8');
    const sha256 = createHash('sha256').update(text).digest('hex');
    return { description: `bundled article (${BUNDLED_ARTICLE})`, sources: [file], files: [file], bytes: Buffer.byteLength(text), sha256, paragraphs: paragraphsOf(text) };
  }
  step(`building the library corpus (${(sizes.libraryBytes / 1e6).toFixed(2)} MB of documentation prose)`);
  const corpus: LibraryCorpus = buildLibraryCorpus({ outDir: path.join(dir, 'corpus'), targetBytes: sizes.libraryBytes, roots: LIBRARY_ROOTS });
  const files = corpus.files.map((f) => path.join(corpus.dir, f));
  const paragraphs = files.flatMap((f) => paragraphsOf(readFileSync(f, 'utf8')));
  return {
    description: `library: ${corpus.files.length} documents of prose from node_modules docs, licences, /usr/share/doc`,
    sources: [corpus.dir],
    files,
    bytes: corpus.bytes,
    sha256: corpus.sha256,
    paragraphs,
  };
}

/** hit@k is scored on the first this-many timed questions: the same questions for every row. */
function hitCount(sizes: Sizes): number {
  return Math.min(sizes.latency, sizes.hybridLatency);
}

interface MeasureArgs {
  dataset: PreparedDataset;
  dir: string;
  questions: BenchQuestion[];
  questionsFile: string;
  sizes: Sizes;
  nodeFlags: string[];
  step: (m: string) => void;
  evalSets: 'article' | 'library';
  hitScope?: number[];
  reuse: boolean;
}

interface Measured {
  figures: PipelineFigures;
  evalQuestions?: number;
  evalUnanswerable?: number;
  hitScope?: number[];
  /** The ingest's own figures, for a row that shares this index. */
  ingest: { seconds: number; peakRssMB: number; units: number; indexBytes: number };
}

async function measurePipeline(
  args: MeasureArgs & {
    pipeline: PipelineName;
    /** The hybrid row searches the baseline's index: no ingest of its own, the baseline's figures shown. */
    sharedIngest?: Measured;
    databaseUrl?: string;
    /** postgres: how the database's size is read before and after the ingest. */
    databaseBytes?: () => Promise<number>;
  },
): Promise<Measured> {
  const { pipeline, dataset, dir, sizes, nodeFlags, step } = args;
  const storeDir = path.join(dir, `${pipeline === 'hybrid' ? 'baseline' : pipeline}-store`);
  const spawnOptions = { cwd: dir, timeoutMs: sizes.stepTimeoutMs, nodeFlags };
  const db = args.databaseUrl ? { databaseUrl: args.databaseUrl } : {};

  let ingest: Measured['ingest'];
  const savedIngest = `${storeDir}.ingest.json`;
  const saved = args.reuse && !args.databaseUrl && existsSync(savedIngest) ? (JSON.parse(readFileSync(savedIngest, 'utf8')) as { sha256: string; ingest: Measured['ingest'] }) : undefined;
  if (args.sharedIngest) {
    ingest = args.sharedIngest.ingest;
  } else if (saved && saved.sha256 === dataset.sha256 && existsSync(storeDir)) {
    step(`${path.basename(dir)}/${pipeline}: reusing the index built by an earlier run (--reuse), with its ingest figures`);
    ingest = saved.ingest;
  } else {
    rmSync(storeDir, { recursive: true, force: true });
    step(`${path.basename(dir)}/${pipeline}: ingest`);
    const sizeBefore = (await args.databaseBytes?.()) ?? 0;
    const result = await runChildStep<IngestStepResult>(`${pipeline} ingest`, path.join(repoRoot, 'bench/ingest-child.ts'), {
      pipeline: pipeline as IngestStepInput['pipeline'],
      sources: dataset.sources,
      files: dataset.files,
      storeDir,
      workDir: dir,
      ...db,
    } satisfies IngestStepInput, spawnOptions);
    const indexBytes = args.databaseBytes ? (await args.databaseBytes()) - sizeBefore : directoryBytes(storeDir);
    ingest = { seconds: result.seconds, peakRssMB: result.peakRssMB, units: result.units, indexBytes };
    if (!args.databaseUrl) writeFileSync(savedIngest, JSON.stringify({ sha256: dataset.sha256, ingest }));
  }

  // The files rows' cold starts are taken together afterwards, interleaved (coldStarts); postgres' here,
  // while its server runs.
  const coldTimes: number[] = [];
  if (args.databaseUrl) {
    step(`${path.basename(dir)}/${pipeline}: cold start x${sizes.coldRuns}`);
    for (let i = 0; i < sizes.coldRuns; i++) coldTimes.push(await coldStart(pipeline, storeDir, dir, coldQuestion(args.questions), sizes.stepTimeoutMs, args.databaseUrl));
  }

  const latencyQuestions = pipeline === 'hybrid' ? sizes.hybridLatency : sizes.latency;
  const throughputQuestions = pipeline === 'hybrid' ? sizes.hybridThroughput : sizes.throughput;
  step(`${path.basename(dir)}/${pipeline}: ${latencyQuestions} questions, ${throughputQuestions} at ${IN_FLIGHT} in flight, recall over ${sizes.recall}, ${args.evalSets} eval sets`);
  const query = await runChildStep<QueryStepResult>(`${pipeline} questions`, path.join(repoRoot, 'bench/query-child.ts'), {
    pipeline,
    storeDir,
    workDir: dir,
    questionsFile: args.questionsFile,
    warmup: sizes.warmup,
    latencyQuestions,
    throughputQuestions,
    hitQuestions: hitCount(sizes),
    inFlight: IN_FLIGHT,
    recallQueries: sizes.recall,
    evalSets: args.evalSets,
    ...(args.hitScope ? { hitScope: args.hitScope } : {}),
    ...db,
  } satisfies QueryStepInput, spawnOptions);

  return {
    ingest,
    ...(query.evalHits ? { evalQuestions: query.evalHits.questions, evalUnanswerable: query.evalHits.unanswerable } : {}),
    ...(query.hitScope ? { hitScope: query.hitScope } : {}),
    figures: {
      ingestSeconds: ingest.seconds,
      ingestPeakRssMB: ingest.peakRssMB,
      indexBytes: ingest.indexBytes,
      coldStartSeconds: coldTimes.length > 0 ? median(coldTimes) : Number.NaN,
      p50Ms: query.latency.p50Ms,
      p95Ms: query.latency.p95Ms,
      p99Ms: query.latency.p99Ms,
      throughputQps: query.throughputQps,
      recallAt4: query.recall?.recall ?? Number.NaN,
      hit1: query.hits.hit1,
      hit3: query.hits.hit3,
      evalHit1: query.evalHits?.hit1 ?? Number.NaN,
      evalHit3: query.evalHits?.hit3 ?? Number.NaN,
      evalDeclined: query.evalHits?.declined ?? Number.NaN,
      evalWronglyDeclined: query.evalHits?.wronglyDeclined ?? Number.NaN,
      units: ingest.units,
      efSearch: query.recall?.ef ?? Number.NaN,
      answeredOnTopic: query.answeredOnTopic,
      answeredOffTopic: query.answeredOffTopic,
      queryPeakRssMB: query.peakRssMB,
    },
  };
}

/**
 * Ours with STORE=postgres: a PGlite server in its own process on 127.0.0.1 for the row's ingest, cold
 * starts and questions; index size = how much the database grew during the ingest.
 */
async function measurePostgres(args: MeasureArgs, workDir: string): Promise<Measured> {
  args.step(`${path.basename(args.dir)}/postgres: starting PGlite on 127.0.0.1`);
  const server = await startChildServer<{ url: string }>('postgres server', path.join(repoRoot, 'bench/pglite-child.ts'), {
    cwd: workDir,
    timeoutMs: args.sizes.stepTimeoutMs * 3,
    nodeFlags: args.nodeFlags,
  });
  const pool = new pg.Pool({ connectionString: server.info.url, max: 1 });
  try {
    const databaseBytes = async () => Number((await pool.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size')).rows[0]!.size);
    return await measurePipeline({ ...args, pipeline: 'postgres', databaseUrl: server.info.url, databaseBytes });
  } finally {
    await pool.end();
    await server.stop();
  }
}

function coldQuestion(questions: BenchQuestion[]): string {
  return questions.find((q) => q.onTopic)?.text ?? 'What is it about?';
}

/**
 * Cold start of the files rows, interleaved (ours, plain, hybrid, ours, plain, ...) so that a burst of load
 * from outside the bench falls on every row alike and the ratios stay meaningful; median per row.
 */
async function coldStarts(rows: { pipeline: PipelineName; measured: Measured }[], args: MeasureArgs): Promise<void> {
  const { dir, sizes } = args;
  args.step(`${path.basename(dir)}: cold start x${sizes.coldRuns}, ${rows.map((r) => r.pipeline).join(', ')} interleaved`);
  const times = rows.map(() => [] as number[]);
  for (let i = 0; i < sizes.coldRuns; i++) {
    for (const [r, row] of rows.entries()) {
      const storeDir = path.join(dir, `${row.pipeline === 'hybrid' ? 'baseline' : row.pipeline}-store`);
      times[r]!.push(await coldStart(row.pipeline, storeDir, dir, coldQuestion(args.questions), sizes.stepTimeoutMs));
    }
  }
  rows.forEach((row, r) => (row.measured.figures.coldStartSeconds = median(times[r]!)));
}

/** Spawn to exit of a fresh process answering one question from the built index. */
async function coldStart(pipeline: PipelineName, storeDir: string, cwd: string, question: string, timeoutMs: number, databaseUrl?: string): Promise<number> {
  const run =
    pipeline === 'ours' || pipeline === 'postgres'
      ? // The real `ask` command, configured only through its environment, as a user would run it.
        await runTypeScript(path.join(repoRoot, 'src/cli/ask.ts'), [question], {
          cwd,
          timeoutMs,
          env: { STORE_DIR: storeDir, EMBEDDINGS: 'local', LOG_LEVEL: 'warn', ...(databaseUrl ? { STORE: 'postgres', DATABASE_URL: databaseUrl } : {}) },
        })
      : await runTypeScript(path.join(repoRoot, 'bench/baseline-ask.ts'), [...(pipeline === 'hybrid' ? ['--hybrid'] : []), storeDir, question], { cwd, timeoutMs });
  if (run.code !== 0 || run.stdout.trim() === '') {
    throw new Error(`bench step "${pipeline} cold start" failed (exit ${run.code}): ${lastStderrLines(run.stderr)}`);
  }
  return run.seconds;
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += directoryBytes(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cores: os.availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  };
}
