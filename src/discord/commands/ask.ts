// /ask: a question about the article, answered publicly with quoted passages; in a DM or a thread the
// bot opened, a follow-up in that conversation. Autocomplete offers questions the article can answer.
import { InteractionContextType, SlashCommandBuilder, type ApplicationCommandOptionChoiceData } from 'discord.js';
import { answerCommand } from '../answer-command.js';
import { describeError } from '../discord-errors.js';
import type { SlashCommand } from './command.js';

/** A handful, not Discord's maximum of 25: a short list is read, a long one scrolled past. */
const AUTOCOMPLETE_CHOICES = 5;
/** Discord's limit on a choice's name and value. */
const CHOICE_MAX_CHARS = 100;

/** /ask: answers a question by quoting the article; autocompletes with questions the article can answer. */
export const ask = {
  kind: 'slash',
  name: 'ask',
  definition: ({ questionMaxLength }) =>
    new SlashCommandBuilder()
      .setName('ask')
      .setDescription('Ask a question about the article; the answer quotes it.')
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
      .addStringOption((o) =>
        o.setName('question').setDescription('Your question').setRequired(true).setMaxLength(Math.min(questionMaxLength, 6000)).setAutocomplete(true),
      )
      .toJSON(),
  async execute(interaction, ctx) {
    await answerCommand(interaction, interaction.options.getString('question') ?? '', ctx);
  },
  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused();
    let questions: string[] = [];
    try {
      questions = ctx.suggestQuestions?.(typed, AUTOCOMPLETE_CHOICES) ?? [];
    } catch (error) {
      // An empty list is still an answer; a failure here would show the member "Loading options failed".
      ctx.logger.warn({ err: describeError(error) }, 'could not suggest questions');
    }
    await interaction.respond(toChoices(questions));
  },
} satisfies SlashCommand;

/**
 * Suggestions as autocomplete choices: at most a handful, duplicates dropped. One longer than Discord's
 * 100 characters is left out rather than cut, since its value is what gets asked.
 */
export function toChoices(questions: string[]): ApplicationCommandOptionChoiceData<string>[] {
  const unique = [...new Set(questions.map((q) => q.trim()))].filter((q) => q.length > 0 && [...q].length <= CHOICE_MAX_CHARS);
  return unique.slice(0, AUTOCOMPLETE_CHOICES).map((q) => ({ name: q, value: q }));
}
