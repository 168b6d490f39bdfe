import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import type { RequestHop } from '../ingest/fetch-page.js';
import { loadSources, type LoadSourcesOptions } from '../ingest/load-sources.js';
import { isPublicAddress } from '../ingest/public-address.js';
import type { ErrorCode } from '../src/errors.js';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

let dir: string;
const options = (extra: Partial<LoadSourcesOptions> = {}): LoadSourcesOptions => ({
  cwd: dir,
  // The local test server is on loopback: the opt-in a trusted local setup would use.
  url: { timeoutMs: 2_000, maxBytes: 64 * 1024, allowPrivate: true },
  ...extra,
});
const write = (relative: string, content: string | Buffer) => {
  const full = path.join(dir, relative);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
  return full;
};

/** Asserts the failure a user would see: its code, that it names the source, and that it is one line. */
async function expectFailure(promise: Promise<unknown>, code: ErrorCode, names: string): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ name: 'AppError', code });
  const message = (error as Error).message;
  expect(message).toContain(names);
  expect(message).not.toContain('\n');
  return message;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'load-sources-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadSources from files and folders', () => {
  it('reads a text file with a cwd-relative id, its absolute location and the hash of its bytes', async () => {
    const content = 'Ironically, “curly” quotes survive.\n';
    const full = write('articles/one.txt', content);
    const [source, ...rest] = await loadSources(['articles/one.txt'], options());
    expect(rest).toEqual([]);
    expect(source).toEqual({ id: 'articles/one.txt', location: full, format: 'text', content, contentHash: sha256(content) });
  });

  it('marks .html/.htm files and text files that start like HTML as html, and drops a UTF-8 byte order mark', async () => {
    write('pages/a.html', '<p>Hello there.</p>');
    write('pages/b.htm', '<p>Hello again.</p>');
    write('pages/c.txt', '  <!DOCTYPE html><html><body><p>Saved page.</p></body></html>');
    write('pages/d.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Heading\n\nText.')]));
    const sources = await loadSources(['pages'], options());
    expect(sources.map((s) => [s.id, s.format])).toEqual([
      ['pages/a.html', 'html'],
      ['pages/b.htm', 'html'],
      ['pages/c.txt', 'html'],
      ['pages/d.md', 'text'],
    ]);
    expect(sources[3]!.content).toBe('# Heading\n\nText.');
  });

  it('walks a folder recursively in sorted order, skipping hidden files, node_modules and other file types', async () => {
    write('library/b.txt', 'B.');
    write('library/a.md', 'A.');
    write('library/sub/c.html', '<p>C.</p>');
    write('library/sub/deeper/d.txt', 'D.');
    write('library/.hidden.txt', 'hidden');
    write('library/.git/config.txt', 'hidden');
    write('library/node_modules/pkg/readme.md', 'dependency');
    write('library/report.pdf', 'not supported');
    write('library/data.json', '{}');
    const sources = await loadSources(['library'], options());
    expect(sources.map((s) => s.id)).toEqual(['library/a.md', 'library/b.txt', 'library/sub/c.html', 'library/sub/deeper/d.txt']);
  });

  it('loads a source named twice only once', async () => {
    write('twice/x.txt', 'X.');
    const sources = await loadSources(['twice/x.txt', 'twice', path.join(dir, 'twice/x.txt')], options());
    expect(sources.map((s) => s.id)).toEqual(['twice/x.txt']);
  });

  it('fails with SOURCE_NOT_FOUND for a missing path', async () => {
    await expectFailure(loadSources(['nowhere/article.txt'], options()), 'SOURCE_NOT_FOUND', 'nowhere/article.txt');
  });

  it('fails with SOURCE_EMPTY for an empty file, a whitespace-only file and a folder without supported files', async () => {
    write('empty/zero.txt', '');
    write('blank.txt', ' \n\t\n');
    write('nothing-here/notes.pdf', 'x');
    await expectFailure(loadSources(['empty/zero.txt'], options()), 'SOURCE_EMPTY', 'empty/zero.txt');
    await expectFailure(loadSources(['blank.txt'], options()), 'SOURCE_EMPTY', 'blank.txt');
    await expectFailure(loadSources(['nothing-here'], options()), 'SOURCE_EMPTY', 'nothing-here');
  });

  it('fails with SOURCE_BINARY for NUL bytes or invalid UTF-8', async () => {
    write('binary/image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]));
    write('latin1.txt', Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]));
    await expectFailure(loadSources(['binary/image.txt'], options()), 'SOURCE_BINARY', 'binary/image.txt');
    await expectFailure(loadSources(['latin1.txt'], options()), 'SOURCE_BINARY', 'latin1.txt');
  });

  it('fails with SOURCE_TOO_LARGE for a file over the limit, before reading it', async () => {
    write('big.txt', 'word '.repeat(100));
    await expectFailure(loadSources(['big.txt'], options({ maxFileBytes: 100 })), 'SOURCE_TOO_LARGE', 'big.txt');
  });

  it('fails with SOURCE_UNREADABLE for something that is neither a file nor a folder', async () => {
    await expectFailure(loadSources(['/dev/null'], options()), 'SOURCE_UNREADABLE', '/dev/null');
  });

  // Root reads files whatever their permissions say, so this one only means something for other users.
  it.skipIf(process.getuid?.() === 0)('fails with SOURCE_UNREADABLE for a file without read permission', async () => {
    const full = write('locked.txt', 'secret');
    chmodSync(full, 0o000);
    try {
      await expectFailure(loadSources(['locked.txt'], options()), 'SOURCE_UNREADABLE', 'locked.txt');
    } finally {
      chmodSync(full, 0o644);
    }
  });
});

describe('loadSources from URLs', () => {
  let server: Server;
  let base: string;
  /** Whether the server saw the client hang up before the oversized body was finished. */
  let oversizedAborted = false;
  const pages: Record<string, (res: ServerResponse) => void> = {
    '/article.html': (res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><body><p>A “page”.</p></body></html>');
    },
    '/notes.txt': (res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('Plain notes.');
    },
    '/latin1.txt': (res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' });
      res.end(Buffer.from([0x43, 0x61, 0x66, 0xe9]));
    },
    '/missing': (res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<p>Not found</p>');
    },
    '/report.pdf': (res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end('%PDF-1.4');
    },
    '/declared-huge': (res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(10 * 1024 * 1024) });
      res.write('start');
    },
    '/endless': (res) => {
      // No Content-Length: only counting the streamed bytes can stop this one.
      res.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      res.on('close', () => {
        if (sent < 500) oversizedAborted = true;
      });
      const timer = setInterval(() => {
        if (res.destroyed || sent >= 500) {
          clearInterval(timer);
          if (!res.destroyed) res.end();
          return;
        }
        sent++;
        res.write('x'.repeat(4096));
      }, 1);
    },
    '/slow': () => {
      // Never answers; the client's deadline has to end the request.
    },
    '/slow-body': (res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('The first half arrives, the rest never does.');
    },
    '/moved': (res) => {
      res.writeHead(302, { location: '/article.html' });
      res.end();
    },
    '/loop': (res) => {
      res.writeHead(301, { location: '/loop' });
      res.end();
    },
    '/to-ftp': (res) => {
      res.writeHead(302, { location: 'ftp://127.0.0.1/file.txt' });
      res.end();
    },
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const handler = pages[new URL(req.url ?? '/', 'http://localhost').pathname];
      if (handler) handler(res);
      else {
        res.writeHead(500);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('loads an HTML page with the URL as id and the hash of the body', async () => {
    const [source] = await loadSources([`${base}/article.html`], options());
    expect(source).toEqual({
      id: `${base}/article.html`,
      location: `${base}/article.html`,
      format: 'html',
      content: '<!doctype html><html><body><p>A “page”.</p></body></html>',
      contentHash: sha256('<!doctype html><html><body><p>A “page”.</p></body></html>'),
    });
  });

  it('loads a plain text page as text, decoding its declared charset', async () => {
    const [notes, latin] = await loadSources([`${base}/notes.txt`, `${base}/latin1.txt`], options());
    expect(notes).toMatchObject({ format: 'text', content: 'Plain notes.' });
    expect(latin).toMatchObject({ format: 'text', content: 'Café' });
  });

  it('follows a redirect, keeping the requested URL as the id', async () => {
    const [source] = await loadSources([`${base}/moved`], options());
    expect(source).toMatchObject({ id: `${base}/moved`, location: `${base}/article.html`, format: 'html' });
  });

  it('fails with one and the same URL_FETCH_FAILED message on a 404, a redirect loop, a redirect to another scheme, a closed port and a refused address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const messages = [
      await expectFailure(loadSources([`${base}/missing`], options()), 'URL_FETCH_FAILED', `${base}/missing`),
      await expectFailure(loadSources([`${base}/loop`], options()), 'URL_FETCH_FAILED', `${base}/loop`),
      await expectFailure(loadSources([`${base}/to-ftp`], options()), 'URL_FETCH_FAILED', `${base}/to-ftp`),
      await expectFailure(loadSources([`http://127.0.0.1:${port}/gone`], options()), 'URL_FETCH_FAILED', `127.0.0.1:${port}/gone`),
      // The same open port, refused by default: nothing tells it apart from the closed one.
      await expectFailure(loadSources([`http://127.0.0.1:${port}/gone`], options({ url: { timeoutMs: 2_000, maxBytes: 1024 } })), 'URL_FETCH_FAILED', `127.0.0.1:${port}/gone`),
    ];
    const shapes = new Set(messages.map((m) => m.replace(/http:\/\/\S+?(?=:\s)/u, '<url>')));
    expect(shapes.size).toBe(1);
  });

  it('fails with the same URL_FETCH_FAILED message when the server does not answer in time, or stalls mid-body', async () => {
    const quick = options({ url: { timeoutMs: 300, maxBytes: 64 * 1024, allowPrivate: true } });
    const slow = await expectFailure(loadSources([`${base}/slow`], quick), 'URL_FETCH_FAILED', `${base}/slow`);
    const stalled = await expectFailure(loadSources([`${base}/slow-body`], quick), 'URL_FETCH_FAILED', `${base}/slow-body`);
    expect(slow.replace(`${base}/slow`, '')).toBe(stalled.replace(`${base}/slow-body`, ''));
  });

  it('fails with URL_BAD_CONTENT_TYPE for a PDF', async () => {
    expect(await expectFailure(loadSources([`${base}/report.pdf`], options()), 'URL_BAD_CONTENT_TYPE', `${base}/report.pdf`)).toContain('application/pdf');
  });

  it('stops reading a body over the size cap, declared or not', async () => {
    await expectFailure(loadSources([`${base}/declared-huge`], options()), 'SOURCE_TOO_LARGE', `${base}/declared-huge`);
    await expectFailure(loadSources([`${base}/endless`], options()), 'SOURCE_TOO_LARGE', `${base}/endless`);
    // The server notices the hang-up before it has sent everything.
    for (let k = 0; k < 50 && !oversizedAborted; k++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(oversizedAborted).toBe(true);
  });

  it('rejects malformed URLs and non-web schemes with URL_INVALID', async () => {
    for (const spec of ['ftp://example.com/a.txt', 'file:///etc/passwd', 'javascript:alert(1)', 'https://exa mple.com/x', 'http://']) {
      await expectFailure(loadSources([spec], options()), 'URL_INVALID', spec.split(' ')[0]!);
    }
  });

  it('connects to the address its resolver checked, with no second lookup', async () => {
    const port = new URL(base).port;
    const asked: string[] = [];
    const net = {
      resolveHost: async (hostname: string) => {
        asked.push(hostname);
        return [{ address: '127.0.0.1', family: 4 as const }];
      },
    };
    // article.test exists in no DNS: reaching the page proves the connection went to the checked address.
    const [source] = await loadSources([`http://article.test:${port}/article.html`], options({ net }));
    expect(source).toMatchObject({ id: `http://article.test:${port}/article.html`, format: 'html' });
    expect(asked).toEqual(['article.test']);
  });
});

describe('URL sources refuse addresses inside the network by default', () => {
  let server: Server;
  let port: number;
  let served = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      served++;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('Internal secret.');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** A transport that records every connection attempt and never makes one. */
  const spyNet = () => {
    const connections: string[] = [];
    const requestHop: RequestHop = async (url, target) => {
      connections.push(`${target.address} ${url.href}`);
      throw new Error('the test transport never connects');
    };
    return { connections, requestHop };
  };
  const strict = (extra: Partial<LoadSourcesOptions> = {}) => options({ url: { timeoutMs: 2_000, maxBytes: 64 * 1024 }, ...extra });

  it('refuses every spelling of loopback, private, link-local, unspecified and mapped addresses without connecting', async () => {
    const forms = [
      `http://127.1:${port}/`,
      `http://localhost:${port}/`,
      `http://0.0.0.0:${port}/`,
      `http://2130706433:${port}/`,
      `http://0x7f.1:${port}/`,
      `http://017700000001:${port}/`,
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://[::127.0.0.1]:${port}/`,
      `http://[::]:${port}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[fe80::1]/',
      'http://[fc00::1]/',
      'http://10.0.0.5/',
      'http://172.16.3.4/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://224.0.0.1/',
    ];
    const { connections, requestHop } = spyNet();
    const messages = new Set<string>();
    for (const spec of forms) {
      const shown = new URL(spec).href;
      const message = await expectFailure(loadSources([spec], strict({ net: { requestHop } })), 'URL_FETCH_FAILED', shown);
      messages.add(message.replace(shown, '<url>'));
    }
    expect(connections).toEqual([]);
    expect(served).toBe(0);
    // One message for all: a refusal reads exactly like any other failed fetch.
    expect(messages.size).toBe(1);
  });

  it('refuses a host name that resolves to a private address, even when it also has a public one', async () => {
    const { connections, requestHop } = spyNet();
    const resolveHost = async () => [
      { address: '93.184.216.34', family: 4 as const },
      { address: '10.1.2.3', family: 4 as const },
    ];
    await expectFailure(loadSources(['http://mixed.example/'], strict({ net: { resolveHost, requestHop } })), 'URL_FETCH_FAILED', 'http://mixed.example/');
    expect(connections).toEqual([]);
  });

  it('checks every redirect hop: a public page redirecting to loopback is refused before the second connection', async () => {
    const connections: string[] = [];
    const resolveHost = async (hostname: string) =>
      hostname === 'public.example' ? [{ address: '93.184.216.34', family: 4 as const }] : [{ address: '127.0.0.1', family: 4 as const }];
    // Stands in for the public server (no traffic leaves this process): it redirects inside the network.
    const requestHop: RequestHop = async (url, target) => {
      connections.push(`${target.address} ${url.href}`);
      const location = url.hostname === 'public.example' && url.pathname === '/a' ? '/b' : url.hostname === 'public.example' ? `http://127.1:${port}/` : undefined;
      if (!location) throw new Error('the test transport never connects inside the network');
      return { status: 302, headers: { location }, body: Readable.from([]) };
    };
    await expectFailure(loadSources(['http://public.example/a'], strict({ net: { resolveHost, requestHop } })), 'URL_FETCH_FAILED', 'http://public.example/a');
    expect(connections).toEqual(['93.184.216.34 http://public.example/a', '93.184.216.34 http://public.example/b']);
    await expectFailure(loadSources(['http://public.example/c'], strict({ net: { resolveHost: async (h) => (h === 'internal.example' ? [{ address: '::1', family: 6 as const }] : resolveHost(h)), requestHop: async (url, target) => {
      connections.push(`${target.address} ${url.href}`);
      return { status: 301, headers: { location: 'http://internal.example/' }, body: Readable.from([]) };
    } } })), 'URL_FETCH_FAILED', 'http://public.example/c');
    expect(connections.at(-1)).toBe('93.184.216.34 http://public.example/c');
    expect(served).toBe(0);
  });

  it('fetches the same loopback page once URL_ALLOW_PRIVATE is set', async () => {
    const [source] = await loadSources([`http://127.1:${port}/`], options());
    expect(source).toMatchObject({ content: 'Internal secret.' });
    expect(served).toBe(1);
  });
});

describe('isPublicAddress', () => {
  it('accepts public unicast and refuses every reserved range, including IPv4 inside IPv6', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:93.184.216.34']) expect(isPublicAddress(address), address).toBe(true);
    for (const address of [
      '127.0.0.1', '127.255.0.9', '10.0.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1',
      '255.255.255.255', '192.0.2.1', '198.18.0.1', '240.0.0.1', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1',
      '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '::127.0.0.1', '64:ff9b::7f00:1', '2002:7f00:1::', '2001:db8::1', 'not an address',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });
});

describe('text encodings', () => {
  it('decodes UTF-16 with a byte order mark, a UTF-16LE page that declares its charset, and a declared latin-1 page', async () => {
    const text = 'Café “quoted” — über naïve.';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    write('enc/le.txt', le);
    write('enc/be.txt', be);
    write('enc/declared.html', Buffer.from(`<html><head><meta charset="utf-16le"></head><body><p>${text}</p></body></html>`, 'utf16le'));
    write('enc/latin.html', Buffer.concat([Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>Caf'), Buffer.from([0xe9]), Buffer.from('</p></body></html>')]));
    const [leSource, beSource, declared, latin] = await loadSources(['enc/le.txt', 'enc/be.txt', 'enc/declared.html', 'enc/latin.html'], options());
    expect(leSource!.content.replace(/^\uFEFF/u, '')).toBe(text);
    expect(beSource!.content.replace(/^\uFEFF/u, '')).toBe(text);
    expect(declared!.content).toContain(`<p>${text}</p>`);
    expect(declared!.format).toBe('html');
    expect(latin!.content).toContain('<p>Café</p>');
  });

  it('still refuses NUL bytes in a file that is not UTF-16', async () => {
    write('enc/binary.txt', Buffer.from([0x41, 0x00, 0x42, 0x43]));
    await expectFailure(loadSources(['enc/binary.txt'], options()), 'SOURCE_BINARY', 'enc/binary.txt');
  });
});
