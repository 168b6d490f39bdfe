// The evaluation as a table (ours and the baseline side by side) with the misses listed, or as JSON.
import type { EvalReport } from './run-eval.js';

export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  lines.push(`corpus ${report.corpus}, ${report.questions} questions, embedder ${report.embedder}`);
  const header = ['pipeline', 'hit@1', 'hit@3', 'MRR', 'declined (unanswerable)', 'wrongly declined'];
  const rows = report.rows.map((r) => {
    const m = r.metrics;
    return [r.name, m.hit1.toFixed(2), m.hit3.toFixed(2), m.mrr.toFixed(3), `${m.declined}/${m.unanswerable}`, `${m.wronglyDeclined}/${m.answerable}`];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const table = [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)];
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

export function reportJson(report: EvalReport): string {
  return JSON.stringify({
    corpus: report.corpus,
    questions: report.questions,
    embedder: report.embedder,
    rows: report.rows.map((r) => ({ name: r.name, ...r.metrics })),
  });
}
