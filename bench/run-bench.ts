// The benchmark run: for each dataset (the bundled article; a ~10 MB library of documentation prose),
// build both pipelines' indexes in child processes, time a cold `ask`, then time questions and measure
// recall in a fresh process that loads each index from disk.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { lastStderrLines, repoRoot, runChildStep, runTypeScript } from './child-process.js';
import type { IngestStepInput, IngestStepResult } from './ingest-child.js';
import { buildLibraryCorpus, type LibraryCorpus } from './library-corpus.js';
import type { QueryStepInput, QueryStepResult } from './query-child.js';
import { generateQuestions, paragraphsOf, type BenchQuestion } from './questions.js';
import { median } from './stats.js';

export type PipelineName = 'ours' | 'baseline';

export interface PipelineFigures {
  ingestSeconds: number;
  ingestPeakRssMB: number;
  indexBytes: number;
  coldStartSeconds: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  throughputQps: number;
  recallAt4: number;
  /** Passages (ours) or chunks (baseline) indexed. */
  units: number;
  /** hnswlib search breadth the loaded index used. */
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
  questions: { latency: number; throughput: number; recall: number; inFlight: number };
  ours: PipelineFigures;
  baseline: PipelineFigures;
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
}

export interface BenchOptions {
  smoke: boolean;
  /** Keep the corpus and indexes here instead of a temp dir that is deleted afterwards. */
  workDir?: string;
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
}

const FULL: Sizes = { libraryBytes: 10_000_000, latency: 1000, throughput: 1000, recall: 300, warmup: 20, coldRuns: 3, stepTimeoutMs: 480_000 };
const SMOKE: Sizes = { libraryBytes: 60_000, latency: 30, throughput: 64, recall: 20, warmup: 3, coldRuns: 1, stepTimeoutMs: 120_000 };
const IN_FLIGHT = 32;
const SEED = 20_240_601;

export const LIBRARY_ROOTS = [path.join(repoRoot, 'node_modules'), '/usr/share/common-licenses', '/usr/share/doc'];

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
  try {
    for (const name of wanted) {
      const dataset = prepareDataset(name, workDir, sizes, step);
      const dir = path.join(workDir, name);
      const questions = generateQuestions(dataset.paragraphs, Math.max(sizes.latency, sizes.throughput, sizes.recall) + sizes.warmup, SEED);
      const questionsFile = path.join(dir, 'questions.json');
      writeFileSync(questionsFile, JSON.stringify(questions));
      const figures = {} as Record<PipelineName, PipelineFigures>;
      for (const pipeline of ['ours', 'baseline'] as const) {
        figures[pipeline] = await measurePipeline({ pipeline, dataset, dir, questions, questionsFile, sizes, nodeFlags, step });
      }
      datasets.push({
        name,
        description: dataset.description,
        files: dataset.files.length,
        bytes: dataset.bytes,
        ...(dataset.sha256 ? { sha256: dataset.sha256 } : {}),
        questions: { latency: sizes.latency, throughput: sizes.throughput, recall: sizes.recall, inFlight: IN_FLIGHT },
        ours: figures.ours,
        baseline: figures.baseline,
      });
    }
  } finally {
    if (!options.workDir && !options.profile) rmSync(workDir, { recursive: true, force: true });
  }
  return { smoke: options.smoke, startedAt, totalSeconds: (performance.now() - started) / 1000, machine: machineInfo(), datasets };
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
    return { description: `bundled article (${BUNDLED_ARTICLE})`, sources: [file], files: [file], bytes: Buffer.byteLength(text), paragraphs: paragraphsOf(text) };
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

async function measurePipeline(args: {
  pipeline: PipelineName;
  dataset: PreparedDataset;
  dir: string;
  questions: BenchQuestion[];
  questionsFile: string;
  sizes: Sizes;
  nodeFlags: string[];
  step: (m: string) => void;
}): Promise<PipelineFigures> {
  const { pipeline, dataset, dir, sizes, nodeFlags, step } = args;
  const storeDir = path.join(dir, `${pipeline}-store`);
  rmSync(storeDir, { recursive: true, force: true });
  const spawnOptions = { cwd: dir, timeoutMs: sizes.stepTimeoutMs, nodeFlags };

  step(`${path.basename(dir)}/${pipeline}: ingest`);
  const ingest = await runChildStep<IngestStepResult>(`${pipeline} ingest`, path.join(repoRoot, 'bench/ingest-child.ts'), {
    pipeline,
    sources: dataset.sources,
    files: dataset.files,
    storeDir,
    workDir: dir,
  } satisfies IngestStepInput, spawnOptions);
  const indexBytes = directoryBytes(storeDir);

  step(`${path.basename(dir)}/${pipeline}: cold start x${sizes.coldRuns}`);
  const onTopic = args.questions.find((q) => q.onTopic)?.text ?? 'What is it about?';
  const coldTimes: number[] = [];
  for (let i = 0; i < sizes.coldRuns; i++) coldTimes.push(await coldStart(pipeline, storeDir, dir, onTopic, sizes.stepTimeoutMs));

  step(`${path.basename(dir)}/${pipeline}: ${sizes.latency} questions, ${sizes.throughput} at ${IN_FLIGHT} in flight, recall over ${sizes.recall}`);
  const query = await runChildStep<QueryStepResult>(`${pipeline} questions`, path.join(repoRoot, 'bench/query-child.ts'), {
    pipeline,
    storeDir,
    workDir: dir,
    questionsFile: args.questionsFile,
    warmup: sizes.warmup,
    latencyQuestions: sizes.latency,
    throughputQuestions: sizes.throughput,
    inFlight: IN_FLIGHT,
    recallQueries: sizes.recall,
  } satisfies QueryStepInput, spawnOptions);

  return {
    ingestSeconds: ingest.seconds,
    ingestPeakRssMB: ingest.peakRssMB,
    indexBytes,
    coldStartSeconds: median(coldTimes),
    p50Ms: query.latency.p50Ms,
    p95Ms: query.latency.p95Ms,
    p99Ms: query.latency.p99Ms,
    throughputQps: query.throughputQps,
    recallAt4: query.recall.recall,
    units: ingest.units,
    efSearch: query.recall.ef,
    answeredOnTopic: query.answeredOnTopic,
    answeredOffTopic: query.answeredOffTopic,
    queryPeakRssMB: query.peakRssMB,
  };
}

/** Spawn to exit of a fresh process answering one question from the built index. */
async function coldStart(pipeline: PipelineName, storeDir: string, cwd: string, question: string, timeoutMs: number): Promise<number> {
  const run =
    pipeline === 'ours'
      ? // The real `ask` command, configured only through its environment, as a user would run it.
        await runTypeScript(path.join(repoRoot, 'src/cli/ask.ts'), [question], {
          cwd,
          timeoutMs,
          env: { STORE_DIR: storeDir, EMBEDDINGS: 'local', LOG_LEVEL: 'warn' },
        })
      : await runTypeScript(path.join(repoRoot, 'bench/baseline-ask.ts'), [storeDir, question], { cwd, timeoutMs });
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

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cores: os.availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  };
}
