// `npm run start:sharded` as an operator runs it (compiled, as `npm run start:prod:sharded` starts it):
// discord.js's ShardingManager spawns one process per shard against the emulator, each identifying with
// its [id, count]; the emulator routes every guild's interactions to the shard Discord would
// ((guild_id >> 22) % count). A 100-question burst spread over two guilds on two shards is acknowledged
// within Discord's 3 s, every question answered; a /reingest on one shard reaches the other; a shard
// list that does not fit the total stops before any connection.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../ingest/run-ingest.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { DiscordEmulator, shardOfGuild } from './discord-emulator/emulator.js';
import { entryPointArgs } from './helpers/run-cli.js';

const REPO = path.resolve(import.meta.dirname, '..');
const MANAGE_GUILD = String(1n << 5n);

function startSharded(env: Record<string, string>, timeoutMs = 120_000) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD_|STORE|DATABASE_|SOURCES|EMBEDDINGS|FEEDBACK_LOG|COOLDOWN|RELOAD)/.test(k)));
  const child = spawn(process.execPath, entryPointArgs('src/discord/sharded-main.ts'), { cwd: REPO, env: { ...base, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', () => undefined);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    }),
  );
  return { exit, stderr: () => stderr, stop: () => child.kill('SIGTERM') };
}

describe('npm run start:sharded (ShardingManager, two shards)', () => {
  let emulator: DiscordEmulator;
  let dir: string;
  let source: string;
  const article = readFileSync(path.join(REPO, 'ingest/corpus/article.txt'), 'utf8');

  beforeAll(async () => {
    emulator = await DiscordEmulator.start({ recommendedShards: 2 });
    dir = mkdtempSync(path.join(tmpdir(), 'sharded-'));
    source = path.join(dir, 'article.txt');
    writeFileSync(source, article);
    const config = loadConfig({ cwd: dir, envFile: false, env: { STORE_DIR: path.join(dir, 'store'), EMBEDDINGS: 'local', SOURCES: source } });
    await runIngest({ config, logger: silentLogger });
  });
  afterAll(async () => {
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a shard list that does not fit the total: one line naming the key, before any connection', async () => {
    const run = startSharded({ DISCORD_TOKEN: emulator.token, DISCORD_API_URL: emulator.apiUrl, STORE_DIR: path.join(dir, 'store'), DISCORD_SHARD_LIST: '0-4', DISCORD_TOTAL_SHARDS: '4' });
    expect(await run.exit).toBe(1);
    expect(run.stderr().trim()).toBe('error: Invalid setting DISCORD_SHARD_LIST: shard 4 does not fit DISCORD_TOTAL_SHARDS=4 (shard ids run 0 to 3). Fix it in .env or the environment (see .env.example).');
    expect(emulator.requests).toHaveLength(0);
  });

  it('DISCORD_SHARDS=auto: two shards answer a 100-question burst over two guilds within 3 s each, and a /reingest on one reaches the other', async () => {
    const guilds = [emulator.addGuild('Shard zero guild', [0, 2]), emulator.addGuild('Shard one guild', [1, 2])];
    expect(guilds.map((g) => shardOfGuild(g.id, 2))).toEqual([0, 1]);
    const run = startSharded({
      DISCORD_TOKEN: emulator.token,
      DISCORD_API_URL: emulator.apiUrl,
      DISCORD_SHARDS: 'auto',
      STORE_DIR: path.join(dir, 'store'),
      SOURCES: source,
      EMBEDDINGS: 'local',
      COOLDOWN_SECONDS: '0',
      RELOAD_INTERVAL_MS: '200',
    });
    try {
      await emulator.waitForIdentify(90_000, 2);
      expect(emulator.identifies.map((i) => i.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      // Both shards have their guild (GUILD_CREATE processed) once a first question comes back.
      for (const guild of guilds) await retry(() => emulator.sendCommand('ask', { question: 'Who is Ron Dermer?' }, { guild }).reply(10_000));

      const questions = ['Who did Trump share the secret intelligence with?', 'What did a senior Israeli officer say Israel gives the Americans?', 'Which spy scandal damaged trust in the 1980s?', 'Who is Ron Dermer?'];
      const burst = Array.from({ length: 100 }, (_, i) => {
        const user = emulator.addUser(`reader${i}`);
        return emulator.sendCommand('ask', { question: questions[i % questions.length]! }, { guild: guilds[i % 2]!, user });
      });
      const acks = await Promise.allSettled(burst.map((h) => h.acknowledged));
      const late = acks.filter((a) => a.status === 'rejected');
      expect(late, late.map((a) => String((a as PromiseRejectedResult).reason)).slice(0, 3).join('\n')).toHaveLength(0);
      const slowest = Math.max(...acks.map((a) => (a.status === 'fulfilled' ? a.value.latencyMs : Infinity)));
      process.stderr.write(`sharded burst: 100 interactions over 2 shards, slowest acknowledgement ${slowest} ms\n`);
      const replies = await Promise.all(burst.map((h) => h.reply(30_000)));
      // Every question of the burst is answered with a quote (the reply names the paragraph it quotes).
      for (const reply of replies) expect(JSON.stringify(reply.body)).toMatch(/paragraph \d+/);

      // /reingest on shard 0's guild; shard 1 serves the new generation by itself.
      writeFileSync(source, article.replace('crown jewels', 'family silver'));
      const reingest = emulator.sendCommand('reingest', {}, { guild: guilds[0]!, memberPermissions: MANAGE_GUILD });
      await reingest.waitFor((r) => r.kind === 'edit-original' || r.kind === 'followup', 60_000, 'the reingest summary');
      const deadline = Date.now() + 20_000;
      let seen = '';
      while (!seen.includes('family silver') && Date.now() < deadline) {
        const reply = await emulator.sendCommand('ask', { question: 'What did a senior Israeli officer say Israel gives the Americans?' }, { guild: guilds[1]!, user: emulator.addUser('late') }).reply(10_000);
        seen = JSON.stringify(reply.body);
        if (!seen.includes('family silver')) await new Promise((r) => setTimeout(r, 300));
      }
      expect(seen).toContain('family silver');
    } finally {
      run.stop();
    }
    expect(await run.exit).toBe(0);
    expect(run.stderr()).not.toContain(emulator.token);
  }, 240_000);
});

async function retry<T>(attempt: () => Promise<T>, tries = 5): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
