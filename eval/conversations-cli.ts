// npm run eval:conversations -- [--file eval/sets/conversations.jsonl] [--corpus <article file>] [--json]
// Plays conversations through the product's conversation core and prints the follow-up, first-turn,
// self-contained and "more" figures (see eval/conversations.ts).
import { parseArgs } from 'node:util';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { isAppError, toUserMessage } from '../src/errors.js';
import { formatConversationReport, readConversations, runConversationEval } from './conversations.js';

const USAGE = 'Usage: npm run eval:conversations -- [--file <conversations.jsonl>] [--corpus <article file>] [--json]';

/** Runs the command with `argv`; returns the exit code (0 done, 1 failure, 2 usage). */
export async function main(argv: string[], cwd: string = process.cwd()): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { file: { type: 'string', default: 'eval/sets/conversations.jsonl' }, corpus: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    const report = await runConversationEval({ corpus: values.corpus ?? BUNDLED_ARTICLE, cwd, conversations: readConversations(values.file) });
    console.log(values.json ? JSON.stringify(report, null, 2) : formatConversationReport(report));
    return 0;
  } catch (error) {
    console.error(toUserMessage(error));
    if (!isAppError(error)) console.error(error);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
