// "More passages": the next page of the same answer, from the cache (the question is not asked again).
import { formatAnswerForDiscord } from '../format-discord.js';
import { parseCustomId } from '../custom-ids.js';
import { answerPayload } from '../reply-payload.js';
import type { ButtonComponent } from './component.js';
import { replyExpired } from './expired.js';

/** "More passages" button: shows the answer's next page of passages. */
export const morePassages = {
  prefix: 'more',
  async execute(interaction, ctx) {
    const action = parseCustomId(interaction.customId);
    const answer = action?.kind === 'more' ? ctx.cache.get(action.answerId) : undefined;
    if (action?.kind !== 'more' || !answer) return replyExpired(interaction);
    const page = formatAnswerForDiscord(answer, { offset: action.offset, count: ctx.config.answer.passages });
    await interaction.reply(answerPayload(page, action.answerId));
  },
} satisfies ButtonComponent;
