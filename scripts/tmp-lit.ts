import { readFileSync } from 'node:fs';
import { decide, firstPassageFactor } from '../src/answer/relevance.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { DEFAULT_SEARCH } from '../src/retrieval/params.js';
import { buildRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { createSearcher } from '../src/retrieval/search.js';
import { cleanQuestion } from '../src/text/clean-question.js';
import { getLexicon } from '../src/text/lexicon.js';
import { buildEvalIndex, readCorpus } from '../eval/eval-index.js';
const [dir, ...ids] = process.argv.slice(2);
const embeddings = new LocalEmbeddings();
const index = await buildEvalIndex(readCorpus(`${dir}/article.txt`, process.cwd()), embeddings);
const state = buildRetrievalIndex(index, getLexicon());
const search = createSearcher(state, embeddings, DEFAULT_SEARCH);
for (const line of readFileSync(`${dir}/questions.jsonl`, 'utf8').split('\n')) {
  if (!line.startsWith('{')) continue; const q = JSON.parse(line);
  if (ids.length && !ids.some((i) => q.id.endsWith(i))) continue;
  const r = await search(cleanQuestion(q.question), 5);
  const d = decide(r, DEFAULT_SEARCH.relevance);
  console.log(q.id, q.answerable ? 'ANS' : 'UNA', d.answered ? 'answered' : 'DECLINED', 'rel', d.relevance.toFixed(2), 'lit', r.document?.literal.toFixed(2), 'names', r.question.namesShared, 'docNames', r.document?.namesShared, 'pers', r.question.personal, 'back', r.question.refersBack, 'factor', firstPassageFactor(r, DEFAULT_SEARCH.relevance).toFixed(2), q.question);
}
