// `npm run ask -- "question"`: answer from the local index with no Discord at all.
// `npm run ask -- --json --file <questions.txt|.jsonl|->`: a batch in one process (the index and the
// embedder load once), one JSON line per question, each the object the one-question --json prints;
// a line that is not a usable question gets {"line", "question", "error"} and the rest are answered.
import { parseArgs } from 'node:util';
import { createApp, type App } from '../app.js';
import { loadConfig } from '../config.js';
import { isAppError, toUserMessage } from '../errors.js';
import { answerToJson, formatAnswerText } from '../format/format-text.js';
import { createLogger } from '../logger.js';
import type { Answer } from '../types.js';
import { writeSafe } from './terminal-safe.js';
import { readBatch, type BatchItem } from './read-batch.js';
import { runCommand, UsageError } from './run-command.js';

const USAGE = 'npm run ask -- [--json] [--all] "your question"  |  npm run ask -- [--json] [--all] --file <questions.txt|questions.jsonl|->';

await runCommand(async () => {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        file: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (parsed.values.help) {
    process.stdout.write(
      `${USAGE}\n  --json  print {question, answered, passages:[...]} only (with --file: one such object per line)\n  --all   show every ranked passage in full, not just excerpts of the first few\n  --file  answer every question of a file: one per line, or {"question": ...} per line in .jsonl; - reads standard input\n`,
    );
    return 0;
  }
  if (parsed.values.file !== undefined) {
    if (parsed.positionals.length > 0) throw new UsageError(`give either a question or --file, not both\n${USAGE}`);
    // Read the whole batch before loading anything: an unreadable or empty file fails at once.
    const items = await readBatch(parsed.values.file);
    return answerBatch(items, parsed.values);
  }
  const question = parsed.positionals.join(' ');
  if (parsed.positionals.length === 0) throw new UsageError(USAGE);

  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // One question: suggestions are worked out only if it is declined, not on the way to its answer.
  const app = await createApp(config, logger, { suggestions: 'on-decline', isolateIngest: false });
  try {
    const answer = await answerBuildingIndexIfMissing(app, question);
    if (parsed.values.json) {
      process.stdout.write(`${JSON.stringify(answerToJson(answer), null, 2)}\n`);
    } else {
      writeSafe(process.stdout, `${formatReply(answer, parsed.values.all, config.answer.passages)}\n`);
    }
    return 0;
  } finally {
    await app.close();
  }
});

/** Answers every batch item in order, writing each result as soon as it is ready. Returns the exit code (0: the batch ran). */
async function answerBatch(items: BatchItem[], options: { json: boolean; all: boolean }): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger, { isolateIngest: false });
  try {
    for (const item of items) {
      let answer: Answer | undefined;
      let error = 'error' in item ? item.error : undefined;
      if (error === undefined) {
        try {
          answer = await answerBuildingIndexIfMissing(app, item.question as string);
        } catch (failure) {
          // A bad question spoils its own line only; anything else (no index, broken store) stops the batch.
          if (!isAppError(failure) || (failure.code !== 'QUESTION_EMPTY' && failure.code !== 'QUESTION_TOO_LONG')) throw failure;
          error = toUserMessage(failure);
        }
      }
      if (options.json) {
        const line = answer ? answerToJson(answer) : { line: item.line, question: item.question, error };
        process.stdout.write(`${JSON.stringify(line)}\n`);
      } else if (answer) {
        writeSafe(process.stdout, `Q: ${answer.question}\n${formatReply(answer, options.all, config.answer.passages)}\n\n`);
      } else {
        writeSafe(process.stdout, `Q: ${String(item.question)}\nline ${item.line}: ${error}\n\n`);
      }
    }
    return 0;
  } finally {
    await app.close();
  }
}

/**
 * The text reply to one question, the same whether it was asked alone or in a batch (a user expects the
 * same reply to the same question): with `all`, every ranked passage whole; otherwise excerpts of the
 * first `passages`, with hints for seeing the rest. Returns markdown; throws nothing.
 */
function formatReply(answer: Answer, all: boolean, passages: number): string {
  const count = all ? answer.passages.length : passages;
  return formatAnswerText(answer, { count, full: all, moreHint: 'add --all to see them', fullHint: 'add --all' });
}

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
