// Off-topic questions on articles the product was never tuned on, two-sided. Each article of a SQuAD-style
// folder is ingested ALONE through the eval index path (eval/eval-index.ts openProduct: the product's ingest
// and App, as eval/run-eval.ts does), then asked:
//   own         the article's answerable questions (declined = wrongly declined),
//   adversarial the article's unanswerable questions (declined = right),
//   <set>       every question of each --set (off-topic sets: cooking, sport, tech support, ...; declined = right).
// Every question is answered by the App (what `npm run ask` prints) and searched once more by a searcher over
// the same index, whose result is re-decided under each variant of the decision settings (no second search
// per variant); the script checks the re-decision at the product's settings equals the App's answer.
//   npx tsx scripts/off-topic-unseen.ts --dir ../shared/eval/squad/train --set eval/sets/off-topic.jsonl
//     --set eval/sets/off-topic-2.jsonl --set eval/sets/library-off-topic.jsonl [--sweep key=v1,v2,...]... [--out rows.tsv]
// --sweep: one variant per value of that RelevanceSettings key (the others at the product's values); a value
//   "true"/"false" sets a switch. Several --sweep flags give one curve each.
// --out: one TSV row per question (article, group, answered, relevance, the question) at the product's settings.
// Fitting scripts may read ../shared; the product never does.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { aboutTopic } from '../src/answer/about-intent.js';
import { decide } from '../src/answer/relevance.js';
import { acceptQuestion } from '../src/answer/validate-question.js';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { isAppError } from '../src/errors.js';
import { DEFAULT_SEARCH, type RelevanceSettings } from '../src/retrieval/params.js';
import { buildRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { createSearcher, type SearchResult } from '../src/retrieval/search.js';
import { getLexicon } from '../src/text/lexicon.js';
import { readArticleFolder } from '../eval/article-folder.js';
import { openProduct } from '../eval/eval-index.js';
import { readQuestions } from '../eval/questions.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', multiple: true, default: [] },
    set: { type: 'string', multiple: true, default: [] },
    sweep: { type: 'string', multiple: true, default: [] },
    // Settings under every --sweep (not the product row): key=value.
    base: { type: 'string', multiple: true, default: [] },
    // Sets asked of the bundled article (groups "bundled:<set>"): its answerable must stay answered.
    bundled: { type: 'string', multiple: true, default: [] },
    out: { type: 'string' },
  },
});
if (values.dir.length === 0) throw new Error('need --dir <folder of article folders>');

/** One asked question: its group, and either a search result to re-decide or a fixed outcome (about-the-article, refused). */
interface Row {
  article: string;
  group: string;
  answerable: boolean;
  question: string;
  result?: SearchResult;
  fixed?: boolean;
  app: boolean;
}

const base = DEFAULT_SEARCH.relevance;
const parseValue = (raw: string) => (raw === 'true' ? true : raw === 'false' ? false : Number(raw));
const swept: RelevanceSettings = { ...base };
for (const pair of values.base) {
  const [key, raw] = pair.split('=');
  if (!key || raw === undefined || !(key in base)) throw new Error(`--base ${pair}: expected <RelevanceSettings key>=value`);
  Object.assign(swept, { [key]: parseValue(raw) });
}
const variants: [string, RelevanceSettings][] = [['product', base]];
for (const sweep of values.sweep) {
  const [key, list] = sweep.split('=');
  if (!key || !list || !(key in base)) throw new Error(`--sweep ${sweep}: expected <RelevanceSettings key>=v1,v2,...`);
  for (const raw of list.split(',')) variants.push([`${key}=${raw}`, { ...swept, [key]: parseValue(raw) }]);
}

const embeddings = new LocalEmbeddings();
const lexicon = getLexicon();
const offSets = values.set.map((set) => ({ name: path.basename(set, '.jsonl'), questions: readQuestions(set) }));
const rows: Row[] = [];
let mismatches = 0;
const started = performance.now();
const jobs: { name: string; article: string; questions: { question: string; answerable: boolean; group: string }[] }[] = [];
for (const dir of values.dir) {
  for (const { name, article, questions } of readArticleFolder(dir, process.cwd())) {
    const own = questions.map((q) => ({ ...q, group: q.answerable ? 'own' : 'adversarial' }));
    jobs.push({ name, article, questions: [...own, ...offSets.flatMap((set) => set.questions.map((q) => ({ ...q, group: set.name })))] });
  }
}
if (values.bundled.length > 0) {
  jobs.push({ name: 'bundled', article: BUNDLED_ARTICLE, questions: values.bundled.flatMap((set) => readQuestions(set).map((q) => ({ ...q, group: `bundled:${path.basename(set, '.jsonl')}` }))) });
}
{
  for (const { name, article, questions } of jobs) {
    const product = await openProduct(article, { cwd: process.cwd() });
    try {
      const state = buildRetrievalIndex(product.index, lexicon);
      const search = createSearcher(state, embeddings, DEFAULT_SEARCH);
      const { answer, questionMaxLength } = { answer: product.app.config.answer, questionMaxLength: product.app.config.questionMaxLength };
      const limit = Math.max(1, answer.maxPassages, answer.passages);
      const ask = async (group: string, q: { question: string; answerable: boolean }) => {
        let app: boolean;
        try {
          app = (await product.app.answers.answer(q.question)).answered;
        } catch (error) {
          if (isAppError(error) && (error.code === 'QUESTION_EMPTY' || error.code === 'QUESTION_TOO_LONG')) {
            rows.push({ article: name, group, answerable: q.answerable, question: q.question, fixed: false, app: false });
            return;
          }
          throw error;
        }
        const { cleaned } = acceptQuestion(q.question, questionMaxLength);
        if (aboutTopic(cleaned, lexicon)) {
          rows.push({ article: name, group, answerable: q.answerable, question: q.question, fixed: app, app });
          return;
        }
        const result = await search(cleaned, limit);
        if (decide(result, base, answer.minRelevance ?? base.minRelevance).answered !== app) mismatches++;
        rows.push({ article: name, group, answerable: q.answerable, question: q.question, result, app });
      };
      for (const q of questions) await ask(q.group, q);
    } finally {
      await product.close();
    }
    process.stderr.write(`${name} `);
  }
}
process.stderr.write(`\n${rows.length} questions in ${((performance.now() - started) / 1000).toFixed(0)} s; re-decision differing from the App: ${mismatches}\n`);

const answered = (row: Row, settings: RelevanceSettings): boolean => (row.result ? decide(row.result, settings).answered : row.fixed!);
const groups = [...new Set(rows.map((r) => r.group))];
const offGroups = groups.filter((g) => g !== 'own' && g !== 'adversarial' && !g.startsWith('bundled:'));
const bundledGroups = groups.filter((g) => g.startsWith('bundled:'));
/** "declined/of" over the rows of `list` on the side asked: answerable rows count wrongly declined, unanswerable ones declined. */
const declinedOf = (list: Row[], settings: RelevanceSettings) => `${list.filter((r) => !answered(r, settings)).length}/${list.length}`;
const header = ['settings', 'own wrongly declined', 'adversarial declined', ...offGroups.map((g) => `${g} declined`), 'all off-topic sets declined', 'bundled answerable wrongly', 'bundled unanswerable declined', ...bundledGroups.map((g) => `${g.slice(8)} wrongly / declined`)];
console.log(header.join('\t'));
for (const [label, settings] of variants) {
  const of = (pick: (r: Row) => boolean) => declinedOf(rows.filter(pick), settings);
  console.log(
    [
      label,
      of((r) => r.group === 'own'),
      of((r) => r.group === 'adversarial'),
      ...offGroups.map((g) => of((r) => r.group === g)),
      of((r) => offGroups.includes(r.group)),
      of((r) => bundledGroups.includes(r.group) && r.answerable),
      of((r) => bundledGroups.includes(r.group) && !r.answerable),
      ...bundledGroups.map((g) => `${of((r) => r.group === g && r.answerable)} ${of((r) => r.group === g && !r.answerable)}`),
    ].join('\t'),
  );
}
if (values.out) {
  const f = (v: number | undefined) => (v === undefined ? '' : v.toFixed(4));
  const lines = rows.map((r) => {
    const res = r.result;
    const top = res?.passages[0];
    const doc = res?.document;
    const lit = res?.literal;
    return [
      r.article, r.group, r.answerable ? 1 : 0, r.app ? 1 : 0, res ? f(decide(res, base).relevance) : '',
      f(top?.evidence.sentence), f(top?.evidence.passage), res ? (res.question.namesShared ? 1 : 0) : '', f(res?.question.absent), res?.question.wanted ?? '', top ? (top.evidence.answerTypeFound ? 1 : 0) : '',
      f(doc?.literal), f(lit?.sentence), f(lit?.passage), f(lit?.unmatched), lit ? (lit.unmatchedKnown ? 1 : 0) : '', f(top?.score),
      doc ? doc.reach.map((x, i) => `${doc.words[i]}:${x.toFixed(2)}:${doc.shares[i]!.toFixed(2)}`).join(' ') : '',
      r.question.replace(/\s+/g, ' '),
    ].join('\t');
  });
  const head = ['article', 'group', 'answerable', 'answered', 'relevance', 'sentence', 'passage', 'namesShared', 'absent', 'wanted', 'typeFound', 'docLiteral', 'litSentence', 'litPassage', 'unmatched', 'unmatchedKnown', 'score', 'reach:share', 'question'];
  writeFileSync(values.out, `${head.join('\t')}\n${lines.join('\n')}\n`);
}
