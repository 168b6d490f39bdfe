// Which conversation an application command continues, from where it was used: a DM is one
// conversation, a thread the bot opened is another; anywhere else the question stands on its own (and
// its answer can open a thread or start a reply chain).
import type { CommandInteraction, MessageComponentInteraction } from 'discord.js';
import type { AnswerTarget } from './answer-reply.js';
import { dmConversation, threadConversation } from './conversation-ids.js';

/** The answer target of a command (or a button that asks) used in `interaction`'s channel. */
export function interactionTarget(interaction: CommandInteraction | MessageComponentInteraction): AnswerTarget {
  if (!interaction.inGuild()) return { conversationId: dmConversation(interaction.channelId), threadButton: false };
  const channel = interaction.channel;
  if (channel?.isThread()) {
    const botId = interaction.client.user.id;
    return channel.ownerId === botId ? { conversationId: threadConversation(channel.id), threadButton: false } : { threadButton: false };
  }
  // Threads can be started only on messages in text and announcement channels.
  return { threadButton: channel?.isTextBased() === true && !channel.isVoiceBased() };
}
