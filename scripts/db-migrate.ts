// `npm run db:migrate`: bring the STORE=postgres schema up to this code's version, once, as a user
// allowed to create tables. The bot and ingest migrate by themselves when their user may; this is the
// command their error names when it may not.
import { runCommand } from '../src/cli/run-command.js';
import { loadConfig } from '../src/config.js';
import { AppError } from '../src/errors.js';
import { describeDatabase } from '../src/index-store/postgres/pg-connect.js';
import { SCHEMA_VERSION } from '../src/index-store/postgres/pg-schema.js';
import { openPostgresStore } from '../src/index-store/postgres/pg-store.js';
import { createLogger } from '../src/logger.js';

await runCommand(async () => {
  const config = loadConfig();
  if (config.store.kind !== 'postgres') throw new AppError('CONFIG_INVALID', 'Invalid setting STORE: db:migrate is for STORE=postgres (with DATABASE_URL); the file store needs no migration.');
  const store = await openPostgresStore(config.store, createLogger(config.logLevel));
  await store.close();
  process.stdout.write(`The database at ${describeDatabase(config.store.databaseUrl)} is at schema version ${SCHEMA_VERSION}.\n`);
  return 0;
});
