// Fetches one web page for ingest without letting a URL reach inside the network. A member with
// /reingest names the URL, so every hop (the first request and each redirect, followed by hand, at
// most five) has its host resolved once, every address checked by isPublicAddress, and the
// connection made to exactly the address that was checked: there is no second DNS lookup that could
// answer differently. IP literals in any spelling (127.1, 2130706433, 0x7f.1, [::ffff:127.0.0.1])
// are normalised by the WHATWG URL parser and checked the same way, without connecting.
// Every refusal and every network or HTTP failure gives the same message, so the bot cannot be used
// to tell an open port from a closed or filtered one. URL_ALLOW_PRIVATE lifts the address check for
// trusted local setups and tests.
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { AppError } from '../src/errors.js';
import { ipLiteral, isPublicAddress } from './public-address.js';

/** One IP address a host name resolved to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has. Default: the system resolver (dns.lookup, all addresses). */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

/**
 * The raw answer to one GET (one hop of a possible redirect chain); the body is read by the fetcher under its byte cap.
 */
export interface HopResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

/** Sends one GET for `url` over a connection to `target` (already checked); never follows redirects. */
export type RequestHop = (url: URL, target: ResolvedAddress, signal: AbortSignal) => Promise<HopResponse>;

/** The network the fetcher uses; tests inject their own resolver or transport. */
export interface FetchNet {
  resolveHost?: ResolveHost;
  requestHop?: RequestHop;
}

/** Limits for one page fetch: timeoutMs covers the whole fetch (lookups, redirects, body); maxBytes caps the body. */
export interface FetchPageOptions extends FetchNet {
  timeoutMs: number;
  maxBytes: number;
  /** Lift the public-address check (trusted local setups and tests only). */
  allowPrivate?: boolean;
}

/** A page read successfully: its final address, media type and body bytes (not yet decoded). */
export interface FetchedPage {
  /** Where the page was finally read from, after redirects. */
  url: URL;
  /** The media type, lower case, without parameters. */
  mediaType: string;
  /** The declared charset, if any. */
  charset?: string;
  bytes: Buffer;
}

/** Most redirects one fetch follows before it fails with URL_FETCH_FAILED; a guard against redirect loops. */
const MAX_REDIRECTS = 5;
const ACCEPTED_CONTENT_TYPES = new Set(['text/html', 'text/plain', 'application/xhtml+xml']);

/**
 * Fetches `requested` (already parsed as http/https) and returns its body bytes.
 * Throws AppError URL_FETCH_FAILED (one message for refused addresses, network and HTTP failures,
 * timeouts and bad redirects), URL_BAD_CONTENT_TYPE or SOURCE_TOO_LARGE; `shown` names the source.
 */
export async function fetchPage(requested: URL, shown: string, options: FetchPageOptions): Promise<FetchedPage> {
  const { timeoutMs, maxBytes, allowPrivate = false } = options;
  const resolveHost = options.resolveHost ?? systemResolveHost;
  const requestHop = options.requestHop ?? nodeRequestHop;
  // One deadline covers every lookup, redirect, header and body.
  const signal = AbortSignal.timeout(timeoutMs);
  const failed = (cause?: unknown) =>
    new AppError(
      'URL_FETCH_FAILED',
      `Could not fetch ${shown}: only public http(s) pages that answer within ${formatSeconds(timeoutMs)} can be ingested. Check the address, or save the page and ingest the file.`,
      { cause },
    );

  let url = requested;
  let response: HopResponse;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw failed(new Error(`redirect to ${url.protocol}`));
    let target: ResolvedAddress;
    try {
      target = await withSignal(checkedAddress(url.hostname, resolveHost, allowPrivate), signal);
      response = await withSignal(requestHop(url, target, signal), signal);
    } catch (error) {
      throw failed(error);
    }
    if (response.status < 300 || response.status >= 400) break;
    response.body.destroy();
    const location = header(response, 'location');
    if (!location || hop + 1 > MAX_REDIRECTS) throw failed(new Error(location ? 'too many redirects' : `${response.status} without a location`));
    try {
      url = new URL(location, url);
    } catch (error) {
      throw failed(error);
    }
  }

  if (response.status < 200 || response.status >= 300) {
    response.body.destroy();
    throw failed(new Error(`status ${response.status}`));
  }
  const contentType = header(response, 'content-type') ?? '';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (!ACCEPTED_CONTENT_TYPES.has(mediaType)) {
    response.body.destroy();
    throw new AppError(
      'URL_BAD_CONTENT_TYPE',
      `${shown} is ${mediaType === '' ? 'of no declared type' : mediaType}, not a web page or plain text. Link to the article's HTML page, or convert the file to text and ingest that.`,
    );
  }
  const tooLarge = () =>
    new AppError('SOURCE_TOO_LARGE', `${shown} is larger than the ${formatBytes(maxBytes)} limit for a web page. Raise URL_MAX_BYTES or save the article as a file.`);
  const declaredLength = Number(header(response, 'content-length'));
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
    response.body.destroy();
    throw tooLarge();
  }
  let bytes: Buffer;
  try {
    bytes = await readCapped(decoded(response), maxBytes, signal);
  } catch (error) {
    response.body.destroy();
    if (error === TOO_LARGE) throw tooLarge();
    throw failed(error);
  }
  const charset = /charset\s*=\s*["']?([\w.:-]+)/iu.exec(contentType)?.[1];
  return { url, mediaType, ...(charset ? { charset } : {}), bytes };
}

/** The one address this hop may connect to; throws when the host is not public (unless allowed). */
async function checkedAddress(hostname: string, resolveHost: ResolveHost, allowPrivate: boolean): Promise<ResolvedAddress> {
  const literal = ipLiteral(hostname);
  const addresses: ResolvedAddress[] = literal ? [{ address: literal, family: literal.includes(':') ? 6 : 4 }] : await resolveHost(hostname);
  if (addresses.length === 0) throw new Error('no address');
  // Every address must pass, not just one: a name that also points inside the network is refused whole.
  if (!allowPrivate && !addresses.every((a) => isPublicAddress(a.address))) throw new Error('not a public address');
  return addresses[0]!;
}

const systemResolveHost: ResolveHost = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

const nodeRequestHop: RequestHop = (url, target, signal) =>
  new Promise((resolve, reject) => {
    // Connect to the checked address whatever the name would resolve to now (the Host header and TLS
    // server name still come from the URL).
    const pinned = ((_host: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      if (opts.all) callback(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    }) as unknown as LookupFunction;
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(
      url,
      {
        method: 'GET',
        signal,
        agent: false,
        lookup: pinned,
        headers: { accept: 'text/html, text/plain;q=0.9', 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'article-quote-bot (ingest)' },
      },
      (response) => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: response }),
    );
    request.on('error', reject);
    request.end();
  });

function header(response: HopResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The body with its content-encoding undone; the size cap applies to the decoded bytes (a small gzip can expand a lot). */
function decoded(response: HopResponse): Readable {
  const encoding = (header(response, 'content-encoding') ?? '').trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip' ? zlib.createGunzip() : encoding === 'deflate' ? zlib.createInflate() : encoding === 'br' ? zlib.createBrotliDecompress() : undefined;
  if (!decoder) return response.body;
  response.body.on('error', (error) => decoder.destroy(error));
  return response.body.pipe(decoder);
}

const TOO_LARGE = Symbol('too large');

/** Reads the body chunk by chunk and stops at the cap: a server may send more than it declares, or declare nothing. */
async function readCapped(body: Readable, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const abort = () => body.destroy(new Error('timed out'));
  signal.addEventListener('abort', abort, { once: true });
  try {
    for await (const chunk of body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      total += buffer.byteLength;
      if (total > maxBytes) {
        body.destroy();
        throw TOO_LARGE;
      }
      chunks.push(buffer);
    }
  } finally {
    signal.removeEventListener('abort', abort);
  }
  if (signal.aborted) throw new Error('timed out');
  return Buffer.concat(chunks);
}

/** Rejects as soon as the deadline passes, even if the work itself (a DNS lookup) cannot be cancelled. */
function withSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('timed out'));
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new Error('timed out'));
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** Formats a byte count for messages: "1.5 MB", "12.0 KB" or "512 bytes" (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
