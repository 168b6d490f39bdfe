// What every handler receives: settings, the core's services, and the bot's own small state.
import type { Conversations } from '../answer/conversation.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { AnswerService, IngestSummary } from '../types.js';
import type { AnswerCache } from './answer-cache.js';
import type { Cooldown } from './cooldown.js';
import type { FeedbackLog } from './feedback-log.js';
import type { ReplyChains } from './reply-chains.js';

/** Rebuilds the index (from `sources` when given, else the configured ones) and resolves with what was indexed. */
export type Reingest = (options?: { sources?: string[] }) => Promise<IngestSummary>;

/** Up to `limit` questions the article can answer, matching what the member has typed so far ('' = any). */
export type SuggestQuestions = (typed: string, limit: number) => string[];

/** Everything a command or button handler needs, built once by the bot and passed to each handler. */
export interface BotContext {
  config: Config;
  answers: AnswerService;
  reingest: Reingest;
  logger: Logger;
  feedback: FeedbackLog;
  cooldown: Cooldown;
  cache: AnswerCache;
  /** Follow-ups in DMs, threads and reply chains. */
  conversations: Conversations;
  chains: ReplyChains;
  /** For /ask autocomplete; undefined = no suggestions (an empty list is still answered). */
  suggestQuestions: SuggestQuestions | undefined;
  clock: () => number;
}
