// The quality gates (`npm run eval:check`): scoring checked on hand-made cases, then every question set
// scored through the product (its ingest and its App) against floors with a margin and two-sided gates
// (eval/gates.ts), and the eval command tested end to end, bad input included. Figures: eval/README.md.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { DEFAULT_RELEVANCE } from '../src/retrieval/params.js';
import { thresholdCurve } from './curve.js';
import { typedCasually } from './casual-typing.js';
import { checkGate, type Gate } from './gates.js';
import { parseQuestions, readQuestions, type EvalQuestion } from './questions.js';
import { normalizeForMatch, scoreQuestion, summarize, type Metrics } from './score.js';
import { runEval, runEvalFolder, type EvalReport } from './run-eval.js';
import { repoRoot, runCli } from '../test/helpers/run-cli.js';

const DEV = 'eval/sets/dev.jsonl';

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

describe('quality gates are two-sided floors', () => {
  const m = (over: Partial<Metrics>): Metrics => ({ answerable: 40, unanswerable: 20, hit1: 0.8, hit3: 0.95, mrr: 0.87, declined: 10, declineRate: 0.5, wronglyDeclined: 1, misses: [], ...over });
  const gate: Gate = { minHit1: 0.75, minHit3: 0.9, minRightCalls: 47, maxWronglyDeclined: 3 };

  it('passes a change that declines more off-topic questions at the cost of one answerable question when the totals improve', () => {
    expect(checkGate(m({}), gate)).toEqual([]);
    expect(checkGate(m({ declined: 15, wronglyDeclined: 2, hit1: 0.775 }), gate)).toEqual([]);
  });

  it('fails a change that wins on one side by giving up more on the other', () => {
    // Declining everything off-topic by also declining answerable questions: the ceiling catches it.
    expect(checkGate(m({ declined: 20, wronglyDeclined: 5 }), gate)).toEqual([expect.stringContaining('wrongly declined 5/40 > ceiling 3')]);
    // Answering everything: right calls fall under the floor.
    expect(checkGate(m({ declined: 2, wronglyDeclined: 0 }), gate)).toEqual([expect.stringContaining('right calls 42/60')]);
    expect(checkGate(m({ hit1: 0.7 }), gate)).toEqual(['hit@1 0.700 < floor 0.75']);
  });
});

// Floors = the figures measured on 2026-12-02 before this round's tuning (eval/README.md, "Measured")
// minus a margin of a question or two (about 5%); h9b raises them as quality improves. Bundled article,
// local embedder, through the product's ingest and App.
const BUNDLED_GATES: Record<string, Gate> = {
  // today: hit@1 17/18, hit@3 17/18, declined 3/3, wrongly 0
  'dev.jsonl': { minHit1: 0.88, minHit3: 0.88, minRightCalls: 20, maxWronglyDeclined: 1 },
  // before: hit@1 36/46, hit@3 44/46, declined 14/16, wrongly 0; with the foreign-word rule (h9b): declined 15/16
  'questions.jsonl': { minHit1: 0.73, minHit3: 0.91, minRightCalls: 59, maxWronglyDeclined: 2 },
  // today: hit@1 31/32, hit@3 32/32, declined 3/9, wrongly 0
  'validation.jsonl': { minHit1: 0.9, minHit3: 0.93, minRightCalls: 33, maxWronglyDeclined: 2 },
  // today: hit@1 16/23, hit@3 21/23, declined 5/7, wrongly 0
  'holdout.jsonl': { minHit1: 0.65, minHit3: 0.86, minRightCalls: 26, maxWronglyDeclined: 2 },
  // today: hit@1 15/23, hit@3 21/23, declined 3/5, wrongly 0
  'holdout2.jsonl': { minHit1: 0.6, minHit3: 0.86, minRightCalls: 24, maxWronglyDeclined: 2 },
  // before: declined 9/15; with the foreign-word rule (h9b): 15/15
  'off-topic.jsonl': { minRightCalls: 14, maxWronglyDeclined: 0 },
  // before: declined 28/42; with the foreign-word rule (h9b): 37/42 (issue 9 wants all of them declined)
  'off-topic-2.jsonl': { minRightCalls: 35, maxWronglyDeclined: 0 },
  // written by h9d before tuning for the library (its library figure is in eval/README.md); over the bundled article
  // before h9d's rules: declined 53/60; with them: 53/60 (sums and negation do not move it here); 54/60 at 92b123c;
  // with the document's-own-words rules (hoff): 58/60
  'library-off-topic.jsonl': { minRightCalls: 56, maxWronglyDeclined: 0 },
  // everyday off-topic questions written by hoff before any run on them (a development set): 52/60 declined at 92b123c,
  // 56/60 with the document's-own-words rules
  'off-topic-everyday.jsonl': { minRightCalls: 54, maxWronglyDeclined: 0 },
  // before: hit@1 1/20, 11/20 wrongly declined; with about-the-article answers (h9b): hit@1 20/20, 0 wrongly, the date question declined
  'about.jsonl': { minHit1: 0.9, minHit3: 0.9, minRightCalls: 19, maxWronglyDeclined: 1 },
  // before the question cleaner (392f2d4): hit@1 35/40, hit@3 37/40, declined 4/6, wrongly 3;
  // with it (3151999): hit@1 38/40, hit@3 40/40, declined 2/6, wrongly 0; with the foreign-word rule (h9b): declined 6/6
  'markup.jsonl': { minHit1: 0.9, minHit3: 0.95, minRightCalls: 44, maxWronglyDeclined: 2 },
  // casual Discord phrasing (h9g's development set): before (58598b5) hit@1 23/50, hit@3 33/50, look-alikes declined 1/12,
  // 12/50 wrongly declined; with the chat-form cleaning, lower-case names, compound parts (h9g): 29/50, 39/50, 1/12, 5/50
  'casual.jsonl': { minHit1: 0.54, minHit3: 0.74, minRightCalls: 44, maxWronglyDeclined: 7 },
  // about the article in new phrasings (h9g's development set): before 8/14 right first, 5/14 wrongly declined, date declined;
  // with the phrase families in about-intent.ts (h9g): 14/14, 0 wrongly, date declined
  'about-2.jsonl': { minHit1: 0.85, minHit3: 0.85, minRightCalls: 13, maxWronglyDeclined: 1 },
  // held out (only these totals are looked at); today: hit@1 32/42, hit@3 38/42, wrongly 3
  'paraphrase-holdout.jsonl': { minHit1: 0.71, minHit3: 0.85, minRightCalls: 37, maxWronglyDeclined: 5 },
};

const bundled = (set: string, baseline = false): Promise<EvalReport> =>
  runEval({ corpus: BUNDLED_ARTICLE, cwd: repoRoot, questions: readQuestions(`${repoRoot}/eval/sets/${set}`), baseline });

describe('quality on the bundled article', () => {
  for (const [set, gate] of Object.entries(BUNDLED_GATES)) {
    it(`${set}: ${JSON.stringify(gate)}`, async () => {
      const report = await bundled(set);
      expect(checkGate(report.rows[0]!.metrics, gate)).toEqual([]);
    });
  }

  it('dev set: ours well ahead of the LangChain baseline and the BM25 reference (today MRR 0.95 / 0.69, hit@1 0.94 / 0.61)', async () => {
    const [ours, langchain, bm25] = (await bundled('dev.jsonl', true)).rows;
    expect(ours!.metrics.mrr).toBeGreaterThan(langchain!.metrics.mrr + 0.15);
    expect(ours!.metrics.hit1).toBeGreaterThan(bm25!.metrics.hit1 + 0.15);
  });

  // 17 of 23 pairs agreed before the question cleaner (392f2d4), 23 of 23 with it (3151999); the floor leaves two.
  it('markup: a question with Discord markup and noise gets the same first passage (or the same decline) as its plain twin in >= 21/23 pairs', async () => {
    const results = new Map((await bundled('markup.jsonl')).rows[0]!.results.map((r) => [r.id, r]));
    const stems = [...results.keys()].filter((id) => id.endsWith('-plain')).map((id) => id.slice(0, -'-plain'.length));
    expect(stems.length).toBeGreaterThanOrEqual(20);
    const same = stems.filter((stem) => {
      const plain = results.get(`${stem}-plain`)!;
      const noisy = results.get(`${stem}-noisy`);
      expect(noisy, stem).toBeDefined();
      return plain.declined === noisy!.declined && plain.quoted === noisy!.quoted;
    });
    expect(same.length).toBeGreaterThanOrEqual(21);
  });
});

// The bundled sets retyped the way chat users type (eval/casual-typing.ts: lower case, whats/dont/intel/govt/u/
// gonna, "so"/"hey"/"ok so" ... "lol"/"tho"/"??", no question mark). Before the casual-question work (54b5ece) 118 of
// these 145 gave the plain question's first passage or decline (15 of 182 answerable wrongly declined over all
// bundled sets retyped); with it (h9g) 144 (0 wrongly declined). The floor leaves four.
describe('casual typing never changes the answer', () => {
  it('questions, validation and off-topic-2 typed casually get the same first passage (or the same decline) in >= 140/145', async () => {
    const plain = ['questions.jsonl', 'validation.jsonl', 'off-topic-2.jsonl'].flatMap((set) => readQuestions(`${repoRoot}/eval/sets/${set}`));
    const casual = plain.map((q, i) => ({ ...q, id: `${q.id}#casual`, question: typedCasually(q.question, i) }));
    expect(casual.every((q, i) => q.question !== plain[i]!.question)).toBe(true);
    const report = await runEval({ corpus: BUNDLED_ARTICLE, cwd: repoRoot, questions: [...plain, ...casual], baseline: false });
    const results = new Map(report.rows[0]!.results.map((r) => [r.id, r]));
    const same = plain.filter((q) => {
      const a = results.get(q.id)!;
      const b = results.get(`${q.id}#casual`)!;
      return a.declined === b.declined && a.quoted === b.quoted;
    });
    expect(plain.length).toBe(145);
    expect(same.length).toBeGreaterThanOrEqual(140);
  });
});

describe('decline threshold curve', () => {
  it('declines at each threshold exactly the replies whose relevance is under it', () => {
    const r = (id: string, answerable: boolean, relevance: number, rank?: number) => ({ id, question: id, answerable, rank, declined: false, correct: false, quoted: 'x', relevance });
    const [low, high] = thresholdCurve([r('a', true, 0.3, 1), r('b', true, 0.12, 2), r('u', false, 0.13), r('v', false, 0.5)], [0.1, 0.2]);
    expect(low!.metrics).toMatchObject({ hit1: 0.5, hit3: 1, declined: 0, wronglyDeclined: 0 });
    expect(high!.metrics).toMatchObject({ hit1: 0.5, hit3: 0.5, declined: 1, wronglyDeclined: 1 });
  });

  it('read at the default threshold, a run answered at threshold 0 gives the default run\'s figures', async () => {
    const atZero = await runEval({ corpus: BUNDLED_ARTICLE, cwd: repoRoot, questions: readQuestions(`${repoRoot}/eval/sets/questions.jsonl`), minRelevance: 0, baseline: false });
    const byDefault = (await bundled('questions.jsonl')).rows[0]!.metrics;
    const { misses: _a, ...curve } = thresholdCurve(atZero.rows[0]!.results, [DEFAULT_RELEVANCE.minRelevance])[0]!.metrics;
    const { misses: _b, ...direct } = byDefault;
    expect(curve).toEqual(direct);
  });
});

// SQuAD 2.0 dev articles copied into eval/sets/squad-dev (CC BY-SA 4.0, see its README): text and
// questions nobody here wrote. Before h9d's decline rules (micro over 1,097 questions): ours hit@1 0.832
// hit@3 0.947, declined 4/603, wrongly 4/494; with them and h9c's reranker (4ff0131): hit@1 0.84 hit@3 0.95,
// declined 53/603, wrongly 9/494 (right calls 485 -> 538); BM25 0.80 / 0.94; LangChain 0.64 / 0.85. With h9f's
// missing-number rule (a year the article never writes): declined 61/603, wrongly 9/494 (right calls 546); with
// number words as opposites (antonym-swap.ts): 67/603, 9/494 (552).
describe('quality on SQuAD dev articles', () => {
  it('ours: hit@1 >= 0.80, hit@3 >= 0.92, right calls >= 542, unanswerable declined >= 57, wrongly declined <= 10; ahead of BM25 on hit@1 where it is today, and of LangChain', async () => {
    const report = await runEvalFolder({ dir: 'eval/sets/squad-dev', cwd: repoRoot });
    const [ours, langchain, bm25] = report.totals.map((r) => r.metrics);
    expect(checkGate(ours!, { minHit1: 0.8, minHit3: 0.92, minRightCalls: 542, maxWronglyDeclined: 10 })).toEqual([]);
    // The adversarial end: declines come from the rules, not from answering less (the ceiling above holds that side).
    expect(ours!.declined).toBeGreaterThanOrEqual(57);
    expect(ours!.hit1).toBeGreaterThan(bm25!.hit1 + 0.01);
    expect(ours!.hit1).toBeGreaterThan(langchain!.hit1 + 0.1);
    const hit1 = (article: string, row: number) => report.articles.find((a) => a.corpus === article)!.rows[row]!.metrics.hit1;
    // Today +0.135 and +0.039 over BM25 on these two (on the other two BM25 leads by one to three questions).
    expect(hit1('packet-switching', 0)).toBeGreaterThan(hit1('packet-switching', 2) + 0.07);
    expect(hit1('computational-complexity-theory', 0)).toBeGreaterThan(hit1('computational-complexity-theory', 2) + 0.01);
  }, 120_000);
});

// Casual Discord-register paraphrases over three SQuAD train articles (eval/sets/casual-train, hcas's development
// set, written before any run): first run (d2f3139) hit@1 50/89, hit@3 75/89, look-alikes declined 3/15, 8/89 wrongly
// declined (right calls 84); BM25 0.46 / 0.67. With the casual-form rules (hcas): 57/89, 80/89, 3/15, 2/89 (right calls 90).
describe('quality on casual questions over other articles', () => {
  /** A folder of articles within its two-sided gate, and ahead of BM25's hit@1 by `overBm25`. */
  const folderGate = (dir: string, gate: Gate, overBm25: number) => async () => {
    const report = await runEvalFolder({ dir, cwd: repoRoot });
    const [ours, , bm25] = report.totals.map((r) => r.metrics);
    expect(checkGate(ours!, gate)).toEqual([]);
    expect(ours!.hit1).toBeGreaterThan(bm25!.hit1 + overBm25);
  };
  it('casual-train: hit@1 >= 0.60, hit@3 >= 0.85, right calls >= 87, wrongly declined <= 4; well ahead of BM25', folderGate('eval/sets/casual-train', { minHit1: 0.6, minHit3: 0.85, minRightCalls: 87, maxWronglyDeclined: 4 }, 0.1), 60_000);

  // About-the-article, first-person on-topic and first-person off-topic questions over four SQuAD train articles
  // (eval/sets/about-train, habout's development set, written before any run): first run (b879f6d) hit@1 46/64,
  // hit@3 50/64, declined 19/24 (author/date 8/8, off-topic 11/16), 2/64 wrongly declined (right calls 81); BM25
  // 0.453 / 0.531. With the lead sentence, the first-person frames and personalNamedLiteral (habout): 58/64, 61/64,
  // 20/24, 0/64 (right calls 84). Floors = today minus a margin of three or four questions.
  it('about-train: hit@1 >= 0.85, hit@3 >= 0.90, right calls >= 81, wrongly declined <= 2; well ahead of BM25', folderGate('eval/sets/about-train', { minHit1: 0.85, minHit3: 0.9, minRightCalls: 81, maxWronglyDeclined: 2 }, 0.25), 60_000);

  // HELD OUT (eval/sets/unseen, hset, written before any tuning of the 2026-12-02 09:32 session and never tuned on;
  // only totals are read, by the lead): casual paraphrases, look-alikes and off-topic questions over the four squad-dev
  // articles. At the session start (92b123c): hit@1 51/72 (0.708), hit@3 67/72, declined 30/52, wrongly 1/72 (right
  // calls 101); BM25 0.556 / 0.833. At dc2d16c: the same, declined 32/52 (right calls 103). Floors under the start.
  it('unseen (held out): hit@1 >= 0.65, hit@3 >= 0.88, right calls >= 97, wrongly declined <= 3; well ahead of BM25', folderGate('eval/sets/unseen', { minHit1: 0.65, minHit3: 0.88, minRightCalls: 97, maxWronglyDeclined: 3 }, 0.08), 60_000);
});

// A collection: the bundled article and the four squad-dev articles ingested into ONE index, as a user
// indexing several articles has it; every question asked of the whole index. Before the first passage was
// judged against its own document (documentScope, h9f): off-topic sets declined 62/117, bundled
// dev+questions+validation declined 11/28 with 2/96 wrongly, squad-dev declined 49/603 with 8/494 wrongly;
// with it: 76/117; 15/28, 2/96; 52/603, 8/494 (hit@1 0.81 / 0.85 unchanged); with the missing-number rule
// squad-dev 59/603, 8/494 (right calls 545), bundled 15/28, 1/96; with number words as opposites 65/603, 7/494
// (552). Floors = today minus a margin.
describe('quality on a collection of five articles in one index', () => {
  const squadArticles = readdirSync(path.join(repoRoot, 'eval/sets/squad-dev')).filter((entry) => existsSync(path.join(repoRoot, 'eval/sets/squad-dev', entry, 'article.txt'))).sort();
  const groups: Record<string, { questions: EvalQuestion[]; gate: Gate }> = {
    'off-topic, off-topic-2, library-off-topic': {
      questions: ['off-topic', 'off-topic-2', 'library-off-topic'].flatMap((set) => readQuestions(`${repoRoot}/eval/sets/${set}.jsonl`).map((q) => ({ ...q, id: `${set}:${q.id}` }))),
      // 76/117 declined at 92b123c; 90/117 with the document's-own-words rules (hoff)
      gate: { minRightCalls: 86, maxWronglyDeclined: 0 },
    },
    'bundled dev, questions, validation': {
      questions: ['dev', 'questions', 'validation'].flatMap((set) => readQuestions(`${repoRoot}/eval/sets/${set}.jsonl`).map((q) => ({ ...q, id: `${set}:${q.id}` }))),
      gate: { minHit1: 0.76, minHit3: 0.88, minRightCalls: 105, maxWronglyDeclined: 4 },
    },
    'squad-dev': {
      questions: squadArticles.flatMap((article) => readQuestions(`${repoRoot}/eval/sets/squad-dev/${article}/questions.jsonl`)),
      gate: { minHit1: 0.8, minHit3: 0.92, minRightCalls: 542, maxWronglyDeclined: 10 },
    },
  };

  it('declines off-topic questions and answers each article\'s own: every group within its two-sided gate', async () => {
    expect(squadArticles).toHaveLength(4);
    const report = await runEval({
      corpus: BUNDLED_ARTICLE,
      alongside: squadArticles.map((article) => `eval/sets/squad-dev/${article}/article.txt`),
      cwd: repoRoot,
      questions: Object.values(groups).flatMap((g) => g.questions),
      baseline: false,
    });
    const results = report.rows[0]!.results;
    for (const [name, { questions, gate }] of Object.entries(groups)) {
      const ids = new Set(questions.map((q) => q.id));
      expect(checkGate(summarize(results.filter((r) => ids.has(r.id))), gate), name).toEqual([]);
    }
  }, 120_000);
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

  it('--curve prints our declines and wrong declines per threshold for each set and pooled', async () => {
    const result = await runCli('eval/cli.ts', ['--curve', '0.1,0.3', '--file', DEV, '--file', 'eval/sets/off-topic.jsonl'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('decline threshold curve (ours), eval/sets/dev.jsonl: 21 questions');
    expect(result.stdout).toContain('all 2 sets pooled: 36 questions');
    expect(result.stdout.match(/^\s+0\.3\s+\d\.\d{3}\s+\d\.\d{3}\s+\d+\/\d+\s+\d+\/\d+\s+\d+\/36$/gm)).toHaveLength(1);
    const bad = await runCli('eval/cli.ts', ['--curve', '0.1,2', '--file', DEV], {});
    expect(bad.code).toBe(2);
  });

  // A folder in the ../shared/eval/squad layout, built here: two article folders of the bundled article
  // (a few of the dev questions each), so the totals can be checked against the parts.
  const folder = () => {
    const root = mkdtempSync(path.join(tmpdir(), 'eval-dir-'));
    const lines = readQuestions(`${repoRoot}/${DEV}`).map((q) => JSON.stringify(q));
    for (const [name, picked] of [['a-first', lines.slice(0, 6)], ['b-second', lines.slice(6, 9).concat(lines.slice(-2))]] as const) {
      mkdirSync(path.join(root, name));
      copyFileSync(path.join(repoRoot, BUNDLED_ARTICLE), path.join(root, name, 'article.txt'));
      writeFileSync(path.join(root, name, 'questions.jsonl'), `${picked.join('\n')}\n`);
    }
    return root;
  };

  it('--dir scores every article folder on the three rows and prints micro-averaged totals; --json pools the same results', async () => {
    const root = folder();
    const text = await runCli('eval/cli.ts', ['--dir', root], {});
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^a-first \(6 questions\)$/m);
    expect(text.stdout).toMatch(/^b-second \(5 questions\)$/m);
    expect(text.stdout).toMatch(/^TOTAL, micro-averaged: 2 articles .* 11 questions/m);
    expect(text.stdout.match(/^bm25 reference\s+\d\.\d\d/gm)).toHaveLength(3);
    const json = await runCli('eval/cli.ts', ['--dir', root, '--json'], {});
    expect(json.code).toBe(0);
    type Row = { name: string; answerable: number; unanswerable: number; hit1: number };
    const report = JSON.parse(json.stdout) as { articles: { corpus: string; rows: Row[] }[]; totals: Row[] };
    expect(report.articles.map((a) => a.corpus)).toEqual(['a-first', 'b-second']);
    expect(report.totals.map((r) => r.name)).toEqual(['ours', 'langchain baseline', 'bm25 reference']);
    const [a, b] = report.articles.map((x) => x.rows[0]!);
    expect(report.totals[0]!.answerable).toBe(a!.answerable + b!.answerable);
    expect(report.totals[0]!.unanswerable).toBe(a!.unanswerable + b!.unanswerable);
    expect(report.totals[0]!.hit1).toBeCloseTo((a!.hit1 * a!.answerable + b!.hit1 * b!.answerable) / (a!.answerable + b!.answerable), 10);
  }, 60_000);

  const failsInOneLine = async (args: string[], message: RegExp) => {
    const result = await runCli('eval/cli.ts', args, {});
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  };

  it('--with: a missing article to index beside the corpus is a one-line error naming it', async () => {
    await failsInOneLine(['--file', DEV, '--with', 'nope/article.txt'], /nope\/article\.txt/);
  });

  it('--dir: a folder with no article folders is a one-line error', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'eval-empty-'));
    writeFileSync(path.join(root, 'notes.txt'), 'not an article folder');
    await failsInOneLine(['--dir', root], /has no article folders/);
  });

  it('--dir: an article folder without questions.jsonl is a one-line error naming it, before anything is indexed', async () => {
    const root = folder();
    mkdirSync(path.join(root, 'c-bare'));
    copyFileSync(path.join(repoRoot, BUNDLED_ARTICLE), path.join(root, 'c-bare', 'article.txt'));
    await failsInOneLine(['--dir', root], /c-bare has no questions\.jsonl/);
  });

  it('a malformed question line is a one-line error naming the file and the line', async () => {
    const root = folder();
    writeFileSync(path.join(root, 'b-second', 'questions.jsonl'), '{"id":"1","question":"Who is Ron Dermer?","answerable":true,"expect":["Dermer"]}\n{"id":"2","question":"half a line"\n');
    await failsInOneLine(['--dir', root], /b-second\/questions\.jsonl line 2 is not JSON/);
    const file = path.join(root, 'bad.jsonl');
    writeFileSync(path.join(root, 'bad.jsonl'), '\n{"id":"1","question":"q","answerable":"yes","expect":[]}\n');
    await failsInOneLine(['--file', file], /bad\.jsonl line 2: answerable/);
  });
});
