import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HierarchicalNSW } from 'hnswlib-node';
import { describe, expect, it } from 'vitest';
import { buildLibraryCorpus } from './library-corpus.js';
import { toProseParagraphs } from './prose.js';
import { generateQuestions, type BenchQuestion } from './questions.js';
import { hnswRecallAtK } from './recall.js';
import { BaseRetriever } from '@langchain/core/retrievers';
import { Document as LangChainDocument } from '@langchain/core/documents';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { buildBaselineStore, saveBaselineStore } from './baseline-pipeline.js';
import { evalSetsFor, evidenceRank, hitRates } from './hit-rate.js';
import { fuseRetrievers, loadHybridPipeline } from './hybrid-pipeline.js';
import { DESCRIPTIVE, FIGURES, formatTable, issueTargets, reportProblems } from './report.js';
import type { BenchReport, PipelineFigures } from './run-bench.js';
import { percentile } from './stats.js';
import { repoRoot } from '../test/helpers/run-cli.js';

function wholeReport(value: number): BenchReport {
  const pipeline = Object.fromEntries([...FIGURES, ...DESCRIPTIVE].map((spec) => [spec.key, value])) as unknown as PipelineFigures;
  const burst = (shards: number) => ({ shards, questions: 100, acknowledged: 100, slowestAckMs: 900, p95AckMs: 800, p50AckMs: 300, replied: 100, burstSeconds: 2 });
  return {
    smoke: true,
    startedAt: 'x',
    totalSeconds: 1,
    machine: { cores: 2, cpuModel: 'x', memoryGB: 24, node: process.version, platform: 'linux' },
    datasets: (['article', 'library'] as const).map((name) => ({
      name,
      description: 'd',
      files: 1,
      bytes: 5000,
      questions: { latency: 1, throughput: 1, recall: 1, inFlight: 1, hybridLatency: 1, hybridThroughput: 1, hit: 1, hitOnTopic: 1 },
      ours: { ...pipeline },
      baseline: { ...pipeline },
      hybrid: { ...pipeline },
      ...(name === 'article' ? { postgres: { ...pipeline, recallAt4: Number.NaN, efSearch: Number.NaN } } : { ours: { ...pipeline, evalHit1: 0, evalHit3: 0 } }),
    })),
    shards: { one: burst(1), two: burst(2) },
  };
}

describe('a benchmark report', () => {
  it('is whole only when every row (ours, plain, hybrid, postgres on the article) has every figure, finite, positive and ordered', () => {
    const whole = wholeReport(1);
    // A pipeline that never declines has 0 declined: a figure, not a missing one.
    whole.datasets[0]!.baseline.evalDeclined = 0;
    whole.datasets[0]!.baseline.evalWronglyDeclined = 0;
    // Postgres has no hnswlib recall: not applicable, not missing; people's questions may all miss (0 is a figure).
    expect(reportProblems(whole)).toEqual([]);
    const broken = structuredClone(whole);
    broken.datasets[0]!.baseline.p95Ms = Number.NaN;
    broken.datasets[0]!.ours.p50Ms = 5;
    broken.datasets[0]!.hybrid.hit1 = 0;
    broken.datasets[0]!.postgres!.evalHit1 = Number.NaN;
    broken.datasets[1]!.hybrid.hit3 = 1.5;
    broken.datasets[1]!.baseline.evalHit3 = Number.NaN;
    broken.datasets[1]!.ours.evalWronglyDeclined = Number.NaN;
    expect(reportProblems(broken)).toEqual([
      'article ours: percentiles out of order',
      'article baseline p95Ms: NaN',
      'article baseline: percentiles out of order',
      'article hybrid hit1: 0',
      'article postgres evalHit1: NaN',
      'library ours evalWronglyDeclined: NaN',
      'library baseline evalHit3: NaN',
      'library hybrid hit3 above 1',
    ]);
    const noPostgres = structuredClone(whole);
    delete noPostgres.datasets[0]!.postgres;
    expect(reportProblems(noPostgres)).toEqual(['article: no postgres row']);
    const noShards = structuredClone(whole);
    delete noShards.shards;
    expect(reportProblems(noShards)).toEqual(['shards: not measured']);
    const silentShard = structuredClone(whole);
    silentShard.shards!.two = { ...silentShard.shards!.two, acknowledged: 0, replied: 0 };
    expect(reportProblems(silentShard)).toEqual(['shards 2: no acknowledged, answered burst (0 acked, 0 replied of 100)']);
    expect(reportProblems({ ...whole, datasets: [] })).toEqual(['no dataset was measured']);
  });

  it('prints every figure for every row side by side, with ours against each LangChain row, postgres against files, and the best row', () => {
    const report = wholeReport(2);
    report.datasets[1]!.hybrid.p95Ms = 4;
    report.datasets[1]!.hybrid.hit1 = 0.5;
    report.datasets[1]!.ours.hit1 = 0.9;
    report.datasets[1]!.baseline.hit1 = 0.4;
    const table = formatTable(report);
    for (const spec of FIGURES) expect(table).toContain(spec.label);
    expect(table).toContain('== article');
    expect(table).toContain('== library');
    const rankedRows = table.split('\n').filter((line) => FIGURES.some((spec) => line.trim().startsWith(spec.label)));
    expect(rankedRows).toHaveLength(FIGURES.length * 2);
    for (const row of rankedRows) expect(row).toMatch(/(lower|higher) is better\s+(ours|LC plain|LC hybrid|tie|\S.*=)/);
    const header = table.split('\n').find((l) => l.trim().startsWith('figure') && l.includes('ours on PG'))!;
    expect(header.trim().split(/\s{2,}/)).toEqual(['figure', 'ours', 'LC plain', 'LC hybrid', 'ours on PG', 'ours/plain', 'ours/hybrid', 'PG/files', 'better', 'best', 'target']);
    const libraryP95 = rankedRows.filter((r) => r.trim().startsWith('answer latency p95'))[1]!;
    expect(libraryP95.trim().split(/\s{2,}/).slice(0, 6)).toEqual(['answer latency p95', '2.00 ms', '2.00 ms', '4.00 ms', '1.00x', '0.50x']);
    const libraryHit1 = rankedRows.filter((r) => r.trim().startsWith('hit@1, generated'))[1]!;
    expect(libraryHit1).toMatch(/higher is better\s+ours$/);
    expect(table).toMatch(/== shards.*\n.*\n\s+1\s+100\s+100\s+300 ms\s+800 ms\s+900 ms\s+100/);
    expect(table).toMatch(/library: answer p95 <= LC hybrid p95, with higher hit@1\s+p95 2.00 vs 4.00 ms; hit@1 0.900 vs 0.500\s+met/);
  });

  it("reads the issue's targets off the run: library p95 against the hybrid needs the higher hit@1 too; postgres within 3x; every burst question acknowledged", () => {
    const report = wholeReport(2);
    const target = (text: string) => issueTargets(report).find((t) => t.text.startsWith(text))!;
    expect(target('library: answer p95').met).toBe(false); // equal hit@1 is not higher
    report.datasets[1]!.ours.hit1 = 0.6;
    report.datasets[1]!.hybrid.hit1 = 0.5;
    expect(target('library: answer p95').met).toBe(true);
    report.datasets[1]!.ours.p95Ms = 2.5;
    expect(target('library: answer p95').met).toBe(false);
    report.datasets[0]!.postgres!.p95Ms = 6;
    expect(target('article: STORE=postgres').met).toBe(true);
    report.datasets[0]!.postgres!.p95Ms = 6.2;
    expect(target('article: STORE=postgres').met).toBe(false);
    expect(target('two shards').met).toBe(true);
    report.shards!.two = { ...report.shards!.two, acknowledged: 99, slowestAckMs: Number.POSITIVE_INFINITY };
    expect(target('two shards')).toMatchObject({ met: false, figures: expect.stringContaining('99/100 acked, slowest late (> 3 s)') });
  });
});

describe('hit@1 and hit@3 on generated questions', () => {
  it('count a quote as the source passage when it holds the question\'s source words, whatever the punctuation and case', () => {
    const evidence = 'officers now know that the commander-in-chief of their American';
    expect(evidenceRank(['Something else entirely.', 'Israeli officers now know that the Commander in Chief of their “American” counterparts is compromised.'], evidence)).toBe(2);
    // Whole words only: "officers now known" does not hold "officers now know".
    expect(evidenceRank(['officers now knowing that the commander-in-chief of their Americans'], evidence)).toBeUndefined();
    expect(evidenceRank(['the commander-in-chief of their American'], evidence)).toBeUndefined();
  });

  it("people's question sets: the library's are the library-* files, the article's every other but conversations", () => {
    const files = ['questions.jsonl', 'conversations.jsonl', 'library-on-topic.jsonl', 'dev.jsonl', 'library-off-topic.jsonl', 'squad-dev', 'README.md'];
    expect(evalSetsFor('article', files)).toEqual(['dev.jsonl', 'questions.jsonl']);
    expect(evalSetsFor('library', files)).toEqual(['library-off-topic.jsonl', 'library-on-topic.jsonl']);
  });

  it('score only on-topic questions; a declined or wrong first quote is a miss at 1', () => {
    const questions: BenchQuestion[] = [
      { text: 'q1', onTopic: true, evidence: 'red fox jumps' },
      { text: 'q2', onTopic: true, evidence: 'lazy brown dog' },
      { text: 'q3', onTopic: true, evidence: 'quiet river bank' },
      { text: 'off', onTopic: false },
    ];
    const rates = hitRates(questions, [['The red fox jumps high.', 'x'], ['x', 'y', 'A lazy brown dog.'], [], ['anything']]);
    expect(rates).toEqual({ questions: 3, hit1: 1 / 3, hit3: 2 / 3 });
    expect(hitRates([questions[3]!], [['x']]).hit1).toBeNaN();
  });

  it('are made from a real stretch of one corpus sentence: the chosen words, in order, with the words between', () => {
    const paragraphs = ['The committee approved the new budget after a long debate about school funding and road repairs in the northern district.'];
    for (const q of generateQuestions(paragraphs, 100, 3).filter((x) => x.onTopic)) {
      expect(paragraphs[0]).toContain(q.evidence);
      const first = q.evidence!.split(' ')[0]!.replace(/\W/g, '');
      expect(q.text.toLowerCase()).toContain(first.toLowerCase().slice(0, 3));
    }
  });
});

describe('the LangChain hybrid row (BM25Retriever + HNSWLib, reciprocal-rank fusion)', () => {
  const doc = (id: string) => new LangChainDocument({ pageContent: id });
  const fixed = (ids: string[]) => new FixedRetriever(ids.map(doc));

  it('ranks by the sum of 1/(60 + rank) over both lists: a passage both find beats one that only one ranks first', async () => {
    expect((await fuseRetrievers([fixed(['X', 'Y']), fixed(['Z', 'Y'])])('q')).map((d) => d.pageContent)).toEqual(['Y', 'X', 'Z']);
    // A: 1/61 + 1/62; C: 1/61 + 1/63; B: 1/62; E: 1/63; D: 1/64 -- and four are quoted.
    expect((await fuseRetrievers([fixed(['A', 'B', 'C', 'D']), fixed(['C', 'A', 'E'])])('q')).map((d) => d.pageContent)).toEqual(['A', 'C', 'B', 'E']);
  });

  it("is built over the plain pipeline's saved HNSWLib: BM25 brings up the chunk holding a rare query word", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-hybrid-'));
    const files = ['alpha', 'beta', 'gamma'].map((name, i) => {
      const file = path.join(dir, `${name}.txt`);
      writeFileSync(file, `${name} paragraph about ordinary things number ${i}. ${i === 1 ? 'The zebrafish regrows its fins.' : 'Nothing unusual here.'}`);
      return file;
    });
    const embeddings = new LocalEmbeddings();
    const { store } = await buildBaselineStore(files, embeddings);
    await saveBaselineStore(store, path.join(dir, 'store'));
    const hybrid = await loadHybridPipeline(path.join(dir, 'store'), embeddings);
    const found = await hybrid.answer('zebrafish');
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(4);
    expect(found.map((d) => d.pageContent).join('\n')).toContain('zebrafish regrows');
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

/** A retriever that always returns the same documents, to see the fusion alone. */
class FixedRetriever extends BaseRetriever {
  override lc_namespace = ['bench', 'test'];
  constructor(private readonly docs: LangChainDocument[]) {
    super();
  }
  override async _getRelevantDocuments(): Promise<LangChainDocument[]> {
    return this.docs;
  }
}
