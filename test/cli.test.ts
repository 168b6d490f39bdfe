import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/run-cli.js';

const ASK = 'src/cli/ask.ts';
const tmp = mkdtempSync(path.join(tmpdir(), 'cli-test-'));
const store = path.join(tmp, 'store');
const env = { STORE_DIR: store, EMBEDDINGS: 'local' };

interface JsonAnswer {
  question: string;
  answered: boolean;
  passages: { text: string; document: string; paragraph: number; start: number; end: number; score: number; highlight: { start: number; end: number }[] }[];
}

function listFiles(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = statSync(p).mtimeMs;
    }
  };
  walk(dir);
  return out;
}

describe('npm run ask', () => {
  let first: JsonAnswer;

  beforeAll(async () => {
    // A fresh store: ask must build the index from the bundled article by itself. Through tsx, as
    // `npm run ask` starts it in development; the other runs start the compiled entry point.
    const result = await runCli(ASK, ['--json', 'Who did Trump share the secret intelligence with?'], env, { timeoutMs: 120_000, tsx: true });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    first = JSON.parse(result.stdout) as JsonAnswer;
  }, 150_000);

  it('answers on a fresh store with a first passage quoting the article', () => {
    expect(first.answered).toBe(true);
    expect(first.passages[0]?.text).toContain('Sergey Lavrov');
  });

  it('--json passages are the exact article text at their offsets, with highlights inside them', () => {
    const article = readFileSync(path.join(repoRoot, 'ingest/corpus/article.txt'), 'utf8');
    for (const p of first.passages) {
      expect(article).toContain(p.text);
      expect(p.end - p.start).toBe(p.text.length);
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(1);
      for (const h of p.highlight) {
        expect(h.start).toBeGreaterThanOrEqual(0);
        expect(h.end).toBeLessThanOrEqual(p.text.length);
      }
    }
    expect(first.passages[0]?.highlight.length).toBeGreaterThan(0);
  });

  it('prints quoted markdown with the answering sentence in bold and the direction of the score', async () => {
    const result = await runCli(ASK, ['Which spy scandal damaged trust in the 1980s?'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^> .*\*\*[^*]*Pollard[^*]*\*\*/m);
    expect(result.stdout).toMatch(/paragraph \d+/);
    expect(result.stdout).toMatch(/higher means/);
  });

  it('gives the same text reply to a question in a --file batch as to it asked alone, with and without --all', async () => {
    const question = 'Who is Ron Dermer?';
    const file = path.join(tmp, 'one-question.txt');
    writeFileSync(file, `${question}\n`);
    const replies: Record<string, string> = {};
    for (const flags of [['--all'], []]) {
      const [alone, batch] = await Promise.all([runCli(ASK, [...flags, question], env), runCli(ASK, [...flags, '--file', file], env)]);
      expect(alone.code).toBe(0);
      expect(batch.code).toBe(0);
      expect(batch.stdout).toBe(`Q: ${question}\n${alone.stdout}\n`);
      replies[flags.join('') || 'excerpts'] = alone.stdout;
    }
    // Excerpts leave text out and say how to read it whole; --all shows whole passages, nothing left out.
    expect(replies.excerpts).toContain('add --all to read them whole');
    expect(replies['--all']).toMatch(/^> /m);
    expect(replies['--all']).not.toContain('…');
  });

  it('declines honestly, quoting nothing, when the article does not cover the question', async () => {
    const result = await runCli(ASK, ['--json', 'What is the capital of France?'], env);
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout) as JsonAnswer;
    expect(answer.answered).toBe(false);
    expect(answer.passages).toEqual([]);
    const text = await runCli(ASK, ['What is the capital of France?'], env);
    expect(text.stdout).toMatch(/doesn't seem to cover/);
    expect(text.stdout).not.toMatch(/^>/m);
    // It offers questions the article answers, not a list of names.
    expect(text.stdout).toMatch(/Questions it can answer:\n(?:- (?:Who|What) [^\n]+\?\n?){2,}/);
  });

  it('rejects an empty and a 10,000-character question with one line and a non-zero exit', async () => {
    const empty = await runCli(ASK, ['   '], env);
    expect(empty.code).toBe(1);
    expect(empty.stderr.trim().split('\n')).toHaveLength(1);
    const long = await runCli(ASK, ['why '.repeat(2_500)], env);
    expect(long.code).toBe(1);
    expect(long.stderr).toMatch(/^error: .*500/m);
    expect(long.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a malformed setting with one line naming the key', async () => {
    const result = await runCli(ASK, ['anything'], { ...env, EMBEDDINGS: 'magic' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^error: Invalid setting EMBEDDINGS/);
  });

  it('reports a corrupt store in one line and leaves the store untouched', async () => {
    const corrupt = path.join(tmp, 'corrupt-store');
    // Build a good store, then break the current generation's manifest.
    const built = await runCli('ingest/cli.ts', [], { ...env, STORE_DIR: corrupt });
    expect(built.code).toBe(0);
    const manifests = Object.keys(listFiles(corrupt)).filter((f) => f.endsWith('manifest.json'));
    expect(manifests.length).toBeGreaterThan(0);
    for (const m of manifests) writeFileSync(path.join(corrupt, m), '{not json');
    const before = listFiles(corrupt);
    const result = await runCli(ASK, ['Who is Sergey Lavrov?'], { ...env, STORE_DIR: corrupt });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/ingest/);
    expect(listFiles(corrupt)).toEqual(before);
  });

  it('explains a missing source without creating an index', async () => {
    const fresh = path.join(tmp, 'missing-source-store');
    const result = await runCli(ASK, ['anything?'], { ...env, STORE_DIR: fresh, SOURCES: 'no/such/file.txt' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no\/such\/file\.txt/);
  });
});

describe('npm run chat', () => {
  it('answers typed questions, shows more passages, and leaves on exit', async () => {
    const result = await runCli('src/cli/chat.ts', [], env, { input: 'What did Trump share with the Russians?\nmore\nexit\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Lavrov');
    expect(result.stdout.match(/^\[\d+\]/gm)?.length ?? 0).toBeGreaterThan(3);
  });

  it('reads follow-ups against the question before and says how it read them', async () => {
    const input = ['What did he say?', 'Who is Ron Dermer?', 'What did he say?', 'What was the Stuxnet attack?', 'Who approved it?', 'more', '', 'exit', ''].join('\n');
    const result = await runCli('src/cli/chat.ts', [], env, { input });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/error/i);
    // Each answer is separated by the next prompt; the very first line has no conversation to lean on.
    const replies = result.stdout.split('ask> ').slice(1);
    expect(replies[0]).not.toMatch(/Reading/);
    expect(replies[2]).toContain("Reading 'he' as Ron Dermer.");
    expect(replies[2]).toContain('full confidence');
    expect(replies[4]).toContain("Reading 'it' as the Stuxnet attack.");
    expect(replies[4]).toMatch(/\*\*[^*]*go-ahead[^*]*\*\*/);
    expect(replies[5]).not.toMatch(/Reading/);
  });

  it('prints the passages just shown in full on "full"', async () => {
    const result = await runCli('src/cli/chat.ts', [], env, { input: 'Who is Ron Dermer?\nfull\n' });
    expect(result.code).toBe(0);
    const replies = result.stdout.split('ask> ').slice(1);
    expect(replies[0]).toContain('…');
    expect(replies[1]).toContain('The alliance is too valuable to Israel to jeopardize.');
    expect(replies[1]).not.toContain('…');
  });

  it('leaves cleanly on end of input (Ctrl-D)', async () => {
    const result = await runCli('src/cli/chat.ts', [], env, { input: 'Who is Ron Dermer?\n' });
    expect(result.code).toBe(0);
  });
});
