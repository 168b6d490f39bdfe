// /ask: a question about the article, answered publicly with quoted passages. Refusals (bad question,
// cooldown) come before deferring, since only a first response can be ephemeral.
import { InteractionContextType, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { toUserMessage } from '../../errors.js';
import { answerReply, cooldownNotice } from '../answer-reply.js';
import type { BotContext } from '../bot-context.js';
import { describeError } from '../discord-errors.js';
import { questionProblem } from '../question-text.js';
import { textPayload } from '../reply-payload.js';
import type { SlashCommand } from './command.js';

export const ask = {
  kind: 'slash',
  name: 'ask',
  definition: ({ questionMaxLength }) =>
    new SlashCommandBuilder()
      .setName('ask')
      .setDescription('Ask a question about the article; the answer quotes it.')
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
      .addStringOption((o) => o.setName('question').setDescription('Your question').setRequired(true).setMaxLength(Math.min(questionMaxLength, 6000)))
      .toJSON(),
  async execute(interaction, ctx) {
    const question = interaction.options.getString('question') ?? '';
    const problem = questionProblem(question, ctx.config.questionMaxLength);
    if (problem) {
      await interaction.reply({ ...textPayload(problem), flags: MessageFlags.Ephemeral });
      return;
    }
    const wait = ctx.cooldown.take(interaction.user.id);
    if (wait > 0) {
      await interaction.reply({ ...textPayload(cooldownNotice(wait)), flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.deferReply();
    try {
      await interaction.editReply(await answerReply(ctx, question));
    } catch (error) {
      await replaceDeferredWithError(interaction, error, ctx);
    }
  },
} satisfies SlashCommand;

/**
 * A deferred public reply cannot turn ephemeral, so on failure the "thinking…" message is removed and
 * the one-line explanation goes to the asker alone.
 */
async function replaceDeferredWithError(interaction: ChatInputCommandInteraction, error: unknown, ctx: BotContext): Promise<void> {
  ctx.logger.warn({ err: describeError(error) }, 'could not answer');
  try {
    await interaction.deleteReply();
  } catch (deleteError) {
    ctx.logger.debug({ err: describeError(deleteError) }, 'could not delete the deferred reply');
  }
  await interaction.followUp({ ...textPayload(toUserMessage(error)), flags: MessageFlags.Ephemeral });
}
