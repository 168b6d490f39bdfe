// Turns a BenchReport into the table people read: per dataset, each figure for every row (ours, plain
// LangChain, the LangChain hybrid, ours on Postgres), ours' ratio to each LangChain row and Postgres' to
// files, which way is better, which row wins, and the project's target; then the shard burst and the
// issue-13 targets, each read off figures of this one run.
import type { BenchReport, DatasetReport, PipelineFigures, PipelineName, ShardReport } from './run-bench.js';

export interface FigureSpec {
  key: keyof PipelineFigures;
  label: string;
  unit: string;
  better: 'lower' | 'higher';
  digits: number;
  scale?: number;
  /** Target per dataset, as a predicate on our value plus its text. */
  target?: Partial<Record<DatasetReport['name'], { text: string; met: (v: number) => boolean }>>;
}

export const FIGURES: FigureSpec[] = [
  {
    key: 'ingestSeconds',
    label: 'ingest wall time',
    unit: 's',
    better: 'lower',
    digits: 2,
    target: { article: { text: '< 1 s', met: (v) => v < 1 }, library: { text: '< 60 s', met: (v) => v < 60 } },
  },
  { key: 'ingestPeakRssMB', label: 'ingest peak RSS', unit: 'MB', better: 'lower', digits: 0, target: { library: { text: '< 1024 MB', met: (v) => v < 1024 } } },
  { key: 'indexBytes', label: 'index size on disk', unit: 'MB', better: 'lower', digits: 2, scale: 1 / 1e6 },
  { key: 'coldStartSeconds', label: 'cold start to first answer', unit: 's', better: 'lower', digits: 2, target: { article: { text: '< 2 s', met: (v) => v < 2 } } },
  { key: 'p50Ms', label: 'answer latency p50', unit: 'ms', better: 'lower', digits: 2 },
  {
    key: 'p95Ms',
    label: 'answer latency p95',
    unit: 'ms',
    better: 'lower',
    digits: 2,
    target: { article: { text: '< 5 ms', met: (v) => v < 5 }, library: { text: '< 25 ms', met: (v) => v < 25 } },
  },
  { key: 'p99Ms', label: 'answer latency p99', unit: 'ms', better: 'lower', digits: 2 },
  { key: 'throughputQps', label: 'throughput, 32 in flight', unit: 'q/s', better: 'higher', digits: 0 },
  { key: 'queryPeakRssMB', label: 'answering process peak RSS', unit: 'MB', better: 'lower', digits: 0 },
  { key: 'hit1', label: 'hit@1, generated questions', unit: '', better: 'higher', digits: 3 },
  { key: 'hit3', label: 'hit@3, generated questions', unit: '', better: 'higher', digits: 3 },
  { key: 'evalHit1', label: 'hit@1, eval sets', unit: '', better: 'higher', digits: 3 },
  { key: 'evalHit3', label: 'hit@3, eval sets', unit: '', better: 'higher', digits: 3 },
  { key: 'recallAt4', label: 'recall@4 HNSW vs exact', unit: '', better: 'higher', digits: 3, target: { library: { text: '>= 0.99', met: (v) => v >= 0.99 } } },
];

/** Figures a row may lack by its nature (NaN), not by a failure: pgvector is not hnswlib. */
function notApplicable(_dataset: DatasetReport['name'], pipeline: PipelineName, key: keyof PipelineFigures): boolean {
  if ((key === 'recallAt4' || key === 'efSearch') && pipeline === 'postgres') return true;
  return false;
}

/** The rows of a dataset that were measured, in table order, with their column names. */
function rowsOf(d: DatasetReport): { name: PipelineName; column: string; figures: PipelineFigures }[] {
  const rows: { name: PipelineName; column: string; figures: PipelineFigures }[] = [
    { name: 'ours', column: 'ours', figures: d.ours },
    { name: 'baseline', column: 'LC plain', figures: d.baseline },
    { name: 'hybrid', column: 'LC hybrid', figures: d.hybrid },
  ];
  if (d.postgres) rows.push({ name: 'postgres', column: 'ours on PG', figures: d.postgres });
  return rows;
}

/** Figures that describe rather than rank (no winner). */
export const DESCRIPTIVE: FigureSpec[] = [
  { key: 'units', label: 'passages (ours) / chunks (LangChain)', unit: '', better: 'lower', digits: 0 },
  { key: 'efSearch', label: 'HNSW efSearch at query time', unit: '', better: 'higher', digits: 0 },
  { key: 'answeredOffTopic', label: 'off-topic questions answered', unit: '', better: 'lower', digits: 2 },
  { key: 'evalDeclined', label: 'eval sets: unanswerable declined', unit: '', better: 'higher', digits: 3 },
  { key: 'evalWronglyDeclined', label: 'eval sets: answerable declined', unit: '', better: 'lower', digits: 3 },
];

function formatValue(spec: FigureSpec, value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const v = value * (spec.scale ?? 1);
  return `${v.toFixed(spec.digits)}${spec.unit ? ` ${spec.unit}` : ''}`;
}

/** Which of ours, plain and hybrid is best on a figure (within 5% of the best counts as a tie). */
function bestOf(spec: FigureSpec, values: { column: string; value: number }[]): string {
  const finite = values.filter((v) => Number.isFinite(v.value));
  if (finite.length < 2) return '';
  const best = spec.better === 'lower' ? Math.min(...finite.map((v) => v.value)) : Math.max(...finite.map((v) => v.value));
  const close = finite.filter((v) => (best === 0 ? v.value === 0 : Math.abs(v.value / best - 1) <= 0.05));
  return close.length === finite.length ? 'tie' : close.map((v) => v.column).join(' = ');
}

function ratioText(a: number, b: number): string {
  const ratio = a / b;
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a';
}

export function formatTable(report: BenchReport): string {
  const lines: string[] = [];
  const m = report.machine;
  lines.push(`Benchmark${report.smoke ? ' (smoke: tiny corpus, few questions; figures are not meaningful)' : ''}, ${report.startedAt}, ${report.totalSeconds.toFixed(0)} s`);
  lines.push(`Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGB} GB memory, Node ${m.node}, ${m.platform}`);
  for (const d of report.datasets) {
    lines.push('');
    lines.push(`== ${d.name}: ${d.description}; ${(d.bytes / 1e6).toFixed(2)} MB in ${d.files} file(s)${d.sha256 ? `, sha256 ${d.sha256.slice(0, 12)}` : ''}`);
    const q = d.questions;
    lines.push(`   questions: ${q.latency} timed one at a time (LC hybrid ${q.hybridLatency}), ${q.throughput} at ${q.inFlight} in flight (LC hybrid ${q.hybridThroughput}), ${q.recall} for recall`);
    lines.push(`   hit@k: the same ${q.hit} generated questions for every row (${q.hitOnTopic - q.hit} of the ${q.hitOnTopic} on-topic ones made from page clutter ours does not index left out); a hit: one of the first k quotes holds the words the question was made from`);
    if (q.eval) {
      const sets = d.name === 'library' ? 'eval/sets/library-*.jsonl, written over the library as built on the machine that wrote them' : 'eval/sets about the article (conversations excepted)';
      lines.push(`   eval sets: ${q.eval} answerable and ${q.evalUnanswerable ?? 0} unanswerable questions of ${sets}, scored as npm run eval does`);
    }
    lines.push('   LC hybrid = LangChain BM25Retriever + the LC plain HNSWLib, fused by EnsembleRetriever (RRF, c=60), top 4; it searches the LC plain index (same ingest figures)');
    const measured = rowsOf(d);
    const pg = d.postgres !== undefined;
    const rows: string[][] = [['figure', ...measured.map((r) => r.column), 'ours/plain', 'ours/hybrid', ...(pg ? ['PG/files'] : []), 'better', 'best', 'target']];
    for (const spec of FIGURES) {
      const ours = d.ours[spec.key];
      const target = spec.target?.[d.name];
      rows.push([
        spec.label,
        ...measured.map((r) => formatValue(spec, r.figures[spec.key])),
        ratioText(ours, d.baseline[spec.key]),
        ratioText(ours, d.hybrid[spec.key]),
        ...(pg ? [ratioText(d.postgres![spec.key], ours)] : []),
        `${spec.better} is better`,
        bestOf(spec, measured.filter((r) => r.name !== 'postgres').map((r) => ({ column: r.column, value: r.figures[spec.key] }))),
        target ? `${target.text} ${target.met(ours) ? 'met' : 'MISSED'}` : '',
      ]);
    }
    for (const spec of DESCRIPTIVE) {
      rows.push([spec.label, ...measured.map((r) => formatValue(spec, r.figures[spec.key])), '', '', ...(pg ? [''] : []), '', '', '']);
    }
    lines.push(...alignRows(rows).map((r) => `   ${r}`));
  }
  if (report.shards) lines.push('', ...formatShards(report.shards));
  const targets = issueTargets(report);
  if (targets.length > 0) {
    lines.push('', '== targets (issue 13), ratios within this run');
    lines.push(...alignRows(targets.map((t) => [t.text, t.figures, t.met ? 'met' : 'MISSED'])).map((r) => `   ${r}`));
  }
  return lines.join('\n');
}

function ms(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(0)} ms` : 'late (> 3 s)';
}

function formatShards(shards: ShardReport): string[] {
  const rows = [['shards', 'questions', 'acked < 3 s', 'ack p50', 'ack p95', 'slowest ack', 'replied', 'burst wall time']];
  for (const r of [shards.one, shards.two]) {
    rows.push([String(r.shards), String(r.questions), String(r.acknowledged), ms(r.p50AckMs), ms(r.p95AckMs), ms(r.slowestAckMs), String(r.replied), `${r.burstSeconds.toFixed(2)} s`]);
  }
  return [
    `== shards: one burst of ${shards.two.questions} /ask over two guilds, Discord emulator on 127.0.0.1; 1 = npm start, 2 = npm run start:sharded (DISCORD_SHARDS=2)`,
    ...alignRows(rows).map((r) => `   ${r}`),
  ];
}

export interface TargetLine {
  text: string;
  figures: string;
  met: boolean;
}

/** The issue's targets that this run's figures decide, each with the figures it was read from. */
export function issueTargets(report: BenchReport): TargetLine[] {
  const out: TargetLine[] = [];
  const article = report.datasets.find((d) => d.name === 'article');
  const library = report.datasets.find((d) => d.name === 'library');
  for (const [d, limit] of [[article, 1.5], [library, 2]] as const) {
    if (!d) continue;
    const ratio = d.ours.coldStartSeconds / d.baseline.coldStartSeconds;
    out.push({ text: `${d.name}: cold start <= ${limit}x LC plain`, figures: `${d.ours.coldStartSeconds.toFixed(2)} s vs ${d.baseline.coldStartSeconds.toFixed(2)} s = ${ratio.toFixed(2)}x`, met: ratio <= limit });
  }
  if (library) {
    const o = library.ours;
    const h = library.hybrid;
    out.push({
      text: 'library: answer p95 <= LC hybrid p95, with higher hit@1',
      figures: `p95 ${o.p95Ms.toFixed(2)} vs ${h.p95Ms.toFixed(2)} ms; hit@1 ${o.hit1.toFixed(3)} vs ${h.hit1.toFixed(3)}`,
      met: o.p95Ms <= h.p95Ms && o.hit1 > h.hit1,
    });
  }
  if (article?.postgres) {
    const ratio = article.postgres.p95Ms / article.ours.p95Ms;
    out.push({ text: 'article: STORE=postgres (PGlite) p95 within 3x of files', figures: `${article.postgres.p95Ms.toFixed(2)} vs ${article.ours.p95Ms.toFixed(2)} ms = ${ratio.toFixed(2)}x`, met: ratio <= 3 });
  }
  if (report.shards) {
    const two = report.shards.two;
    out.push({
      text: `two shards: every question of the ${two.questions}-question burst acknowledged within 3 s`,
      figures: `${two.acknowledged}/${two.questions} acked, slowest ${ms(two.slowestAckMs)} (one shard: ${ms(report.shards.one.slowestAckMs)}), ${two.replied} replied`,
      met: two.acknowledged === two.questions && two.replied === two.questions,
    });
  }
  return out;
}

function alignRows(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * Checks that a report carries every figure, finite and positive, for every row on every dataset (the
 * postgres row and the shard burst whenever the article was measured; figures a row cannot have by its
 * nature excepted, see notApplicable), shares at most 1, and ordered percentiles. Returns one line per problem; empty when the report is whole.
 * `npm run bench -- --smoke` exits non-zero when this finds anything, which is what CI relies on.
 */
export function reportProblems(report: BenchReport): string[] {
  const problems: string[] = [];
  if (report.datasets.length === 0) problems.push('no dataset was measured');
  for (const dataset of report.datasets) {
    if (!(dataset.bytes > 1000)) problems.push(`${dataset.name}: corpus of ${dataset.bytes} bytes`);
    if (dataset.name === 'article' && !dataset.postgres) problems.push('article: no postgres row');
    for (const row of rowsOf(dataset)) {
      const pipeline = row.figures;
      if (!pipeline) {
        problems.push(`${dataset.name} ${row.name}: not measured`);
        continue;
      }
      // Declines are shares that are 0 for a pipeline that never declines: not positive, still a figure.
      const shares = new Set<keyof PipelineFigures>(['answeredOffTopic', 'evalDeclined', 'evalWronglyDeclined']);
      for (const key of shares) {
        if (!Number.isFinite(pipeline[key]) && !(key === 'evalDeclined' && !(dataset.questions.evalUnanswerable ?? 0))) problems.push(`${dataset.name} ${row.name} ${key}: ${pipeline[key]}`);
      }
      for (const spec of [...FIGURES, ...DESCRIPTIVE].filter((s) => !shares.has(s.key))) {
        if (notApplicable(dataset.name, row.name, spec.key)) continue;
        const value = pipeline[spec.key];
        // People's questions may all miss on the smoke run's tiny slice of the library: 0 is a figure there.
        const mayBeZero = spec.key === 'evalHit1' || spec.key === 'evalHit3';
        if (!Number.isFinite(value) || !(mayBeZero ? value >= 0 : value > 0)) problems.push(`${dataset.name} ${row.name} ${spec.key}: ${value}`);
      }
      for (const key of ['recallAt4', 'hit1', 'hit3', 'evalHit1', 'evalHit3'] as const) {
        if (pipeline[key] > 1) problems.push(`${dataset.name} ${row.name} ${key} above 1`);
      }
      if (!(pipeline.p50Ms <= pipeline.p95Ms && pipeline.p95Ms <= pipeline.p99Ms)) problems.push(`${dataset.name} ${row.name}: percentiles out of order`);
    }
  }
  if (report.datasets.some((d) => d.name === 'article')) {
    if (!report.shards) problems.push('shards: not measured');
    else {
      for (const r of [report.shards.one, report.shards.two]) {
        if (!(r.questions > 0 && r.acknowledged > 0 && r.replied > 0 && r.p50AckMs > 0)) problems.push(`shards ${r.shards}: no acknowledged, answered burst (${r.acknowledged} acked, ${r.replied} replied of ${r.questions})`);
      }
    }
  }
  return problems;
}
