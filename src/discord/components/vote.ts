// 👍/👎 under an answer: one line in the feedback log with the passages that page showed, then a
// private thank-you.
import { MessageFlags } from 'discord.js';
import { parseCustomId } from '../custom-ids.js';
import { textPayload } from '../reply-payload.js';
import type { ButtonComponent } from './component.js';
import { replyExpired } from './expired.js';

export const vote = {
  prefix: 'vote',
  async execute(interaction, ctx) {
    const action = parseCustomId(interaction.customId);
    const answer = action?.kind === 'vote' ? ctx.cache.get(action.answerId) : undefined;
    if (action?.kind !== 'vote' || !answer) return replyExpired(interaction);
    const shown = answer.passages.slice(action.offset, action.offset + ctx.config.answer.passages);
    await ctx.feedback.append({
      time: new Date(ctx.clock()).toISOString(),
      question: answer.question,
      passages: shown.map((q) => ({ id: q.passage.id, documentId: q.passage.documentId, paragraph: q.passage.paragraph })),
      vote: action.vote,
      userId: interaction.user.id,
      answerId: action.answerId,
    });
    await interaction.reply({ ...textPayload(action.vote === 'up' ? 'Thanks: noted as helpful.' : 'Thanks: noted as not helpful.'), flags: MessageFlags.Ephemeral });
  },
} satisfies ButtonComponent;
