// Fits the ranking weights by coordinate ascent instead of per-question hand tuning. Objective: hit@1
// (plus a tenth of hit@3) over the answerable questions of the SQuAD train articles
// (../shared/eval/squad/train, fitting only; dev/ is for checking after) and of the bundled article's
// tuning sets (eval/sets/dev.jsonl + questions.jsonl), the two averaged so the bundled article counts
// as much as the fifteen others. Each article is indexed once through the real ingest steps; a
// candidate setting then only re-runs the searches. Prints every accepted step and the final settings.
//   npx tsx scripts/fit-ranking.ts [--train /work/shared/eval/squad/train] [--rounds 2] [--sample 1]
import { parseArgs } from 'node:util';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { DEFAULT_SEARCH, type SearchSettings } from '../src/retrieval/params.js';
import { buildRetrievalIndex, type RetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { createSearcher } from '../src/retrieval/search.js';
import { cleanQuestion } from '../src/text/clean-question.js';
import { getLexicon } from '../src/text/lexicon.js';
import { readArticleFolder } from '../eval/article-folder.js';
import { buildEvalIndex, readCorpus } from '../eval/eval-index.js';
import { readQuestions, type EvalQuestion } from '../eval/questions.js';
import { normalizeForMatch } from '../eval/score.js';

const { values } = parseArgs({ options: { train: { type: 'string', default: '/work/shared/eval/squad/train' }, rounds: { type: 'string', default: '2' }, sample: { type: 'string', default: '1' } } });
// --sample n keeps every n-th SQuAD question: a quicker, noisier objective on a busy machine.
const sample = Math.max(1, Number(values.sample));
const embeddings = new LocalEmbeddings();
const lexicon = getLexicon();
interface Article {
  group: 'squad' | 'bundled';
  state: RetrievalIndex;
  questions: EvalQuestion[];
}
const articles: Article[] = [];
async function add(group: Article['group'], corpus: string, questions: EvalQuestion[]) {
  const index = await buildEvalIndex(readCorpus(corpus, process.cwd()), embeddings);
  articles.push({ group, state: buildRetrievalIndex(index, lexicon), questions: questions.filter((q) => q.answerable) });
}
for (const { article, questions } of readArticleFolder(values.train, process.cwd())) await add('squad', article, questions.filter((_, i) => i % sample === 0));
await add('bundled', BUNDLED_ARTICLE, [...readQuestions('eval/sets/dev.jsonl'), ...readQuestions('eval/sets/questions.jsonl')]);

async function objective(settings: SearchSettings): Promise<{ value: number; squad: number[]; bundled: number[] }> {
  const tally = { squad: [0, 0, 0], bundled: [0, 0, 0] };
  for (const a of articles) {
    const search = createSearcher(a.state, embeddings, settings);
    for (const q of a.questions) {
      const result = await search(cleanQuestion(q.question), 3);
      const expect = q.expect.map(normalizeForMatch);
      const rank = result.passages.findIndex((p) => expect.some((e) => normalizeForMatch(a.state.index.passages[p.passage]!.text).includes(e)));
      const t = tally[a.group];
      t[0]!++;
      if (rank === 0) t[1]!++;
      if (rank >= 0) t[2]!++;
    }
  }
  const rate = (t: number[]) => [t[1]! / t[0]!, t[2]! / t[0]!];
  const squad = rate(tally.squad);
  const bundled = rate(tally.bundled);
  const value = (squad[0]! + 0.1 * squad[1]! + bundled[0]! + 0.1 * bundled[1]!) / 2;
  return { value, squad, bundled };
}

type Path = [keyof SearchSettings, string];
const grid: [Path, number[]][] = [
  [['rank', 'lengthNorm'], [0.15, 0.3, 0.5]],
  [['rank', 'sentenceShare'], [0.5, 0.6, 0.8, 0.9]],
  [['rank', 'vectorShare'], [0, 0.1, 0.25]],
  [['slotWeights', 'generalShare'], [0.4, 0.5, 0.7, 0.8]],
  [['rank', 'answerTypeBonus'], [0, 0.3]],
  [['slotWeights', 'sharedNameRank'], [1, 1.5]],
  [['expansion', 'synonym'], [0.5, 0.85]],
  [['expansion', 'hyponym'], [0.4, 0.8]],
  [['expansion', 'hypernym'], [0.15, 0.45]],
  [['expansion', 'senseDecay'], [0.5, 0.85]],
  [['expansion', 'phraseWord'], [0.15, 0.5]],
];
const get = (s: SearchSettings, [group, key]: Path) => (s[group] as unknown as Record<string, number>)[key]!;
const set = (s: SearchSettings, [group, key]: Path, v: number): SearchSettings => ({ ...s, [group]: { ...(s[group] as object), [key]: v } });

let best = DEFAULT_SEARCH;
let bestScore = await objective(best);
const show = (r: Awaited<ReturnType<typeof objective>>) => `objective ${r.value.toFixed(4)}  squad train hit@1 ${r.squad[0]!.toFixed(3)} hit@3 ${r.squad[1]!.toFixed(3)}  bundled hit@1 ${r.bundled[0]!.toFixed(3)} hit@3 ${r.bundled[1]!.toFixed(3)}`;
console.log(`start     ${show(bestScore)}`);
for (let round = 1; round <= Number(values.rounds); round++) {
  let moved = false;
  for (const [p, candidates] of grid) {
    for (const v of candidates) {
      if (v === get(best, p)) continue;
      const trial = set(best, p, v);
      const r = await objective(trial);
      console.log(`  try ${p.join('.')} = ${v}: ${show(r)}`);
      // Strictly better by more than one question's worth of noise on the smaller group.
      if (r.value > bestScore.value + 1e-4) {
        console.log(`round ${round} ${p.join('.')} ${get(best, p)} -> ${v}: ${show(r)}`);
        best = trial;
        bestScore = r;
        moved = true;
      }
    }
  }
  if (!moved) break;
}
console.log(`final     ${show(bestScore)}`);
console.log(JSON.stringify({ rank: best.rank, slotWeights: best.slotWeights, expansion: best.expansion }, null, 1));
