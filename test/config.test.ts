import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { AppError } from '../src/errors.js';

const cwd = mkdtempSync(path.join(tmpdir(), 'config-test-'));
const load = (env: Record<string, string>, envFile: string | false = false) => loadConfig({ env, cwd, envFile });

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('loadConfig', () => {
  it('gives working defaults with an empty environment: the bundled article, auto embeddings, store/ in the working directory', () => {
    const config = load({});
    expect(config.sources).toEqual(['ingest/corpus/article.txt']);
    expect(config.embeddings).toBe('auto');
    expect(config.storeDir).toBe(path.join(cwd, 'store'));
    expect(config.answer.passages).toBe(3);
    expect(config.questionMaxLength).toBe(500);
    expect(config.discord.feedbackLog).toBe(path.join(cwd, 'store', 'feedback.jsonl'));
  });

  it('rejects an unknown EMBEDDINGS value naming the key and the allowed values', () => {
    const error = errorOf(() => load({ EMBEDDINGS: 'gpt' }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('EMBEDDINGS');
    expect(error.message).toContain('auto, transformers, local');
  });

  it('rejects numbers out of range with the rule', () => {
    expect(errorOf(() => load({ ANSWER_PASSAGES: '0' })).message).toMatch(/ANSWER_PASSAGES.*at least 1/);
    expect(errorOf(() => load({ ANSWER_MIN_RELEVANCE: '3' })).message).toMatch(/ANSWER_MIN_RELEVANCE.*between 0 and 1/);
    expect(errorOf(() => load({ COOLDOWN_SECONDS: 'soon' })).message).toMatch(/COOLDOWN_SECONDS.*number/);
  });

  it('never echoes the token, even when it is the invalid value', () => {
    const error = errorOf(() => load({ DISCORD_TOKEN: 'secret-token-value', DISCORD_CLIENT_ID: 'not-an-id' }));
    expect(error.message).toContain('DISCORD_CLIENT_ID');
    expect(error.message).not.toContain('secret-token-value');
  });

  it('splits comma-separated lists and checks user ids', () => {
    expect(load({ SOURCES: 'a.txt, docs/ ,https://example.org/x' }).sources).toEqual(['a.txt', 'docs/', 'https://example.org/x']);
    expect(load({ REINGEST_ALLOWED_USERS: '123456789012345678' }).discord.reingestAllowedUsers).toEqual(['123456789012345678']);
    expect(errorOf(() => load({ REINGEST_ALLOWED_USERS: 'alice' })).message).toContain('REINGEST_ALLOWED_USERS');
  });

  it('reads .env, and real environment variables win over it', () => {
    const file = path.join(cwd, 'good.env');
    writeFileSync(file, '# comment\nEMBEDDINGS=local\nexport ANSWER_PASSAGES=4\nLOG_LEVEL="warn"\n');
    const config = loadConfig({ env: { ANSWER_PASSAGES: '5' }, cwd, envFile: file });
    expect(config.embeddings).toBe('local');
    expect(config.answer.passages).toBe(5);
    expect(config.logLevel).toBe('warn');
  });

  it('reports a malformed .env line by number without printing its value', () => {
    const file = path.join(cwd, 'bad.env');
    writeFileSync(file, 'EMBEDDINGS=local\nDISCORD_TOKEN abc.secret\n');
    const error = errorOf(() => loadConfig({ env: {}, cwd, envFile: file }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('line 2');
    expect(error.message).not.toContain('abc.secret');
  });

  it('.env.example lists every key the schema knows, each with a comment', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const source = readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8');
    const schemaKeys = [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(schemaKeys.length).toBeGreaterThan(15);
    const lines = example.split('\n');
    for (const key of schemaKeys) {
      const at = lines.findIndex((l) => l.startsWith(`${key}=`));
      expect(at, `${key} missing from .env.example`).toBeGreaterThan(0);
      expect(lines[at - 1]?.startsWith('#'), `${key} has no comment`).toBe(true);
    }
  });
});
