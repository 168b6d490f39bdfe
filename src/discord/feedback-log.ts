// 👍/👎 votes, one JSON line each, appended in order. No user names: only the id Discord gives.
// Bounded: once the file would pass maxBytes (FEEDBACK_LOG_MAX_BYTES) it is renamed to <file>.1
// (replacing an older .1) and a new file is started, so votes take at most about twice that on disk.
import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileSystemError } from '../errors.js';

/** One 👍/👎 vote as logged: who voted on which question and which passages. */
export interface FeedbackEntry {
  /** ISO 8601. */
  time: string;
  question: string;
  passages: { id: string; documentId: string; paragraph: number }[];
  vote: 'up' | 'down';
  userId: string;
  /** The answer voted on (a user's later vote on the same answer replaces the earlier one where votes are stored by key). */
  answerId?: string;
}

/** Where votes go (a JSON-lines file, or a database table); `append` rejects when the vote cannot be stored. */
export interface FeedbackLog {
  append(entry: FeedbackEntry): Promise<void>;
}

/** Default cap on the feedback log file before it is rotated to <file>.1. */
const DEFAULT_FEEDBACK_LOG_MAX_BYTES = 10_000_000;

/** An append-only JSON-lines log at `file` (folder created on first use), rotated at maxBytes; `append` rejects on a write error. */
export function createFeedbackLog(file: string, maxBytes = DEFAULT_FEEDBACK_LOG_MAX_BYTES): FeedbackLog {
  // Appends are chained so concurrent votes never interleave inside a line.
  let queue: Promise<void> = Promise.resolve();
  let folderReady: Promise<unknown> | undefined;
  return {
    append(entry: FeedbackEntry): Promise<void> {
      const line = `${JSON.stringify(entry)}\n`;
      const appendLine = async () => {
        folderReady ??= mkdir(path.dirname(file), { recursive: true });
        await folderReady;
        const size = await stat(file).then(
          (s) => s.size,
          () => 0,
        );
        if (size > 0 && size + Buffer.byteLength(line) > maxBytes) await rename(file, `${file}.1`);
        await appendFile(file, line, 'utf8');
      };
      const write = queue.then(async () => {
        try {
          await appendLine();
        } catch (error) {
          throw fileSystemError(error, file, 'FEEDBACK_LOG') ?? error;
        }
      });
      queue = write.catch(() => undefined);
      return write;
    },
  };
}
