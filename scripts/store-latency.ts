// `npx tsx scripts/store-latency.ts`: answer latency with STORE=files and STORE=postgres side by side in
// one run, on the bundled article and every question of the eval sets (conversation turns excepted).
// Postgres is PGlite (Postgres compiled to WebAssembly, with pgvector) on 127.0.0.1 through the `pg`
// driver, as the tests run it; a real server on the same machine is the figure that matters in production.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseQuestions } from '../eval/questions.js';
import { runIngest } from '../ingest/run-ingest.js';
import { createApp } from '../src/app.js';
import { BUNDLED_ARTICLE, loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { startPgliteServer } from '../test/helpers/pglite-server.js';

const WARMUP = 20;
const server = await startPgliteServer();
const dir = mkdtempSync(path.join(tmpdir(), 'store-latency-'));
try {
  const source = path.join(dir, 'article.txt');
  writeFileSync(source, readFileSync(BUNDLED_ARTICLE, 'utf8'));
  const base = { EMBEDDINGS: 'local', SOURCES: source, LOG_LEVEL: 'silent', STORE_DIR: path.join(dir, 'store') };
  const stores = [
    ['files', loadConfig({ cwd: dir, envFile: false, env: base })],
    ['postgres (PGlite)', loadConfig({ cwd: dir, envFile: false, env: { ...base, STORE: 'postgres', DATABASE_URL: server.url } })],
  ] as const;
  const questions = readdirSync('eval/sets')
    .filter((f) => f.endsWith('.jsonl') && f !== 'conversations.jsonl')
    .flatMap((f) => parseQuestions(readFileSync(path.join('eval/sets', f), 'utf8'), f).map((q) => q.question));
  for (const [, config] of stores) await runIngest({ config, logger: silentLogger });
  for (const [name, config] of stores) {
    const app = await createApp(config, silentLogger);
    for (const q of questions.slice(0, WARMUP)) await app.answers.answer(q);
    const ms: number[] = [];
    for (const q of questions) {
      const started = performance.now();
      await app.answers.answer(q);
      ms.push(performance.now() - started);
    }
    ms.sort((a, b) => a - b);
    const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(2);
    process.stdout.write(`${name.padEnd(18)} ${ms.length} questions: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms\n`);
    await app.close();
  }
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
