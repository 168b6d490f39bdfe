// A suggested question under a decline, as a button: one click asks it, publicly, like /ask (in a DM
// or the bot's thread, as a turn of that conversation).
import { parseSuggestionId } from '../custom-ids.js';
import { answerCommand } from '../answer-command.js';
import type { ButtonComponent } from './component.js';
import { replyExpired } from './expired.js';

/** A decline's suggested-question button: asks that question as /ask would, or says the answer has expired. */
export const askSuggestion = {
  prefix: 'ask',
  async execute(interaction, ctx) {
    const action = parseSuggestionId(interaction.customId);
    const question = action ? ctx.cache.get(action.answerId)?.suggestions[action.index] : undefined;
    if (!question) return replyExpired(interaction);
    await answerCommand(interaction, question, ctx);
  },
} satisfies ButtonComponent;
