// Why each question of a set is answered or declined: per question, the relevance of the first passage and
// every factor the decision (src/answer/relevance.ts) put on it, the about-the-article intent, the cleaned
// question and its slots with their weights and traces. For reading misses, not for choosing by itself.
//   npx tsx scripts/why-declined.ts --set eval/sets/<set>.jsonl [--corpus <article.txt>] [--only declined|all]
import { parseArgs } from 'node:util';
import { aboutTopic } from '../src/answer/about-intent.js';
import { decide, firstPassageFactor } from '../src/answer/relevance.js';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { DEFAULT_SEARCH } from '../src/retrieval/params.js';
import { querySlots } from '../src/retrieval/query-terms.js';
import { buildRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { createSearcher } from '../src/retrieval/search.js';
import { slotWeigher } from '../src/retrieval/slot-weights.js';
import { cleanQuestion } from '../src/text/clean-question.js';
import { getLexicon } from '../src/text/lexicon.js';
import { buildEvalIndex, readCorpus } from '../eval/eval-index.js';
import { readQuestions } from '../eval/questions.js';
import { scoreQuestion } from '../eval/score.js';

const { values } = parseArgs({ options: { set: { type: 'string', multiple: true, default: [] }, corpus: { type: 'string' }, only: { type: 'string', default: 'declined' } } });
const embeddings = new LocalEmbeddings();
const index = await buildEvalIndex(readCorpus(values.corpus ?? BUNDLED_ARTICLE, process.cwd()), embeddings);
const lexicon = getLexicon();
const state = buildRetrievalIndex(index, lexicon);
const search = createSearcher(state, embeddings, DEFAULT_SEARCH);
const settings = DEFAULT_SEARCH.relevance;
const weigh = slotWeigher(state.lexical, lexicon, DEFAULT_SEARCH.slotWeights);
const isName = (term: string) => (state.lexical.capitalized.get(term) ?? 0) >= DEFAULT_SEARCH.slotWeights.nameCapitalized;
for (const set of values.set) {
  for (const q of readQuestions(set)) {
    const cleaned = cleanQuestion(q.question);
    const topic = aboutTopic(cleaned, lexicon);
    const result = await search(cleaned, 9);
    const d = decide(result, settings);
    const top = result.passages[0];
    const first = top ? index.passages[top.passage]!.text : '';
    const hit = scoreQuestion(q, { declined: !d.answered, passages: result.passages.map((p) => index.passages[p.passage]!.text) });
    const declined = topic ? false : !d.answered;
    if (values.only === 'declined' && !(declined && q.answerable) && !(!declined && !q.answerable)) continue;
    const ev = top?.evidence;
    const raw = ev ? settings.sentenceShare * ev.sentence + (1 - settings.sentenceShare) * ev.passage : 0;
    const slots = querySlots(cleaned, lexicon, DEFAULT_SEARCH.expansion, isName).map((s) => {
      const w = weigh(s);
      const traced = [...s.alternatives.keys()].some((t) => state.lexical.postings.has(t));
      return `${s.word}:${w.relevance.toFixed(2)}${w.sharedName ? 'N' : ''}${traced ? '' : '!'}`;
    });
    console.log(`${q.id} ${q.answerable ? 'ANS' : 'UNA'} ${declined ? 'DECLINED' : 'answered'}${topic ? ` about=${topic}` : ''} rel=${d.relevance.toFixed(3)} raw=${raw.toFixed(3)} sent=${ev?.sentence.toFixed(2)} pass=${ev?.passage.toFixed(2)} names=${result.question.namesShared} absent=${result.question.absent.toFixed(2)} onlyAbsent=${result.question.onlyAbsentThings} wanted=${result.question.wanted ?? '-'} typeFound=${ev?.answerTypeFound} negated=${result.question.negated} factor=${firstPassageFactor(result, settings).toFixed(2)} hit@1=${hit.rank === 1}`);
    console.log(`   q: ${q.question}\n   cleaned: ${cleaned}\n   slots: ${slots.join(' ')}\n   first: ${first.slice(0, 140)}`);
  }
}
