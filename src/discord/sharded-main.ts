// `npm run start:sharded`: one process per shard, spawned and watched by discord.js's ShardingManager.
// ShardingManager rather than @discordjs/ws worker shards: each shard is then the whole bot (index,
// answerer, commands) in its own process with its own heap and event loop, so shards use both cores and
// one shard's long answer or crash never stalls another's acknowledgements; with @discordjs/ws the
// gateway connections would be spread over workers but every interaction would still be answered in one
// process. Every shard serves from the same store: each watches it (files: CURRENT; postgres: NOTIFY), so
// a /reingest on any shard publishes a generation that every shard loads. Cooldowns and the answer cache
// stay per shard: a user's interactions in one guild all arrive on one shard (Discord routes by guild),
// so a shared cooldown would only matter across guilds, and answer ids are only clicked on the shard that
// made them. npm start stays one process with one connection.
import { fileURLToPath } from 'node:url';
import { ShardingManager } from 'discord.js';
import { runCommand, untilStopSignal } from '../cli/run-command.js';
import { loadConfig, requireDiscordToken } from '../config.js';
import { AppError } from '../errors.js';
import { openIndexStore } from '../index-store/open-store.js';
import { createLogger } from '../logger.js';
import { resolveShardPlan } from './shard-plan.js';

/** Discord asks for about 5 s between identifies (max_concurrency 1); discord.js's own default spawn delay. */
const SPAWN_DELAY_MS = 5_500;
/** How long one shard may take to load its index and become ready. */
const SPAWN_TIMEOUT_MS = 120_000;
/** Grace for a shard to finish its answers in flight and disconnect before it is killed. */
const STOP_GRACE_MS = 15_000;

await runCommand(async () => {
  const config = loadConfig();
  const token = requireDiscordToken(config);
  const logger = createLogger(config.logLevel);
  // A bad store is one line here, before any shard connects to Discord (each shard opens it again).
  await (await openIndexStore(config, logger)).close();
  const plan = await resolveShardPlan(config, token);

  // The shard runs the same entry as npm start; compiled (dist/…/main.js) or through tsx in development.
  const self = fileURLToPath(import.meta.url);
  const compiled = self.endsWith('.js');
  const manager = new ShardingManager(self.replace(/sharded-main\.(ts|js)$/, compiled ? 'main.js' : 'main.ts'), {
    token,
    totalShards: plan.totalShards,
    shardList: plan.shardList,
    mode: 'process',
    respawn: true,
    execArgv: compiled ? [] : ['--import', import.meta.resolve('tsx')],
  });
  manager.on('shardCreate', (shard) => logger.info({ shard: shard.id, of: plan.totalShards }, 'shard starting'));
  logger.info({ totalShards: plan.totalShards, shards: plan.shardList }, 'starting shards');
  try {
    await manager.spawn({ amount: plan.totalShards, delay: SPAWN_DELAY_MS, timeout: SPAWN_TIMEOUT_MS });
  } catch (error) {
    await stopShards(manager);
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('DISCORD_LOGIN_FAILED', `A shard did not start (${message.split('\n')[0]}); its own error is in the log above.`, { cause: error });
  }
  logger.info({ shards: plan.shardList }, 'all shards ready');

  logger.info({ signal: await untilStopSignal() }, 'stopping shards');
  await stopShards(manager);
  return 0;
});

/** SIGTERM every shard (each stops like npm start does), wait for them to exit, SIGKILL a shard that hangs; none is respawned. */
async function stopShards(manager: ShardingManager): Promise<void> {
  manager.respawn = false;
  await Promise.all(
    [...manager.shards.values()].map(
      (shard) =>
        new Promise<void>((resolve) => {
          const child = shard.process;
          if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}
