// 👍/👎 under an answer: one line in the feedback log with the passages that page showed, then a
// private thank-you. One vote per user per answer: clicking the same button again records nothing
// more ("already noted"), clicking the other one records the change (readers of the log keep each
// user's last line per answerId). Remembered per cached answer, so it lasts as long as the buttons work.
import { MessageFlags } from 'discord.js';
import { parseCustomId } from '../custom-ids.js';
import { textPayload } from '../reply-payload.js';
import type { ButtonComponent } from './component.js';
import { replyExpired } from './expired.js';

/** Each cached answer's votes by user id; dropped with the answer when the cache lets it go. */
const votesByAnswer = new WeakMap<object, Map<string, 'up' | 'down'>>();

/** 👍/👎 buttons: record the clicker's vote (one per user per answer; clicking the other one changes it) in the feedback log. */
export const vote = {
  prefix: 'vote',
  async execute(interaction, ctx) {
    const action = parseCustomId(interaction.customId);
    const answer = action?.kind === 'vote' ? ctx.cache.get(action.answerId) : undefined;
    if (action?.kind !== 'vote' || !answer) return replyExpired(interaction);
    let votes = votesByAnswer.get(answer);
    if (!votes) votesByAnswer.set(answer, (votes = new Map()));
    const previous = votes.get(interaction.user.id);
    if (previous === action.vote) {
      await interaction.reply({
        ...textPayload(`Already noted as ${action.vote === 'up' ? 'helpful' : 'not helpful'}; click ${action.vote === 'up' ? '👎' : '👍'} to change your vote.`),
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    // Taken before the append so a quick second click is already a repeat; given back if the vote
    // could not be stored, or a retry would be answered "already noted" for a vote nobody recorded.
    votes.set(interaction.user.id, action.vote);
    const shown = answer.passages.slice(action.offset, action.offset + ctx.config.answer.passages);
    const taken = votes;
    const giveBack = () => {
      if (taken.get(interaction.user.id) !== action.vote) return;
      if (previous) taken.set(interaction.user.id, previous);
      else taken.delete(interaction.user.id);
    };
    await ctx.feedback.append({
      time: new Date(ctx.clock()).toISOString(),
      question: answer.question,
      passages: shown.map((q) => ({ id: q.passage.id, documentId: q.passage.documentId, paragraph: q.passage.paragraph })),
      vote: action.vote,
      userId: interaction.user.id,
      answerId: action.answerId,
    }).catch((error: unknown) => {
      giveBack();
      throw error;
    });
    const noted = action.vote === 'up' ? 'helpful' : 'not helpful';
    await interaction.reply({ ...textPayload(previous ? `Changed: now noted as ${noted}.` : `Thanks: noted as ${noted}.`), flags: MessageFlags.Ephemeral });
  },
} satisfies ButtonComponent;
