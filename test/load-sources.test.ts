import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSources, type LoadSourcesOptions } from '../ingest/load-sources.js';
import type { ErrorCode } from '../src/errors.js';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

let dir: string;
const options = (extra: Partial<LoadSourcesOptions> = {}): LoadSourcesOptions => ({
  cwd: dir,
  url: { timeoutMs: 2_000, maxBytes: 64 * 1024 },
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

  it('fails with URL_FETCH_FAILED on a 404, a redirect loop, a redirect to another scheme and a refused connection', async () => {
    expect(await expectFailure(loadSources([`${base}/missing`], options()), 'URL_FETCH_FAILED', `${base}/missing`)).toContain('404');
    expect(await expectFailure(loadSources([`${base}/loop`], options()), 'URL_FETCH_FAILED', `${base}/loop`)).toContain('redirects');
    await expectFailure(loadSources([`${base}/to-ftp`], options()), 'URL_FETCH_FAILED', `${base}/to-ftp`);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expectFailure(loadSources([`http://127.0.0.1:${port}/gone`], options()), 'URL_FETCH_FAILED', `127.0.0.1:${port}/gone`);
  });

  it('fails with URL_FETCH_FAILED when the server does not answer in time, or stalls mid-body', async () => {
    const quick = options({ url: { timeoutMs: 300, maxBytes: 64 * 1024 } });
    expect(await expectFailure(loadSources([`${base}/slow`], quick), 'URL_FETCH_FAILED', `${base}/slow`)).toContain('300 ms');
    await expectFailure(loadSources([`${base}/slow-body`], quick), 'URL_FETCH_FAILED', `${base}/slow-body`);
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

  it('uses the fetch it is given', async () => {
    const requested: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      requested.push(String(input));
      return new Response('Fetched by the fake.', { status: 200, headers: { 'content-type': 'text/plain' } });
    };
    const [source] = await loadSources(['https://news.example/story'], options({ fetch: fakeFetch }));
    expect(requested).toEqual(['https://news.example/story']);
    expect(source).toMatchObject({ id: 'https://news.example/story', content: 'Fetched by the fake.', format: 'text' });
  });
});
