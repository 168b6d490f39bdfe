// The common path of everything that asks (/ask, "Ask the article", a suggested question's button): refuse a bad question or a
// too-quick asker privately before anything else (only a first response can be ephemeral), then defer
// publicly and edit the answer in; on failure swap the "thinking…" message for a private one-liner.
import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type MessageContextMenuCommandInteraction } from 'discord.js';
import { toUserMessage } from '../errors.js';
import { answerReply, cooldownNotice } from './answer-reply.js';
import type { BotContext } from './bot-context.js';
import { describeError } from './discord-errors.js';
import { interactionTarget } from './interaction-target.js';
import { questionProblem } from './question-text.js';
import { textPayload } from './reply-payload.js';

type AskingInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction | ButtonInteraction;

/** Answer `question` for a command interaction, acknowledging within Discord's 3 seconds. Never throws for a core failure. */
export async function answerCommand(interaction: AskingInteraction, question: string, ctx: BotContext): Promise<void> {
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
    await interaction.editReply(await answerReply(ctx, question, interactionTarget(interaction)));
  } catch (error) {
    await replaceDeferredWithError(interaction, error, ctx);
  }
}

/**
 * A deferred public reply cannot turn ephemeral, so on failure the "thinking…" message is removed and
 * the one-line explanation goes to the asker alone.
 */
async function replaceDeferredWithError(interaction: AskingInteraction, error: unknown, ctx: BotContext): Promise<void> {
  ctx.logger.warn({ err: describeError(error) }, 'could not answer');
  try {
    await interaction.deleteReply();
  } catch (deleteError) {
    ctx.logger.debug({ err: describeError(deleteError) }, 'could not delete the deferred reply');
  }
  await interaction.followUp({ ...textPayload(toUserMessage(error)), flags: MessageFlags.Ephemeral });
}
