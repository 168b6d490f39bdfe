// Answers every question of one or more sets through the real answerer and writes what came back
// (answered or not, passage ids, scores, highlight spans) one JSON line per question, with hit@1/hit@3
// and decline figures per set and micro-averaged. Used to show a refactor changes no answer (diff two
// dumps) and to measure SQuAD article folders.
//   npx tsx scripts/answer-dump.ts --out <file.jsonl> [--set <questions.jsonl>]... [--dir <folder of article folders>]... [--stored]
// --stored answers from the lexical index as a store publishes and loads it (encoded, then decoded
// through prepareRetrievalIndex), to show the stored form answers exactly like a fresh build.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createAnswerer } from '../src/answer/answer-question.js';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { encodeRetrievalIndex, prepareRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { getLexicon } from '../src/text/lexicon.js';
import { readArticleFolder } from '../eval/article-folder.js';
import { buildEvalIndex, readCorpus } from '../eval/eval-index.js';
import { readQuestions, type EvalQuestion } from '../eval/questions.js';
import { scoreQuestion, shownTexts, summarize, type QuestionResult } from '../eval/score.js';

const { values } = parseArgs({ options: { out: { type: 'string' }, set: { type: 'string', multiple: true, default: [] }, dir: { type: 'string', multiple: true, default: [] }, stored: { type: 'boolean', default: false } } });
const jobs: { name: string; corpus: string; questions: EvalQuestion[] }[] = [];
for (const set of values.set) jobs.push({ name: set, corpus: BUNDLED_ARTICLE, questions: readQuestions(set) });
for (const dir of values.dir) for (const { name, article, questions } of readArticleFolder(dir, process.cwd())) jobs.push({ name, corpus: article, questions });
const lines: string[] = [];
const all: QuestionResult[] = [];
const embeddings = new LocalEmbeddings();
const started = Date.now();
for (const job of jobs) {
  const index = await buildEvalIndex(readCorpus(job.corpus, process.cwd()), embeddings);
  const retrieval = values.stored
    ? await prepareRetrievalIndex({ ...index, readLexical: async () => encodeRetrievalIndex(index, getLexicon()) }, getLexicon(), {
        onRebuild: (reason) => {
          throw new Error(`the stored lexical index was not used: ${reason}`);
        },
      })
    : undefined;
  const answer = createAnswerer(index, embeddings, { passages: 3, maxPassages: 9 }, retrieval ? { retrieval } : {});
  const results: QuestionResult[] = [];
  for (const q of job.questions) {
    const a = await answer(q.question);
    lines.push(JSON.stringify({ set: job.name, id: q.id, answered: a.answered, passages: a.passages.map((p) => ({ id: p.passage.id, score: Number(p.score.toFixed(6)), highlights: p.highlights })) }));
    results.push(scoreQuestion(q, { declined: !a.answered, passages: shownTexts(a) }));
  }
  all.push(...results);
  const m = summarize(results);
  console.log(`${job.name.padEnd(45)} hit@1 ${m.hit1.toFixed(3)} hit@3 ${m.hit3.toFixed(3)} declined ${m.declined}/${m.unanswerable} wrongly ${m.wronglyDeclined}/${m.answerable}`);
}
const t = summarize(all);
console.log(`${'TOTAL'.padEnd(45)} hit@1 ${t.hit1.toFixed(3)} hit@3 ${t.hit3.toFixed(3)} declined ${t.declined}/${t.unanswerable} wrongly ${t.wronglyDeclined}/${t.answerable}  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
if (values.out) writeFileSync(values.out, lines.join('\n') + '\n');
