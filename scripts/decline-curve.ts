// The decline trade-off as a curve, two-sided: for each relevance threshold, how many answerable
// questions would be wrongly declined and how many unanswerable (off-topic, look-alike, adversarial)
// ones declined, per group of sets. Every question is answered once with the threshold at 0 and its
// relevance kept, so the curve costs one pass.
//   npx tsx scripts/decline-curve.ts [--set <questions.jsonl>]... [--dir <folder of article folders>]... [--from 0.05 --to 0.4 --step 0.01]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAnswerer } from '../src/answer/answer-question.js';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { DEFAULT_RELEVANCE } from '../src/retrieval/params.js';
import { readArticleFolder } from '../eval/article-folder.js';
import { buildEvalIndex, readCorpus } from '../eval/eval-index.js';
import { readQuestions, type EvalQuestion } from '../eval/questions.js';

const { values } = parseArgs({
  options: {
    set: { type: 'string', multiple: true, default: [] },
    dir: { type: 'string', multiple: true, default: [] },
    from: { type: 'string', default: '0.05' },
    to: { type: 'string', default: '0.40' },
    step: { type: 'string', default: '0.01' },
  },
});
interface Group {
  name: string;
  jobs: { corpus: string; questions: EvalQuestion[] }[];
}
const groups: Group[] = [];
for (const set of values.set) groups.push({ name: path.basename(set, '.jsonl'), jobs: [{ corpus: BUNDLED_ARTICLE, questions: readQuestions(set) }] });
for (const dir of values.dir) {
  const jobs = readArticleFolder(dir, process.cwd()).map(({ article, questions }) => ({ corpus: article, questions }));
  groups.push({ name: path.basename(dir), jobs });
}

const embeddings = new LocalEmbeddings();
const scored: { group: string; answerable: boolean; relevance: number }[] = [];
for (const group of groups) {
  for (const job of group.jobs) {
    const index = await buildEvalIndex(readCorpus(job.corpus, process.cwd()), embeddings);
    const answer = createAnswerer(index, embeddings, { passages: 3, maxPassages: 9, minRelevance: 0 });
    for (const q of job.questions) {
      const a = await answer(q.question);
      // An about-the-article answer or a refusal does not depend on the threshold.
      const relevance = a.about ? (a.answered ? Infinity : -Infinity) : (a.relevance ?? 0);
      scored.push({ group: group.name, answerable: q.answerable, relevance });
    }
  }
}
const names = groups.map((g) => g.name);
const header = ['threshold', ...names.flatMap((n) => [`${n} wrong`, `${n} declined`])];
console.log(header.join('\t'));
for (let t = Number(values.from); t <= Number(values.to) + 1e-9; t += Number(values.step)) {
  const cells = [t.toFixed(2) + (Math.abs(t - DEFAULT_RELEVANCE.minRelevance) < 1e-9 ? '*' : '')];
  for (const n of names) {
    const mine = scored.filter((s) => s.group === n);
    const answerable = mine.filter((s) => s.answerable);
    const unanswerable = mine.filter((s) => !s.answerable);
    cells.push(`${answerable.filter((s) => s.relevance < t).length}/${answerable.length}`, `${unanswerable.filter((s) => s.relevance < t).length}/${unanswerable.length}`);
  }
  console.log(cells.join('\t'));
}
