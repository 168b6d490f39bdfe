import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryPointArgs, repoRoot, runCli } from './helpers/run-cli.js';

const ARTICLE = path.join(repoRoot, 'ingest/corpus/article.txt');
const CLI = 'ingest/cli.ts';

function workspace() {
  const dir = mkdtempSync(path.join(tmpdir(), 'ingest-cli-'));
  return { dir, env: { STORE_DIR: path.join(dir, 'store'), EMBEDDINGS: 'local' } };
}

const SUMMARY = /^Indexed (\d+) document\(s\), (\d+) passage\(s\) with local embedder \S+ in \d+\.\d s: added (.+), changed (.+), removed (.+), reused (.+)\.$/;

function expectOneErrorLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  const errors = lines.filter((l) => /^(error|usage):/.test(l));
  expect(errors).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return errors[0]!;
}

describe('npm run ingest', () => {
  it('indexes a source, shows progress on stderr and prints one summary line; a second run reuses it', async () => {
    const { env } = workspace();
    const first = await runCli(CLI, ['--source', ARTICLE], env);
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const match = SUMMARY.exec(lines[0]!);
    expect(match, lines[0]).not.toBeNull();
    expect(match![1]).toBe('1');
    expect(Number(match![2])).toBeGreaterThan(5);
    expect(match![3]).toMatch(/^1 \(.*article\.txt\)$/);
    // Not a terminal: plain progress lines, ending with every passage embedded.
    expect(first.stderr).toMatch(new RegExp(`embedding ${match![2]}/${match![2]}`));

    const second = await runCli(CLI, ['--source', ARTICLE], env);
    expect(second.code).toBe(0);
    expect(SUMMARY.exec(second.stdout.trim())![6]).toMatch(/^1 /);
  });

  it('uses SOURCES from the settings when no --source is given', async () => {
    const { dir, env } = workspace();
    writeFileSync(path.join(dir, 'note.txt'), 'A short note about the village fete, which raised money for the new church roof.');
    const result = await runCli(CLI, [], { ...env, SOURCES: path.join(dir, 'note.txt') });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/added 1 \(\S*note\.txt\)/);
  });

  it('a missing source: exit code 1 and one line saying what is wrong', async () => {
    const { dir, env } = workspace();
    const result = await runCli(CLI, ['--source', path.join(dir, 'nope.txt')], env);
    expect(result.code).toBe(1);
    expect(expectOneErrorLine(result.stderr)).toMatch(/^error: .*nope\.txt/);
    expect(result.stdout).toBe('');
  });

  it('a bad option: exit code 2 and the usage', async () => {
    const { env } = workspace();
    const result = await runCli(CLI, ['--sauce', 'x'], env);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toMatch(/--sauce.*npm run ingest/);
  });

  it('a bad setting: exit code 1 naming the setting', async () => {
    const { env } = workspace();
    const result = await runCli(CLI, ['--source', ARTICLE], { ...env, EMBEDDINGS: 'magic' });
    expect(result.code).toBe(1);
    expect(expectOneErrorLine(result.stderr)).toMatch(/EMBEDDINGS/);
  });

  it('refuses to run while another ingest holds the store', async () => {
    const { env } = workspace();
    mkdirSync(env.STORE_DIR, { recursive: true });
    // This test process is alive, so its pid makes a live lock.
    writeFileSync(path.join(env.STORE_DIR, 'ingest.lock'), JSON.stringify({ pid: process.pid, startedAt: '2026-01-01T00:00:00.000Z', token: 't' }));
    const result = await runCli(CLI, ['--source', ARTICLE], env);
    expect(result.code).toBe(1);
    expect(expectOneErrorLine(result.stderr)).toMatch(new RegExp(`^error: Another ingest \\(pid ${process.pid}, started 2026-01-01.*--wait`));
  });

  it('--help explains the options', async () => {
    const result = await runCli(CLI, ['--help'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--source[\s\S]*--watch[\s\S]*--wait/);
  });

  it('--watch re-ingests when the source changes, survives a bad edit, and exits 0 on SIGINT', async () => {
    const { dir, env } = workspace();
    const source = path.join(dir, 'story.txt');
    writeFileSync(source, 'The library will open on Sundays from next month, the council announced.');
    const child = spawn(process.execPath, [...entryPointArgs(CLI), '--watch', '--source', source], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const waitFor = async (check: () => boolean, what: string) => {
      const deadline = Date.now() + 20_000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stdout: ${stdout} stderr: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const summaries = () => stdout.split('\n').filter((l) => l.startsWith('Indexed')).length;
    try {
      await waitFor(() => summaries() === 1 && stderr.includes('watching'), 'the first ingest');
      writeFileSync(source, 'The library will open on Sundays and on holidays from next month.');
      await waitFor(() => summaries() === 2, 'the re-ingest');
      expect(stdout.split('\n')[1]).toMatch(/changed 1 /);
      const generation = readFileSync(path.join(env.STORE_DIR, 'CURRENT'), 'utf8');

      writeFileSync(source, Buffer.from([0, 1, 2, 0xff]));
      await waitFor(() => /error: .*still watching/.test(stderr), 'the failed re-ingest report');
      expect(readFileSync(path.join(env.STORE_DIR, 'CURRENT'), 'utf8')).toBe(generation);

      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      clearTimeout(killer);
      child.kill('SIGKILL');
    }
  }, 90_000);
});
