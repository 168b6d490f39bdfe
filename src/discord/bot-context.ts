// What every handler receives: settings, the core's services, and the bot's own small state.
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { AnswerService, IngestSummary } from '../types.js';
import type { AnswerCache } from './answer-cache.js';
import type { Cooldown } from './cooldown.js';
import type { FeedbackLog } from './feedback-log.js';

export type Reingest = (options?: { sources?: string[] }) => Promise<IngestSummary>;

export interface BotContext {
  config: Config;
  answers: AnswerService;
  reingest: Reingest;
  logger: Logger;
  feedback: FeedbackLog;
  cooldown: Cooldown;
  cache: AnswerCache;
  clock: () => number;
}
