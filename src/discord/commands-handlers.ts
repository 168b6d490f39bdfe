// Slash commands: /ask, /about, /reingest.
import { MessageFlags, PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { formatAbout, formatIngestSummary } from '../format/format-discord.js';
import { toUserMessage } from '../errors.js';
import { answerReply, cooldownNotice } from './answer-reply.js';
import type { BotContext } from './bot-context.js';
import { describeError } from './discord-errors.js';
import { plainPayload, textPayload } from './reply-payload.js';
import { questionProblem } from './question-text.js';

export async function handleAsk(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const question = interaction.options.getString('question') ?? '';
  // Refusals come before deferring: only a first response can be ephemeral.
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
}

export async function handleAbout(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply(plainPayload(formatAbout(ctx.answers.about())));
}

export async function handleReingest(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const allowed =
    interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true || ctx.config.discord.reingestAllowedUsers.includes(interaction.user.id);
  if (!allowed) {
    await interaction.reply({ ...textPayload('Only members with the Manage Server permission can re-ingest.'), flags: MessageFlags.Ephemeral });
    return;
  }
  const url = interaction.options.getString('url')?.trim() || undefined;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  ctx.logger.info({ userId: interaction.user.id, url }, 'reingest requested');
  try {
    const summary = await ctx.reingest(url ? { sources: [url] } : {});
    await interaction.editReply(textPayload(formatIngestSummary(summary)));
  } catch (error) {
    ctx.logger.warn({ err: describeError(error) }, 'reingest failed');
    await interaction.editReply(textPayload(toUserMessage(error)));
  }
}

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
