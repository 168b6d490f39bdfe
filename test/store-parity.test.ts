// STORE=postgres must answer exactly as STORE=files: the same article ingested into both, every
// question of every eval set asked of both, and every answer compared (answered or not, the passages in
// order, their relevance to 1e-6, the highlighted sentences). Vectors go through LangChain's PGVectorStore
// (pgvector's exact `<=>` scan) on one side and HNSWLib on the other.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuestions } from '../eval/questions.js';
import { runIngest } from '../ingest/run-ingest.js';
import { createApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import type { Answer } from '../src/types.js';
import { startPgliteServer, type PgliteServer } from './helpers/pglite-server.js';
import { repoRoot } from './helpers/run-cli.js';

const setsDir = path.join(repoRoot, 'eval/sets');
const questions = readdirSync(setsDir)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => parseQuestions(readFileSync(path.join(setsDir, f), 'utf8'), f).map((q) => ({ set: f, question: q.question })));

/** What a user sees of an answer: answered or not, which passages in which order, which sentences marked. */
function shape(answer: Answer) {
  return { answered: answer.answered, passages: answer.passages.map((q) => ({ id: q.passage.id, highlights: q.highlights })) };
}

/** Scores agree to float32 noise (pgvector and hnswlib both keep 32-bit floats, but sum in different orders). */
function scoresAgree(a: Answer, b: Answer): boolean {
  return a.passages.every((q, i) => Math.abs(q.score - (b.passages[i]?.score ?? Number.NaN)) < 1e-5);
}

describe('STORE=postgres answers exactly as STORE=files', () => {
  let server: PgliteServer;
  let files: App;
  let postgres: App;

  beforeAll(async () => {
    server = await startPgliteServer();
    const dir = mkdtempSync(path.join(tmpdir(), 'parity-'));
    const source = path.join(dir, 'article.txt');
    writeFileSync(source, readFileSync(path.join(repoRoot, 'ingest/corpus/article.txt'), 'utf8'));
    const base = { EMBEDDINGS: 'local', SOURCES: source, LOG_LEVEL: 'silent', STORE_DIR: path.join(dir, 'store') };
    const filesConfig = loadConfig({ cwd: dir, envFile: false, env: base });
    const pgConfig = loadConfig({ cwd: dir, envFile: false, env: { ...base, STORE: 'postgres', DATABASE_URL: server.url } });
    await runIngest({ config: filesConfig, logger: silentLogger });
    await runIngest({ config: pgConfig, logger: silentLogger });
    files = await createApp(filesConfig, silentLogger);
    postgres = await createApp(pgConfig, silentLogger);
  }, 120_000);
  afterAll(async () => {
    await files?.close();
    await postgres?.close();
    await server?.close();
  });

  it(`on all ${questions.length} questions of eval/sets`, async () => {
    expect(questions.length).toBeGreaterThan(100);
    const differences: string[] = [];
    for (const { set, question } of questions) {
      const fromFiles = await files.answers.answer(question);
      const fromPostgres = await postgres.answers.answer(question);
      const [a, b] = [JSON.stringify(shape(fromFiles)), JSON.stringify(shape(fromPostgres))];
      if (a !== b || !scoresAgree(fromFiles, fromPostgres)) differences.push(`${set}: ${question}\n  files:    ${a}\n  postgres: ${b}`);
    }
    expect(differences.join('\n')).toBe('');
  }, 120_000);
});
