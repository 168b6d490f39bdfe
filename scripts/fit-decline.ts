// Fits the learned decline (src/retrieval/decline-model.ts) on SQuAD train articles instead of adding one more
// hand rule. Every question of ../shared/eval/squad/train (fitting only; dev/ is for checking afterwards with
// `npm run eval`) is searched through the real retrieval with the product's settings and the learned decline off;
// the questions the hand rules answer are the ones it can change. On those a logistic model (L2, standardised
// features) learns "the text does not answer this" (SQuAD's unanswerable label) from the first passage's evidence.
// Leave-articles-out folds (5, by article) give each question an out-of-fold probability; the threshold is the lowest
// at which the out-of-fold answerable questions it declines stay within --budget (a share of all answerable ones,
// on top of what the hand rules decline). --check-set (bundled article) and --check-dir (article folders) print what the final model adds on bundled sets.
// With --write the weights and the threshold go to src/retrieval/decline-weights.ts with a provenance line.
//   npx tsx scripts/fit-decline.ts [--train /work/shared/eval/squad/train] [--l2 0.01] [--budget 0.002]
//     [--cache /tmp/decline-rows.json] [--check-set eval/sets/<set>.jsonl]... [--check-dir eval/sets/casual-train]... [--drop name,name] [--write]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { aboutTopic } from '../src/answer/about-intent.js';
import { decide, firstPassageQuestion, passageRelevance } from '../src/answer/relevance.js';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { DECLINE_FEATURES, declineFeatures, declineProbability, type DeclineModel } from '../src/retrieval/decline-model.js';
import { DEFAULT_SEARCH, type SearchSettings } from '../src/retrieval/params.js';
import { buildRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { createSearcher } from '../src/retrieval/search.js';
import { cleanQuestion } from '../src/text/clean-question.js';
import { rerankScore, type RerankTree } from '../src/retrieval/rerank.js';
import { getLexicon } from '../src/text/lexicon.js';
import { readArticleFolder } from '../eval/article-folder.js';
import { binRows, growNewtonTree, quantileCuts } from './lib/newton-tree.js';
import { buildEvalIndex, readCorpus } from '../eval/eval-index.js';
import { readQuestions, type EvalQuestion } from '../eval/questions.js';

const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '/work/shared/eval/squad/train' },
    l2: { type: 'string', default: '0.01' },
    iterations: { type: 'string', default: '600' },
    budget: { type: 'string', default: '0.002' },
    cache: { type: 'string' },
    'check-set': { type: 'string', multiple: true, default: [] },
    'check-dir': { type: 'string', multiple: true, default: [] },
    drop: { type: 'string', default: '' },
    trees: { type: 'string', default: '0' },
    // Leave negated questions to the negation rule (negation.ts): the model neither sees nor declines them.
    'skip-negated': { type: 'boolean', default: false },
    depth: { type: 'string', default: '3' },
    rate: { type: 'string', default: '0.1' },
    write: { type: 'boolean', default: false },
  },
});

/** One question: where it comes from, its label, whether the hand rules answer it, and its features. */
interface Row {
  group: string;
  article: string;
  id: string;
  question: string;
  answerable: boolean;
  rulesAnswered: boolean;
  features: number[];
}

// The product's settings with the learned decline off: the model learns what the hand rules leave.
const settings: SearchSettings = { ...DEFAULT_SEARCH, relevance: { ...DEFAULT_SEARCH.relevance, declineModel: undefined } };
const embeddings = new LocalEmbeddings();
const lexicon = getLexicon();

async function collect(group: string, article: string, corpus: string, questions: EvalQuestion[]): Promise<Row[]> {
  const index = await buildEvalIndex(readCorpus(corpus, process.cwd()), embeddings);
  const search = createSearcher(buildRetrievalIndex(index, lexicon), embeddings, settings);
  const rows: Row[] = [];
  for (const q of questions) {
    const cleaned = cleanQuestion(q.question);
    // Questions about the article itself are answered from its metadata, never by a search.
    if (!cleaned || aboutTopic(cleaned, lexicon)) continue;
    const result = await search(cleaned, 9);
    const top = result.passages[0];
    if (!top) continue;
    const relevance = passageRelevance(top, firstPassageQuestion(result, settings.relevance), settings.relevance);
    rows.push({ group, article, id: q.id, question: q.question, answerable: q.answerable, rulesAnswered: decide(result, settings.relevance).answered, features: declineFeatures(result, relevance) });
  }
  return rows;
}

const started = Date.now();
let rows: Row[];
if (values.cache && existsSync(values.cache)) {
  rows = JSON.parse(readFileSync(values.cache, 'utf8')) as Row[];
  console.log(`read ${rows.length} rows from ${values.cache}`);
} else {
  rows = [];
  for (const { name, article, questions } of readArticleFolder(values.train, process.cwd())) rows.push(...(await collect('train', name, article, questions)));
  for (const set of values['check-set']) rows.push(...(await collect(path.basename(set, '.jsonl'), 'bundled', BUNDLED_ARTICLE, readQuestions(set))));
  for (const dir of values['check-dir']) for (const { name, article, questions } of readArticleFolder(dir, process.cwd())) rows.push(...(await collect(path.basename(dir), name, article, questions)));
  if (values.cache) writeFileSync(values.cache, JSON.stringify(rows));
  console.log(`${rows.length} questions searched (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
const F = DECLINE_FEATURES.length;
if (rows.some((r) => r.features.length !== F)) throw new Error('cached rows have another feature list: delete the cache');
const dropped = new Set(values.drop.split(',').filter(Boolean).map((name) => {
  const i = DECLINE_FEATURES.indexOf(name);
  if (i < 0) throw new Error(`--drop: no feature named ${name}`);
  return i;
}));

const train = rows.filter((r) => r.group === 'train');
const NEGATED = DECLINE_FEATURES.indexOf('negated');
const eligible = (r: Row) => r.rulesAnswered && !(values['skip-negated'] && r.features[NEGATED] === 1);
const open = train.filter(eligible);
// Standardise on the questions the model sees, so the L2 penalty treats the features alike.
const mean = new Array<number>(F).fill(0);
const sd = new Array<number>(F).fill(0);
for (const r of open) r.features.forEach((v, i) => (mean[i]! += v / open.length));
for (const r of open) r.features.forEach((v, i) => (sd[i]! += (v - mean[i]!) ** 2 / open.length));
for (let i = 0; i < F; i++) sd[i] = Math.sqrt(sd[i]!) || 1;
const z = (r: Row) => r.features.map((v, i) => (dropped.has(i) ? 0 : (v - mean[i]!) / sd[i]!));

/** Logistic regression (Adam, L2) on standardised features; returns the model in raw feature units. */
function fit(data: Row[]): DeclineModel {
  const xs = data.map(z);
  const ys = data.map((r) => (r.answerable ? 0 : 1));
  const w = new Array<number>(F + 1).fill(0);
  const m = new Array<number>(F + 1).fill(0);
  const v = new Array<number>(F + 1).fill(0);
  const l2 = Number(values.l2);
  for (let t = 1; t <= Number(values.iterations); t++) {
    const grad = w.map((x, i) => (i === F ? 0 : 2 * l2 * x));
    xs.forEach((x, k) => {
      let s = w[F]!;
      for (let i = 0; i < F; i++) s += w[i]! * x[i]!;
      const d = (1 / (1 + Math.exp(-s)) - ys[k]!) / xs.length;
      for (let i = 0; i < F; i++) grad[i]! += d * x[i]!;
      grad[F]! += d;
    });
    for (let i = 0; i <= F; i++) {
      m[i] = 0.9 * m[i]! + 0.1 * grad[i]!;
      v[i] = 0.999 * v[i]! + 0.001 * grad[i]! ** 2;
      w[i]! -= (0.05 * (m[i]! / (1 - 0.9 ** t))) / (Math.sqrt(v[i]! / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  const weights = w.slice(0, F).map((x, i) => (dropped.has(i) ? 0 : x / sd[i]!));
  const bias = w[F]! - weights.reduce((a, x, i) => a + x * mean[i]!, 0);
  return { bias, weights };
}

const cuts: number[][] = DECLINE_FEATURES.map((_, f) => quantileCuts(open.map((r) => r.features[f]!)));

/** Boosted regression trees on the logistic loss (Newton steps), starting from the linear model's scores. */
function boost(data: Row[], linear: DeclineModel): DeclineModel {
  const n = data.length;
  const bins = binRows(data.map((r) => r.features), cuts);
  const logit = (p: number) => Math.log(p / (1 - p));
  const score = Float64Array.from(data, (r) => logit(Math.min(1 - 1e-9, Math.max(1e-9, declineProbability(linear, r.features)))));
  const ys = data.map((r) => (r.answerable ? 0 : 1));
  const trees: RerankTree[] = [];
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  for (let t = 0; t < Number(values.trees); t++) {
    for (let i = 0; i < n; i++) { const p = 1 / (1 + Math.exp(-score[i]!)); g[i] = p - ys[i]!; h[i] = Math.max(p * (1 - p), 1e-6); }
    const tree = growNewtonTree(g, h, bins, cuts, { depth: Number(values.depth), rate: Number(values.rate), minHessian: 5, skip: dropped });
    trees.push(tree);
    for (let i = 0; i < n; i++) score[i]! += rerankScore({ weights: [], trees: [tree] }, data[i]!.features);
  }
  return { ...linear, trees };
}

/** The linear fit, then trees on top when --trees > 0. */
function trainModel(data: Row[]): DeclineModel {
  const linear = fit(data);
  return Number(values.trees) > 0 ? boost(data, linear) : linear;
}

// Leave-articles-out: five folds by article, each question scored by a model fitted on the other articles.
const articles = [...new Set(train.map((r) => r.article))];
const oof = new Map<Row, number>();
for (let fold = 0; fold < 5; fold++) {
  const held = new Set(articles.filter((_, i) => i % 5 === fold));
  const model = trainModel(open.filter((r) => !held.has(r.article)));
  for (const r of open) if (held.has(r.article)) oof.set(r, declineProbability(model, r.features));
}

const answerable = train.filter((r) => r.answerable).length;
const unanswerable = train.length - answerable;
const ruleWrong = train.filter((r) => r.answerable && !r.rulesAnswered).length;
const ruleDeclined = train.filter((r) => !r.answerable && !r.rulesAnswered).length;
/** What a threshold adds to the hand rules, out of fold: [unanswerable declined, answerable declined]. */
const added = (t: number): [number, number] => {
  let un = 0;
  let wrong = 0;
  for (const [r, p] of oof) {
    if (p < t) continue;
    if (r.answerable) wrong++;
    else un++;
  }
  return [un, wrong];
};
const pct = (a: number, b: number) => `${a}/${b} (${((100 * a) / b).toFixed(1)}%)`;
console.log(`SQuAD train, hand rules: unanswerable declined ${pct(ruleDeclined, unanswerable)}, answerable wrongly declined ${pct(ruleWrong, answerable)}; ${open.length} questions they answer`);
console.log('out-of-fold curve (threshold: total unanswerable declined, total wrongly declined):');
const thresholds = [...new Set([...oof.values()].map((p) => Number(p.toFixed(3))))].sort((a, b) => b - a);
let lastWrong = -1;
for (const t of thresholds) {
  const [un, wrong] = added(t);
  if (wrong === lastWrong || wrong > answerable * 0.03) continue;
  lastWrong = wrong;
  console.log(`  ${t.toFixed(3)}  declined ${pct(ruleDeclined + un, unanswerable)}  wrongly ${pct(ruleWrong + wrong, answerable)}  (+${un} / +${wrong})`);
}
// The lowest threshold whose out-of-fold wrong declines stay within the budget.
const allowed = Math.floor(Number(values.budget) * answerable);
let threshold = 1;
for (const t of thresholds) if (added(t)[1] <= allowed) threshold = t;
const [cvUn, cvWrong] = added(threshold);
console.log(`chosen threshold ${threshold} (budget ${values.budget} = ${allowed} more answerable): cross-validated train declined ${pct(ruleDeclined + cvUn, unanswerable)}, wrongly ${pct(ruleWrong + cvWrong, answerable)}`);

const final = trainModel(open);
const ranked = DECLINE_FEATURES.map((f, i) => [f, final.weights[i]! * sd[i]!] as const).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
for (const [f, w] of ranked.slice(0, 25)) console.log(`  ${f.padEnd(22)} ${w.toFixed(3)} (standardised)`);
const inSample = train.filter((r) => eligible(r) && declineProbability(final, r.features) >= threshold);
console.log(`in-sample train at ${threshold}: +${inSample.filter((r) => !r.answerable).length} declined, +${inSample.filter((r) => r.answerable).length} wrongly`);
for (const group of new Set(rows.filter((r) => r.group !== 'train').map((r) => r.group))) {
  const of = rows.filter((r) => r.group === group);
  const newly = of.filter((r) => eligible(r) && declineProbability(final, r.features) >= threshold);
  console.log(`check ${group}: +${newly.filter((r) => !r.answerable).length}/${of.filter((r) => !r.answerable).length} unanswerable declined, +${newly.filter((r) => r.answerable).length}/${of.filter((r) => r.answerable).length} answerable wrongly${newly.filter((r) => r.answerable).map((r) => `\n    ${r.id}: ${r.question}`).join('')}`);
}

if (values.write) {
  const command = `npx tsx scripts/fit-decline.ts --l2 ${values.l2} --iterations ${values.iterations} --budget ${values.budget} --trees ${values.trees} --depth ${values.depth} --rate ${values.rate}${values.drop ? ` --drop ${values.drop}` : ''} --write`;
  const body = [
    "// The learned decline's fitted weights (see decline-model.ts, params.ts DEFAULT_RELEVANCE.declineModel). Written by scripts/fit-decline.ts; do not edit by hand.",
    `// Fitted on SQuAD train (${articles.length} articles, the ${open.length} questions the hand rules answer), ${new Date().toISOString().slice(0, 10)}; refit with: ${command}`,
    `// Out of fold (5 folds by article) at the threshold: train declined ${pct(ruleDeclined + cvUn, unanswerable)}, wrongly ${pct(ruleWrong + cvWrong, answerable)}.`,
    "import type { DeclineModel } from './decline-model.js';",
    '',
    '/** One weight per DECLINE_FEATURES entry, in raw feature units (higher = that evidence points more to a question the text does not answer). */',
    'export const DECLINE_WEIGHTS: DeclineModel = {',
    `  bias: ${Number(final.bias.toPrecision(6))},`,
    '  weights: [',
    ...DECLINE_FEATURES.map((f, i) => `    ${Math.abs(final.weights[i]!) < 1e-6 ? 0 : Number(final.weights[i]!.toPrecision(5))}, // ${f}`),
    '  ],',
    ...(final.trees?.length ? [`  trees: ${JSON.stringify(final.trees.map((t) => ({ ...t, threshold: t.threshold.map((x) => Number(x.toPrecision(6))), value: t.value.map((x) => Number(x.toPrecision(5))) })))},`] : []),
    '};',
    '',
    `/** The probability at or above which the model declines: the lowest whose out-of-fold wrong declines on train stay within ${values.budget} of the answerable questions. */`,
    `export const DECLINE_THRESHOLD = ${threshold};`,
    '',
  ].join('\n');
  writeFileSync('src/retrieval/decline-weights.ts', body);
  console.log('wrote src/retrieval/decline-weights.ts');
}
