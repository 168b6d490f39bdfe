// Calls back when a source file or folder changes, debounced so that an editor's save (often a
// write, a rename and a chmod in quick succession) or a copied folder triggers one re-ingest.
// A file is watched through its folder: editors replace files by rename, and a watch on the old
// file would go silent after the first save.
import { watch, statSync, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../src/logger.js';
import { SUPPORTED_EXTENSIONS } from './load-sources.js';


/** What to watch for and what to run when sources change (used by the ingest CLI's `--watch`). */
export interface WatchSourcesOptions {
  cwd: string;
  /** Quiet time after the last change before onChange runs. */
  debounceMs?: number;
  /** Paths under here are never sources (the store may sit inside a watched folder). */
  ignoreDir?: string;
  logger: Logger;
  /** Runs once per burst of changes; never twice at once (a change during a run schedules one more run). */
  onChange: (changed: string[]) => Promise<void>;
}

/** A running watch over the file and folder sources; close() it to stop. */
export interface SourceWatcher {
  /** The absolute paths being watched. */
  readonly watched: string[];
  /** Stop watching and resolve when any run in progress has finished. */
  close(): Promise<void>;
}

const isUrl = (spec: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(spec);

/**
 * Watches the file and folder sources among `specs` (URLs are logged and skipped) and calls onChange with the
 * changed paths after debounceMs of quiet. A source that cannot be watched is logged, not thrown.
 */
export function watchSources(specs: string[], options: WatchSourcesOptions): SourceWatcher {
  const { cwd, debounceMs = 400, ignoreDir, logger, onChange } = options;
  const watchers: FSWatcher[] = [];
  const watched: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;
  let pending = new Set<string>();

  const fire = () => {
    timer = undefined;
    if (closed) return;
    if (running) return; // the run in progress schedules another when it ends
    const changed = [...pending];
    pending = new Set();
    running = onChange(changed)
      .catch((error: unknown) => logger.error({ err: error }, 'watch: re-ingest failed'))
      .finally(() => {
        running = undefined;
        if (pending.size > 0 && !closed) schedule();
      });
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, debounceMs);
  };
  const changedPath = (file: string) => {
    if (closed) return;
    if (ignoreDir && (file === ignoreDir || file.startsWith(ignoreDir + path.sep))) return;
    pending.add(file);
    schedule();
  };

  for (const spec of specs) {
    if (isUrl(spec)) {
      logger.info({ source: spec }, 'watch: web pages are not watched; re-run the ingest to refresh them');
      continue;
    }
    const target = path.resolve(cwd, spec);
    let isDir = false;
    try {
      isDir = statSync(target).isDirectory();
    } catch {
      // Not there (yet): watching its folder catches it appearing.
    }
    try {
      if (isDir) {
        watchers.push(
          watch(target, { recursive: true }, (_event, name) => {
            if (name === null) return changedPath(target);
            const file = path.join(target, name.toString());
            // Only the files a folder source is read for: changes to logs or the store itself are ignored.
            if (SUPPORTED_EXTENSIONS.has(path.extname(file).toLowerCase())) changedPath(file);
          }),
        );
      } else {
        const folder = path.dirname(target);
        const base = path.basename(target);
        watchers.push(
          watch(folder, (_event, name) => {
            if (name === null || name.toString() === base) changedPath(target);
          }),
        );
      }
      watched.push(target);
    } catch (error) {
      logger.warn({ source: spec, err: error }, 'watch: cannot watch this source');
    }
  }
  for (const w of watchers) w.on('error', (error) => logger.warn({ err: error }, 'watch: a watcher failed'));

  return {
    watched,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
      await running;
    },
  };
}
