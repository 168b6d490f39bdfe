// `npm run ask -- --json --file`: many questions in one process, each line exactly what the
// one-question --json prints; a bad line is reported on its own line and the others are answered.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const ASK = 'src/cli/ask.ts';
const tmp = mkdtempSync(path.join(tmpdir(), 'ask-batch-'));
const env = { STORE_DIR: path.join(tmp, 'store'), EMBEDDINGS: 'local' };
const Q1 = 'Who is Israel’s ambassador to Washington?';
const Q2 = 'How do I train a puppy to sit?';

const lines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('npm run ask -- --json --file', () => {
  let single: unknown;

  beforeAll(async () => {
    const result = await runCli(ASK, ['--json', Q1], env, { timeoutMs: 120_000 });
    expect(result.code).toBe(0);
    single = JSON.parse(result.stdout);
  }, 150_000);

  it('answers a .txt file (one question per line, blank lines skipped) with one JSON line each, identical to the one-question --json', async () => {
    const file = path.join(tmp, 'questions.txt');
    writeFileSync(file, `${Q1}\n\n   \n${Q2}\n`);
    const result = await runCli(ASK, ['--json', '--file', file], env);
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    expect(out).toHaveLength(2);
    expect(out[0]).toEqual(single);
    expect(out[1]).toMatchObject({ question: Q2 });
  });

  it('reads .jsonl from standard input; a bad line (not JSON, no question, empty, too long) gets its own error line and the rest are answered', async () => {
    const input = [JSON.stringify({ question: Q1, id: 'a' }), 'not json', '{"q": 1}', '{"question": "?!"}', JSON.stringify({ question: 'why '.repeat(200) }), JSON.stringify({ question: Q1 })].join('\n');
    const result = await runCli(ASK, ['--json', '--file', '-'], env, { input });
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    expect(out).toHaveLength(6);
    expect(out[0]).toEqual(single);
    expect(out[5]).toEqual(single);
    expect(out[1]).toMatchObject({ line: 2, question: 'not json', error: expect.stringContaining('not JSON') });
    expect(out[2]).toMatchObject({ line: 3, error: expect.stringContaining('"question"') });
    expect(out[3]).toMatchObject({ line: 4, question: '?!', error: expect.stringContaining('empty') });
    expect(out[4]).toMatchObject({ line: 5, error: expect.stringContaining('limit') });
    for (const bad of out.slice(1, 5)) expect(bad).not.toHaveProperty('passages');
  });

  it('an empty batch file is a one-line error with a non-zero exit, and nothing on stdout', async () => {
    const file = path.join(tmp, 'empty.txt');
    writeFileSync(file, '\n  \n');
    const result = await runCli(ASK, ['--json', '--file', file], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/empty\.txt has no questions/);
  });

  it('a missing batch file is a one-line error naming it', async () => {
    const result = await runCli(ASK, ['--json', '--file', 'no/such/questions.txt'], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('no/such/questions.txt');
  });
});
