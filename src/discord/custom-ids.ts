// Button custom_ids: "<action>:<answerId>:<offset>[:<vote>]" (more, full, vote) and "thread:<answerId>", well under
// Discord's 100 characters. The action is the component module's prefix (components/).

export type ButtonAction =
  | { kind: 'more'; answerId: string; offset: number }
  | { kind: 'full'; answerId: string; offset: number }
  | { kind: 'vote'; answerId: string; offset: number; vote: 'up' | 'down' };

export const moreId = (answerId: string, offset: number) => `more:${answerId}:${offset}`;
export const fullId = (answerId: string, offset: number) => `full:${answerId}:${offset}`;
export const voteId = (answerId: string, offset: number, vote: 'up' | 'down') => `vote:${answerId}:${offset}:${vote}`;
export const threadId = (answerId: string) => `thread:${answerId}`;

/** The answer id of a "Follow up in a thread" button, or undefined for any other custom_id. */
export function parseThreadId(customId: string): string | undefined {
  const [kind, answerId, ...rest] = customId.split(':');
  return kind === 'thread' && answerId && rest.length === 0 ? answerId : undefined;
}

/** The answer id any of the bot's buttons on a message carries (to find a replied-to answer). */
export function answerIdOfButtons(customIds: string[]): string | undefined {
  for (const id of customIds) {
    const answerId = parseCustomId(id)?.answerId ?? parseThreadId(id);
    if (answerId) return answerId;
  }
  return undefined;
}

export function parseCustomId(customId: string): ButtonAction | undefined {
  const [kind, answerId, offsetText, vote] = customId.split(':');
  const offset = Number(offsetText);
  if (!answerId || !Number.isInteger(offset) || offset < 0) return undefined;
  if ((kind === 'more' || kind === 'full') && vote === undefined) return { kind, answerId, offset };
  if (kind === 'vote' && (vote === 'up' || vote === 'down')) return { kind, answerId, offset, vote };
  return undefined;
}
