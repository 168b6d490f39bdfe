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

describe('sharding settings', () => {
  const load = (env: Record<string, string>) => loadConfig({ env, envFile: false, cwd: '/tmp' }).discord.sharding;
  const failure = (env: Record<string, string>) => {
    try {
      load(env);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected a failure');
  };

  it('defaults to auto over all shards; a number or a machine range are taken as given', () => {
    expect(load({})).toEqual({ totalShards: 'auto', shardList: undefined });
    expect(load({ DISCORD_SHARDS: '3' })).toEqual({ totalShards: 3, shardList: undefined });
    expect(load({ DISCORD_SHARD_LIST: '4-5, 7', DISCORD_TOTAL_SHARDS: '8' })).toEqual({ totalShards: 8, shardList: [4, 5, 7] });
  });

  it('a shard list that does not fit the total, or has no total, is one line naming the key', () => {
    expect(failure({ DISCORD_SHARD_LIST: '0-4', DISCORD_TOTAL_SHARDS: '4' })).toBe(
      'Invalid setting DISCORD_SHARD_LIST: shard 4 does not fit DISCORD_TOTAL_SHARDS=4 (shard ids run 0 to 3). Fix it in .env or the environment (see .env.example).',
    );
    expect(failure({ DISCORD_SHARD_LIST: '0-1' })).toMatch(/^Invalid setting DISCORD_SHARD_LIST: .*set DISCORD_TOTAL_SHARDS too/);
    expect(failure({ DISCORD_SHARD_LIST: '1,1', DISCORD_TOTAL_SHARDS: '2' })).toMatch(/shard 1 is listed twice/);
    expect(failure({ DISCORD_SHARD_LIST: '3-1', DISCORD_TOTAL_SHARDS: '4' })).toMatch(/runs backwards/);
    expect(failure({ DISCORD_SHARD_LIST: 'first', DISCORD_TOTAL_SHARDS: '4' })).toMatch(/^Invalid setting DISCORD_SHARD_LIST: must be shard ids and ranges/);
    expect(failure({ DISCORD_SHARDS: '2', DISCORD_TOTAL_SHARDS: '4' })).toMatch(/^Invalid setting DISCORD_TOTAL_SHARDS: /);
  });
});

describe('unknown keys that look like settings', () => {
  it('are named in a warning with the setting they resemble, never with their value; unrelated keys are not', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'config-warn-'));
    const file = path.join(dir, '.env');
    writeFileSync(file, 'DISCORD_TOKN=super-secret-value\nURL_ALOW_PRIVATE=true\nDISCORD_WEBHOOK=x\nUNRELATED_THING=1\nANSWER_PASSAGES=4\n');
    const warnings: string[] = [];
    const config = loadConfig({ env: { ANSWER_PASAGES: '3', PATH: '/usr/bin', HOME: '/root' }, cwd: dir, envFile: file, warn: (m) => warnings.push(m) });
    expect(config.answer.passages).toBe(4);
    expect(warnings).toHaveLength(4);
    expect(warnings.find((w) => w.includes('DISCORD_TOKN'))).toMatch(/did you mean DISCORD_TOKEN\?/);
    expect(warnings.find((w) => w.includes('URL_ALOW_PRIVATE'))).toMatch(/did you mean URL_ALLOW_PRIVATE\?/);
    expect(warnings.some((w) => w.includes('DISCORD_WEBHOOK'))).toBe(true);
    expect(warnings.find((w) => w.includes('ANSWER_PASAGES'))).toMatch(/the environment/);
    const all = warnings.join('\n');
    expect(all).not.toContain('super-secret-value');
    expect(all).not.toMatch(/UNRELATED_THING|PATH|HOME/);
  });
});
