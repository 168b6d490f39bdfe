// Scores three pipelines on the same questions over the same article, in one run: the product (the
// App that `npm run ask` and the bot use, over an index built by the product's ingest), the plain
// LangChain pipeline (eval/baseline.ts) and a classical BM25 reference (eval/bm25.ts). One article
// with one question file, or a folder of articles (the ../shared/eval/squad layout) with totals
// micro-averaged over every question.
import { createAnswerer, type AnswererOptions } from '../src/answer/answer-question.js';
import { validateQuestion } from '../src/answer/validate-question.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { isAppError } from '../src/errors.js';
import type { Answer } from '../src/types.js';
import { createBaselinePipeline, type Pipeline } from './baseline.js';
import { createBm25Pipeline } from './bm25.js';
import { readArticleFolder } from './article-folder.js';
import { openProduct, readCorpus } from './eval-index.js';
import type { EvalQuestion } from './questions.js';
import { scoreQuestion, shownTexts, summarize, type Metrics, type QuestionResult } from './score.js';

/** Row names, in the order every report prints them. */
const ROW_NAMES = ['ours', 'langchain baseline', 'bm25 reference'] as const;

/** One pipeline's figures on one question set, with every question's result. */
export interface EvalRow {
  name: string;
  metrics: Metrics;
  results: QuestionResult[];
}

/** One article scored on every row. */
export interface EvalReport {
  corpus: string;
  questions: number;
  embedder: string;
  rows: EvalRow[];
}

export interface RunEvalOptions {
  /** The article file, relative to `cwd`. */
  corpus: string;
  /** Other article files indexed together with it in one index (a collection); default none. */
  alongside?: readonly string[];
  cwd: string;
  questions: EvalQuestion[];
  /** Relevance threshold; undefined = the calibrated default. */
  minRelevance?: number;
  /** For experiments: answer with these search settings instead of through the App's defaults. */
  answerer?: AnswererOptions;
  /** false: only our row (faster checks). Default: all three rows. */
  baseline?: boolean;
}

/**
 * Indexes one article through the product's ingest and scores every question on our row, then (unless
 * `baseline: false`) on the LangChain and BM25 rows. Returns the rows in ROW_NAMES order.
 * Throws the ingest's AppError when the article cannot be indexed.
 */
export async function runEval(options: RunEvalOptions): Promise<EvalReport> {
  const alongside = options.alongside ?? [];
  const product = await openProduct(options.corpus, { cwd: options.cwd, alongside, ...(options.minRelevance !== undefined ? { minRelevance: options.minRelevance } : {}) });
  try {
    let answer = (question: string) => product.app.answers.answer(question);
    if (options.answerer) {
      const settings = { ...product.app.config.answer, ...(options.minRelevance !== undefined ? { minRelevance: options.minRelevance } : {}) };
      const answerer = createAnswerer(product.index, new LocalEmbeddings(), settings, options.answerer);
      const max = product.app.config.questionMaxLength;
      answer = (question) => answerer(validateQuestion(question, max));
    }
    const rows: EvalRow[] = [await score(ROW_NAMES[0], oursPipeline(answer), options.questions)];
    if (options.baseline !== false) {
      const embeddings = new LocalEmbeddings();
      const raw = [options.corpus, ...alongside].map((file) => readCorpus(file, options.cwd).content).join('\n\n');
      rows.push(await score(ROW_NAMES[1], await createBaselinePipeline(raw, embeddings), options.questions));
      const text = product.index.documents.map((d) => d.text).join('\n\n');
      rows.push(await score(ROW_NAMES[2], createBm25Pipeline(text), options.questions));
    }
    const info = product.index.manifest.embedder;
    return { corpus: product.index.documents[0]?.id ?? options.corpus, questions: options.questions.length, embedder: `${info.kind} ${info.model}`, rows };
  } finally {
    await product.close();
  }
}

/** Our row: a question the product refuses as a bad question (empty, too long) counts as declined. */
function oursPipeline(answer: (question: string) => Promise<Answer>): Pipeline {
  return async (question) => {
    try {
      const reply = await answer(question);
      return { declined: !reply.answered, passages: shownTexts(reply), ...(reply.relevance !== undefined ? { relevance: reply.relevance } : {}) };
    } catch (error) {
      if (isAppError(error) && (error.code === 'QUESTION_EMPTY' || error.code === 'QUESTION_TOO_LONG')) return { declined: true, passages: [] };
      throw error;
    }
  };
}

async function score(name: string, pipeline: Pipeline, questions: EvalQuestion[]): Promise<EvalRow> {
  const results: QuestionResult[] = [];
  for (const q of questions) results.push(scoreQuestion(q, await pipeline(q.question)));
  return { name, metrics: summarize(results), results };
}

export interface FolderReport {
  dir: string;
  embedder: string;
  articles: EvalReport[];
  /** Per row, every question of every article pooled (micro average). */
  totals: EvalRow[];
  seconds: number;
}

/**
 * Scores every article of `dir` (see readArticleFolder) on the three rows and pools the results.
 * Throws what readArticleFolder and runEval throw.
 */
export async function runEvalFolder(options: Omit<RunEvalOptions, 'corpus' | 'questions'> & { dir: string; onArticle?: (report: EvalReport) => void }): Promise<FolderReport> {
  const started = performance.now();
  const sets = readArticleFolder(options.dir, options.cwd);
  const articles: EvalReport[] = [];
  for (const set of sets) {
    const { dir: _dir, onArticle: _on, ...rest } = options;
    const report = await runEval({ ...rest, corpus: set.article, questions: set.questions });
    articles.push({ ...report, corpus: set.name });
    options.onArticle?.(report);
  }
  const names = articles[0]?.rows.map((r) => r.name) ?? [];
  const totals = names.map((name) => {
    const results = articles.flatMap((a) => a.rows.find((r) => r.name === name)?.results ?? []);
    return { name, metrics: summarize(results), results };
  });
  return { dir: options.dir, embedder: articles[0]?.embedder ?? '', articles, totals, seconds: (performance.now() - started) / 1000 };
}
