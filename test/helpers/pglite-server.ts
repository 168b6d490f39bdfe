// A real Postgres (PGlite: Postgres compiled to WebAssembly, with the pgvector extension) served on
// 127.0.0.1 by @electric-sql/pglite-socket and reached through the ordinary `pg` driver, as production
// reaches a Postgres server. Limits of PGlite worth knowing when reading a test: it runs ONE backend
// session for all connections, so advisory locks never contend between connections and a NOTIFY is
// delivered only on the connection that sent it (the holder's slow poll is what reloads under PGlite).
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Server, Socket } from 'node:net';

export interface PgliteServer {
  /** postgres://postgres:postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  db: PGlite;
  /** Stop listening (the database stays in memory, so start() serves the same data again). */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Start an in-memory PGlite (with pgvector unless withVector is false) on a free loopback port. */
export async function startPgliteServer(options: { withVector?: boolean; port?: number } = {}): Promise<PgliteServer> {
  const db = await PGlite.create(options.withVector === false ? {} : { extensions: { vector } });
  let port = options.port ?? 0;
  let server: PGLiteSocketServer | undefined;
  // The open client sockets, so stop() can drop them as a crashed or restarted server would. PGLiteSocketServer's
  // stop() only half-closes them and then waits for net.Server's close, which waits for every client to hang up:
  // with idle pooled clients still open (other apps of the same test file) that took the 30 s test timeout under load.
  const sockets = new Set<Socket>();
  const start = async () => {
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 50 });
    await server.start();
    // `server` is PGLiteSocketServer's own net.Server (not public API; without it stop() just waits as before).
    const raw = (server as unknown as { server?: Server }).server;
    raw?.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    port = Number(server.getServerConn().split(':').pop());
  };
  const stopServer = async () => {
    const stopping = server?.stop();
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await stopping;
    server = undefined;
  };
  await start();
  const handle: PgliteServer = {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    db,
    start,
    stop: stopServer,
    async close() {
      await stopServer();
      await db.close();
    },
  };
  return handle;
}
