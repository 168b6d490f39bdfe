// `npm run ask -- "question"`: answer from the local index with no Discord at all.
import { parseArgs } from 'node:util';
import { createApp, type App } from '../app.js';
import { loadConfig } from '../config.js';
import { isAppError } from '../errors.js';
import { answerToJson, formatAnswerText } from '../format/format-text.js';
import { createLogger } from '../logger.js';
import type { Answer } from '../types.js';
import { runCommand, UsageError } from './run-command.js';

const USAGE = 'npm run ask -- [--json] [--all] "your question"';

await runCommand(async () => {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, all: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n  --json  print {question, answered, passages:[...]} only\n  --all   show every ranked passage, not just the first few\n`);
    return 0;
  }
  const question = parsed.positionals.join(' ');
  if (parsed.positionals.length === 0) throw new UsageError(USAGE);

  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger);
  try {
    const answer = await answerBuildingIndexIfMissing(app, question);
    if (parsed.values.json) {
      process.stdout.write(`${JSON.stringify(answerToJson(answer), null, 2)}\n`);
    } else {
      const count = parsed.values.all ? answer.passages.length : config.answer.passages;
      process.stdout.write(`${formatAnswerText(answer, { count, moreHint: 'add --all to see them' })}\n`);
    }
    return 0;
  } finally {
    await app.close();
  }
});

/** A fresh clone has no index: build one from the configured sources (the bundled article by default) first. */
async function answerBuildingIndexIfMissing(app: App, question: string): Promise<Answer> {
  try {
    return await app.answers.answer(question);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'INDEX_MISSING') throw error;
  }
  process.stderr.write(`No index yet: building one from ${app.config.sources.join(', ')} ...\n`);
  const summary = await app.reingest();
  process.stderr.write(`Indexed ${summary.passages} passages from ${summary.documents} document(s) in ${summary.seconds.toFixed(1)} s.\n`);
  return app.answers.answer(question);
}
