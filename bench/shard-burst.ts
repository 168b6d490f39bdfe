// Two shards against one under a bounded burst: the real bot (real discord.js client) against the
// Discord emulator on 127.0.0.1. One shard is `npm start` (src/discord/main.ts, one process); two shards
// are `npm run start:sharded` with DISCORD_SHARDS=2 (discord.js's ShardingManager, one process per
// shard). The emulator routes each guild to the shard Discord would ((guild_id >> 22) % count); the
// burst is `questions` /ask interactions sent at once, alternating between a guild on each shard, each
// from its own member. Measured: each acknowledgement's latency (dispatch to callback, Discord's 3 s
// limit) and whether every question got its reply. Bounded: a fixed count, every wait has a deadline,
// the bot is stopped (SIGTERM, SIGKILL after a grace period) whatever happens.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { DiscordEmulator } from '../test/discord-emulator/emulator.js';
import { lastStderrLines, repoRoot, TSX_LOADER } from './child-process.js';
import { percentile } from './stats.js';

export interface ShardBurstInput {
  shards: 1 | 2;
  /** A built STORE_DIR (ours, files) and the source it was built from. */
  storeDir: string;
  source: string;
  questions: string[];
  cwd: string;
  /** Hard limit for the whole run, bot start included. */
  timeoutMs: number;
}

export interface ShardBurstResult {
  shards: number;
  questions: number;
  /** Acknowledged within Discord's 3 s. */
  acknowledged: number;
  slowestAckMs: number;
  p95AckMs: number;
  p50AckMs: number;
  /** Questions whose reply (answer or decline) arrived. */
  replied: number;
  /** From the first question sent to the last reply. */
  burstSeconds: number;
}

const ACK_DEADLINE_MS = 3_000;
const REPLY_TIMEOUT_MS = 60_000;

/** Starts the bot with `shards` shard(s) against a fresh emulator, sends the burst, stops the bot; returns the figures. */
export async function measureShardBurst(input: ShardBurstInput): Promise<ShardBurstResult> {
  const deadline = Date.now() + input.timeoutMs;
  const left = () => Math.max(1_000, deadline - Date.now());
  const emulator = await DiscordEmulator.start({ recommendedShards: input.shards, ackDeadlineMs: ACK_DEADLINE_MS });
  const guilds = [emulator.addGuild('Guild on shard 0', [0, input.shards]), emulator.addGuild('Guild on the last shard', [input.shards - 1, input.shards])];
  const script = input.shards === 1 ? 'src/discord/main.ts' : 'src/discord/sharded-main.ts';
  const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(repoRoot, script)], {
    cwd: input.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: emulator.token,
      DISCORD_API_URL: emulator.apiUrl,
      ...(input.shards > 1 ? { DISCORD_SHARDS: String(input.shards) } : {}),
      STORE_DIR: input.storeDir,
      SOURCES: input.source,
      EMBEDDINGS: 'local',
      COOLDOWN_SECONDS: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const killer = setTimeout(() => child.kill('SIGKILL'), input.timeoutMs);
  try {
    try {
      await Promise.race([emulator.waitForIdentify(left(), input.shards), exited.then(() => Promise.reject(new Error('the bot exited')))]);
    } catch (error) {
      throw new Error(`shard burst (${input.shards} shard(s)): the bot did not connect: ${(error as Error).message}: ${lastStderrLines(stderr)}`, { cause: error });
    }
    // A guild is served once its shard has processed GUILD_CREATE: one answered question per guild.
    for (const guild of guilds) await retry(() => emulator.sendCommand('ask', { question: input.questions[0]! }, { guild }).reply(Math.min(15_000, left())), deadline);

    const started = performance.now();
    const burst = input.questions.map((question, i) => emulator.sendCommand('ask', { question }, { guild: guilds[i % guilds.length]!, user: emulator.addUser(`reader${i}`) }));
    const acks = await Promise.allSettled(burst.map((h) => h.acknowledged));
    const replies = await Promise.allSettled(burst.map((h) => h.reply(Math.min(REPLY_TIMEOUT_MS, left()))));
    const burstSeconds = (performance.now() - started) / 1000;
    // A late or missing acknowledgement counts at the deadline, so it cannot make the slowest look faster.
    const ackMs = acks.map((a) => (a.status === 'fulfilled' ? a.value.latencyMs : Number.POSITIVE_INFINITY));
    return {
      shards: input.shards,
      questions: burst.length,
      acknowledged: ackMs.filter((ms) => ms <= ACK_DEADLINE_MS).length,
      slowestAckMs: Math.max(...ackMs),
      p95AckMs: percentile(ackMs, 95),
      p50AckMs: percentile(ackMs, 50),
      replied: replies.filter((r) => r.status === 'fulfilled').length,
      burstSeconds,
    };
  } finally {
    child.kill('SIGTERM');
    const grace = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(grace);
    clearTimeout(killer);
    await emulator.close();
  }
}

async function retry<T>(attempt: () => Promise<T>, deadline: number): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() + 500 >= deadline) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
