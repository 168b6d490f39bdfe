// `npm run bench:reingest [-- --mb 10 --users 50 --think-ms 200 --modes in-process,child]`
// The issue-11 load test at full size: the real bot (discord.js) on the loopback emulator, a ~10 MB
// library source already indexed, then /reingest of it (every vector reused) and /reingest url: of a
// hostile 5,000-deep nested page, each while N users keep asking. Printed per mode: questions asked,
// worst / p95 / median acknowledgement, acknowledgements over Discord's 3 s, lost and failed replies,
// and the re-ingest's wall time. "in-process" is the old way (ingest on the bot's event loop) as the
// baseline, measured in the same run as "child" (the ingest in a child process). Bounded: loopback
// only, N users, stops by itself (--timeout-s per scenario). The emulator shares the bot's process, so in
// in-process mode users cannot even send while the loop is frozen: its worst figure is a lower bound.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runIngest } from '../ingest/run-ingest.js';
import { createApp } from '../src/app.js';
import { createBot } from '../src/discord/bot.js';
import { silentLogger } from '../src/logger.js';
import { emulatorConfig } from '../test/discord-emulator/emulator-config.js';
import { DiscordEmulator } from '../test/discord-emulator/emulator.js';
import { quantile, runReingestUnderLoad, type LoadRunResult } from '../test/discord-emulator/reingest-load.js';
import { serveNestedPage } from '../test/helpers/nested-page.js';
import { repoRoot } from './child-process.js';
import { buildLibraryCorpus } from './library-corpus.js';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '10' },
    users: { type: 'string', default: '50' },
    'think-ms': { type: 'string', default: '200' },
    modes: { type: 'string', default: 'in-process,child' },
    'timeout-s': { type: 'string', default: '600' },
  },
});
const mb = Number(values.mb);
const users = Number(values.users);
const thinkMs = Number(values['think-ms']);
const timeoutMs = Number(values['timeout-s']) * 1000;
const modes = values.modes.split(',') as ('in-process' | 'child')[];

const dir = mkdtempSync(path.join(tmpdir(), 'bench-reingest-'));
const log = (line: string) => process.stderr.write(`${line}\n`);
try {
  const corpus = buildLibraryCorpus({ outDir: path.join(dir, 'library'), targetBytes: mb * 1_000_000, roots: [path.join(repoRoot, 'node_modules'), '/usr/share/doc'] });
  log(`library: ${corpus.files.length} files, ${(corpus.bytes / 1e6).toFixed(1)} MB, ${corpus.paragraphs} paragraphs, sha256 ${corpus.sha256.slice(0, 12)}`);
  const nested = await serveNestedPage();

  const emulator = await DiscordEmulator.start({ ackDeadlineMs: 120_000 });
  const config = emulatorConfig(emulator, { dir, env: { SOURCES: 'library', EMBEDDINGS: 'local', URL_ALLOW_PRIVATE: 'true', LOG_LEVEL: 'silent' } });
  let started = performance.now();
  const first = await runIngest({ config, logger: silentLogger });
  log(`initial ingest: ${first.passages} passages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // Questions from the library's own passages, so most are answered.
  const { readCurrentIndex } = await import('../src/index-store/read-index.js');
  const { embeddingsForIndex } = await import('../src/embeddings/select-embeddings.js');
  const index = await readCurrentIndex(config.storeDir, (info) => embeddingsForIndex(info, config, silentLogger));
  const passages = index?.passages ?? [];
  const questions = Array.from({ length: 200 }, (_, k) => `What about ${(passages[(k * 97) % passages.length]?.text ?? 'the library').split(/\s+/).slice(3, 11).join(' ')}`);

  const rows: { mode: string; scenario: string; r: LoadRunResult }[] = [];
  for (const mode of modes) {
    const app = await createApp(config, silentLogger, { watch: true, isolateIngest: mode === 'child' });
    const bot = createBot({ config, answers: app.answers, reingest: (o) => app.reingest(o), conversations: app.createConversations(), logger: silentLogger });
    await bot.start();
    for (const [scenario, reingestOptions] of [[`${mb} MB source`, {}], ['nested page', { url: nested.url }]] as const) {
      started = performance.now();
      const r = await runReingestUnderLoad({ emulator, users, questions, thinkMs, reingestOptions, timeoutMs });
      rows.push({ mode, scenario, r });
      log(`${mode} / ${scenario}: done in ${((performance.now() - started) / 1000).toFixed(1)} s; reply: ${r.reingestReply.slice(0, 100)}`);
    }
    await bot.stop();
    await app.close();
  }
  await emulator.close();
  await nested.close();

  console.log(`\n/reingest under load: ${users} users, think ${thinkMs} ms, loopback emulator`);
  console.log('mode        scenario        questions  worst ms   p95 ms  median ms  over 3 s  lost  failed  reingest s');
  for (const { mode, scenario, r } of rows) {
    console.log(
      `${mode.padEnd(11)} ${scenario.padEnd(15)} ${String(r.questions).padStart(9)} ${String(r.acks.at(-1) ?? 0).padStart(9)} ${String(quantile(r.acks, 0.95)).padStart(8)} ${String(quantile(r.acks, 0.5)).padStart(10)} ${String(r.late).padStart(9)} ${String(r.lost).padStart(5)} ${String(r.failed).padStart(7)} ${r.reingestSeconds.toFixed(1).padStart(11)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
