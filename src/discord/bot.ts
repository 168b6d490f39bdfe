// The Discord adapter: a discord.js client wired to the core's AnswerService. Everything it needs
// arrives as arguments, so tests run it against the emulator with fake or real cores.
import { Client, Events, GatewayIntentBits, Partials, type Message } from 'discord.js';
import type { Conversations } from '../answer/conversation.js';
import { requireDiscordToken, type Config } from '../config.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AnswerService } from '../types.js';
import { createAnswerCache } from './answer-cache.js';
import type { BotContext, Reingest, SuggestQuestions } from './bot-context.js';
import { commands } from './commands/index.js';
import { threadConversation } from './conversation-ids.js';
import { components } from './components/index.js';
import { createCooldown } from './cooldown.js';
import { describeError } from './discord-errors.js';
import { createFeedbackLog, type FeedbackLog } from './feedback-log.js';
import { createInteractionRouter } from './interaction-router.js';
import { handleMessage } from './message-handler.js';
import { createReplyChains } from './reply-chains.js';
import { NO_PINGS } from './reply-payload.js';

/** What createBot needs from the composition root; without feedbackLog, votes go to the file the settings name. */
export interface BotDependencies {
  config: Config;
  answers: AnswerService;
  reingest: Reingest;
  logger: Logger;
  /** The core's conversation store (app.createConversations()): one for the whole bot. */
  conversations: Conversations;
  /** Questions the article can answer, for /ask autocomplete. */
  suggestQuestions?: SuggestQuestions;
  feedbackLog?: FeedbackLog;
  clock?: () => number;
}

/** The Discord bot: a discord.js client with its handlers wired in. */
export interface Bot {
  client: Client;
  /** Log in and resolve once the client is ready; AppError('DISCORD_LOGIN_FAILED') with one line if not. */
  start(): Promise<void>;
  /** Let answers in flight finish (bounded), then disconnect. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;

/**
 * Build the bot (not yet connected): a discord.js client whose interactions go to the command and
 * component modules and whose mentions and DMs go to the message handler.
 */
export function createBot(deps: BotDependencies): Bot {
  const { config, logger } = deps;
  const clock = deps.clock ?? Date.now;
  const ctx: BotContext = {
    config,
    answers: deps.answers,
    reingest: deps.reingest,
    logger,
    feedback: deps.feedbackLog ?? createFeedbackLog(config.discord.feedbackLog, config.discord.feedbackLogMaxBytes),
    cooldown: createCooldown(config.discord.cooldownSeconds, clock),
    cache: createAnswerCache({ clock }),
    conversations: deps.conversations,
    chains: createReplyChains({ clock }),
    suggestQuestions: deps.suggestQuestions,
    clock,
  };

  const client = new Client({
    // Least privilege: no MessageContent unless the operator asks for it (DISCORD_MESSAGE_CONTENT), since
    // Discord delivers the content of DMs and of messages that mention the bot (replies to it included)
    // without it. With it, plain messages in the bot's own threads are read too.
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      ...(config.discord.messageContent ? [GatewayIntentBits.MessageContent] : []),
    ],
    partials: [Partials.Channel],
    allowedMentions: NO_PINGS,
    ...(config.discord.apiUrl ? { rest: { api: config.discord.apiUrl } } : {}),
  });

  const route = createInteractionRouter(commands, components);
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  client.on(Events.InteractionCreate, (interaction) => track(route(interaction, ctx)));
  client.on(Events.MessageCreate, (message) => track(onMessage(message, client, ctx)));
  // A deleted thread's conversation is dropped at once rather than left to expire.
  client.on(Events.ThreadDelete, (thread) => ctx.conversations.forget(threadConversation(thread.id)));
  client.on(Events.Error, (error) => logger.error({ err: describeError(error) }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ code: event.code, shardId }, 'gateway disconnected'));

  return {
    client,
    async start() {
      const token = requireDiscordToken(config);
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      try {
        await client.login(token);
        await ready;
      } catch (error) {
        await client.destroy();
        throw loginError(error, config.discord.apiUrl);
      }
      logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord bot ready');
    },
    async stop() {
      const pending = Promise.allSettled([...inFlight]);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pending, new Promise((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)))]);
      clearTimeout(timer);
      await client.destroy();
    },
  };
}

async function onMessage(message: Message, client: Client, ctx: BotContext): Promise<void> {
  const botId = client.user?.id;
  if (!botId) return;
  try {
    await handleMessage(message, botId, ctx);
  } catch (error) {
    ctx.logger.error({ err: describeError(error), messageId: message.id }, 'message handling failed');
  }
}

function loginError(error: unknown, apiUrl: string | undefined): AppError {
  const code = (error as { code?: unknown } | undefined)?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (code === 'TokenInvalid' || code === 4004 || /401|4004|Authentication failed|invalid token/i.test(text)) {
    return new AppError('DISCORD_LOGIN_FAILED', 'Discord rejected the token (401): check DISCORD_TOKEN in .env (Developer Portal > your app > Bot > Reset Token).', { cause: error });
  }
  if (code === 'DisallowedIntents' || code === 4014 || /disallowed intent/i.test(text)) {
    return new AppError(
      'DISCORD_LOGIN_FAILED',
      'Discord refused the Message Content intent: switch on Message Content Intent in the Developer Portal (your app > Bot), or set DISCORD_MESSAGE_CONTENT=false.',
      { cause: error },
    );
  }
  const where = apiUrl ?? 'https://discord.com/api';
  return new AppError('DISCORD_LOGIN_FAILED', `Could not connect to Discord at ${where}: ${text.split('\n')[0]}. Check the network and DISCORD_API_URL.`, { cause: error });
}
