// Turns a BenchReport into the table people read: per dataset, each figure for ours and the baseline,
// their ratio, which way is better, who wins, and the project's target for that figure.
import type { BenchReport, DatasetReport, PipelineFigures } from './run-bench.js';

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
  { key: 'recallAt4', label: 'recall@4 HNSW vs exact', unit: '', better: 'higher', digits: 3, target: { library: { text: '>= 0.99', met: (v) => v >= 0.99 } } },
];

/** Figures that describe rather than rank (no winner). */
export const DESCRIPTIVE: FigureSpec[] = [
  { key: 'units', label: 'passages (ours) / chunks (baseline)', unit: '', better: 'lower', digits: 0 },
  { key: 'efSearch', label: 'HNSW efSearch at query time', unit: '', better: 'higher', digits: 0 },
  { key: 'answeredOffTopic', label: 'off-topic questions answered', unit: '', better: 'lower', digits: 2 },
];

export function formatValue(spec: FigureSpec, value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const v = value * (spec.scale ?? 1);
  return `${v.toFixed(spec.digits)}${spec.unit ? ` ${spec.unit}` : ''}`;
}

/** ours / baseline, and who is better given which way the figure points (5% either way is a tie). */
export function compare(spec: FigureSpec, ours: number, baseline: number): { ratio: number; winner: 'ours' | 'baseline' | 'tie' } {
  const ratio = ours / baseline;
  if (!Number.isFinite(ratio)) return { ratio, winner: ours === baseline ? 'tie' : spec.better === 'lower' ? (ours < baseline ? 'ours' : 'baseline') : ours > baseline ? 'ours' : 'baseline' };
  if (Math.abs(ratio - 1) <= 0.05) return { ratio, winner: 'tie' };
  const oursBetter = spec.better === 'lower' ? ratio < 1 : ratio > 1;
  return { ratio, winner: oursBetter ? 'ours' : 'baseline' };
}

export function formatTable(report: BenchReport): string {
  const lines: string[] = [];
  const m = report.machine;
  lines.push(`Benchmark${report.smoke ? ' (smoke: tiny corpus, few questions; figures are not meaningful)' : ''}, ${report.startedAt}, ${report.totalSeconds.toFixed(0)} s`);
  lines.push(`Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGB} GB memory, Node ${m.node}, ${m.platform}`);
  for (const d of report.datasets) {
    lines.push('');
    lines.push(`== ${d.name}: ${d.description}; ${(d.bytes / 1e6).toFixed(2)} MB in ${d.files} file(s)${d.sha256 ? `, sha256 ${d.sha256.slice(0, 12)}` : ''}`);
    lines.push(`   questions: ${d.questions.latency} timed one at a time, ${d.questions.throughput} at ${d.questions.inFlight} in flight, ${d.questions.recall} for recall`);
    const rows: string[][] = [['figure', 'ours', 'baseline', 'ours/baseline', 'better', 'winner', 'target']];
    for (const spec of FIGURES) {
      const ours = d.ours[spec.key];
      const baseline = d.baseline[spec.key];
      const { ratio, winner } = compare(spec, ours, baseline);
      const target = spec.target?.[d.name];
      rows.push([
        spec.label,
        formatValue(spec, ours),
        formatValue(spec, baseline),
        Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a',
        `${spec.better} is better`,
        winner,
        target ? `${target.text} ${target.met(ours) ? 'met' : 'MISSED'}` : '',
      ]);
    }
    for (const spec of DESCRIPTIVE) {
      rows.push([spec.label, formatValue(spec, d.ours[spec.key]), formatValue(spec, d.baseline[spec.key]), '', '', '', '']);
    }
    lines.push(...alignRows(rows).map((r) => `   ${r}`));
  }
  return lines.join('\n');
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
 * Checks that a report carries every figure, finite and positive, for both pipelines on every dataset, and
 * that the percentiles are ordered. Returns one line per problem; empty when the report is whole.
 * `npm run bench -- --smoke` exits non-zero when this finds anything, which is what CI relies on.
 */
export function reportProblems(report: BenchReport): string[] {
  const problems: string[] = [];
  if (report.datasets.length === 0) problems.push('no dataset was measured');
  for (const dataset of report.datasets) {
    if (!(dataset.bytes > 1000)) problems.push(`${dataset.name}: corpus of ${dataset.bytes} bytes`);
    for (const [name, pipeline] of [['ours', dataset.ours], ['baseline', dataset.baseline]] as const) {
      for (const spec of [...FIGURES, ...DESCRIPTIVE].filter((s) => s.key !== 'answeredOffTopic')) {
        const value = pipeline[spec.key];
        if (!Number.isFinite(value) || !(value > 0)) problems.push(`${dataset.name} ${name} ${spec.key}: ${value}`);
      }
      if (pipeline.recallAt4 > 1) problems.push(`${dataset.name} ${name} recall@4 above 1`);
      if (!(pipeline.p50Ms <= pipeline.p95Ms && pipeline.p95Ms <= pipeline.p99Ms)) problems.push(`${dataset.name} ${name}: percentiles out of order`);
    }
  }
  return problems;
}
