// Fits the reranker (src/retrieval/rerank.ts) instead of hand-tuning ranking weights per question.
// Every answerable question of the SQuAD train articles (../shared/eval/squad/train: fitting only;
// dev/ is for checking afterwards with `npm run eval`) is searched through the real retrieval; each
// candidate of the re-scored pool gets its feature vector and a label (its text holds an expected
// answer). A linear model is fitted with a listwise softmax loss (the probability mass the model puts
// on answer-holding candidates, per question: what hit@1 rewards) plus a small L2 penalty, on
// standardised features; leave-articles-out folds print how well it carries to unseen articles.
// With --write the weights go to src/retrieval/rerank-weights.ts with a provenance line.
//   npx tsx scripts/fit-reranker.ts [--train /work/shared/eval/squad/train] [--bundled --share 0.35] [--l2 0.01]
//     [--trees 0 --depth 3 --rate 0.1] [--drop feature,feature] [--probe name,name] [--misses] [--write]
// --probe appends candidate columns computed here from the BM25 reference's own code (eval/bm25.ts), for
// cross-validation only: whether a signal carries before it is built into the product (eval/README.md, hrank).
// --trees n adds n boosted regression trees on the linear model's residual (listwise gradients);
// --misses prints whether the model's misses are passages the question's words cover less (a lexical gap).
// --bundled adds the bundled article's tuning sets (eval/sets/dev.jsonl + questions.jsonl), counted
// as --share of the loss (0.5: as much as all SQuAD questions together).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { DEFAULT_SEARCH } from '../src/retrieval/params.js';
import { RERANK_FEATURES, rerankScore, type RerankFeature, type RerankModel, type RerankTree } from '../src/retrieval/rerank.js';
import { buildRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { createSearcher } from '../src/retrieval/search.js';
import { cleanQuestion } from '../src/text/clean-question.js';
import { getLexicon } from '../src/text/lexicon.js';
import { analyze, STOPWORDS, words } from '../src/text/analyze.js';
const LUCENE_STOP = new Set('a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '));
import { readArticleFolder } from '../eval/article-folder.js';
import { createBm25, sentenceWindowSpans } from '../eval/bm25.js';
import { buildEvalIndex, readCorpus } from '../eval/eval-index.js';
import { readQuestions, type EvalQuestion } from '../eval/questions.js';
import { normalizeForMatch } from '../eval/score.js';
import { binRows, growNewtonTree, quantileCuts } from './lib/newton-tree.js';

const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '/work/shared/eval/squad/train' },
    bundled: { type: 'boolean', default: false },
    share: { type: 'string', default: '0.5' },
    l2: { type: 'string', default: '0.01' },
    iterations: { type: 'string', default: '400' },
    trees: { type: 'string', default: '0' },
    depth: { type: 'string', default: '3' },
    rate: { type: 'string', default: '0.1' },
    write: { type: 'boolean', default: false },
    misses: { type: 'boolean', default: false },
    drop: { type: 'string', default: '' },
    probe: { type: 'string', default: '' },
  },
});
// --probe a,b: candidate features computed here, appended to the model's columns, for CV only (never --write).
const PROBES = ['refPassage', 'refPassageRank', 'refWindow', 'refWindowRank', 'ourWindow', 'ourWindowRank', 'minorWords'] as const;
const probes = values.probe.split(',').filter(Boolean).map((name) => {
  if (!(PROBES as readonly string[]).includes(name)) throw new Error(`--probe: no probe named ${name} (${PROBES.join(', ')})`);
  return name as (typeof PROBES)[number];
});
if (probes.length && values.write) throw new Error('--probe is for cross-validation only: it cannot --write');
const NAMES: string[] = [...RERANK_FEATURES, ...probes];
const F = NAMES.length;
const embeddings = new LocalEmbeddings();
const lexicon = getLexicon();

/** One question's pool: feature rows, which hold an answer, and the group it counts in. */
interface Group {
  article: string;
  bundled: boolean;
  rows: number[][];
  labels: boolean[];
}
const groups: Group[] = [];
// The first-pass order, as a model: weight 1 on `base`, so the features are observed without changing the order.
const firstPass: RerankModel = { weights: RERANK_FEATURES.map((f) => (f === 'base' ? 1 : 0)) };

async function collect(article: string, corpus: string, questions: EvalQuestion[], bundled: boolean) {
  const index = await buildEvalIndex(readCorpus(corpus, process.cwd()), embeddings);
  const state = buildRetrievalIndex(index, lexicon);
  const seen: { rows: { passage: number; features: number[] }[] } = { rows: [] };
  const search = createSearcher(state, embeddings, { ...DEFAULT_SEARCH, rerank: firstPass }, { observe: (r) => (seen.rows = r) });
  const texts = index.passages.map((p) => normalizeForMatch(p.text));
  const probe = probes.length ? referenceProbes(index) : undefined;
  for (const q of questions) {
    if (!q.answerable) continue;
    seen.rows = [];
    await search(cleanQuestion(q.question), 3);
    const expect = q.expect.map(normalizeForMatch);
    const extra = probe ? probe(q.question, seen.rows.map((r) => r.passage)) : undefined;
    groups.push({ article, bundled, rows: seen.rows.map((r, k) => (extra ? [...r.features, ...extra[k]!] : r.features)), labels: seen.rows.map((r) => expect.some((e) => texts[r.passage]!.includes(e))) });
  }
}

/**
 * The --probe columns for one article: the reference BM25 (eval/bm25.ts) over our passages, and over its own
 * ~60-word windows mapped onto the passages they overlap; each as a share of the best and as 1 / (1 + rank).
 */
function referenceProbes(index: Awaited<ReturnType<typeof buildEvalIndex>>) {
  const passageScore = createBm25(index.passages.map((p) => p.text));
  const text = index.documents.map((d) => d.text).join('\n\n');
  const spans = sentenceWindowSpans(text, 60);
  const windowScore = createBm25(spans.map((s) => text.slice(s.start, s.end)));
  const ourScore = createBm25(spans.map((s) => text.slice(s.start, s.end)), { tokens: analyze });
  // Passage offsets are per document; with one document they are the joined text's.
  const overlapping = index.passages.map((p) => spans.flatMap((s, i) => (s.start < p.end && s.end > p.start ? [i] : [])));
  const rankOf = (scores: number[]) => {
    const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const rank = new Array<number>(scores.length);
    order.forEach(([, i], r) => (rank[i] = r));
    return rank;
  };
  const passageWordSets = index.passages.map((p) => new Set(words(p.text).map((w) => w.text)));
  return (question: string, pool: number[]): number[][] => {
    // Question words our stop list drops and Lucene's keeps ("most", "other", "through", "first"), not question words or auxiliaries.
    const minor = [...new Set(words(question).map((w) => w.text).filter((w) => STOPWORDS.has(w) && !LUCENE_STOP.has(w) && !/^(what|who|whom|whose|when|where|which|why|how|do|does|did|is|are|was|were|can|could|would|should|has|have|had|been|being|am|s|t|d|ll|m|re|ve|y)$/.test(w)))];
    const ps = passageScore(question);
    const poolScores = pool.map((p) => ps[p]!);
    const top = Math.max(...poolScores, 1e-9);
    const poolRank = rankOf(poolScores);
    const ws = windowScore(question);
    const wTop = Math.max(...ws, 1e-9);
    const wRank = rankOf(ws);
    const os = ourScore(question);
    const oTop = Math.max(...os, 1e-9);
    const oRank = rankOf(os);
    return pool.map((p, k) => {
      const ids = overlapping[p]!;
      const best = ids.length ? Math.max(...ids.map((i) => ws[i]!)) : 0;
      const bestRank = ids.length ? Math.min(...ids.map((i) => wRank[i]!)) : ws.length;
      const ours = ids.length ? Math.max(...ids.map((i) => os[i]!)) : 0;
      const oursRank = ids.length ? Math.min(...ids.map((i) => oRank[i]!)) : os.length;
      const values: Record<(typeof PROBES)[number], number> = { refPassage: poolScores[k]! / top, refPassageRank: 1 / (1 + poolRank[k]!), refWindow: best / wTop, refWindowRank: 1 / (1 + bestRank), ourWindow: ours / oTop, ourWindowRank: 1 / (1 + oursRank), minorWords: minor.length ? minor.filter((w) => passageWordSets[p]!.has(w)).length / minor.length : 0 };
      return probes.map((name) => values[name]);
    });
  };
}

const started = Date.now();
for (const { name, article, questions } of readArticleFolder(values.train, process.cwd())) await collect(name, article, questions, false);
if (values.bundled) await collect('bundled', BUNDLED_ARTICLE, [...readQuestions('eval/sets/dev.jsonl'), ...readQuestions('eval/sets/questions.jsonl')], true);
console.log(`${groups.length} questions, ${groups.reduce((a, g) => a + g.rows.length, 0)} candidates (${((Date.now() - started) / 1000).toFixed(0)} s)`);

// Standardise on every row, so the L2 penalty treats the features alike.
const mean = new Array<number>(F).fill(0);
const sd = new Array<number>(F).fill(0);
let count = 0;
for (const g of groups) for (const r of g.rows) { count++; r.forEach((v, i) => (mean[i]! += v)); }
for (let i = 0; i < F; i++) mean[i]! /= count;
for (const g of groups) for (const r of g.rows) r.forEach((v, i) => (sd[i]! += (v - mean[i]!) ** 2));
for (let i = 0; i < F; i++) sd[i] = Math.sqrt(sd[i]! / count) || 1;
const z = (r: number[]) => r.map((v, i) => (v - mean[i]!) / sd[i]!);
// --drop a,b: fit without these features (their columns read 0), to see what each one adds.
const dropped = new Set(values.drop.split(',').filter(Boolean).map((name) => {
  const i = NAMES.indexOf(name);
  if (i < 0) throw new Error(`--drop: no feature named ${name}`);
  return i;
}));
for (const g of groups) for (const r of g.rows) for (const i of dropped) r[i] = 0;
for (const i of dropped) { mean[i] = 0; sd[i] = 1; }
const zGroups = groups.map((g) => ({ ...g, raw: g.rows, rows: g.rows.map(z) }));
type ZGroup = (typeof zGroups)[number];

/** Listwise softmax fit (Adam) on the groups that hold both an answer and a non-answer. */
function fit(train: ZGroup[]): number[] {
  const usable = train.filter((g) => g.labels.some(Boolean) && g.labels.some((l) => !l));
  const bundledCount = usable.filter((g) => g.bundled).length;
  const squadCount = usable.length - bundledCount;
  const w = new Array<number>(F).fill(0);
  w[0] = 1;
  const m = new Array<number>(F).fill(0);
  const v = new Array<number>(F).fill(0);
  const l2 = Number(values.l2);
  for (let t = 1; t <= Number(values.iterations); t++) {
    const grad = w.map((x) => 2 * l2 * x);
    for (const g of usable) {
      // The bundled questions weigh --share of the whole, the SQuAD ones the rest.
      const share = bundledCount ? Number(values.share) : 0;
      const weight = g.bundled ? share / bundledCount : (1 - share) / squadCount;
      const scores = g.rows.map((r) => r.reduce((a, x, i) => a + x * w[i]!, 0));
      const top = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - top));
      const all = e.reduce((a, b) => a + b, 0);
      const pos = e.reduce((a, b, i) => a + (g.labels[i] ? b : 0), 0);
      // d(-log(pos/all))/ds_i = p_i - q_i, p = softmax over all, q = softmax over the positives.
      g.rows.forEach((r, k) => {
        const d = e[k]! / all - (g.labels[k] ? e[k]! / pos : 0);
        for (let i = 0; i < F; i++) grad[i]! += weight * d * r[i]!;
      });
    }
    for (let i = 0; i < F; i++) {
      m[i] = 0.9 * m[i]! + 0.1 * grad[i]!;
      v[i] = 0.999 * v[i]! + 0.001 * grad[i]! ** 2;
      w[i]! -= (0.05 * (m[i]! / (1 - 0.9 ** t))) / (Math.sqrt(v[i]! / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  return w;
}

/** hit@1 / hit@3 of ordering each question's pool by a model (first step only: no highlight de-duplication); no model = first-pass order. */
function measure(test: ZGroup[], model: RerankModel | undefined): [number, number] {
  let h1 = 0;
  let h3 = 0;
  for (const g of test) {
    const scores = g.raw.map((r, k) => (model ? rerankScore(model, r) : -k));
    const order = scores.map((s, k) => [s, k] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, k]) => k);
    if (g.labels[order[0]!]) h1++;
    if (order.slice(0, 3).some((k) => g.labels[k])) h3++;
  }
  return [h1 / test.length, h3 / test.length];
}

/** The linear weights in raw feature units (the constant shift changes no order). */
const rawWeights = (w: number[]) => w.map((x, i) => x / sd[i]!);

const cuts: number[][] = NAMES.map((_, f) => quantileCuts(groups.flatMap((g) => g.rows.map((r) => r[f]!))));

/**
 * Gradient boosting on the listwise softmax loss (Newton steps, XGBoost-style gain), starting from the
 * linear model: each tree fits what the current scores still get wrong.
 */
function boost(train: ZGroup[], linear: RerankModel): RerankModel {
  const usable = train.filter((g) => g.labels.some(Boolean) && g.labels.some((l) => !l));
  const bundledCount = usable.filter((g) => g.bundled).length;
  const squadCount = usable.length - bundledCount;
  const rows: number[][] = [];
  const labels: boolean[] = [];
  const groupOf: number[] = [];
  const groupWeight: number[] = [];
  usable.forEach((g, k) => {
    const share = bundledCount ? Number(values.share) : 0;
    groupWeight.push(usable.length * (g.bundled ? share / bundledCount : (1 - share) / squadCount));
    g.raw.forEach((r, i) => { rows.push(r); labels.push(g.labels[i]!); groupOf.push(k); });
  });
  const n = rows.length;
  const bins = binRows(rows, cuts);
  const score = Float64Array.from(rows, (r) => rerankScore(linear, r));
  const trees: RerankTree[] = [];
  const rate = Number(values.rate);
  const depth = Number(values.depth);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  for (let t = 0; t < Number(values.trees); t++) {
    // Gradients of -log(softmax mass on the answers), per group.
    let start = 0;
    while (start < n) {
      let end = start;
      while (end < n && groupOf[end] === groupOf[start]) end++;
      let top = -Infinity;
      for (let i = start; i < end; i++) top = Math.max(top, score[i]!);
      let all = 0;
      let pos = 0;
      for (let i = start; i < end; i++) { const e = Math.exp(score[i]! - top); all += e; if (labels[i]) pos += e; }
      const w = groupWeight[groupOf[start]!]!;
      for (let i = start; i < end; i++) {
        const e = Math.exp(score[i]! - top);
        const p = e / all;
        const q = labels[i] ? e / pos : 0;
        g[i] = w * (p - q);
        h[i] = w * Math.max(p * (1 - p), 1e-6);
      }
      start = end;
    }
    const tree = growNewtonTree(g, h, bins, cuts, { depth, rate, minHessian: 1 });
    trees.push(tree);
    for (let i = 0; i < n; i++) score[i]! += rerankScore({ weights: [], trees: [tree] }, rows[i]!);
  }
  return { weights: linear.weights, trees };
}

/** The whole fit: linear weights, then trees on top when --trees > 0. */
function train(groupsToFit: ZGroup[]): RerankModel {
  const linear: RerankModel = { weights: rawWeights(fit(groupsToFit)) };
  return Number(values.trees) > 0 ? boost(groupsToFit, linear) : linear;
}

const fmt = ([a, b]: [number, number]) => `hit@1 ${a.toFixed(3)} hit@3 ${b.toFixed(3)}`;
const squad = zGroups.filter((g) => !g.bundled);
const bundledGroups = zGroups.filter((g) => g.bundled);

// Leave-articles-out: five folds by article, each fitted on the others.
const articles = [...new Set(squad.map((g) => g.article))];
const cv = { first: [0, 0], model: [0, 0], n: 0 };
for (let fold = 0; fold < 5; fold++) {
  const held = new Set(articles.filter((_, i) => i % 5 === fold));
  const test = squad.filter((g) => held.has(g.article));
  const model = train(zGroups.filter((g) => !held.has(g.article)));
  const a = measure(test, undefined);
  const b = measure(test, model);
  console.log(`fold ${fold} (${[...held].join(', ')}): first pass ${fmt(a)}  model ${fmt(b)}`);
  cv.first[0]! += a[0] * test.length; cv.first[1]! += a[1] * test.length;
  cv.model[0]! += b[0] * test.length; cv.model[1]! += b[1] * test.length;
  cv.n += test.length;
}
console.log(`cross-validated SQuAD train: first pass ${fmt([cv.first[0]! / cv.n, cv.first[1]! / cv.n])}  model ${fmt([cv.model[0]! / cv.n, cv.model[1]! / cv.n])}`);

const final = train(zGroups);
console.log(`in-sample SQuAD train: first pass ${fmt(measure(squad, undefined))}  model ${fmt(measure(squad, final))}`);
if (bundledGroups.length) console.log(`in-sample bundled: first pass ${fmt(measure(bundledGroups, undefined))}  model ${fmt(measure(bundledGroups, final))}`);
const raw = final.weights;
for (let i = 0; i < F; i++) console.log(`  ${NAMES[i]!.padEnd(16)} ${(raw[i]! * sd[i]!).toFixed(3)} (standardised)  ${raw[i]!.toFixed(4)} (raw)`);

if (values.write) {
  const sets = `SQuAD train (${articles.length} articles, ${squad.length} answerable questions)${bundledGroups.length ? ` + bundled dev.jsonl/questions.jsonl (${bundledGroups.length})` : ''}`;
  const command = `npx tsx scripts/fit-reranker.ts${values.bundled ? ` --bundled --share ${values.share}` : ''} --l2 ${values.l2} --iterations ${values.iterations} --trees ${values.trees} --depth ${values.depth} --rate ${values.rate} --write`;
  const body = [
    '// The reranker\'s fitted weights (see rerank.ts, params.ts DEFAULT_RERANK). Written by scripts/fit-reranker.ts; do not edit by hand.',
    `// Fitted on ${sets}, ${new Date().toISOString().slice(0, 10)}; refit with: ${command}`,
    "import type { RerankModel } from './rerank.js';",
    '',
    '/** One weight per RERANK_FEATURES entry, in raw feature units (higher = that evidence favours a passage more). */',
    'export const RERANK_WEIGHTS: RerankModel | undefined = {',
    '  weights: [',
    // A weight under 1e-6 is a feature the fit left unused (the ask* flags alone change no order).
    ...RERANK_FEATURES.map((f, i) => `    ${Math.abs(raw[i]!) < 1e-6 ? 0 : Number(raw[i]!.toPrecision(5))}, // ${f}`),
    '  ],',
    ...(final.trees?.length ? [`  trees: ${JSON.stringify(final.trees.map((t) => ({ ...t, threshold: t.threshold.map((x) => Number(x.toPrecision(6))), value: t.value.map((x) => Number(x.toPrecision(5))) })))},`] : []),
    '};',
    '',
  ].join('\n');
  writeFileSync('src/retrieval/rerank-weights.ts', body);
  console.log('wrote src/retrieval/rerank-weights.ts');
}

if (values.misses) {
  // Where the fitted model still misses: is the answer's passage less covered than the one chosen?
  let lower = 0;
  let equal = 0;
  let higher = 0;
  const key = (['bestCoverage', 'passageCoverage', 'pairCoverage', 'bestExact', 'windowCoverage'] satisfies RerankFeature[]).map((f) => RERANK_FEATURES.indexOf(f));
  for (const g of squad) {
    const scores = g.raw.map((r) => rerankScore(final, r));
    const top = scores.indexOf(Math.max(...scores));
    if (g.labels[top]) continue;
    const gold = g.labels.findIndex(Boolean);
    if (gold < 0) continue;
    const d = g.raw[gold]![key[2]!]! - g.raw[top]![key[2]!]!;
    if (d < -0.02) lower++; else if (d > 0.02) higher++; else equal++;
  }
  console.log(`misses by pair coverage of the answer's passage vs the chosen: lower ${lower}, about equal ${equal}, higher ${higher}`);
}
