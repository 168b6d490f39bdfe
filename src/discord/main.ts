// `npm start`: the composition of config, core and Discord adapter, with a clean shutdown.
import { createApp } from '../app.js';
import { runCommand, untilStopSignal } from '../cli/run-command.js';
import { loadConfig, requireDiscordToken } from '../config.js';
import { feedbackLogForStore } from '../index-store/postgres/pg-feedback-log.js';
import { createLogger } from '../logger.js';
import { createBot } from './bot.js';
import { describeError } from './discord-errors.js';

await runCommand(async () => {
  const config = loadConfig();
  requireDiscordToken(config);
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error({ err: describeError(reason) }, 'unhandled rejection'));

  const app = await createApp(config, logger, { watch: true });
  const feedbackLog = feedbackLogForStore(app.store);
  const bot = createBot({
    config,
    answers: app.answers,
    reingest: (options) => app.reingest(options),
    conversations: app.createConversations(),
    suggestQuestions: (typed, limit) => app.suggestQuestions(typed, limit),
    logger,
    ...(feedbackLog ? { feedbackLog } : {}),
  });
  try {
    await bot.start();
  } catch (error) {
    await app.close();
    throw error;
  }

  logger.info({ signal: await untilStopSignal() }, 'shutting down');
  await bot.stop();
  await app.close();
  // Under npm run start:sharded this process is a shard: its IPC channel to the ShardingManager would keep it alive.
  if (process.connected) process.disconnect();
  return 0;
});
