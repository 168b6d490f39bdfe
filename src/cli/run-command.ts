// Shared by every command-line entry point: one line per failure, the right exit code, no stack traces
// for failures the user can fix.
import { isAppError } from '../errors.js';

export class UsageError extends Error {}

export async function runCommand(main: () => Promise<number | void>): Promise<void> {
  try {
    const code = await main();
    process.exitCode = code ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`usage: ${error.message}\n`);
      process.exitCode = 2;
    } else if (isAppError(error)) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`error: unexpected failure: ${message}\n`);
      process.exitCode = 1;
    }
  }
}
