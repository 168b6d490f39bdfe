// Cold start to first answer, ours against plain LangChain, in one run and with the same runner on both
// sides: under tsx (what `npm run ask` and the bench's cold-start row run) and compiled (`npm run build`,
// `node dist/...`: what production runs, as issue 13 asks). Each sample is a fresh process from spawn to
// exit answering one question; its peak RSS is read by a preload that prints process.resourceUsage() at
// exit. Samples alternate between the rows so machine load falls on all of them alike; medians are shown.
//
//   npx tsx scripts/cold-start.ts [--runs 5] [--library <bench --keep dir>/library] [--no-build]
//
// The article row builds both indexes of the bundled article in a temp dir. The library row reuses what
// `npm run bench -- --only library --keep <dir>` built (<dir>/library/{ours-store,baseline-store,questions.json});
// an ours-store published before lexical.bin existed is rebuilt in memory on every start (one log line).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildBaselineStore, saveBaselineStore } from '../bench/baseline-pipeline.js';
import { repoRoot, TSX_LOADER as TSX } from '../bench/child-process.js';
import { runIngest } from '../ingest/run-ingest.js';
import { BUNDLED_ARTICLE, loadConfig } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { silentLogger } from '../src/logger.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, library: { type: 'string' }, 'no-build': { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const work = mkdtempSync(path.join(os.tmpdir(), 'cold-start-'));

// Peak RSS of the child, printed as it exits (after its own output, on stderr).
const preload = path.join(work, 'peak-rss.cjs');
writeFileSync(preload, `if (require('node:worker_threads').isMainThread) process.on('exit', () => process.stderr.write('\\npeak-rss-kb ' + process.resourceUsage().maxRSS + '\\n'));\n`);

interface Sample {
  seconds: number;
  rssMB: number;
}

function runOnce(args: string[], env: Record<string, string>, cwd: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-r', preload, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      // The last line: worker threads run the preload too and report (lower) figures as they end.
      const rss = [...stderr.matchAll(/peak-rss-kb (\d+)/g)].at(-1);
      if (code !== 0 || stdout.trim() === '' || !rss) reject(new Error(`${args.join(' ')} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
      else resolve({ seconds, rssMB: Number(rss[1]) / 1024 });
    });
  });
}

// --- compile: ours with the project's build, the baseline's ask with the same compiler settings ---
const baselineDist = path.join(work, 'dist');
if (!values['no-build']) {
  process.stderr.write('building: npm run build, and the baseline ask with the same settings ...\n');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
}
const tsconfig = path.join(work, 'tsconfig.json');
writeFileSync(
  tsconfig,
  JSON.stringify({
    extends: path.join(repoRoot, 'tsconfig.build.json'),
    compilerOptions: { outDir: baselineDist, rootDir: repoRoot, sourceMap: false, typeRoots: [path.join(repoRoot, 'node_modules/@types')] },
    include: [path.join(repoRoot, 'bench/baseline-ask.ts')],
  }),
);
execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { stdio: 'inherit' });
symlinkSync(path.join(repoRoot, 'node_modules'), path.join(baselineDist, 'node_modules'));
cpSync(path.join(repoRoot, 'data'), path.join(baselineDist, 'data'), { recursive: true });

// --- datasets ---
interface Dataset {
  name: string;
  cwd: string;
  oursStore: string;
  baselineStore: string;
  question: string;
}
const datasets: Dataset[] = [];
{
  const dir = path.join(work, 'article');
  const article = path.join(repoRoot, BUNDLED_ARTICLE);
  const config = loadConfig({ cwd: dir, envFile: false, env: { STORE_DIR: path.join(dir, 'ours-store'), EMBEDDINGS: 'local', SOURCES: article } });
  await runIngest({ config, logger: silentLogger });
  const { store } = await buildBaselineStore([article], new LocalEmbeddings());
  await saveBaselineStore(store, path.join(dir, 'baseline-store'));
  datasets.push({ name: 'article', cwd: dir, oursStore: path.join(dir, 'ours-store'), baselineStore: path.join(dir, 'baseline-store'), question: 'Who is Ron Dermer?' });
}
if (values.library) {
  const dir = path.resolve(values.library);
  const questions = JSON.parse(readFileSync(path.join(dir, 'questions.json'), 'utf8')) as { text: string; onTopic: boolean }[];
  datasets.push({ name: 'library', cwd: dir, oursStore: path.join(dir, 'ours-store'), baselineStore: path.join(dir, 'baseline-store'), question: questions.find((q) => q.onTopic)!.text });
}

// --- rows ---
type Row = { dataset: string; runner: 'tsx' | 'compiled'; pipeline: 'ours' | 'baseline'; samples: Sample[] };
const rows: Row[] = [];
for (const d of datasets) {
  if (!existsSync(path.join(d.oursStore, 'CURRENT')) || !existsSync(d.baselineStore)) throw new Error(`${d.name}: missing ${d.oursStore} or ${d.baselineStore}`);
  const oursEnv = { STORE_DIR: d.oursStore, EMBEDDINGS: 'local', LOG_LEVEL: 'warn' };
  const variants: { row: Row; args: string[]; env: Record<string, string> }[] = [
    { row: { dataset: d.name, runner: 'tsx', pipeline: 'ours', samples: [] }, args: ['--import', TSX, path.join(repoRoot, 'src/cli/ask.ts'), d.question], env: oursEnv },
    { row: { dataset: d.name, runner: 'tsx', pipeline: 'baseline', samples: [] }, args: ['--import', TSX, path.join(repoRoot, 'bench/baseline-ask.ts'), d.baselineStore, d.question], env: {} },
    { row: { dataset: d.name, runner: 'compiled', pipeline: 'ours', samples: [] }, args: [path.join(repoRoot, 'dist/src/cli/ask.js'), d.question], env: oursEnv },
    { row: { dataset: d.name, runner: 'compiled', pipeline: 'baseline', samples: [] }, args: [path.join(baselineDist, 'bench/baseline-ask.js'), d.baselineStore, d.question], env: {} },
  ];
  for (let r = 0; r < runs; r++) {
    for (const v of variants) {
      v.row.samples.push(await runOnce(v.args, v.env, d.cwd));
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  rows.push(...variants.map((v) => v.row));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const target: Record<string, number> = { article: 1.5, library: 2 };
process.stdout.write(`Cold start to first answer (spawn to exit, median of ${runs}), ${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(1)}, Node ${process.version}\n`);
process.stdout.write(`${'dataset'.padEnd(9)}${'runner'.padEnd(10)}${'ours s'.padStart(8)}${'LangChain s'.padStart(13)}${'ratio'.padStart(7)}${'target'.padStart(8)}${'ours MB'.padStart(9)}${'LC MB'.padStart(7)}\n`);
for (const d of datasets) {
  for (const runner of ['tsx', 'compiled'] as const) {
    const ours = rows.find((r) => r.dataset === d.name && r.runner === runner && r.pipeline === 'ours')!;
    const base = rows.find((r) => r.dataset === d.name && r.runner === runner && r.pipeline === 'baseline')!;
    const o = median(ours.samples.map((s) => s.seconds));
    const b = median(base.samples.map((s) => s.seconds));
    const ratio = o / b;
    const met = ratio <= target[d.name]! ? 'met' : 'MISSED';
    process.stdout.write(
      `${d.name.padEnd(9)}${runner.padEnd(10)}${o.toFixed(2).padStart(8)}${b.toFixed(2).padStart(13)}${ratio.toFixed(2).padStart(7)}${`<=${target[d.name]} ${met}`.padStart(14)}${median(ours.samples.map((s) => s.rssMB)).toFixed(0).padStart(9)}${median(base.samples.map((s) => s.rssMB)).toFixed(0).padStart(7)}\n`,
    );
  }
}
rmSync(work, { recursive: true, force: true });
