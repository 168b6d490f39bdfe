// `npm run ingest [-- --source <file|folder|url> ...] [--watch] [--wait]`: build the index from the
// sources and publish it; the running bot picks it up by itself. Progress goes to stderr, the one
// summary line to stdout.
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { runCommand, UsageError } from '../src/cli/run-command.js';
import { loadConfig } from '../src/config.js';
import { isAppError, toUserMessage } from '../src/errors.js';
import { createLogger, type Logger } from '../src/logger.js';
import type { IngestSummary } from '../src/types.js';
import { runIngest, type IngestProgress } from './run-ingest.js';
import { runIngestInChild } from './run-ingest-in-child.js';
import { watchSources } from './watch-sources.js';

const USAGE = 'npm run ingest -- [--source <file|folder|url> ...] [--watch] [--wait]';
const HELP = `${USAGE}
  --source <spec>  a file, a folder (its .txt/.md/.html files) or an http(s) URL; repeat for several.
                   The index then holds exactly these sources. Default: SOURCES from the settings.
  --watch          after ingesting, re-ingest whenever a source file changes; stop with Ctrl+C.
  --wait           if another ingest is running, wait for it instead of failing.
`;

await runCommand(async () => {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: false,
      options: {
        source: { type: 'string', multiple: true, short: 's' },
        watch: { type: 'boolean', default: false },
        wait: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
  if (parsed.values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const sources = parsed.values.source?.map((s) => s.trim()).filter((s) => s.length > 0);
  if (parsed.values.source && sources?.length === 0) throw new UsageError(`--source needs a file, folder or URL (${USAGE})`);

  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const ingestOnce = async (wait: boolean) => {
    const progress = createProgressDisplay(process.stderr);
    try {
      const options = { config, logger, wait, onProgress: progress.update, ...(sources ? { sources } : {}) };
      // --watch keeps running: each ingest gets a child process, so a hostile or crashing source cannot
      // freeze or kill the watcher. A single ingest has nothing else to keep responsive.
      const summary = parsed.values.watch ? await runIngestInChild(options) : await runIngest(options);
      progress.stop();
      process.stdout.write(`${summaryLine(summary)}\n`);
    } catch (error) {
      progress.stop();
      throw error;
    }
  };

  if (!parsed.values.watch) {
    try {
      await ingestOnce(parsed.values.wait);
    } catch (error) {
      if (!isAppError(error)) logger.error({ err: error }, 'ingest failed');
      throw error;
    }
    return 0;
  }
  return watchAndIngest(config.cwd, config.storeDir, sources ?? config.sources, logger, ingestOnce);
});

/** --watch: ingest now, then on every change, reporting failures and carrying on, until SIGINT/SIGTERM. */
async function watchAndIngest(cwd: string, storeDir: string, specs: string[], logger: Logger, ingestOnce: (wait: boolean) => Promise<void>): Promise<number> {
  const attempt = async (wait: boolean) => {
    try {
      await ingestOnce(wait);
    } catch (error) {
      if (!isAppError(error)) logger.error({ err: error }, 'ingest failed');
      process.stderr.write(`error: ${toUserMessage(error)} (still watching; the previous index stays in use)\n`);
    }
  };
  await attempt(true);
  const watcher = watchSources(specs, { cwd, ignoreDir: storeDir, logger, onChange: () => attempt(true) });
  if (watcher.watched.length === 0) {
    await watcher.close();
    throw new UsageError(`--watch needs at least one file or folder source to watch (${USAGE})`);
  }
  process.stderr.write(`watching ${watcher.watched.length} source(s) for changes; press Ctrl+C to stop\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // A second signal while the current ingest finishes exits at once; the store stays consistent either way.
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await watcher.close();
  return 0;
}

function summaryLine(s: IngestSummary): string {
  const list = (ids: string[]) => (ids.length === 0 ? '0' : `${ids.length} (${ids.length > 3 ? `${ids.slice(0, 3).join(', ')}, …` : ids.join(', ')})`);
  return (
    `Indexed ${s.documents} document(s), ${s.passages} passage(s) with ${s.embedder.kind} embedder ${s.embedder.model} in ${s.seconds.toFixed(1)} s: ` +
    `added ${list(s.added)}, changed ${list(s.changed)}, removed ${list(s.removed)}, reused ${list(s.reused)}.`
  );
}

interface ProgressDisplay {
  update: (p: IngestProgress) => void;
  stop: () => void;
}

/** A bar on a terminal; on a pipe or in a log, a plain "embedding 120/400" line every ~10%. */
function createProgressDisplay(stream: NodeJS.WriteStream): ProgressDisplay {
  if (stream.isTTY) {
    let bar: cliProgress.SingleBar | undefined;
    return {
      update(p) {
        if (p.phase !== 'embedding') return;
        if (!bar) {
          bar = new cliProgress.SingleBar({ stream, format: 'embedding [{bar}] {value}/{total} passages', clearOnComplete: true, hideCursor: true }, cliProgress.Presets.shades_classic);
          bar.start(p.total, p.done);
        } else bar.update(p.done);
      },
      stop() {
        bar?.stop();
      },
    };
  }
  let lastTenth = -1;
  return {
    update(p) {
      if (p.phase !== 'embedding' || p.total === 0) return;
      const tenth = Math.floor((p.done / p.total) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`embedding ${p.done}/${p.total}\n`);
      }
    },
    stop() {},
  };
}
