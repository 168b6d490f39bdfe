// npm run eval -- --file <questions.jsonl> [--corpus <article file>] | --dir <folder of article folders>
//                 [--json] [--min-relevance <0..1>]
// Prints our row, the plain LangChain row and the BM25 reference row side by side, from one run.
import { parseArgs } from 'node:util';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { isAppError, toUserMessage } from '../src/errors.js';
import { readQuestions } from './questions.js';
import { folderJson, formatFolderReport, formatReport, reportJson } from './report.js';
import { runEval, runEvalFolder } from './run-eval.js';

const USAGE =
  'Usage: npm run eval -- (--file <questions.jsonl> [--corpus <article file>] | --dir <folder of article folders, each with article.txt and questions.jsonl>) [--json] [--min-relevance <0..1>]';

/** Runs the command with `argv`; returns the exit code (0 done, 1 bad input or failure, 2 usage). Prints one line on stderr for any error. */
export async function main(argv: string[], cwd: string = process.cwd()): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        file: { type: 'string' },
        dir: { type: 'string' },
        corpus: { type: 'string' },
        json: { type: 'boolean', default: false },
        'min-relevance': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if ((values.file === undefined) === (values.dir === undefined)) {
    console.error(`Pass exactly one of --file and --dir.\n${USAGE}`);
    return 2;
  }
  if (values.dir !== undefined && values.corpus !== undefined) {
    console.error(`--corpus goes with --file; with --dir each folder holds its own article.txt.\n${USAGE}`);
    return 2;
  }
  let minRelevance: number | undefined;
  if (values['min-relevance'] !== undefined) {
    minRelevance = Number(values['min-relevance']);
    if (!(minRelevance >= 0 && minRelevance <= 1)) {
      console.error(`--min-relevance must be a number from 0 to 1.\n${USAGE}`);
      return 2;
    }
  }
  const threshold = minRelevance !== undefined ? { minRelevance } : {};
  try {
    if (values.dir !== undefined) {
      const report = await runEvalFolder({ dir: values.dir, cwd, ...threshold });
      console.log(values.json ? folderJson(report) : formatFolderReport(report));
    } else {
      const report = await runEval({ corpus: values.corpus ?? BUNDLED_ARTICLE, cwd, questions: readQuestions(values.file!), ...threshold });
      console.log(values.json ? reportJson(report) : formatReport(report));
    }
    return 0;
  } catch (error) {
    console.error(toUserMessage(error));
    if (!isAppError(error)) console.error(error);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
