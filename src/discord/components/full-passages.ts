// "Full passages": the same page of an answer with each passage whole (trimmed only to fit Discord),
// shown to the clicker alone, so reading more of the article does not fill the channel.
import { MessageFlags } from 'discord.js';
import { parseCustomId } from '../custom-ids.js';
import { formatAnswerForDiscord } from '../format-discord.js';
import { plainPayload } from '../reply-payload.js';
import type { ButtonComponent } from './component.js';
import { replyExpired } from './expired.js';

/** "Full passages" button: shows the same page's passages whole, privately to the clicker. */
export const fullPassages = {
  prefix: 'full',
  async execute(interaction, ctx) {
    const action = parseCustomId(interaction.customId);
    const answer = action?.kind === 'full' ? ctx.cache.get(action.answerId) : undefined;
    if (action?.kind !== 'full' || !answer) return replyExpired(interaction);
    const page = formatAnswerForDiscord(answer, { offset: action.offset, count: ctx.config.answer.passages, full: true });
    await interaction.reply({ ...plainPayload(page), flags: MessageFlags.Ephemeral });
  },
} satisfies ButtonComponent;
