// Button custom_ids: "<action>:<answerId>:<offset>[:<vote>]" (more, full, vote) and "thread:<answerId>", well under
// Discord's 100 characters. The action is the component module's prefix (components/).

/** What a parsed "more", "full" or vote button custom_id asks for; offset is the page's first passage index. */
export type ButtonAction =
  | { kind: 'more'; answerId: string; offset: number }
  | { kind: 'full'; answerId: string; offset: number }
  | { kind: 'vote'; answerId: string; offset: number; vote: 'up' | 'down' };

/** custom_id of "More passages": the page starting at `offset`. */
export const moreId = (answerId: string, offset: number) => `more:${answerId}:${offset}`;
/** custom_id of "Full passages": the page at `offset`, whole. */
export const fullId = (answerId: string, offset: number) => `full:${answerId}:${offset}`;
/** custom_id of a 👍/👎 on the page at `offset`. */
export const voteId = (answerId: string, offset: number, vote: 'up' | 'down') => `vote:${answerId}:${offset}:${vote}`;
/** custom_id of "Follow up in a thread". */
export const threadId = (answerId: string) => `thread:${answerId}`;
/** "Ask this" on a decline's suggested question: the answer it came with and the suggestion's index. */
export const suggestionId = (answerId: string, index: number) => `ask:${answerId}:${index}`;

/** The answer id and suggestion index of an "ask" button, or undefined for any other custom_id. */
export function parseSuggestionId(customId: string): { answerId: string; index: number } | undefined {
  const [kind, answerId, indexText, ...rest] = customId.split(':');
  const index = Number(indexText);
  return kind === 'ask' && answerId && Number.isInteger(index) && index >= 0 && rest.length === 0 ? { answerId, index } : undefined;
}

/** The answer id of a "Follow up in a thread" button, or undefined for any other custom_id. */
export function parseThreadId(customId: string): string | undefined {
  const [kind, answerId, ...rest] = customId.split(':');
  return kind === 'thread' && answerId && rest.length === 0 ? answerId : undefined;
}

/** The answer id any of the bot's buttons on a message carries (to find a replied-to answer). */
export function answerIdOfButtons(customIds: string[]): string | undefined {
  for (const id of customIds) {
    const answerId = parseCustomId(id)?.answerId ?? parseThreadId(id) ?? parseSuggestionId(id)?.answerId;
    if (answerId) return answerId;
  }
  return undefined;
}

/** The action of a more/full/vote custom_id, or undefined for anything else (including malformed ids). */
export function parseCustomId(customId: string): ButtonAction | undefined {
  const [kind, answerId, offsetText, vote] = customId.split(':');
  const offset = Number(offsetText);
  if (!answerId || !Number.isInteger(offset) || offset < 0) return undefined;
  if ((kind === 'more' || kind === 'full') && vote === undefined) return { kind, answerId, offset };
  if (kind === 'vote' && (vote === 'up' || vote === 'down')) return { kind, answerId, offset, vote };
  return undefined;
}
