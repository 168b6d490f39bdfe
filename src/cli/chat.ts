// `npm run chat`: an interactive prompt over the same core as `ask` and the bot. The session is one
// conversation: "What did he say?" or "Why?" is read against the question before, "more" pages on.
// It follows re-ingests while it runs (the index holder watches the store).
import { createInterface } from 'node:readline';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { toUserMessage } from '../errors.js';
import { formatAnswerText } from '../format/format-text.js';
import { createLogger } from '../logger.js';
import type { Answer } from '../types.js';
import { runCommand } from './run-command.js';
import { writeSafe } from './terminal-safe.js';

const MORE = 'type "more"';
const FULL = 'type "full"';
const HELP =
  'Ask a question about the article; follow-ups ("What did he say?", "Why?") are read against the question before. "more" shows further passages, "full" the last ones whole, "about" describes the index, "exit" or Ctrl-D leaves.';
// The one conversation this session is.
const SESSION = 'chat';

await runCommand(async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger, { watch: true });
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'ask> ', terminal: process.stdin.isTTY === true });
  // Answers quote article text: everything shown goes through the terminal-safe writer.
  const say = (text: string) => writeSafe(process.stdout, `${text}\n`);

  const conversations = app.createConversations({ maxConversations: 1 });
  // The page last shown, so "full" can print it whole; this session's only, never stored.
  let lastShown: { answer: Answer; offset: number } | undefined;
  say(HELP);
  rl.prompt();

  // Lines are handled one at a time, in order, even when stdin is piped faster than answers come.
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      const input = line.trim();
      if (input === 'exit' || input === 'quit') {
        rl.close();
        return;
      }
      if (input === '') {
        // Nothing to do.
      } else if (input === 'help') {
        say(HELP);
      } else if (input === 'about') {
        const about = app.answers.about();
        say(about ? JSON.stringify(about, null, 2) : 'The index is not built yet: run npm run ingest.');
      } else if (input === 'full') {
        if (!lastShown) say('Ask a question first.');
        else say(formatAnswerText(lastShown.answer, { offset: lastShown.offset, count: config.answer.passages, full: true, moreHint: MORE }));
      } else {
        try {
          const reply = await conversations.ask(SESSION, input);
          lastShown = { answer: reply.answer, offset: reply.offset };
          if (reply.reading) say(reply.reading.note);
          say(formatAnswerText(reply.answer, { offset: reply.offset, count: config.answer.passages, moreHint: MORE, fullHint: FULL }));
        } catch (error) {
          logger.debug({ err: error }, 'question failed');
          say(toUserMessage(error));
        }
      }
      rl.prompt();
    });
  });

  await new Promise<void>((resolve) => rl.on('close', resolve));
  await queue;
  await app.close();
  say('');
  return 0;
});
