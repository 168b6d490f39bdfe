// The neural path end to end, offline: ingest with EMBEDDINGS=transformers using the generated tiny
// BERT-shaped model (the same loading code as MiniLM), then answer through the real `ask` command,
// which must recreate that embedder from the manifest and refuse a conflicting one.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_MODEL_FIXTURE } from './fixtures/make-tiny-model.js';
import { runCli } from './helpers/run-cli.js';

const store = path.join(mkdtempSync(path.join(tmpdir(), 'transformers-e2e-')), 'store');
const env = { STORE_DIR: store, EMBEDDINGS: 'transformers', EMBEDDING_MODEL: TINY_MODEL_FIXTURE, ALLOW_REMOTE_MODELS: 'false' };

describe('a transformers-embedded index, offline', () => {
  beforeAll(async () => {
    const ingest = await runCli('ingest/cli.ts', [], env, { timeoutMs: 120_000 });
    expect(ingest.stderr).not.toMatch(/^error/m);
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toMatch(/transformers/);
  }, 150_000);

  it('records the model in the manifest', () => {
    const generation = readFileSync(path.join(store, 'CURRENT'), 'utf8').trim();
    const manifest = JSON.parse(readFileSync(path.join(store, 'generations', generation, 'manifest.json'), 'utf8')) as { embedder: { kind: string; dimensions: number } };
    expect(manifest.embedder.kind).toBe('transformers');
    expect(manifest.embedder.dimensions).toBe(32);
  });

  it('answers with the embedder the index was built with, even when settings say auto', async () => {
    const result = await runCli('src/cli/ask.ts', ['--json', 'Who did Trump share the secret intelligence with?'], { ...env, EMBEDDINGS: 'auto' });
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout) as { answered: boolean; passages: { text: string }[] };
    expect(answer.answered).toBe(true);
    expect(answer.passages[0]?.text).toContain('Sergey Lavrov');
  });

  it('refuses to answer with a different embedder than the index was built with', async () => {
    const result = await runCli('src/cli/ask.ts', ['Who is Ron Dermer?'], { ...env, EMBEDDINGS: 'local' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/re-ingest|ingest/i);
  });
});
