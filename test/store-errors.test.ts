// File-system failures while writing the store or the feedback log reach the user as one line that
// says what to do (STORE_UNWRITABLE), not as "unexpected failure: ENOSPC".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIngest } from '../ingest/run-ingest.js';
import { loadConfig } from '../src/config.js';
import { createFeedbackLog } from '../src/discord/feedback-log.js';
import { fileSystemError, toUserMessage } from '../src/errors.js';
import { silentLogger } from '../src/logger.js';

const dir = mkdtempSync(path.join(tmpdir(), 'store-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('file-system failures', () => {
  it('STORE_DIR naming a file: the ingest fails with one line naming STORE_DIR', async () => {
    const file = path.join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    writeFileSync(path.join(dir, 'a.txt'), 'The harbour council approved the dredging budget on Monday after a long debate.\n');
    const config = loadConfig({ cwd: dir, envFile: false, env: { STORE_DIR: file, SOURCES: 'a.txt', EMBEDDINGS: 'local' } });
    const error = await runIngest({ config, logger: silentLogger }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'AppError', code: 'STORE_UNWRITABLE' });
    const message = toUserMessage(error);
    expect(message).toContain('STORE_DIR');
    expect(message).not.toMatch(/\n|unexpected|ENOTDIR|EEXIST/);
  });

  it('maps a full disk, a read-only file system, a folder in the way and a permission error to what to do', () => {
    const errno = (code: string) => Object.assign(new Error(`${code}: failed`), { code });
    expect(fileSystemError(errno('ENOSPC'), '/srv/store', 'STORE_DIR')?.message).toMatch(/disk .* is full\. Free some space/);
    expect(fileSystemError(errno('EROFS'), '/srv/store', 'STORE_DIR')?.message).toMatch(/read-only file system\. Point STORE_DIR at a writable folder/);
    expect(fileSystemError(errno('EISDIR'), '/srv/log', 'FEEDBACK_LOG')?.message).toMatch(/Point FEEDBACK_LOG at/);
    expect(fileSystemError(errno('EACCES'), '/srv/store', 'STORE_DIR')?.message).toMatch(/No permission to write/);
    expect(fileSystemError(errno('ECONNRESET'), '/srv/store', 'STORE_DIR')).toBeUndefined();
  });

  it('a feedback log that is a folder: the vote fails with one line naming FEEDBACK_LOG', async () => {
    const log = createFeedbackLog(dir);
    const error = await log.append({ time: new Date(0).toISOString(), question: 'q?', passages: [], vote: 'up', userId: '1' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'STORE_UNWRITABLE' });
    expect(toUserMessage(error)).toContain('FEEDBACK_LOG');
  });
});
