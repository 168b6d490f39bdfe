// /reingest while 20 users keep asking (a question every ~0.2 s after their last reply) (loopback emulator, bounded): the ingest runs in a child
// process, so every interaction is acknowledged within Discord's 3 s, every question is answered from
// the old or the new index, and nothing is lost; a hostile deeply nested page is refused quickly with
// its clear message under the same load. The full-size run (10 MB, 50 users) is bench/reingest-load.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../ingest/run-ingest.js';
import { createApp, type App } from '../src/app.js';
import { createBot, type Bot } from '../src/discord/bot.js';
import { silentLogger } from '../src/logger.js';
import { emulatorConfig } from './discord-emulator/emulator-config.js';
import { DiscordEmulator } from './discord-emulator/emulator.js';
import { quantile, runReingestUnderLoad } from './discord-emulator/reingest-load.js';
import { serveNestedPage, type NestedPage } from './helpers/nested-page.js';

/** Deterministic article-like prose: `count` paragraphs of varied sentences. */
function syntheticArticle(count: number): { text: string; questions: string[] } {
  const subjects = ['The council', 'The harbour master', 'A ferry operator', 'The mayor', 'Local fishermen', 'The port authority', 'Residents', 'The regional board'];
  const verbs = ['approved', 'questioned', 'delayed', 'funded', 'rejected', 'praised', 'reviewed', 'announced'];
  const objects = ['the dredging plan', 'new moorings', 'the winter timetable', 'a noise curfew', 'the breakwater repair', 'cheaper tickets', 'a fuel depot', 'the lighthouse museum'];
  let seed = 7;
  const pick = <T>(list: T[]) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return list[seed % list.length]!;
  };
  const paragraphs: string[] = [];
  for (let k = 0; k < count; k++) {
    const sentences = Array.from({ length: 5 }, (_, s) => `${pick(subjects)} ${pick(verbs)} ${pick(objects)} in session ${k}.${s} after a long debate.`);
    paragraphs.push(sentences.join(' '));
  }
  const questions = objects.map((o) => `Who ${pick(verbs).replace(/ed$/u, 'ed')} ${o}?`);
  return { text: paragraphs.join('\n\n'), questions };
}

describe('/reingest under load', () => {
  let emulator: DiscordEmulator;
  let app: App;
  let bot: Bot;
  let nested: NestedPage;
  let dir: string;
  let questions: string[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'reingest-load-'));
    const article = syntheticArticle(2_000); // ~1 MB
    questions = article.questions;
    writeFileSync(path.join(dir, 'article.txt'), article.text);
    nested = await serveNestedPage();

    // A late acknowledgement is measured, not cut off at 3 s: the test asserts on the figure.
    emulator = await DiscordEmulator.start({ ackDeadlineMs: 30_000 });
    const config = emulatorConfig(emulator, {
      dir,
      env: {
        SOURCES: 'article.txt',
        EMBEDDINGS: 'local',
        // The hostile page is served on loopback: the opt-in a trusted local setup would use.
        URL_ALLOW_PRIVATE: 'true',
        RELOAD_INTERVAL_MS: '500',
        LOG_LEVEL: 'silent',
      },
    });
    await runIngest({ config, logger: silentLogger });
    app = await createApp(config, silentLogger, { watch: true });
    bot = createBot({ config, answers: app.answers, reingest: (o) => app.reingest(o), conversations: app.createConversations(), logger: silentLogger });
    await bot.start();
  }, 120_000);
  afterAll(async () => {
    await bot?.stop();
    await app?.close();
    await emulator?.close();
    await nested?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('re-ingests a 1 MB source while 20 users ask: all acknowledged within 3 s, all answered, none lost', async () => {
    const result = await runReingestUnderLoad({ emulator, users: 20, questions, thinkMs: 200, timeoutMs: 120_000 });
    console.log(`reingest 1 MB under 20 users: ${result.questions} questions, worst ack ${result.acks.at(-1)} ms, p95 ${quantile(result.acks, 0.95)} ms, reingest ${result.reingestSeconds.toFixed(1)} s, slowest ${JSON.stringify(result.slowest)}`);
    expect(result.reingestReply).toMatch(/Re-ingest done/);
    expect(result.lost).toBe(0);
    expect(result.failed).toBe(0);
    expect(result.answered).toBe(result.questions);
    expect(result.late).toBe(0);
    expect(result.acks.at(-1)).toBeLessThan(3_000);
  }, 180_000);

  it('refuses a hostile nested page with its clear message while 20 users ask, none of them kept waiting', async () => {
    const generation = app.currentIndex()?.generation;
    const result = await runReingestUnderLoad({ emulator, users: 20, questions, thinkMs: 200, reingestOptions: { url: nested.url }, timeoutMs: 120_000 });
    console.log(`reingest hostile page under 20 users: ${result.questions} questions, worst ack ${result.acks.at(-1)} ms, reingest ${result.reingestSeconds.toFixed(1)} s`);
    expect(result.reingestReply).toMatch(/nests elements more than 128 levels deep/);
    expect(result.lost).toBe(0);
    expect(result.failed).toBe(0);
    expect(result.late).toBe(0);
    expect(result.reingestSeconds).toBeLessThan(30);
    expect(app.currentIndex()?.generation).toBe(generation);
  }, 180_000);
});
