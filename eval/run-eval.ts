// Scores the product (createAnswerer, the code ask and Discord use) and the plain LangChain baseline
// on one question set over one corpus.
import { createAnswerer, type AnswererOptions } from '../src/answer/answer-question.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { createBaselinePipeline, type Pipeline } from './baseline.js';
import { buildEvalIndex, readCorpus } from './eval-index.js';
import type { EvalQuestion } from './questions.js';
import { scoreQuestion, summarize, type Metrics, type QuestionResult } from './score.js';

export interface EvalRow {
  name: string;
  metrics: Metrics;
  results: QuestionResult[];
}

export interface EvalReport {
  corpus: string;
  questions: number;
  embedder: string;
  rows: EvalRow[];
}

export interface RunEvalOptions {
  corpus: string;
  cwd: string;
  questions: EvalQuestion[];
  /** Relevance threshold; undefined = the calibrated default. */
  minRelevance?: number;
  /** For experiments: search settings other than the defaults. */
  answerer?: AnswererOptions;
  /** Skip the baseline row (faster experiments). */
  baseline?: boolean;
}

export async function runEval(options: RunEvalOptions): Promise<EvalReport> {
  const source = readCorpus(options.corpus, options.cwd);
  const embeddings = new LocalEmbeddings();
  const index = await buildEvalIndex(source, embeddings);
  const answer = createAnswerer(index, embeddings, { passages: 3, maxPassages: 9, ...(options.minRelevance !== undefined ? { minRelevance: options.minRelevance } : {}) }, options.answerer);
  const ours: Pipeline = async (question) => {
    const reply = await answer(question);
    return { declined: !reply.answered, passages: reply.passages.map((p) => p.passage.text) };
  };
  const rows: EvalRow[] = [await score('ours', ours, options.questions)];
  if (options.baseline !== false) rows.push(await score('langchain baseline', await createBaselinePipeline(source.content, embeddings), options.questions));
  return { corpus: source.id, questions: options.questions.length, embedder: `${embeddings.info.kind} ${embeddings.info.model}`, rows };
}

async function score(name: string, pipeline: Pipeline, questions: EvalQuestion[]): Promise<EvalRow> {
  const results: QuestionResult[] = [];
  for (const q of questions) results.push(scoreQuestion(q, await pipeline(q.question)));
  return { name, metrics: summarize(results), results };
}
