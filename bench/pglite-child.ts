// Child process: the bench's Postgres. PGlite (Postgres compiled to WebAssembly, with pgvector) served on
// 127.0.0.1 by @electric-sql/pglite-socket, in a process of its own so the database's work is not counted
// in (or slowed by) the measured process, as a Postgres server would not be. Prints one JSON line
// {url}, serves until its stdin closes (the bench closes it, or dies), then prints {peakRssMB} and exits.
import { startPgliteServer } from '../test/helpers/pglite-server.js';
import { peakRssMB, reportToParent } from './child-process.js';

const server = await startPgliteServer();
reportToParent({ url: server.url });
process.stdin.resume();
await new Promise<void>((resolve) => {
  process.stdin.on('end', resolve);
  process.stdin.on('close', resolve);
});
await server.close();
reportToParent({ peakRssMB: peakRssMB() });
process.exit(0);
