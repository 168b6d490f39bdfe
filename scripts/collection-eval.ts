// Declining on a collection: several articles indexed together (a user's handful of articles, a folder of
// reports), the scale between one article and a library where neither the article-scale evidence nor the
// library's literal rules were measured. The articles of a SQuAD folder are dealt into folds; per fold,
// every other article is ingested into ONE index through the product's ingest, then asked:
//   on-topic     the indexed articles' answerable questions (must be answered),
//   adversarial  the indexed articles' SQuAD unanswerable questions (one detail changed),
//   foreign      the fold's own articles' answerable questions: about articles that are not indexed, so
//                off-topic for this collection (a few may still be answered by a neighbouring article),
//   <set>        every question of each --set (off-topic sets: cooking, sport, tech support, ...).
// It prints, per group and in total, declined / answered with the product's settings and with each
// variant, two-sided, and writes one TSV row per question (--out) for sweeping rules without searching.
//   npx tsx scripts/collection-eval.ts --dir ../shared/eval/squad/train [--folds 3] [--set eval/sets/off-topic-2.jsonl]...
//     [--add ingest/corpus/article.txt]... [--size <n>] [--out rows.tsv]
// --add: articles indexed in every fold besides the folder's (their questions are not asked).
// --size <n>: index only n of the fold's other articles (a curve over collection size); --fold <k>: only fold k.
// Fitting scripts may read ../shared; the product never does.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runIngest } from '../ingest/run-ingest.js';
import { aboutTopic } from '../src/answer/about-intent.js';
import { decide, firstPassageFactor, firstPassageQuestion, passageRelevance } from '../src/answer/relevance.js';
import { loadConfig } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { readIndexGeneration } from '../src/index-store/read-index.js';
import { silentLogger } from '../src/logger.js';
import { absentBelow } from '../src/retrieval/document-evidence.js';
import { DEFAULT_SEARCH, type RelevanceSettings } from '../src/retrieval/params.js';
import { buildRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { createSearcher, type SearchResult } from '../src/retrieval/search.js';
import { cleanQuestion } from '../src/text/clean-question.js';
import { getLexicon } from '../src/text/lexicon.js';
import { readQuestions } from '../eval/questions.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', multiple: true, default: [] },
    folds: { type: 'string', default: '3' },
    set: { type: 'string', multiple: true, default: [] },
    add: { type: 'string', multiple: true, default: [] },
    out: { type: 'string' },
    // Index only this many of the fold's other articles (the first ones): a curve over collection size.
    size: { type: 'string' },
    // Run only this fold (0-based), for large collections.
    fold: { type: 'string' },
  },
});
const folds = Number(values.folds);
const articles = values.dir.flatMap((dir) =>
  readdirSync(dir)
    .sort()
    .map((entry) => path.join(dir, entry))
    .filter((folder) => existsSync(path.join(folder, 'article.txt'))),
);
if (articles.length < 2 || !(folds >= 2)) throw new Error('need --dir with at least two article folders and --folds >= 2');

/** Settings compared in the same run: the product's, and without each collection-scale rule. */
const variants: [string, RelevanceSettings][] = [
  ['product', DEFAULT_SEARCH.relevance],
  ['no documentScope', { ...DEFAULT_SEARCH.relevance, documentScope: false }],
];

interface Row {
  fold: number;
  group: string;
  source: string;
  id: string;
  answerable: boolean;
  result: SearchResult;
  ownDocument: boolean;
  question: string;
}

const embeddings = new LocalEmbeddings();
const lexicon = getLexicon();
const rows: Row[] = [];
let sizes = '';
for (let fold = 0; fold < folds; fold++) {
  if (values.fold !== undefined && Number(values.fold) !== fold) continue;
  const held = articles.filter((_, i) => i % folds === fold);
  const others = articles.filter((_, i) => i % folds !== fold);
  const indexed = values.size !== undefined ? others.slice(0, Number(values.size)) : others;
  const storeDir = mkdtempSync(path.join(tmpdir(), 'collection-eval-'));
  const config = loadConfig({ cwd: process.cwd(), envFile: false, env: { STORE_DIR: storeDir, EMBEDDINGS: 'local', LOG_LEVEL: 'silent' } });
  let state;
  try {
    const summary = await runIngest({ config, logger: silentLogger, sources: [...indexed.map((f) => path.join(f, 'article.txt')), ...values.add], embeddings });
    state = buildRetrievalIndex(await readIndexGeneration(storeDir, summary.generation, async () => embeddings), lexicon);
  } finally {
    rmSync(storeDir, { recursive: true, force: true });
  }
  sizes += `fold ${fold}: ${state.index.documents.length} documents, ${state.lexical.sentences.length} sentences; `;
  const search = createSearcher(state, embeddings, DEFAULT_SEARCH, { alwaysDocumentEvidence: true });
  const documentOf = (result: SearchResult): string => {
    const top = result.passages[0];
    return top ? state.index.passages[top.passage]!.documentId : '';
  };
  const ask = async (group: string, source: string, q: { id: string; question: string; answerable: boolean }) => {
    const cleaned = cleanQuestion(q.question);
    if (aboutTopic(cleaned, lexicon)) return;
    const result = await search(cleaned, 9);
    rows.push({ fold, group, source, id: q.id, answerable: q.answerable, result, ownDocument: documentOf(result).includes(path.basename(source)), question: q.question });
  };
  for (const folder of indexed) for (const q of readQuestions(path.join(folder, 'questions.jsonl'))) await ask(q.answerable ? 'on-topic' : 'adversarial', folder, q);
  for (const folder of held) for (const q of readQuestions(path.join(folder, 'questions.jsonl'))) if (q.answerable) await ask('foreign', folder, { ...q, answerable: false });
  for (const set of values.set) for (const q of readQuestions(set)) await ask(path.basename(set, '.jsonl'), set, q);
  // The pool of candidates grows with the collection: also kept per row for curves over size.
}

const groups = [...new Set(rows.map((r) => r.group))];
console.log(sizes);
console.log(['settings', ...groups, 'off-topic answered (foreign and every --set\'s unanswerable)'].join('\t'));
for (const [name, settings] of variants) {
  const cells = groups.map((g) => {
    const mine = rows.filter((r) => r.group === g);
    const answerable = mine.filter((r) => r.answerable);
    const unanswerable = mine.filter((r) => !r.answerable);
    const declined = (list: Row[]) => list.filter((r) => !decide(r.result, settings).answered).length;
    return [answerable.length ? `wrongly ${declined(answerable)}/${answerable.length}` : '', unanswerable.length ? `declined ${declined(unanswerable)}/${unanswerable.length}` : ''].filter(Boolean).join(' ');
  });
  const off = rows.filter((r) => r.group !== 'on-topic' && r.group !== 'adversarial' && !r.answerable);
  cells.push(`${off.filter((r) => decide(r.result, settings).answered).length}/${off.length}`);
  console.log([name, ...cells].join('\t'));
}

if (values.out) {
  const columns = ['fold', 'group', 'source', 'id', 'answerable', 'answered', 'relevance', 'factor', 'indexRelevance', 'documentRelevance', 'absent', 'namesShared', 'docAbsent', 'docNamesShared', 'onlyAbsent', 'docOnlyAbsent', 'docLiteral', 'documents', 'indexSentences', 'litSentence', 'litPassage', 'unmatched', 'unmatchedKnown', 'unmatchedElsewhere', 'unmatchedName', 'ownDocument', 'below02', 'below035', 'below05', 'question'];
  const settings = DEFAULT_SEARCH.relevance;
  const lines = rows.map((r) => {
    const top = r.result.passages[0];
    const d = decide(r.result, settings);
    const lit = r.result.literal;
    const cells = [
      r.fold,
      r.group,
      path.basename(r.source),
      r.id,
      r.answerable ? 1 : 0,
      d.answered ? 1 : 0,
      d.relevance,
      firstPassageFactor(r.result, settings),
      top ? passageRelevance(top, r.result.question, settings) : 0,
      top ? passageRelevance(top, firstPassageQuestion(r.result, { ...settings, documentScope: true }), settings) : 0,
      r.result.question.absent,
      r.result.question.namesShared ? 1 : 0,
      r.result.document?.absent ?? 1,
      r.result.document?.namesShared ? 1 : 0,
      r.result.question.onlyAbsentThings ? 1 : 0,
      r.result.document?.onlyAbsentThings ? 1 : 0,
      r.result.document?.literal ?? 0,
      r.result.document?.documents ?? 0,
      r.result.indexSentences,
      lit?.sentence ?? 0,
      lit?.passage ?? 0,
      lit?.unmatched ?? 1,
      lit?.unmatchedKnown ? 1 : 0,
      lit?.unmatchedElsewhere ? 1 : 0,
      lit?.unmatchedName ? 1 : 0,
      r.ownDocument ? 1 : 0,
      ...[0.2, 0.35, 0.5].map((c) => (r.result.document ? absentBelow(r.result.document, c) : 1)),
      r.question.replace(/\s+/g, ' '),
    ];
    return cells.map((v) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : String(v))).join('\t');
  });
  writeFileSync(values.out, `${columns.join('\t')}\n${lines.join('\n')}\n`);
}
