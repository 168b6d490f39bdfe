// Picks the index store the settings name. STORE=postgres connects, checks and migrates here, so a bad
// DATABASE_URL, an unreachable or wrong-password server, a missing pgvector or an unmigratable schema
// fails with one line before anything else starts (the bot before it connects to Discord).
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createFileStore } from './file-store.js';
import type { IndexStore } from './index-store.js';

/** The configured store, ready to use. Throws the store's one-line AppError when it cannot be opened. */
export async function openIndexStore(config: Config, logger: Logger): Promise<IndexStore> {
  // Imported only when configured: the driver and LangChain's pgvector store are no file store's business.
  if (config.store.kind === 'postgres') return (await import('./postgres/pg-store.js')).openPostgresStore(config.store, logger);
  return createFileStore(config.storeDir, logger, config.reloadIntervalMs);
}
