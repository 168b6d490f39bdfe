// STORE=postgres must answer exactly as STORE=files. Every question set in eval/sets is asked of both:
// the bundled article's sets (and every turn of the conversation set, asked alone), and each squad-dev
// article with its own questions, each article ingested into both stores. Compared: answered or not, the
// passages in order, the highlighted sentences, and the scores to float32 noise. Vectors go through
// LangChain's PGVectorStore (pgvector's exact `<=>` scan) on one side and HNSWLib on the other.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConversations } from '../eval/conversations.js';
import { parseQuestions } from '../eval/questions.js';
import { runIngest } from '../ingest/run-ingest.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import type { Answer } from '../src/types.js';
import { startPgliteServer, type PgliteServer } from './helpers/pglite-server.js';
import { repoRoot } from './helpers/run-cli.js';

const setsDir = path.join(repoRoot, 'eval/sets');

interface Corpus {
  name: string;
  article: string;
  questions: { set: string; question: string }[];
}

function corpora(): Corpus[] {
  const bundled: Corpus = { name: 'bundled article', article: path.join(repoRoot, 'ingest/corpus/article.txt'), questions: [] };
  for (const file of readdirSync(setsDir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const full = path.join(setsDir, file);
    if (file === 'conversations.jsonl') {
      for (const c of readConversations(full)) for (const turn of c.turns) bundled.questions.push({ set: file, question: turn.question });
    } else {
      for (const q of parseQuestions(readFileSync(full, 'utf8'), file)) bundled.questions.push({ set: file, question: q.question });
    }
  }
  const out = [bundled];
  const squad = path.join(setsDir, 'squad-dev');
  if (existsSync(squad)) {
    for (const name of readdirSync(squad).sort()) {
      const folder = path.join(squad, name);
      if (!existsSync(path.join(folder, 'questions.jsonl'))) continue;
      const questions = parseQuestions(readFileSync(path.join(folder, 'questions.jsonl'), 'utf8'), name).map((q) => ({ set: `squad-dev/${name}`, question: q.question }));
      out.push({ name: `squad-dev/${name}`, article: path.join(folder, 'article.txt'), questions });
    }
  }
  return out;
}

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
  beforeAll(async () => {
    server = await startPgliteServer();
  });
  afterAll(async () => server?.close());

  const all = corpora();
  it(`on every question set in eval/sets (${all.reduce((n, c) => n + c.questions.length, 0)} questions over ${all.length} articles)`, async () => {
    expect(all[0]!.questions.length).toBeGreaterThan(200);
    const differences: string[] = [];
    for (const corpus of all) {
      const dir = mkdtempSync(path.join(tmpdir(), 'parity-'));
      const source = path.join(dir, 'article.txt');
      writeFileSync(source, readFileSync(corpus.article, 'utf8'));
      const base = { EMBEDDINGS: 'local', SOURCES: source, LOG_LEVEL: 'silent', STORE_DIR: path.join(dir, 'store') };
      const filesConfig = loadConfig({ cwd: dir, envFile: false, env: base });
      const pgConfig = loadConfig({ cwd: dir, envFile: false, env: { ...base, STORE: 'postgres', DATABASE_URL: server.url } });
      await runIngest({ config: filesConfig, logger: silentLogger });
      await runIngest({ config: pgConfig, logger: silentLogger });
      const files = await createApp(filesConfig, silentLogger);
      const postgres = await createApp(pgConfig, silentLogger);
      try {
        for (const { set, question } of corpus.questions) {
          const fromFiles = await files.answers.answer(question);
          const fromPostgres = await postgres.answers.answer(question);
          const [a, b] = [JSON.stringify(shape(fromFiles)), JSON.stringify(shape(fromPostgres))];
          if (a !== b || !scoresAgree(fromFiles, fromPostgres)) differences.push(`${set}: ${question}\n  files:    ${a}\n  postgres: ${b}`);
        }
      } finally {
        await files.close();
        await postgres.close();
      }
    }
    expect(differences.join('\n')).toBe('');
  }, 240_000);
});
