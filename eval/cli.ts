// npm run eval -- --file <questions.jsonl> [--corpus <file>] [--json] [--min-relevance <0..1>]
import { parseArgs } from 'node:util';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { isAppError, toUserMessage } from '../src/errors.js';
import { readQuestions } from './questions.js';
import { formatReport, reportJson } from './report.js';
import { runEval } from './run-eval.js';

const USAGE = 'Usage: npm run eval -- --file <questions.jsonl> [--corpus <article file>] [--json] [--min-relevance <0..1>]';

export async function main(argv: string[], cwd: string = process.cwd()): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        file: { type: 'string' },
        corpus: { type: 'string', default: BUNDLED_ARTICLE },
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
  if (!values.file) {
    console.error(`Missing --file.\n${USAGE}`);
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
  try {
    const report = await runEval({ corpus: values.corpus, cwd, questions: readQuestions(values.file), ...(minRelevance !== undefined ? { minRelevance } : {}) });
    console.log(values.json ? reportJson(report) : formatReport(report));
    return 0;
  } catch (error) {
    console.error(toUserMessage(error));
    if (!isAppError(error)) console.error(error);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
