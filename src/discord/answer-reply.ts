// One question in, one reply payload out: shared by /ask, mentions and DMs.
import { formatAnswerForDiscord } from './format-discord.js';
import type { BotContext } from './bot-context.js';
import { answerPayload, type MessagePayload } from './reply-payload.js';

export async function answerReply(ctx: BotContext, question: string): Promise<MessagePayload> {
  const answer = await ctx.answers.answer(question);
  const page = formatAnswerForDiscord(answer, { count: ctx.config.answer.passages });
  const answerId = ctx.cache.put(answer);
  ctx.logger.info({ answered: answer.answered, passages: page.shown.map((q) => q.passage.id), top: answer.passages[0]?.score }, 'answered');
  return answerPayload(page, answerId);
}

export const cooldownNotice = (seconds: number) => `You're asking quickly: please wait ${seconds} s before the next question.`;
