// The messages between the bot (or ingest --watch) and an ingest child process. Plain data only:
// they cross a process boundary.
import type { Config } from '../src/config.js';
import type { ErrorCode } from '../src/errors.js';
import type { IngestSummary } from '../src/types.js';
import type { IngestProgress } from './run-ingest.js';

/**
 * What the parent sends the ingest child process: the settings, the sources (default: config.sources) and whether to wait for the ingest lock.
 */
export interface ChildRequest {
  config: Config;
  sources?: string[];
  wait: boolean;
}

/** What the ingest child sends back: progress reports, then exactly one 'done' or 'failed'. */
export type ChildMessage =
  | { type: 'progress'; progress: IngestProgress }
  | { type: 'done'; summary: IngestSummary }
  /** code is set when the failure was an AppError, whose message was written for users. */
  | { type: 'failed'; code?: ErrorCode; name: string; message: string };
