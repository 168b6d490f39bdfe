// Buttons under an answer: "More passages" and the 👍/👎 votes.
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { formatAnswerForDiscord } from '../format/format-discord.js';
import type { BotContext } from './bot-context.js';
import { parseCustomId } from './custom-ids.js';
import { answerPayload, textPayload } from './reply-payload.js';

const EXPIRED = 'That answer has expired. Ask again with /ask to get fresh passages.';

export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const action = parseCustomId(interaction.customId);
  const answer = action ? ctx.cache.get(action.answerId) : undefined;
  if (!action || !answer) {
    await interaction.reply({ ...textPayload(EXPIRED), flags: MessageFlags.Ephemeral });
    return;
  }
  if (action.kind === 'more') {
    const page = formatAnswerForDiscord(answer, { offset: action.offset, count: ctx.config.answer.passages });
    await interaction.reply(answerPayload(page, action.answerId));
    return;
  }
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
}
