// One ingest at a time per store. store/ingest.lock is created with O_EXCL and names its holder
// (pid and start time), so a second ingest can say who is running, and a lock left by a process that
// died (kill -9, power loss) is recognised by its dead pid and taken over. A pid alone is not enough:
// after a container restart the dead holder's pid is often reused (by the bot itself), so the lock also
// records the machine's boot id and the holder's kernel start time (/proc/<pid>/stat); a live pid whose
// start time differs, or a lock from an earlier boot, is stale. A lock whose write fails (disk full) is
// removed at once rather than left behind for the next ingest to wait on.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { lockFile } from './store-layout.js';

/** Who holds the ingest lock, as written in the lock file; enough to tell whether that process is still alive. */
export interface LockHolder {
  pid: number;
  startedAt: string;
  host: string;
  /** Distinguishes this holder from a later one that reuses the pid. */
  token: string;
  /** The kernel's boot id when the lock was taken (Linux), so a lock from before a reboot is stale. */
  bootId?: string;
  /** The holder's start time in clock ticks since boot (/proc/<pid>/stat field 22), so a reused pid is recognised. */
  startTicks?: string;
}

/** A held ingest lock; release() it when the ingest ends. */
export interface IngestLock {
  readonly holder: LockHolder;
  /** Remove the lock if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

/** How acquireIngestLock waits; times in milliseconds. */
export interface AcquireLockOptions {
  logger: Logger;
  /** Wait for a running ingest to finish instead of failing at once. */
  wait?: boolean;
  /** How long to wait at most (default 10 minutes). */
  waitTimeoutMs?: number;
  /** How often to look again while waiting. */
  pollMs?: number;
  /** Opens the lock file; tests pass one whose writes fail (disk full). Default fs/promises open. */
  openFile?: typeof open;
}

/** A lock file still empty after this long was left by a process that died between creating and writing it. */
const EMPTY_LOCK_GRACE_MS = 5_000;

/**
 * Takes the store's ingest lock (a file in storeDir), taking over a stale one left by a dead process.
 * Throws AppError('INGEST_LOCKED') when another ingest holds it and `wait` is off or waitTimeoutMs has passed;
 * rethrows file-system errors (a failed write removes the half-written lock first).
 */
export async function acquireIngestLock(storeDir: string, options: AcquireLockOptions): Promise<IngestLock> {
  const { logger, wait = false, waitTimeoutMs = 600_000, pollMs = 250, openFile = open } = options;
  await mkdir(storeDir, { recursive: true });
  const file = lockFile(storeDir);
  const holder: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), host: hostname(), token: randomBytes(8).toString('hex'), ...processIdentity(process.pid) };
  const deadline = Date.now() + waitTimeoutMs;
  let announcedWait = false;

  for (;;) {
    if (await tryCreate(file, holder, openFile)) return makeLock(file, holder);
    const other = await readHolder(file);
    if (other === 'gone') continue;
    if (other !== 'unreadable' && isStale(other)) {
      await takeOver(file, other, logger);
      continue;
    }
    const who = other === 'unreadable' ? 'another ingest' : `another ingest (pid ${other.pid}, started ${other.startedAt})`;
    if (!wait) {
      throw new AppError('INGEST_LOCKED', `${capitalise(who)} is running on ${storeDir}; wait for it to finish, or run npm run ingest -- --wait to queue behind it.`);
    }
    if (Date.now() > deadline) {
      throw new AppError('INGEST_LOCKED', `Gave up after waiting ${Math.round(waitTimeoutMs / 1000)} s for ${who} to finish; if no ingest is running, delete ${file}.`);
    }
    if (!announcedWait) {
      logger.info({ lock: file, holder: other }, 'waiting for the running ingest to finish');
      announcedWait = true;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function tryCreate(file: string, holder: LockHolder, openFile: typeof open): Promise<boolean> {
  let handle;
  try {
    handle = await openFile(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(holder));
    await handle.sync();
  } catch (error) {
    // Disk full or read-only mid-write: an empty or torn lock must not block the next ingest.
    await handle.close().catch(() => undefined);
    await rm(file, { force: true }).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return true;
}

type ReadHolder = LockHolder | 'unreadable' | 'gone';

async function readHolder(file: string): Promise<ReadHolder> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.startedAt === 'string') {
      return {
        pid: parsed.pid,
        startedAt: parsed.startedAt,
        host: String(parsed.host ?? ''),
        token: String(parsed.token ?? ''),
        ...(typeof parsed.bootId === 'string' ? { bootId: parsed.bootId } : {}),
        ...(typeof parsed.startTicks === 'string' ? { startTicks: parsed.startTicks } : {}),
      };
    }
  } catch {
    // Fall through: judged by age below.
  }
  // Created but not yet written: its writer may be a moment away from writing it.
  const age = await stat(file).then(
    (s) => Date.now() - s.mtimeMs,
    () => 0,
  );
  return age > EMPTY_LOCK_GRACE_MS ? { pid: 0, startedAt: 'unknown', host: hostname(), token: '' } : 'unreadable';
}

function isStale(other: LockHolder): boolean {
  // A lock from another machine (a shared volume) cannot be checked: treat it as live.
  if (other.host && other.host !== hostname()) return false;
  if (other.pid <= 0) return true;
  const now = processIdentity(other.pid);
  // Another boot: every process of the old one is gone, whatever its pid is now.
  if (other.bootId && now.bootId && other.bootId !== now.bootId) return true;
  if (!isAlive(other.pid)) return true;
  // Alive, but started at another moment than the holder: the pid was reused by an unrelated process.
  if (other.startTicks && now.startTicks && other.startTicks !== now.startTicks) return true;
  return false;
}

/**
 * The boot id and a process's start time in ticks, where the system exposes them (Linux /proc);
 * empty elsewhere, and then staleness falls back to "is the pid alive".
 */
export function processIdentity(pid: number): { bootId?: string; startTicks?: string } {
  const identity: { bootId?: string; startTicks?: string } = {};
  try {
    identity.bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    // Not Linux.
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19];
    if (ticks && /^\d+$/u.test(ticks)) identity.startTicks = ticks;
  } catch {
    // No such process, or no /proc.
  }
  return identity;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Move the stale lock aside rather than deleting it: of two ingests taking over at once only one
 * rename succeeds, and the moved file is checked to be the stale one we judged, not a fresh lock.
 */
async function takeOver(file: string, stale: LockHolder, logger: Logger): Promise<void> {
  const aside = path.join(path.dirname(file), `${path.basename(file)}.stale-${randomBytes(4).toString('hex')}`);
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readHolder(aside);
  if (moved !== 'gone' && moved !== 'unreadable' && moved.token !== stale.token) {
    // A live lock slipped in between our read and our rename: put it back if the name is still free.
    if (await tryRestore(aside, file)) return;
  }
  await rm(aside, { force: true });
  logger.warn({ pid: stale.pid, startedAt: stale.startedAt }, 'took over the lock of an ingest that is no longer running');
}

async function tryRestore(aside: string, file: string): Promise<boolean> {
  try {
    await link(aside, file);
    await rm(aside, { force: true });
    return true;
  } catch {
    return false;
  }
}

function makeLock(file: string, holder: LockHolder): IngestLock {
  let released = false;
  return {
    holder,
    async release() {
      if (released) return;
      released = true;
      const now = await readHolder(file);
      if (now !== 'gone' && now !== 'unreadable' && now.token === holder.token) await rm(file, { force: true });
    },
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
