// npm run eval -- --file <questions.jsonl> [--corpus <article file>] [--with <article file>]... | --dir <folder of article folders>
//                 [--json] [--min-relevance <0..1> | --curve <t1,t2,...>]
// Prints our row, the plain LangChain row and the BM25 reference row side by side, from one run; with
// --curve, our declines and wrong declines at each decline threshold instead (eval/curve.ts).
import { parseArgs } from 'node:util';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { runCommand, UsageError } from '../src/cli/run-command.js';
import { readQuestions } from './questions.js';
import { parseThresholds, thresholdCurve } from './curve.js';
import { curveJson, folderJson, formatCurve, formatFolderReport, formatReport, reportJson } from './report.js';
import { runEval, runEvalFolder } from './run-eval.js';
import type { QuestionResult } from './score.js';

const USAGE =
  'Usage: npm run eval -- (--file <questions.jsonl> [--file ...] [--corpus <article file>] [--with <another article indexed with it>...] | --dir <folder of article folders, each with article.txt and questions.jsonl>) [--json] [--min-relevance <0..1> | --curve <t1,t2,...>]';

/** Runs the command with `argv`; returns 0 when done. Throws UsageError for a bad command line and AppError for bad input, which runCommand turns into one line on stderr and exit 2 or 1. */
export async function main(argv: string[], cwd: string = process.cwd()): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        file: { type: 'string', multiple: true },
        dir: { type: 'string' },
        corpus: { type: 'string' },
        with: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        'min-relevance': { type: 'string' },
        curve: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if ((values.file === undefined) === (values.dir === undefined)) {
    throw new UsageError(`Pass exactly one of --file and --dir.\n${USAGE}`);
  }
  if (values.dir !== undefined && (values.corpus !== undefined || values.with !== undefined)) {
    throw new UsageError(`--corpus and --with go with --file; with --dir each folder holds its own article.txt.\n${USAGE}`);
  }
  let thresholds: number[] | undefined;
  if (values.curve !== undefined) {
    thresholds = parseThresholds(values.curve);
    if (!thresholds || values['min-relevance'] !== undefined) {
      throw new UsageError(`--curve takes comma-separated thresholds from 0 to 1 (e.g. 0.1,0.14,0.2), without --min-relevance.\n${USAGE}`);
    }
  }
  let minRelevance: number | undefined;
  if (values['min-relevance'] !== undefined) {
    minRelevance = Number(values['min-relevance']);
    if (!(minRelevance >= 0 && minRelevance <= 1)) {
      throw new UsageError(`--min-relevance must be a number from 0 to 1.\n${USAGE}`);
    }
  }
  const threshold = minRelevance !== undefined ? { minRelevance } : {};
  const corpus = values.corpus ?? BUNDLED_ARTICLE;
  const files = values.file ?? [];
  const alongside = values.with ?? [];
  if (thresholds) {
    // Answer once with the threshold at 0 (only the comparison rows are left out); the curve re-reads each reply's relevance.
    const sets: { name: string; results: QuestionResult[] }[] = [];
    if (values.dir !== undefined) {
      sets.push({ name: values.dir, results: (await runEvalFolder({ dir: values.dir, cwd, minRelevance: 0, baseline: false })).totals[0]!.results });
    } else {
      const read = files.map((f) => ({ name: f, questions: readQuestions(f) }));
      for (const set of read) sets.push({ name: set.name, results: (await runEval({ corpus, alongside, cwd, questions: set.questions, minRelevance: 0, baseline: false })).rows[0]!.results });
    }
    if (sets.length > 1) sets.push({ name: `all ${sets.length} sets pooled`, results: sets.flatMap((s) => s.results) });
    const curves = sets.map((s) => ({ name: s.name, points: thresholdCurve(s.results, thresholds) }));
    console.log(values.json ? curveJson(curves) : curves.map(formatCurve).join('\n\n'));
  } else if (values.dir !== undefined) {
    const report = await runEvalFolder({ dir: values.dir, cwd, ...threshold });
    console.log(values.json ? folderJson(report) : formatFolderReport(report));
  } else {
    // Every file is read first, so a malformed one fails before anything is indexed.
    const sets = files.map((f) => readQuestions(f));
    for (const questions of sets) {
      const report = await runEval({ corpus, alongside, cwd, questions, ...threshold });
      console.log(values.json ? reportJson(report) : formatReport(report));
    }
  }
  return 0;
}

await runCommand(() => main(process.argv.slice(2)));
