import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import type { LoadedIndex } from '../src/index-store/loaded-index.js';
import { readCurrentIndex } from '../src/index-store/read-index.js';
import { entryPointArgs, repoRoot } from './helpers/run-cli.js';

const WORDS = (
  'harbour council engineer river bridge market farmer winter summer village school teacher doctor nurse train station ' +
  'road museum library garden orchard fisherman lighthouse storm rain festival budget committee minister report inquiry ' +
  'witness court judge police officer mayor election vote ballot candidate speech promise tax price wage worker factory'
).split(' ');

/** Several MB of ordinary prose paragraphs, different for each seed. */
function bigSource(file: string, seed: number, bytes: number): void {
  let state = seed;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
  const sentence = () => {
    const words = Array.from({ length: 8 + next(14) }, () => WORDS[next(WORDS.length)]!);
    const s = words.join(' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const paragraphs: string[] = [];
  let size = 0;
  while (size < bytes) {
    const p = Array.from({ length: 3 + next(5) }, sentence).join(' ');
    paragraphs.push(p);
    size += p.length + 2;
  }
  writeFileSync(file, paragraphs.join('\n\n'));
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** ms from spawn to the last "embedding N/N" line, and to exit. */
  embeddedAt?: number;
  exitedAt: number;
}

/** Run the ingest command; `killWhen` decides from its progress output when to kill -9 it. */
function ingest(env: Record<string, string>, source: string, killWhen?: (stderr: string, elapsedMs: number) => boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [...entryPointArgs('ingest/cli.ts'), '--source', source], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', EMBEDDINGS: 'local', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: Omit<Run, 'code' | 'signal' | 'exitedAt'> = { stdout: '', stderr: '' };
    const check = () => {
      if (killWhen && child.exitCode === null && killWhen(run.stderr, Date.now() - started)) child.kill('SIGKILL');
    };
    // Some kills are timed after the last progress line, when no more output arrives to trigger a check.
    const ticker = setInterval(check, 10);
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.on('data', (d: Buffer) => (run.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      run.stderr += d.toString();
      const done = /embedding (\d+)\/(\d+)\n/g;
      for (const m of run.stderr.matchAll(done)) if (m[1] === m[2] && run.embeddedAt === undefined) run.embeddedAt = Date.now() - started;
      check();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(ticker);
      clearTimeout(guard);
      resolve({ ...run, code, signal, exitedAt: Date.now() - started });
    });
  });
}

async function expectIntact(storeDir: string): Promise<LoadedIndex> {
  const index = await readCurrentIndex(storeDir, async (info) => LocalEmbeddings.fromInfo(info));
  expect(index).toBeDefined();
  const { documents, passages, manifest, vectorStore } = index!;
  expect(passages).toHaveLength(manifest.passageCount);
  expect(vectorStore.index.getCurrentCount()).toBe(passages.length);
  const byId = new Map(documents.map((d) => [d.id, d]));
  for (const p of passages) expect(byId.get(p.documentId)!.text.slice(p.start, p.end)).toBe(p.text);
  const [hit] = await vectorStore.similaritySearch('the mayor promised a new bridge', 1);
  expect(passages.some((p) => p.id === hit?.metadata.passageId)).toBe(true);
  return index!;
}

/** How far along the embedding progress is, 0..1, from the plain progress lines. */
function embedded(stderr: string): number {
  const all = [...stderr.matchAll(/embedding (\d+)\/(\d+)\n/g)];
  const last = all.at(-1);
  return last ? Number(last[1]) / Number(last[2]) : -1;
}

describe('an ingest killed at any moment', () => {
  it('leaves the previous generation loadable and intact, and the next ingest recovers', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ingest-crash-'));
    const env = { STORE_DIR: path.join(dir, 'store') };
    const source = path.join(dir, 'big.txt');

    bigSource(source, 1, 2_000_000);
    const baseline = await ingest(env, source);
    expect(baseline.code, baseline.stderr).toBe(0);
    const previous = await expectIntact(env.STORE_DIR);
    // After embedding: building the graph, then writing and publishing it.
    const tail = baseline.exitedAt - (baseline.embeddedAt ?? baseline.exitedAt);

    // New text throughout, so nothing can be reused and every run goes through every phase.
    bigSource(source, 2, 2_000_000);
    // The last moment is timed from the baseline run: most of the way from "all embedded" to "published".
    let embeddedSeenAt: number | undefined;
    const moments: { name: string; when: (stderr: string, ms: number) => boolean }[] = [
      { name: 'while starting up', when: (_s, ms) => ms > 300 },
      { name: 'as embedding starts', when: (s) => embedded(s) >= 0 },
      { name: 'half-way through embedding', when: (s) => embedded(s) >= 0.5 },
      { name: 'while building the graph', when: (s) => embedded(s) >= 1 },
      {
        name: 'while writing the generation',
        when: (s, ms) => {
          if (embedded(s) >= 1 && embeddedSeenAt === undefined) embeddedSeenAt = ms;
          return embeddedSeenAt !== undefined && ms >= embeddedSeenAt + tail * 0.8;
        },
      },
    ];

    const outcomes: string[] = [];
    for (const moment of moments) {
      const run = await ingest(env, source, moment.when);
      const index = await expectIntact(env.STORE_DIR);
      if (run.signal === 'SIGKILL') {
        // Killed before publishing: the previous generation is still the one served.
        const partial = readdirSync(path.join(env.STORE_DIR, 'generations')).some((n) => n.endsWith('.partial'));
        outcomes.push(`${moment.name}: killed, serving ${index.generation === previous.generation ? 'previous' : 'new'}${partial ? ', half-written generation left' : ''}`);
        if (index.generation !== previous.generation) expect(index.passages.length).toBeGreaterThan(0);
      } else {
        outcomes.push(`${moment.name}: finished before the kill`);
      }
    }
    // Most moments must really have interrupted the ingest, or the test proves nothing.
    expect(outcomes.filter((o) => o.includes('killed')).length, outcomes.join('\n')).toBeGreaterThanOrEqual(4);

    const recovery = await ingest(env, source);
    expect(recovery.code, recovery.stderr).toBe(0);
    const final = await expectIntact(env.STORE_DIR);
    expect(final.generation).not.toBe(previous.generation);
    expect(existsSync(path.join(env.STORE_DIR, 'ingest.lock'))).toBe(false);
    expect(readdirSync(path.join(env.STORE_DIR, 'generations')).filter((n) => n.endsWith('.partial'))).toEqual([]);
  }, 240_000);
});
