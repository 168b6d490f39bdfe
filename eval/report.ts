// The evaluation as tables (ours, the LangChain baseline and the BM25 reference side by side) with the
// misses listed, or as JSON. A folder run prints one table per article and the micro-averaged totals.
import type { CurvePoint } from './curve.js';
import { rightCalls } from './gates.js';
import type { EvalReport, EvalRow, FolderReport } from './run-eval.js';

/** Rows as an aligned table: hit@1, hit@3, MRR, unanswerable declined x/y, answerable wrongly declined x/y. */
export function formatTable(rowsIn: EvalRow[]): string[] {
  const header = ['pipeline', 'hit@1', 'hit@3', 'MRR', 'declined (unanswerable)', 'wrongly declined'];
  const rows = rowsIn.map((r) => {
    const m = r.metrics;
    return [r.name, m.hit1.toFixed(2), m.hit3.toFixed(2), m.mrr.toFixed(3), `${m.declined}/${m.unanswerable}`, `${m.wronglyDeclined}/${m.answerable}`];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)];
}

/** One article's report: the table, then every row's misses, then the table again (the last lines of a long run show the figures). */
export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  lines.push(`corpus ${report.corpus}, ${report.questions} questions, embedder ${report.embedder}`);
  const table = formatTable(report.rows);
  lines.push(...table);
  for (const row of report.rows) {
    if (row.metrics.misses.length === 0) continue;
    lines.push('', `misses (${row.name}):`);
    for (const miss of row.metrics.misses) {
      const what = miss.answerable
        ? miss.declined
          ? 'declined'
          : miss.rank
            ? `expected passage at rank ${miss.rank}`
            : 'expected passage not quoted'
        : 'answered instead of declining';
      const quoted = miss.quoted ? `; quoted first: "${miss.quoted.replace(/\s+/g, ' ')}${miss.quoted.length >= 160 ? '…' : ''}"` : '';
      lines.push(`  ${miss.id} ${miss.question} -> ${what}${quoted}`);
    }
  }
  // The figures again at the end, where a reader of a long run (or of its last lines) looks first.
  if (report.rows.some((r) => r.metrics.misses.length > 0)) lines.push('', ...table);
  return lines.join('\n');
}

/** One article's report as one JSON object: corpus, questions, embedder, rows [{name, hit1, hit3, mrr, declined, ..., misses}]. */
export function reportJson(report: EvalReport): string {
  return JSON.stringify(articleJson(report));
}

function articleJson(report: EvalReport) {
  return {
    corpus: report.corpus,
    questions: report.questions,
    embedder: report.embedder,
    rows: report.rows.map((r) => ({ name: r.name, ...r.metrics })),
  };
}

/** A folder run: one table per article (no misses: there are hundreds), then the micro-averaged totals. */
export function formatFolderReport(report: FolderReport): string {
  const lines: string[] = [];
  for (const article of report.articles) {
    lines.push(`${article.corpus} (${article.questions} questions)`, ...formatTable(article.rows), '');
  }
  const questions = report.articles.reduce((n, a) => n + a.questions, 0);
  lines.push(`TOTAL, micro-averaged: ${report.articles.length} articles of ${report.dir}, ${questions} questions, embedder ${report.embedder}, ${report.seconds.toFixed(0)} s`);
  lines.push(...formatTable(report.totals));
  return lines.join('\n');
}

/** A folder run as one JSON object: {dir, embedder, seconds, articles: [per-article report], totals: [rows]}. */
export function folderJson(report: FolderReport): string {
  return JSON.stringify({
    dir: report.dir,
    embedder: report.embedder,
    seconds: Number(report.seconds.toFixed(1)),
    articles: report.articles.map(articleJson),
    totals: report.totals.map((r) => ({ name: r.name, ...r.metrics })),
  });
}

/** A threshold curve of our row as a table: per threshold hit@1, hit@3, unanswerable declined, answerable wrongly declined, right calls. */
export function formatCurve(curve: { name: string; points: CurvePoint[] }): string {
  const first = curve.points[0]?.metrics;
  const lines = [`decline threshold curve (ours), ${curve.name}: ${first ? first.answerable + first.unanswerable : 0} questions`];
  const header = ['threshold', 'hit@1', 'hit@3', 'declined (unanswerable)', 'wrongly declined', 'right calls'];
  const rows = curve.points.map(({ threshold, metrics: m }) => [
    String(threshold),
    m.hit1.toFixed(3),
    m.hit3.toFixed(3),
    `${m.declined}/${m.unanswerable}`,
    `${m.wronglyDeclined}/${m.answerable}`,
    `${rightCalls(m)}/${m.answerable + m.unanswerable}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  lines.push(fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt));
  return lines.join('\n');
}

/** Curves as one JSON object: {curves: [{name, points: [{threshold, hit1, hit3, declined, wronglyDeclined, ...}]}]} (misses left out). */
export function curveJson(curves: { name: string; points: CurvePoint[] }[]): string {
  return JSON.stringify({
    curves: curves.map((c) => ({ name: c.name, points: c.points.map(({ threshold, metrics: { misses: _misses, ...m } }) => ({ threshold, ...m, rightCalls: rightCalls({ ...m, misses: [] }) })) })),
  });
}
