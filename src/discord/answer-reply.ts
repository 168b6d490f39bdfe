// One question in, one reply payload out: shared by /ask, "Ask the article", mentions, DMs, replies and
// threads. A question inside a conversation goes through the core's conversation store (so "What did
// he say?" is read against the turn before, and the reply says how); a question on its own goes to the
// answerer directly.
import type { BotContext } from './bot-context.js';
import { formatAnswerForDiscord } from './format-discord.js';
import { answerPayload, type MessagePayload } from './reply-payload.js';

/** Where an answer is going: its conversation (for follow-ups) and whether to offer a thread button. */
export interface AnswerTarget {
  /** The conversation this line belongs to; undefined for a question on its own. */
  conversationId?: string;
  /** Offer "Follow up in a thread" (answers in a server's text channel only). */
  threadButton: boolean;
}

/**
 * Answer `question` and render the reply: the quoted passages with their buttons, and the reading note
 * when the conversation's previous turn was used. Throws what the core throws (AppError for bad
 * questions or a missing index).
 */
export async function answerReply(ctx: BotContext, question: string, target: AnswerTarget = { threadButton: false }): Promise<MessagePayload> {
  const turn = target.conversationId
    ? await ctx.conversations.ask(target.conversationId, question)
    : { answer: await ctx.answers.answer(question), kind: 'question' as const, offset: 0, reading: undefined };
  const page = formatAnswerForDiscord(turn.answer, { offset: turn.offset, count: ctx.config.answer.passages, ...(turn.reading ? { note: turn.reading.note } : {}) });
  const answerId = ctx.cache.put(turn.answer);
  ctx.logger.info(
    { answered: turn.answer.answered, passages: page.shown.map((q) => q.passage.id), top: turn.answer.passages[0]?.score, followUp: turn.reading !== undefined, kind: turn.kind },
    'answered',
  );
  return answerPayload(page, answerId, { threadButton: target.threadButton && turn.answer.answered });
}

/** The line a too-quick asker sees, with the whole seconds left to wait. */
export const cooldownNotice = (seconds: number) => `You're asking quickly: please wait ${seconds} s before the next question.`;
