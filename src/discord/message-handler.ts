// Questions asked in messages: a DM (one conversation per DM channel), a mention in a channel, a
// Discord reply to one of the bot's answers (a follow-up in that reply chain), and mentions (or, with
// DISCORD_MESSAGE_CONTENT, any message) in a thread the bot opened (a follow-up in the thread's
// conversation). Answered as a reply to the message. Without the Message Content intent Discord only
// shows the bot DMs and messages that mention it (a reply pings its target by default), so everything
// else arrives blank and is left alone.
import type { Message } from 'discord.js';
import { toUserMessage } from '../errors.js';
import { answerReply, cooldownNotice, type AnswerTarget } from './answer-reply.js';
import type { BotContext } from './bot-context.js';
import { chainConversation, dmConversation, threadConversation } from './conversation-ids.js';
import { answerIdOfButtons } from './custom-ids.js';
import { describeError, isChannelGone, isMissingPermission } from './discord-errors.js';
import { MENTION_HOW_TO, questionFromMention, questionProblem } from './question-text.js';
import { textPayload, type MessagePayload } from './reply-payload.js';

/** Where a readable message sits, and so which conversation it continues. */
interface Placement extends AnswerTarget {
  /** Whether the member addressed the bot (mention or reply ping), as opposed to a plain thread message. */
  addressed: boolean;
  /** For a reply chain: the root the bot's answer to this message joins. */
  chainRoot?: string;
}

/**
 * Answer a message if it is meant for the bot; ignore it otherwise. Never throws: a failure to answer
 * becomes a one-line reply, a failure to reply is logged by the caller.
 */
export async function handleMessage(message: Message, botId: string, ctx: BotContext): Promise<void> {
  if (message.author.bot || message.author.id === botId) return;
  const placement = await place(message, botId, ctx);
  if (!placement) return;

  const reply = async (payload: MessagePayload) => {
    // A thread deleted while the answer was being prepared leaves nothing to reply in: drop it quietly.
    if (!message.channel) return gone();
    try {
      return await message.reply({ ...payload, failIfNotExists: false });
    } catch (error) {
      if (isChannelGone(error)) return gone();
      if (isMissingPermission(error)) {
        // Nowhere to say so: the channel is exactly where the bot may not write.
        ctx.logger.warn({ channelId: message.channelId, err: describeError(error) }, 'no permission to reply here; dropped');
        return undefined;
      }
      throw error;
    }
  };
  const gone = () => {
    ctx.logger.info({ channelId: message.channelId }, 'channel gone before the reply; dropped');
    return undefined;
  };
  const question = questionFromMention(message.content, botId);
  if (!question) {
    // A plain thread message with no text (an image, a sticker) is not a question; a bare mention asks how.
    if (placement.addressed) await reply(textPayload(MENTION_HOW_TO));
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
  let payload: MessagePayload;
  try {
    payload = await answerReply(ctx, question, placement);
  } catch (error) {
    ctx.logger.warn({ err: describeError(error) }, 'could not answer a message');
    await reply(textPayload(toUserMessage(error)));
    return;
  }
  const sent = await reply(payload);
  // A first answer needs no entry: a reply to it finds it as its own root.
  if (sent && placement.chainRoot) ctx.chains.link(sent.id, placement.chainRoot);
}

async function place(message: Message, botId: string, ctx: BotContext): Promise<Placement | undefined> {
  if (!message.inGuild()) return { conversationId: dmConversation(message.channelId), threadButton: false, addressed: true };

  const addressed = message.mentions.users.has(botId);
  const channel = message.channel;
  if (channel.isThread()) {
    if (channel.ownerId === botId) {
      // Plain thread messages only carry text when the operator enabled the Message Content intent.
      if (!addressed && !ctx.config.discord.messageContent) return undefined;
      return { conversationId: threadConversation(channel.id), threadButton: false, addressed };
    }
    if (!addressed) return undefined;
    const chain = await replyChain(message, botId, ctx);
    return { ...chain, threadButton: false, addressed };
  }
  if (!addressed) return undefined;
  return { ...(await replyChain(message, botId, ctx)), threadButton: true, addressed };
}

/**
 * When the message is a Discord reply to one of the bot's answers: the chain's conversation (seeded from
 * the replied-to answer when the chain is new or forgotten). A reply to anyone else's message, or to a
 * message that is gone, is a question on its own.
 */
async function replyChain(message: Message, botId: string, ctx: BotContext): Promise<Pick<Placement, 'conversationId' | 'chainRoot'>> {
  const referenceId = message.reference?.messageId;
  if (!referenceId) return {};
  const referenced = message.channel.messages.cache.get(referenceId) ?? (await message.fetchReference().catch(() => undefined));
  if (!referenced || referenced.author.id !== botId) return {};
  const root = ctx.chains.rootOf(referenced.id) ?? referenced.id;
  const conversationId = chainConversation(root);
  if (!ctx.conversations.has(conversationId)) {
    const answerId = answerIdOfButtons(customIdsOf(referenced));
    const answer = answerId ? ctx.cache.get(answerId) : undefined;
    if (answer) ctx.conversations.seed(conversationId, answer);
  }
  return { conversationId, chainRoot: root };
}

/** Every custom_id on a message's components, read from their API form (rows nest their buttons). */
function customIdsOf(message: Message): string[] {
  const ids: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const { custom_id: id, components } = node as { custom_id?: unknown; components?: unknown };
    if (typeof id === 'string') ids.push(id);
    if (Array.isArray(components)) components.forEach(walk);
  };
  message.components.forEach((row) => walk(row.toJSON()));
  return ids;
}
