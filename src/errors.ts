// Typed errors: every failure a user can cause or meet has a code and a one-line message that says
// what to do. Adapters turn any thrown value into what the user sees with `toUserMessage`.

/**
 * Every kind of failure a user can cause or meet; `toUserMessage` shows an AppError's message for all but INTERNAL.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'SOURCE_NOT_FOUND'
  | 'SOURCE_UNREADABLE'
  | 'SOURCE_EMPTY'
  | 'SOURCE_BINARY'
  | 'SOURCE_CLEANS_TO_NOTHING'
  | 'SOURCE_TOO_LARGE'
  | 'SOURCE_TOO_COMPLEX'
  | 'URL_INVALID'
  | 'URL_FETCH_FAILED'
  | 'URL_BAD_CONTENT_TYPE'
  | 'INDEX_MISSING'
  | 'INDEX_CORRUPT'
  | 'INGEST_LOCKED'
  | 'STORE_UNWRITABLE'
  | 'INGEST_CRASHED'
  | 'EMBEDDER_MISMATCH'
  | 'EMBEDDER_UNAVAILABLE'
  | 'QUESTION_EMPTY'
  | 'QUESTION_TOO_LONG'
  | 'DISCORD_LOGIN_FAILED'
  | 'USAGE'
  | 'DATA_FILE_INVALID'
  | 'INTERNAL'
  | 'DATABASE_UNAVAILABLE'
  | 'DATABASE_AUTH_FAILED'
  | 'DATABASE_NO_VECTOR'
  | 'DATABASE_SCHEMA';

/** A failure with a code and a one-line message written for users (what went wrong and what to do). */
export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

/** A command line that cannot be run as typed: the message says what the usage is. Exit code 2. */
export class UsageError extends AppError {
  constructor(message: string) {
    super('USAGE', message);
    this.name = 'UsageError';
  }
}

/**
 * A broken promise inside the program itself (an invariant that input cannot break, such as a passage
 * that is not its document's text). Users see the generic line; the log keeps the details.
 */
export class InternalError extends AppError {
  constructor(message: string) {
    super('INTERNAL', message);
    this.name = 'InternalError';
  }
}

/** True when `error` is an AppError (including its subclasses). */
export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/**
 * The one place that decides what a user sees for a failure. An AppError's message was written for
 * users; anything else (and an InternalError) is a bug, so the user gets a generic line and the details
 * go to the log. Returns the one line to show.
 */
export function toUserMessage(error: unknown): string {
  if (isAppError(error) && error.code !== 'INTERNAL') return error.message;
  return 'Something went wrong while answering. The details are in the log.';
}

/**
 * A file-system failure while writing `place` (a folder or file the user configured) as a one-line
 * AppError STORE_UNWRITABLE that says what to do; undefined when `error` is not one of these. Covers a
 * full disk (ENOSPC, EDQUOT), a read-only file system (EROFS), a file where a folder should be or the
 * reverse (ENOTDIR, EISDIR, EEXIST), and permissions (EACCES, EPERM).
 */
export function fileSystemError(error: unknown, place: string, setting: string): AppError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const fail = (message: string) => new AppError('STORE_UNWRITABLE', message, { cause: error });
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return fail(`The disk holding ${place} is full. Free some space and try again; the previous index stays in use.`);
    case 'EROFS':
      return fail(`${place} is on a read-only file system. Point ${setting} at a writable folder.`);
    case 'ENOTDIR':
    case 'EISDIR':
    case 'EEXIST':
      return fail(`${place} is not a usable folder (a file is in the way). Point ${setting} at a folder, or move the file.`);
    case 'EACCES':
    case 'EPERM':
      return fail(`No permission to write in ${place}. Make it writable by this user, or point ${setting} elsewhere.`);
    default:
      return undefined;
  }
}

