// The ingest lock cannot wedge: a lock naming a pid that is alive but belongs to another process (pid
// reuse after a restart) or to an earlier boot is taken over, a genuinely running holder is respected,
// and a lock whose write failed (disk full) is not left behind.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireIngestLock, processIdentity } from '../src/index-store/ingest-lock.js';
import { silentLogger } from '../src/logger.js';

let store: string;
beforeEach(() => {
  store = mkdtempSync(path.join(tmpdir(), 'ingest-lock-'));
});
afterEach(() => rmSync(store, { recursive: true, force: true }));

const lockPath = () => path.join(store, 'ingest.lock');
const writeLock = (fields: Record<string, unknown>) =>
  writeFileSync(lockPath(), JSON.stringify({ pid: process.pid, startedAt: '2026-01-01T00:00:00.000Z', host: hostname(), token: 'old', ...fields }));
const me = processIdentity(process.pid);

describe.skipIf(me.startTicks === undefined)('the ingest lock on a system with /proc', () => {
  it('takes over a lock whose pid is alive but was started at another time (a reused pid)', async () => {
    writeLock({ startTicks: String(Number(me.startTicks) + 12345), bootId: me.bootId });
    const lock = await acquireIngestLock(store, { logger: silentLogger });
    expect(lock.holder.pid).toBe(process.pid);
    await lock.release();
    expect(existsSync(lockPath())).toBe(false);
  });

  it('takes over a lock from an earlier boot', async () => {
    writeLock({ startTicks: me.startTicks, bootId: '00000000-0000-0000-0000-000000000000' });
    const lock = await acquireIngestLock(store, { logger: silentLogger });
    await lock.release();
  });

  it('respects a lock whose holder is this very process, same start time and boot', async () => {
    writeLock({ startTicks: me.startTicks, bootId: me.bootId });
    await expect(acquireIngestLock(store, { logger: silentLogger })).rejects.toMatchObject({ code: 'INGEST_LOCKED' });
  });
});

describe('a lock whose write fails', () => {
  it('is removed, so the next ingest is not blocked by it', async () => {
    const failingOpen = (async (file: string, flags: string) => {
      const handle = await open(file, flags);
      return Object.assign(Object.create(handle) as typeof handle, {
        writeFile: async () => {
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
        close: () => handle.close(),
        sync: () => handle.sync(),
      });
    }) as unknown as typeof open;
    await expect(acquireIngestLock(store, { logger: silentLogger, openFile: failingOpen })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(existsSync(lockPath())).toBe(false);
    const lock = await acquireIngestLock(store, { logger: silentLogger });
    await lock.release();
  });
});
