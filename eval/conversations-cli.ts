// npm run eval:conversations -- [--file eval/sets/conversations.jsonl] [--corpus <article file>] [--json]
// Plays conversations through the product's conversation core and prints the follow-up, first-turn,
// self-contained and "more" figures (see eval/conversations.ts).
import { parseArgs } from 'node:util';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { runCommand, UsageError } from '../src/cli/run-command.js';
import { formatConversationReport, readConversations, runConversationEval } from './conversations.js';

const USAGE = 'Usage: npm run eval:conversations -- [--file <conversations.jsonl>] [--corpus <article file>] [--json]';

/** Runs the command with `argv`; returns 0 when done. Throws UsageError for a bad command line and AppError for bad input (runCommand: one line, exit 2 or 1). */
export async function main(argv: string[], cwd: string = process.cwd()): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { file: { type: 'string', default: 'eval/sets/conversations.jsonl' }, corpus: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const report = await runConversationEval({ corpus: values.corpus ?? BUNDLED_ARTICLE, cwd, conversations: readConversations(values.file) });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatConversationReport(report));
  return 0;
}

await runCommand(() => main(process.argv.slice(2)));
