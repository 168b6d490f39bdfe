// Turns formatted pages into discord.js message options: buttons, and allowed_mentions on every message.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type MessageMentionOptions } from 'discord.js';
import type { AnswerPage, DiscordMessageData } from './format-discord.js';
import { fullId, moreId, suggestionId, threadId, voteId } from './custom-ids.js';

/** Nobody is notified by anything the bot sends, whatever the question or the article contains. */
export const NO_PINGS: MessageMentionOptions = { parse: [], repliedUser: false };

/** Fits reply, editReply, followUp and message.reply alike. */
export interface MessagePayload {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: MessageMentionOptions;
}

/**
 * An answer page with its buttons: "More passages" when more are left, "Full passages" when the page
 * shows excerpts, the votes, and (when asked for) "Follow up in a thread". Five at most, one row.
 */
export function answerPayload(page: AnswerPage, answerId: string, options: { threadButton?: boolean } = {}): MessagePayload {
  const buttons: APIButtonComponent[] = [];
  if (page.nextOffset !== undefined) {
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: moreId(answerId, page.nextOffset), label: 'More passages' });
  }
  if (page.elided) {
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: fullId(answerId, page.offset), label: 'Full passages' });
  }
  buttons.push(
    { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: voteId(answerId, page.offset, 'up'), label: 'Helpful', emoji: { name: '👍' } },
    { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: voteId(answerId, page.offset, 'down'), label: 'Not helpful', emoji: { name: '👎' } },
  );
  if (options.threadButton) {
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: threadId(answerId), label: 'Follow up in a thread', emoji: { name: '🧵' } });
  }
  const row: APIActionRowComponent<APIButtonComponent> = { type: ComponentType.ActionRow, components: buttons };
  const ask = suggestionButtons(page, answerId);
  return { ...plainPayload(page), components: ask.length > 0 ? [row, { type: ComponentType.ActionRow, components: ask }] : [row] };
}

/** Discord's limit on a button label. */
const BUTTON_LABEL_MAX = 80;

/**
 * A decline's suggested questions as one-click buttons (at most five, one row). Only real questions
 * short enough to be the label whole: a cut label would ask something other than it shows.
 */
function suggestionButtons(page: AnswerPage, answerId: string): APIButtonComponent[] {
  return page.suggestions
    .map((question, index) => ({ question: question.trim(), index }))
    .filter(({ question }) => question.endsWith('?') && [...question].length <= BUTTON_LABEL_MAX)
    .slice(0, 5)
    .map(({ question, index }) => ({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: suggestionId(answerId, index), label: question }));
}

/** Formatted message data as a payload with no buttons and no pings. */
export function plainPayload(message: DiscordMessageData): MessagePayload {
  return {
    content: message.content,
    embeds: message.embeds,
    components: [],
    allowedMentions: NO_PINGS,
  };
}

/** One line of text as a payload with no pings. */
export function textPayload(content: string): MessagePayload {
  return { content, embeds: [], components: [], allowedMentions: NO_PINGS };
}
