// Questions asked by mentioning the bot in a channel, or in a DM: answered as a reply to the message.
import type { Message } from 'discord.js';
import { toUserMessage } from '../errors.js';
import { answerReply, cooldownNotice } from './answer-reply.js';
import type { BotContext } from './bot-context.js';
import { describeError } from './discord-errors.js';
import { textPayload, type MessagePayload } from './reply-payload.js';
import { MENTION_HOW_TO, questionFromMention, questionProblem } from './question-text.js';

export async function handleMessage(message: Message, botId: string, ctx: BotContext): Promise<void> {
  if (message.author.bot || message.author.id === botId) return;
  const inDm = !message.inGuild();
  if (!inDm && !message.mentions.users.has(botId)) return;

  const reply = (payload: MessagePayload) => message.reply({ ...payload, failIfNotExists: false });
  const question = questionFromMention(message.content, botId);
  if (!question) {
    await reply(textPayload(MENTION_HOW_TO));
    return;
  }
  const problem = questionProblem(question, ctx.config.questionMaxLength);
  if (problem) {
    await reply(textPayload(problem));
    return;
  }
  const wait = ctx.cooldown.take(message.author.id);
  if (wait > 0) {
    await reply(textPayload(cooldownNotice(wait)));
    return;
  }
  try {
    await reply(await answerReply(ctx, question));
  } catch (error) {
    ctx.logger.warn({ err: describeError(error) }, 'could not answer a message');
    await reply(textPayload(toUserMessage(error)));
  }
}
