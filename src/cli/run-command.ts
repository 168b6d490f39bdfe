// Shared by every command-line entry point: one line per failure, the right exit code, no stack traces
// for failures the user can fix.
import { isAppError, UsageError } from '../errors.js';
import { writeSafe } from './terminal-safe.js';

export { UsageError };

/**
 * Runs a command's main function and turns its outcome into an exit code: the returned number (0 when
 * nothing), 2 with `usage:` for a UsageError, 1 with `error:` and the one-line message for any other
 * AppError, 1 with `error: unexpected failure:` for anything else. Never throws.
 */
export async function runCommand(main: () => Promise<number | void>): Promise<void> {
  try {
    const code = await main();
    process.exitCode = code ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      writeSafe(process.stderr, `usage: ${error.message}\n`);
      process.exitCode = 2;
    } else if (isAppError(error) && error.code !== 'INTERNAL') {
      writeSafe(process.stderr, `error: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      const message = error instanceof Error ? error.message : String(error);
      writeSafe(process.stderr, `error: unexpected failure: ${message}\n`);
      process.exitCode = 1;
    }
  }
}

/**
 * Resolves with the signal when the process is asked to stop (SIGINT: Ctrl-C; SIGTERM: a supervisor), for a
 * long-running command to shut down cleanly instead of being killed mid-answer. Never rejects.
 */
export function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
