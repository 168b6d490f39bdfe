// Runs one ingest in a child process, so a long or hostile ingest (a 10 MB source, a deeply nested
// page) never holds the event loop of the process that started it: the bot keeps acknowledging
// interactions and `ingest --watch` keeps watching. A child rather than a worker thread: its own heap,
// so even an ingest that runs out of memory or crashes takes only itself down, and the parent's
// previous index keeps serving. The child gets the parsed settings (without the Discord token) and an
// empty environment.
import { fork } from 'node:child_process';
import { getPriority, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Config } from '../src/config.js';
import { AppError } from '../src/errors.js';
import type { Logger } from '../src/logger.js';
import type { IngestSummary } from '../src/types.js';
import type { ChildMessage, ChildRequest } from './ingest-child-protocol.js';
import type { IngestProgress } from './run-ingest.js';

/**
 * Options for running one ingest in a child process (so the parent stays responsive); same meaning as RunIngestOptions.
 */
export interface RunIngestInChildOptions {
  config: Config;
  logger: Logger;
  sources?: string[];
  wait?: boolean;
  onProgress?: (progress: IngestProgress) => void;
}

/** How much lower the child's scheduling priority is than its parent's (nice steps; 19 is the lowest). */
const CHILD_NICENESS = 5;
/** Compiled (npm run build, dist/…/*.js) the child is plain JavaScript; in development it is TypeScript. */
const COMPILED = import.meta.url.endsWith('.js');
const CHILD_SCRIPT = fileURLToPath(new URL(COMPILED ? './ingest-child.js' : './ingest-child.ts', import.meta.url));

/**
 * Same contract as runIngest: resolves to the summary of the published generation, or rejects with the
 * child's AppError (same code and message). A child that dies without answering rejects with
 * AppError('INGEST_CRASHED'); the previous index is untouched either way.
 */
export function runIngestInChild(options: RunIngestInChildOptions): Promise<IngestSummary> {
  const { config, logger, onProgress } = options;
  return new Promise((resolve, reject) => {
    const child = fork(CHILD_SCRIPT, [], {
      // tsx's loader, resolved here so the child runs TypeScript whatever the parent was started with.
      execArgv: COMPILED ? [] : ['--import', import.meta.resolve('tsx')],
      env: {},
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    // Below the parent's priority: on a busy machine the bot's acknowledgements come before ingest work.
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, Math.min(19, getPriority() + CHILD_NICENESS));
      } catch {
        // Not permitted here (some containers): the child just runs at the same priority.
      }
    }
    let settled = false;
    const settle = (act: () => void) => {
      if (settled) return;
      settled = true;
      act();
    };
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'done') settle(() => resolve(message.summary));
      else
        settle(() => {
          if (message.code) {
            const error = new AppError(message.code, message.message);
            error.name = message.name;
            reject(error);
          } else {
            const error = new Error(message.message);
            error.name = message.name;
            reject(error);
          }
        });
    });
    child.on('error', (error) => settle(() => reject(new AppError('INGEST_CRASHED', 'The ingest could not be started; the previous index stays in use. The details are in the log.', { cause: error }))));
    child.on('exit', (code, signal) => {
      settle(() => {
        logger.error({ code, signal }, 'the ingest child process ended without a result');
        reject(new AppError('INGEST_CRASHED', `The ingest stopped unexpectedly (${signal ?? `exit code ${code}`}); the previous index stays in use. Try again, and see the log if it happens again.`));
      });
    });
    const request: ChildRequest = {
      // The child never talks to Discord: it does not get the token.
      config: { ...config, discord: { ...config.discord, token: undefined } },
      wait: options.wait ?? false,
      ...(options.sources ? { sources: options.sources } : {}),
    };
    child.send(request);
  });
}
