// "Ask the article" (Apps menu on any message): answers that message's text as the question. Discord
// puts the target message, content included, into the interaction, so no privileged intent is needed.
// In a DM or a thread the bot opened it is a follow-up there, like /ask.
import { ApplicationCommandType, ContextMenuCommandBuilder, InteractionContextType, MessageFlags } from 'discord.js';
import { answerCommand } from '../answer-command.js';
import { questionFromMention } from '../question-text.js';
import { textPayload } from '../reply-payload.js';
import type { MessageMenuCommand } from './command.js';

/** Shown privately when "Ask the article" is used on a message with no text. */
const NO_TEXT = 'That message has no text to ask about.';

/**
 * "Ask the article" message menu command: asks the chosen message's text (a mention of the bot removed) as the question.
 */
export const askTheArticle = {
  kind: 'message',
  name: 'Ask the article',
  definition: () =>
    new ContextMenuCommandBuilder()
      .setName('Ask the article')
      .setType(ApplicationCommandType.Message)
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
      .toJSON(),
  async execute(interaction, ctx) {
    const question = questionFromMention(interaction.targetMessage.content, interaction.client.user.id);
    if (!question) {
      await interaction.reply({ ...textPayload(NO_TEXT), flags: MessageFlags.Ephemeral });
      return;
    }
    await answerCommand(interaction, question, ctx);
  },
} satisfies MessageMenuCommand;
