// Reads where the first-pass ranking misses on the SQuAD train articles (fitting set; never dev):
// for every answerable question whose first passage holds no expected answer, whether the answer is in
// the candidate pool at all, in the same paragraph (a passage-splitting problem) or elsewhere, and
// every ninth miss printed whole for reading. Used to decide what the reranker should see.
//   npx tsx scripts/ranking-misses.ts [--dir /work/shared/eval/squad/train]
import { parseArgs } from 'node:util';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { DEFAULT_SEARCH } from '../src/retrieval/params.js';
import { buildRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { createSearcher } from '../src/retrieval/search.js';
import { cleanQuestion } from '../src/text/clean-question.js';
import { getLexicon } from '../src/text/lexicon.js';
import { readArticleFolder } from '../eval/article-folder.js';
import { buildEvalIndex, readCorpus } from '../eval/eval-index.js';
import { normalizeForMatch } from '../eval/score.js';
const { values } = parseArgs({ options: { dir: { type: 'string', default: '/work/shared/eval/squad/train' } } });
const dir = values.dir;
const embeddings = new LocalEmbeddings();
let n = 0, inPool = 0, miss = 0, sameParagraph = 0, adjacent = 0, nopos = 0;
const out: string[] = [];
for (const { name: entry, article, questions } of readArticleFolder(dir, process.cwd())) {
  const index = await buildEvalIndex(readCorpus(article, process.cwd()), embeddings);
  const state = buildRetrievalIndex(index, getLexicon());
  const search = createSearcher(state, embeddings, { ...DEFAULT_SEARCH, rerank: undefined });
  const texts = index.passages.map((p) => normalizeForMatch(p.text));
  for (const q of questions) {
    if (!q.answerable) continue;
    n++;
    const r = await search(cleanQuestion(q.question), 20);
    const expect = q.expect.map(normalizeForMatch);
    const pos = r.passages.map((p) => expect.some((e) => texts[p.passage]!.includes(e)));
    const anyPos = texts.some((t) => expect.some((e) => t.includes(e)));
    if (!anyPos) nopos++;
    if (pos.some(Boolean)) inPool++;
    if (pos[0]) continue;
    miss++;
    const top = index.passages[r.passages[0]!.passage]!;
    const goldIdx = index.passages.findIndex((_, i) => expect.some((e) => texts[i]!.includes(e)));
    const gold = index.passages[goldIdx];
    if (gold && gold.paragraph === top.paragraph) sameParagraph++;
    if (gold && Math.abs(goldIdx - r.passages[0]!.passage) === 1 && gold.paragraph === top.paragraph) adjacent++;
    const rank = pos.indexOf(true);
    out.push(`[${entry}] Q: ${q.question}\n  expect: ${q.expect.join(' | ')}  goldRank ${rank} sameParagraph ${gold?.paragraph === top.paragraph}\n  TOP(p${top.paragraph}#${top.ordinal} ${r.passages[0]!.score.toFixed(3)}): ${top.text.slice(0, 300)}\n  GOLD(p${gold?.paragraph}#${gold?.ordinal}): ${gold?.text.slice(0, 300)}\n`);
  }
}
console.log(`answerable ${n}, answer in no passage ${nopos}, gold in top20 ${inPool}, miss@1 ${miss}, gold in same paragraph as top ${sameParagraph}, adjacent window ${adjacent}`);
console.log(out.filter((_, i) => i % 9 === 0).join('\n'));
