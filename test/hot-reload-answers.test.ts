import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIngest } from '../ingest/run-ingest.js';
import { createApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { repoRoot } from './helpers/run-cli.js';

const article = readFileSync(path.join(repoRoot, 'ingest/corpus/article.txt'), 'utf8');
// A corrected edition: one phrase changed, one paragraph added, so answers visibly differ between the two.
const corrected = article
  .replace('crown jewels', 'family silver')
  .replace('A vain and boastful accidental president', 'Correction appended: an earlier version misdated the meeting.\n\nA vain and boastful accidental president');

const QUESTIONS = [
  'Who did Trump share the secret intelligence with?',
  'What did a senior Israeli officer say Israel gives the Americans?',
  'Which spy scandal damaged trust in the 1980s?',
  'What is the capital of France?',
  'Who is Russia working with in Syria?',
];

describe('re-ingesting while questions are being answered', () => {
  let app: App | undefined;
  afterAll(async () => app?.close());

  it('answers every question in a tight loop across 10 rebuilds, each quote from one of the two versions', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hot-reload-'));
    const source = path.join(dir, 'article.txt');
    writeFileSync(source, article);
    const config = loadConfig({
      cwd: dir,
      envFile: false,
      env: { STORE_DIR: path.join(dir, 'store'), EMBEDDINGS: 'local', SOURCES: source, RELOAD_INTERVAL_MS: '100' },
    });
    await runIngest({ config, logger: silentLogger });
    app = await createApp(config, silentLogger, { watch: true });

    let rebuilding = true;
    const failures: unknown[] = [];
    const generations = new Set<string>();
    let answered = 0;
    const asking = (async () => {
      for (let i = 0; rebuilding && i < 100_000; i++) {
        try {
          const answer = await app!.answers.answer(QUESTIONS[i % QUESTIONS.length]!);
          for (const quoted of answer.passages) {
            if (!article.includes(quoted.passage.text) && !corrected.includes(quoted.passage.text)) {
              failures.push(new Error(`quote not in either version: ${quoted.passage.text.slice(0, 80)}`));
            }
          }
          answered++;
          const generation = app!.currentIndex()?.generation;
          if (generation) generations.add(generation);
        } catch (error) {
          failures.push(error);
        }
        // Let the ingest and the reload timer run between questions, as a real event loop would.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();

    // 10 rebuilds (20 until 2026-12-02): each one is a switch the asking loop has to survive, and a run
    // sees nearly every generation (8 rebuilds under load: 8 or 9 of the 9), well over the 3 asserted.
    let last = '';
    for (let round = 0; round < 10; round++) {
      writeFileSync(source, round % 2 === 0 ? corrected : article);
      last = (await runIngest({ config, logger: silentLogger })).generation;
    }
    // Keep asking until the holder (polling every 100 ms) serves the last generation, then stop. A
    // fixed wait here once missed it on a busy machine.
    const deadline = Date.now() + 20_000;
    while (app.currentIndex()?.generation !== last && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    rebuilding = false;
    await asking;

    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(20);
    // The running app followed the rebuilds rather than serving the first index throughout.
    expect(generations.size).toBeGreaterThan(3);
    const finalAnswer = await app.answers.answer('What did a senior Israeli officer say Israel gives the Americans?');
    expect(finalAnswer.passages.some((q) => q.passage.text.includes('crown jewels'))).toBe(true);
  }, 180_000);
});
