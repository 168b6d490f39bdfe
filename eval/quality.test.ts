import { describe, expect, it } from 'vitest';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { parseQuestions, readQuestions } from './questions.js';
import { normalizeForMatch, scoreQuestion, summarize } from './score.js';
import { runEval } from './run-eval.js';
import { repoRoot, runCli } from '../test/helpers/run-cli.js';

const DEV = 'eval/sets/dev.jsonl';
const OWN = 'eval/sets/questions.jsonl';
const VALIDATION = 'eval/sets/validation.jsonl';
const HOLDOUT = 'eval/sets/holdout.jsonl';
const HOLDOUT2 = 'eval/sets/holdout2.jsonl';

describe('scoring', () => {
  it('finds the rank of the first passage holding an expected phrase, ignoring case, quote style and spacing', () => {
    const q = { id: 'x', question: 'q', answerable: true, expect: ["isn't about to end"] };
    const result = scoreQuestion(q, { declined: false, passages: ['nothing here', 'It ISN’T  about\nto end.'] });
    expect(result.rank).toBe(2);
    expect(normalizeForMatch('“A”  ‘b’')).toBe('"a" \'b\'');
  });

  it('counts an unanswerable question correct only when the answer declines and quotes nothing', () => {
    const q = { id: 'u', question: 'q', answerable: false, expect: [] };
    expect(scoreQuestion(q, { declined: true, passages: [] }).correct).toBe(true);
    expect(scoreQuestion(q, { declined: false, passages: ['text'] }).correct).toBe(false);
  });

  it('computes hit@1, hit@3, MRR and decline counts', () => {
    const a = (id: string) => ({ id, question: id, answerable: true, expect: ['yes'] });
    const results = [
      scoreQuestion(a('1'), { declined: false, passages: ['yes'] }),
      scoreQuestion(a('2'), { declined: false, passages: ['no', 'no', 'yes'] }),
      scoreQuestion(a('3'), { declined: true, passages: [] }),
      scoreQuestion({ id: 'u', question: 'u', answerable: false, expect: [] }, { declined: true, passages: [] }),
    ];
    const m = summarize(results);
    expect(m.hit1).toBeCloseTo(1 / 3);
    expect(m.hit3).toBeCloseTo(2 / 3);
    expect(m.mrr).toBeCloseTo((1 + 1 / 3) / 3);
    expect(m.declined).toBe(1);
    expect(m.wronglyDeclined).toBe(1);
    expect(m.misses.map((r) => r.id)).toEqual(['2', '3']);
  });

  it('rejects a malformed question file with the line number', () => {
    expect(() => parseQuestions('{"id":"a","question":"q","answerable":true,"expect":[]}', 'f.jsonl')).toThrow(/f\.jsonl line 1/);
    expect(() => parseQuestions('not json', 'f.jsonl')).toThrow(/line 1 is not JSON/);
  });
});

// Pinned at the figures reached (local embedder, bundled article): a regression fails here.
describe('quality on the question sets', () => {
  it('dev set: hit@1 >= 0.94, hit@3 >= 0.94, all unanswerable declined, none answerable declined, well above the baseline', async () => {
    const report = await runEval({ corpus: BUNDLED_ARTICLE, cwd: repoRoot, questions: readQuestions(`${repoRoot}/${DEV}`) });
    const [ours, baseline] = report.rows;
    expect(ours!.metrics.hit1).toBeGreaterThanOrEqual(0.94);
    expect(ours!.metrics.hit3).toBeGreaterThanOrEqual(0.94);
    expect(ours!.metrics.declined).toBe(ours!.metrics.unanswerable);
    expect(ours!.metrics.wronglyDeclined).toBe(0);
    expect(ours!.metrics.mrr).toBeGreaterThan(baseline!.metrics.mrr + 0.15);
  });

  it('own paraphrase set: hit@1 >= 0.78 (36/46), hit@3 >= 0.95 (44/46), >= 14/16 look-alikes declined, no answerable declined', async () => {
    const report = await runEval({ corpus: BUNDLED_ARTICLE, cwd: repoRoot, questions: readQuestions(`${repoRoot}/${OWN}`), baseline: false });
    const m = report.rows[0]!.metrics;
    expect(m.answerable).toBeGreaterThanOrEqual(40);
    expect(m.unanswerable).toBeGreaterThanOrEqual(15);
    expect(m.hit1).toBeGreaterThanOrEqual(36 / 46);
    expect(m.hit3).toBeGreaterThanOrEqual(44 / 46);
    expect(m.declined).toBeGreaterThanOrEqual(14);
    expect(m.wronglyDeclined).toBe(0);
  });

  // Written before tuning and never tuned on: checks that what helps own+dev generalises.
  it('validation set: hit@1 >= 0.97, hit@3 = 1, no answerable declined, >= 3/9 look-alikes declined', async () => {
    const report = await runEval({ corpus: BUNDLED_ARTICLE, cwd: repoRoot, questions: readQuestions(`${repoRoot}/${VALIDATION}`), baseline: false });
    const m = report.rows[0]!.metrics;
    expect(m.answerable).toBeGreaterThanOrEqual(30);
    expect(m.unanswerable).toBeGreaterThanOrEqual(8);
    expect(m.hit1).toBeGreaterThanOrEqual(31 / 32);
    expect(m.hit3).toBe(1);
    expect(m.wronglyDeclined).toBe(0);
    expect(m.declined).toBeGreaterThanOrEqual(3);
  });

  // Written before the last tuning round; only its totals were ever looked at.
  it('holdout set: hit@1 >= 0.69 (16/23), hit@3 >= 0.91 (21/23), no answerable declined, >= 5/7 look-alikes declined', async () => {
    const report = await runEval({ corpus: BUNDLED_ARTICLE, cwd: repoRoot, questions: readQuestions(`${repoRoot}/${HOLDOUT}`), baseline: false });
    const m = report.rows[0]!.metrics;
    expect(m.answerable).toBeGreaterThanOrEqual(20);
    expect(m.unanswerable).toBeGreaterThanOrEqual(6);
    expect(m.hit1).toBeGreaterThanOrEqual(16 / 23);
    expect(m.hit3).toBeGreaterThanOrEqual(21 / 23);
    expect(m.wronglyDeclined).toBe(0);
    expect(m.declined).toBeGreaterThanOrEqual(5);
  });

  // Written before the final ranking round; only its totals were ever looked at.
  it('second holdout set: hit@1 >= 0.65 (15/23), hit@3 >= 0.91 (21/23), no answerable declined, >= 3/5 look-alikes declined', async () => {
    const report = await runEval({ corpus: BUNDLED_ARTICLE, cwd: repoRoot, questions: readQuestions(`${repoRoot}/${HOLDOUT2}`), baseline: false });
    const m = report.rows[0]!.metrics;
    expect(m.answerable).toBe(23);
    expect(m.unanswerable).toBe(5);
    expect(m.hit1).toBeGreaterThanOrEqual(15 / 23);
    expect(m.hit3).toBeGreaterThanOrEqual(21 / 23);
    expect(m.wronglyDeclined).toBe(0);
    expect(m.declined).toBeGreaterThanOrEqual(3);
  });

  // Questions on subjects the article has nothing to do with, sharing none of its names: a user asking
  // one must get "not covered", not the closest passage.
  it('off-topic questions: >= 9/15 declined', async () => {
    const report = await runEval({ corpus: BUNDLED_ARTICLE, cwd: repoRoot, questions: readQuestions(`${repoRoot}/eval/sets/off-topic.jsonl`), baseline: false });
    const m = report.rows[0]!.metrics;
    expect(m.unanswerable).toBe(15);
    expect(m.declined).toBeGreaterThanOrEqual(9);
  });
});

describe('npm run eval', () => {
  it('prints our row, the LangChain baseline row and the BM25 reference row side by side, with the misses', async () => {
    const result = await runCli('eval/cli.ts', ['--file', DEV], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ours\s+\d\.\d\d\s+\d\.\d\d/m);
    expect(result.stdout).toMatch(/^langchain baseline\s+\d\.\d\d\s+\d\.\d\d/m);
    expect(result.stdout).toMatch(/^bm25 reference\s+\d\.\d\d\s+\d\.\d\d/m);
    expect(result.stdout).toContain('misses (langchain baseline):');
  });

  it('--json prints one parseable object with the three rows', async () => {
    const result = await runCli('eval/cli.ts', ['--file', DEV, '--json'], {});
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { rows: { name: string; hit1: number; hit3: number; mrr: number }[] };
    expect(report.rows.map((r) => r.name)).toEqual(['ours', 'langchain baseline', 'bm25 reference']);
    expect(report.rows[0]!.hit1).toBeGreaterThanOrEqual(0);
  });

  it('explains a missing question file in one line and exits non-zero', async () => {
    const result = await runCli('eval/cli.ts', ['--file', 'no/such.jsonl'], {});
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('no/such.jsonl');
  });
});
