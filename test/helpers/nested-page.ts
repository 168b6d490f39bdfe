// A hostile page for ingest tests: thousands of nested elements, served on 127.0.0.1 only, which a
// URL ingest must refuse quickly with a clear message instead of recursing through it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running nested-page server: the page's address and how to stop it. */
export interface NestedPage {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves an HTML page of `depth` nested <div>s around one paragraph on a free loopback port. Returns
 * its URL and close() (drops open connections, then resolves when the server has stopped). Throws when
 * no port can be bound.
 */
export async function serveNestedPage(depth = 5_000): Promise<NestedPage> {
  const page = `<html><body>${'<div>'.repeat(depth)}<p>Deep text.</p>${'</div>'.repeat(depth)}</body></html>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/nested.html`,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
