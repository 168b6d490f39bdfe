// Writes the decline features of every question (one TSV row each) through the real searcher and
// decision, for fitting and reading the decline rules (scripts/fit-decline.ts reads the table). Sets
// over the bundled article, SQuAD article folders, and a kept library store (the bench's 10 MB corpus).
//   npx tsx scripts/decline-features.ts [--set <questions.jsonl>]... [--dir <folder of article folders>]... [--dir-set <off-topic set>]...
//     [--library <store dir> [--library-set <questions.jsonl>]... [--bench-questions <questions.json>]] > features.tsv
// Fitting scripts may read ../shared; the product never does.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { aboutTopic } from '../src/answer/about-intent.js';
import { decide, passageRelevance } from '../src/answer/relevance.js';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import type { LoadedIndex } from '../src/index-store/loaded-index.js';
import { readCurrentGeneration, readIndexGeneration } from '../src/index-store/read-index.js';
import { absentBelow } from '../src/retrieval/document-evidence.js';
import { DEFAULT_SEARCH } from '../src/retrieval/params.js';
import { buildRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { createSearcher } from '../src/retrieval/search.js';
import { cleanQuestion } from '../src/text/clean-question.js';
import { getLexicon } from '../src/text/lexicon.js';
import { readArticleFolder } from '../eval/article-folder.js';
import { buildEvalIndex, readCorpus } from '../eval/eval-index.js';
import { readQuestions } from '../eval/questions.js';

const { values } = parseArgs({
  options: {
    set: { type: 'string', multiple: true, default: [] },
    dir: { type: 'string', multiple: true, default: [] },
    // Off-topic sets asked of every article of each --dir as well (group "<dir>:<set>"): unseen articles' false answers.
    'dir-set': { type: 'string', multiple: true, default: [] },
    library: { type: 'string' },
    'library-set': { type: 'string', multiple: true, default: [] },
    'bench-questions': { type: 'string' },
  },
});

interface Job {
  group: string;
  article: string;
  load: () => Promise<LoadedIndex>;
  /** `group`: this question's group when not the job's (off-topic sets asked of a SQuAD article). */
  questions: { id: string; question: string; answerable: boolean; group?: string }[];
}

const embeddings = new LocalEmbeddings();
const jobs: Job[] = [];
for (const set of values.set) {
  jobs.push({ group: path.basename(set, '.jsonl'), article: 'bundled', load: () => buildEvalIndex(readCorpus(BUNDLED_ARTICLE, process.cwd()), embeddings), questions: readQuestions(set) });
}
for (const dir of values.dir) {
  const offTopic = values['dir-set'].flatMap((set) => readQuestions(set).map((q) => ({ ...q, id: `${path.basename(set, '.jsonl')}:${q.id}`, answerable: false, group: `${path.basename(dir)}-off` })));
  for (const { name, article, questions } of readArticleFolder(dir, process.cwd())) {
    jobs.push({ group: path.basename(dir), article: name, load: () => buildEvalIndex(readCorpus(article, process.cwd()), embeddings), questions: [...questions, ...offTopic] });
  }
}
if (values.library) {
  const store = values.library;
  const loadLibrary = async () => {
    const generation = await readCurrentGeneration(store);
    if (!generation) throw new Error(`no index in ${store}`);
    return readIndexGeneration(store, generation, async () => embeddings);
  };
  const questions: Job['questions'] = [];
  for (const set of values['library-set']) for (const q of readQuestions(set)) questions.push({ ...q, id: `${path.basename(set, '.jsonl')}:${q.id}` });
  if (values['bench-questions']) {
    const raw = JSON.parse(readFileSync(values['bench-questions'], 'utf8')) as { text: string; onTopic: boolean }[] | { questions: { text: string; onTopic: boolean }[] };
    const list = Array.isArray(raw) ? raw : raw.questions;
    list.forEach((q, i) => questions.push({ id: `bench:${i}`, question: q.text, answerable: q.onTopic }));
  }
  jobs.push({ group: 'library', article: 'library', load: loadLibrary, questions });
}

const columns = ['group', 'article', 'id', 'answerable', 'answered', 'relevance', 'sentence', 'passage', 'missing', 'namesShared', 'absent', 'onlyAbsent', 'litSentence', 'litPassage', 'unmatched', 'unmatchedWeight', 'unmatchedName', 'unmatchedElsewhere', 'unmatchedKnown', 'words', 'score1', 'margin', 'negated', 'negationShare', 'arithmetic', 'indexSentences', 'antonymSwap', 'missingNumber', 'baseRelevance', 'docAbsent', 'below02', 'below035', 'below05', 'below07', 'below1', 'question'];
process.stdout.write(`${columns.join('\t')}\n`);
const lexicon = getLexicon();
for (const job of jobs) {
  const index = await job.load();
  const search = createSearcher(buildRetrievalIndex(index, lexicon), embeddings, DEFAULT_SEARCH, { alwaysDocumentEvidence: true });
  for (const q of job.questions) {
    const cleaned = cleanQuestion(q.question);
    if (aboutTopic(cleaned, lexicon)) continue;
    const result = await search(cleaned, 9);
    const decision = decide(result, DEFAULT_SEARCH.relevance);
    const top = result.passages[0];
    const lit = result.literal;
    const row = [
      q.group ?? job.group,
      job.article,
      q.id,
      q.answerable ? 1 : 0,
      decision.answered ? 1 : 0,
      decision.relevance,
      top?.evidence.sentence ?? 0,
      top?.evidence.passage ?? 0,
      top?.evidence.missing ?? 1,
      result.question.namesShared ? 1 : 0,
      result.question.absent,
      result.question.onlyAbsentThings ? 1 : 0,
      lit?.sentence ?? 0,
      lit?.passage ?? 0,
      lit?.unmatched ?? 1,
      lit?.unmatchedWeight ?? 0,
      lit?.unmatchedName ? 1 : 0,
      lit?.unmatchedElsewhere ? 1 : 0,
      lit?.unmatchedKnown ? 1 : 0,
      lit?.words ?? 0,
      top?.score ?? 0,
      (top?.score ?? 0) - (result.passages[1]?.score ?? 0),
      result.question.negated ? 1 : 0,
      result.negationShare,
      result.question.arithmetic ? 1 : 0,
      result.indexSentences,
      result.antonymSwap ?? '',
      result.missingNumber ?? '',
      top ? passageRelevance(top, result.question, DEFAULT_SEARCH.relevance) : 0,
      result.document?.absent ?? 1,
      ...[0.2, 0.35, 0.5, 0.7, 1].map((c) => (result.document ? absentBelow(result.document, c) : 1)),
      q.question.replace(/\s+/g, ' '),
    ];
    process.stdout.write(`${row.map((v) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : String(v))).join('\t')}\n`);
  }
}
