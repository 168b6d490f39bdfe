// Reads where the plain BM25 reference (eval/bm25.ts: ~60-word windows, Porter stems, Lucene stop set) and our
// ranking disagree at rank 1, on the SQuAD train articles (fitting set; never dev). Both are judged as
// `npm run eval` judges them (the first passage / window holds an expected phrase); ours is the search's first
// passage with the reranker (DEFAULT_SEARCH), before any decision to decline. Each disagreement is put in one
// category, so what BM25 sees and we do not can be read before any remedy is tried:
//   not-in-pool     no passage of our re-scored pool (rerankPool) holds the answer
//   ref-bm25-gold   in the pool, and the reference BM25 scored over OUR passages puts an answer passage first
//                   (the unit is not the difference; its scoring is)
//   window-only     in the pool, but over our passages the reference BM25 also misses: only its smaller
//                   window isolates the answer (our passage around it holds more of the wrong words)
// For ref-bm25-gold it also counts which question stems the answer passage matches under Porter stemming and
// not through our terms (lemmas + WordNet): a stemming difference. The reverse direction (ours right, BM25
// wrong) is counted the same way, to see what a remedy must not lose. Every ninth case of each direction printed.
//   npx tsx scripts/bm25-disagreements.ts [--dir /work/shared/eval/squad/train] [--all]
import { parseArgs } from 'node:util';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { DEFAULT_SEARCH } from '../src/retrieval/params.js';
import { buildRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { createSearcher } from '../src/retrieval/search.js';
import { cleanQuestion } from '../src/text/clean-question.js';
import { getLexicon } from '../src/text/lexicon.js';
import { termsOfWord, words } from '../src/text/analyze.js';
import { readArticleFolder } from '../eval/article-folder.js';
import { bm25Tokens, createBm25, sentenceWindows } from '../eval/bm25.js';
import { buildEvalIndex, readCorpus } from '../eval/eval-index.js';
import { normalizeForMatch } from '../eval/score.js';

const { values } = parseArgs({ options: { dir: { type: 'string', default: '/work/shared/eval/squad/train' }, all: { type: 'boolean', default: false } } });
const embeddings = new LocalEmbeddings();
const lexicon = getLexicon();

type Direction = 'bm25Only' | 'oursOnly';
const counts: Record<Direction, Map<string, number>> = { bm25Only: new Map(), oursOnly: new Map() };
const examples: Record<Direction, string[]> = { bm25Only: [], oursOnly: [] };
const stemOnly = new Map<string, number>();
let both = 0;
let neither = 0;
let n = 0;
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

for (const { name, article, questions } of readArticleFolder(values.dir, process.cwd())) {
  const index = await buildEvalIndex(readCorpus(article, process.cwd()), embeddings);
  const state = buildRetrievalIndex(index, lexicon);
  const seen: { pool: { passage: number }[] } = { pool: [] };
  const search = createSearcher(state, embeddings, DEFAULT_SEARCH, { observe: (rows) => (seen.pool = rows) });
  const texts = index.passages.map((p) => normalizeForMatch(p.text));
  const windows = sentenceWindows(index.documents.map((d) => d.text).join('\n\n'), 60);
  const windowScore = createBm25(windows);
  const windowTexts = windows.map(normalizeForMatch);
  const passageScore = createBm25(index.passages.map((p) => p.text));
  for (const q of questions) {
    if (!q.answerable) continue;
    n++;
    const expect = q.expect.map(normalizeForMatch);
    const holds = (t: string) => expect.some((e) => t.includes(e));
    seen.pool = [];
    const result = await search(cleanQuestion(q.question), 3);
    const ours = result.passages[0]?.passage;
    const oursHit = ours !== undefined && holds(texts[ours]!);
    const ws = windowScore(q.question);
    const topWindow = ws.reduce((best, s, i) => (s > ws[best]! ? i : best), 0);
    const bm25Hit = ws[topWindow]! > 0 && holds(windowTexts[topWindow]!);
    if (oursHit && bm25Hit) both++;
    if (!oursHit && !bm25Hit) neither++;
    if (oursHit === bm25Hit) continue;
    const direction: Direction = bm25Hit ? 'bm25Only' : 'oursOnly';
    const ps = passageScore(q.question);
    const refTop = ps.reduce((best, s, i) => (s > ps[best]! ? i : best), 0);
    const inPool = seen.pool.some((r) => holds(texts[r.passage]!));
    const category = !inPool && direction === 'bm25Only' ? 'not-in-pool' : holds(texts[refTop]!) ? 'ref-bm25-gold' : 'window-only';
    bump(counts[direction], category);
    const gold = index.passages.findIndex((_, i) => holds(texts[i]!));
    if (direction === 'bm25Only' && category === 'ref-bm25-gold' && gold >= 0) {
      // Question stems the answer passage holds under Porter stemming but meets through none of our terms.
      const goldStems = new Set(bm25Tokens(index.passages[gold]!.text));
      const goldTerms = new Set(words(index.passages[gold]!.text).flatMap((w) => termsOfWord(w.text)));
      for (const w of words(q.question)) {
        const stem = bm25Tokens(w.text)[0];
        if (stem && goldStems.has(stem) && !termsOfWord(w.text).some((t) => goldTerms.has(t))) bump(stemOnly, `${w.text.toLowerCase()}->${stem}`);
      }
    }
    const list = examples[direction];
    list.push(`[${name}] ${category} Q: ${q.question}\n  expect: ${q.expect.join(' | ')}\n  OURS(#${ours}): ${ours !== undefined ? index.passages[ours]!.text.slice(0, 260) : '-'}\n  BM25: ${windows[topWindow]!.slice(0, 260)}\n`);
  }
}
console.log(`answerable ${n}: both right ${both}, neither ${neither}`);
for (const d of ['bm25Only', 'oursOnly'] as const) {
  const total = [...counts[d].values()].reduce((a, b) => a + b, 0);
  console.log(`${d === 'bm25Only' ? 'BM25 right, ours wrong' : 'ours right, BM25 wrong'}: ${total}  ${[...counts[d]].map(([k, v]) => `${k} ${v}`).join(', ')}`);
}
console.log(`question words the answer passage meets only by Porter stem (ref-bm25-gold cases): ${[...stemOnly].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
for (const d of ['bm25Only', 'oursOnly'] as const) {
  console.log(`\n== ${d} ==`);
  console.log(examples[d].filter((_, i) => values.all || i % 9 === 0).join('\n'));
}
