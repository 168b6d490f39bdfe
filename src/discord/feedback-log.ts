// 👍/👎 votes, one JSON line each, appended in order. No user names: only the id Discord gives.
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

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

export interface FeedbackLog {
  append(entry: FeedbackEntry): Promise<void>;
}

/** An append-only JSON-lines log at `file` (folder created on first use); `append` rejects on a write error. */
export function createFeedbackLog(file: string): FeedbackLog {
  // Appends are chained so concurrent votes never interleave inside a line.
  let queue: Promise<void> = Promise.resolve();
  let folderReady: Promise<unknown> | undefined;
  return {
    append(entry: FeedbackEntry): Promise<void> {
      const line = `${JSON.stringify(entry)}\n`;
      const write = queue.then(async () => {
        folderReady ??= mkdir(path.dirname(file), { recursive: true });
        await folderReady;
        await appendFile(file, line, 'utf8');
      });
      queue = write.catch(() => undefined);
      return write;
    },
  };
}
