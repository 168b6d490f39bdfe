import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HierarchicalNSW } from 'hnswlib-node';
import { describe, expect, it } from 'vitest';
import { buildLibraryCorpus } from './library-corpus.js';
import { toProseParagraphs } from './prose.js';
import { generateQuestions } from './questions.js';
import { hnswRecallAtK } from './recall.js';
import { DESCRIPTIVE, FIGURES, formatTable, reportProblems } from './report.js';
import type { BenchReport } from './run-bench.js';
import { percentile } from './stats.js';
import { repoRoot } from '../test/helpers/run-cli.js';

describe('a benchmark report', () => {
  it('is whole only when every figure of both pipelines on every dataset is finite, positive and ordered', () => {
    const pipeline = Object.fromEntries([...FIGURES, ...DESCRIPTIVE].map((spec) => [spec.key, 1])) as unknown as BenchReport['datasets'][number]['ours'];
    const whole = { datasets: [{ name: 'article', bytes: 5000, ours: { ...pipeline }, baseline: { ...pipeline } }] } as unknown as BenchReport;
    expect(reportProblems(whole)).toEqual([]);
    const broken = structuredClone(whole);
    broken.datasets[0]!.baseline.p95Ms = Number.NaN;
    broken.datasets[0]!.ours.p50Ms = 5;
    expect(reportProblems(broken)).toEqual(['article ours: percentiles out of order', 'article baseline p95Ms: NaN', 'article baseline: percentiles out of order']);
    expect(reportProblems({ ...whole, datasets: [] })).toEqual(['no dataset was measured']);
  });

  it('prints every figure for both pipelines as a table row with a ratio and a winner', () => {
    const pipeline = Object.fromEntries([...FIGURES, ...DESCRIPTIVE].map((spec) => [spec.key, 2])) as unknown as BenchReport['datasets'][number]['ours'];
    const report = {
      smoke: true, startedAt: 'x', totalSeconds: 1, machine: { cores: 2, cpuModel: 'x', memoryGB: 24, node: process.version, platform: 'linux' },
      datasets: ['article', 'library'].map((name) => ({ name, description: 'd', files: 1, bytes: 5000, questions: { latency: 1, throughput: 1, recall: 1, inFlight: 1 }, ours: { ...pipeline }, baseline: { ...pipeline, p95Ms: 4 } })),
    } as unknown as BenchReport;
    const table = formatTable(report);
    for (const spec of FIGURES) expect(table).toContain(spec.label);
    expect(table).toContain('== article');
    expect(table).toContain('== library');
    const rankedRows = table.split('\n').filter((line) => FIGURES.some((spec) => line.trim().startsWith(spec.label)));
    expect(rankedRows).toHaveLength(FIGURES.length * 2);
    for (const row of rankedRows) expect(row).toMatch(/(lower|higher) is better\s+(ours|baseline|tie)/);
  });
});

describe('the benchmark library corpus', () => {
  it('is the same bytes on every build from the same files, and holds prose, not code', () => {
    const docs = mkdtempSync(path.join(tmpdir(), 'bench-docs-'));
    mkdirSync(path.join(docs, 'pkg-b'));
    mkdirSync(path.join(docs, 'pkg-a'));
    writeFileSync(
      path.join(docs, 'pkg-a', 'README.md'),
      [
        '# pkg-a',
        '',
        '[![build](https://example.test/badge.svg)](https://example.test)',
        '',
        'This package reads configuration files from the working directory and merges them with the defaults you pass in.',
        '',
        '```js',
        'const config = load({ cwd: process.cwd() });',
        '```',
        '',
        'Every option can also be set from the command line, which is handy when you run it from a [build script](https://example.test/docs).',
        '',
        '| option | default |',
        '| --- | --- |',
      ].join('\n'),
    );
    writeFileSync(
      path.join(docs, 'pkg-b', 'LICENSE'),
      'Permission is hereby granted, free of charge, to any person obtaining a copy\nof this software, to deal in the Software without restriction.\n\nThe above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n',
    );
    const build = (out: string) => buildLibraryCorpus({ outDir: out, targetBytes: 100_000, roots: [docs], minParagraphWords: 8 });
    const first = build(mkdtempSync(path.join(tmpdir(), 'bench-lib-')));
    const second = build(mkdtempSync(path.join(tmpdir(), 'bench-lib-')));
    expect(second.sha256).toBe(first.sha256);
    expect(first.files).toHaveLength(2);
    // Sorted order: pkg-a before pkg-b.
    expect(first.files[0]).toContain('pkg-a');
    const readme = readFileSync(path.join(first.dir, first.files[0]!), 'utf8');
    expect(readme).toContain('merges them with the defaults you pass in.');
    expect(readme).toContain('from a build script.');
    expect(readme).not.toMatch(/```|const config|https?:|\| option/);
    const licence = readFileSync(path.join(first.dir, first.files[1]!), 'utf8');
    // Hard-wrapped licence lines are joined back into one paragraph.
    expect(licence.split('\n\n')[0]).toBe('Permission is hereby granted, free of charge, to any person obtaining a copy of this software, to deal in the Software without restriction.');
  });

  it('stops at the size asked for', () => {
    const corpus = buildLibraryCorpus({ outDir: mkdtempSync(path.join(tmpdir(), 'bench-lib-')), targetBytes: 30_000, roots: [path.join(repoRoot, 'node_modules')] });
    expect(corpus.bytes).toBeLessThanOrEqual(30_000);
    expect(corpus.bytes).toBeGreaterThan(20_000);
  });

  it('drops paragraphs that are not sentences', () => {
    expect(toProseParagraphs('npm install --save-dev some-package@latest and then run it now please ok')).toEqual([]);
    expect(toProseParagraphs('    if (x) { return y; } else { return z; } // the fallback branch here')).toEqual([]);
  });
});

describe('benchmark questions', () => {
  const paragraphs = [
    'The committee approved the new budget after a long debate about school funding and road repairs.',
    'Researchers measured the river temperature every morning during the summer drought last year.',
  ];

  it('are the same for the same seed and mostly built from the corpus words', () => {
    const a = generateQuestions(paragraphs, 200, 7);
    expect(generateQuestions(paragraphs, 200, 7)).toEqual(a);
    expect(generateQuestions(paragraphs, 200, 8)).not.toEqual(a);
    const offTopic = a.filter((q) => !q.onTopic).length;
    expect(offTopic).toBeGreaterThan(5);
    expect(offTopic).toBeLessThan(50);
    const vocabulary = new Set(paragraphs.join(' ').toLowerCase().match(/[a-z]+/g));
    for (const q of a.filter((x) => x.onTopic)) {
      const words = q.text.toLowerCase().match(/[a-z]{4,}/g) ?? [];
      expect(words.some((w) => vocabulary.has(w) || vocabulary.has(w.replace(/s$/, '')))).toBe(true);
    }
  });
});

describe('recall@4 against exact search', () => {
  const random = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;

  function buildIndex(count: number, dims: number) {
    const next = random(42);
    const index = new HierarchicalNSW('cosine', dims);
    index.initIndex(count, 16, 200);
    for (let i = 0; i < count; i++) index.addPoint(Array.from({ length: dims }, () => next() - 0.5), i);
    const queries = Array.from({ length: 100 }, () => Array.from({ length: dims }, () => next() - 0.5));
    return { index, queries };
  }

  it('is 1 when the search is wide enough and drops when hnswlib keeps its default ef of 10', () => {
    const { index, queries } = buildIndex(3000, 64);
    index.setEf(10);
    const narrow = hnswRecallAtK(index, queries, 4);
    index.setEf(3000);
    const wide = hnswRecallAtK(index, queries, 4);
    expect(wide.recall).toBe(1);
    expect(wide.vectors).toBe(3000);
    expect(narrow.recall).toBeLessThan(0.95);
    expect(narrow.ef).toBe(10);
  });
});

describe('latency percentiles', () => {
  it('are nearest-rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([3], 99)).toBe(3);
  });
});
