// The child process side of an isolated ingest (see run-ingest-in-child.ts): receives the parsed
// settings and sources over IPC, runs the ingest, and sends back progress and one result. Its own
// event loop does the heavy work (HTML extraction, cleaning, embedding), so the bot's stays free.
import { isAppError } from '../src/errors.js';
import { createLogger } from '../src/logger.js';
import type { ChildMessage, ChildRequest } from './ingest-child-protocol.js';
import { runIngest } from './run-ingest.js';

const send = (message: ChildMessage) =>
  new Promise<void>((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });

// The parent going away (bot stopped) ends this ingest too; the lock and the store stay consistent.
process.on('disconnect', () => process.exit(0));

process.once('message', (request: ChildRequest) => {
  const logger = createLogger(request.config.logLevel);
  runIngest({
    config: request.config,
    logger,
    wait: request.wait,
    ...(request.sources ? { sources: request.sources } : {}),
    onProgress: (progress) => void send({ type: 'progress', progress }),
  }).then(
    async (summary) => {
      await send({ type: 'done', summary });
      process.exit(0);
    },
    async (error: unknown) => {
      if (!isAppError(error)) logger.error({ err: error }, 'ingest failed');
      await send(
        isAppError(error)
          ? { type: 'failed', code: error.code, name: error.name, message: error.message }
          : { type: 'failed', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) },
      );
      process.exit(1);
    },
  );
});
