// "Follow up in a thread": opens a public thread on the answer message, seeded with that answer, so
// /ask and mentions there (and plain messages, with DISCORD_MESSAGE_CONTENT) are follow-ups. Missing
// permissions and an existing thread are explained privately; neither is a failure.
import { channelMention } from '@discordjs/formatters';
import { DiscordAPIError, MessageFlags, PermissionFlagsBits, ThreadAutoArchiveDuration } from 'discord.js';
import { threadConversation } from '../conversation-ids.js';
import { parseThreadId } from '../custom-ids.js';
import { describeError, isMissingPermission } from '../discord-errors.js';
import { textPayload } from '../reply-payload.js';
import type { ButtonComponent } from './component.js';

/** Discord's limit on a thread name. */
const THREAD_NAME_MAX = 100;
/** Discord's code for "A thread has already been created for this message". */
const THREAD_ALREADY_EXISTS = 160004;

/** Shown privately when the bot lacks the permissions to open a follow-up thread in this channel. */
export const NO_THREAD_PERMISSION =
  "I can't open a thread here: I need the Create Public Threads and Send Messages in Threads permissions in this channel. You can reply to my answer instead.";

/** "Follow up in a thread" button: opens a thread on the answer in a server channel where follow-ups continue it. */
export const followUpThread = {
  prefix: 'thread',
  async execute(interaction, ctx) {
    const answerId = parseThreadId(interaction.customId);
    const channel = interaction.channel;
    if (!answerId || !interaction.inGuild() || !channel || channel.isThread() || channel.isDMBased()) {
      await interaction.reply({ ...textPayload('Threads can be opened only on answers in a server channel.'), flags: MessageFlags.Ephemeral });
      return;
    }
    // Discord says in the interaction what the bot may do here: no need to try and fail.
    if (!interaction.appPermissions.has([PermissionFlagsBits.CreatePublicThreads, PermissionFlagsBits.SendMessagesInThreads])) {
      await interaction.reply({ ...textPayload(NO_THREAD_PERMISSION), flags: MessageFlags.Ephemeral });
      return;
    }
    // Starting a thread is a REST call of its own: acknowledge first so a slow one cannot miss the 3 s.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const answer = ctx.cache.get(answerId);
    const howTo = ctx.config.discord.messageContent ? 'Type your follow-up there, or use /ask.' : 'Mention me there with your follow-up, or use /ask.';
    try {
      const thread = await interaction.message.startThread({ name: threadName(answer?.question), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
      if (answer) ctx.conversations.seed(threadConversation(thread.id), answer);
      ctx.logger.info({ threadId: thread.id, seeded: answer !== undefined }, 'thread opened');
      await interaction.editReply(textPayload(`Thread opened: ${channelMention(thread.id)}. ${howTo}`));
    } catch (error) {
      if (isMissingPermission(error)) {
        ctx.logger.warn({ err: describeError(error) }, 'no permission to open a thread');
        await interaction.editReply(textPayload(NO_THREAD_PERMISSION));
        return;
      }
      if (error instanceof DiscordAPIError && error.code === THREAD_ALREADY_EXISTS) {
        // Discord gives a thread started on a message that message's id.
        await interaction.editReply(textPayload(`This answer already has a thread: ${channelMention(interaction.message.id)}. ${howTo}`));
        return;
      }
      throw error;
    }
  },
} satisfies ButtonComponent;

/** The thread's name: the question, cut at a word to Discord's 100 characters. */
export function threadName(question: string | undefined): string {
  const text = (question ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return 'Follow-up questions';
  if ([...text].length <= THREAD_NAME_MAX) return text;
  const cut = text.slice(0, THREAD_NAME_MAX - 1);
  const atWord = cut.lastIndexOf(' ');
  return `${(atWord > 40 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}
