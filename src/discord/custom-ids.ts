// Button custom_ids: "<action>:<answerId>:<offset>[:<vote>]", well under Discord's 100 characters.

export type ButtonAction =
  | { kind: 'more'; answerId: string; offset: number }
  | { kind: 'vote'; answerId: string; offset: number; vote: 'up' | 'down' };

export const moreId = (answerId: string, offset: number) => `more:${answerId}:${offset}`;
export const voteId = (answerId: string, offset: number, vote: 'up' | 'down') => `vote:${answerId}:${offset}:${vote}`;

export function parseCustomId(customId: string): ButtonAction | undefined {
  const [kind, answerId, offsetText, vote] = customId.split(':');
  const offset = Number(offsetText);
  if (!answerId || !Number.isInteger(offset) || offset < 0) return undefined;
  if (kind === 'more' && vote === undefined) return { kind, answerId, offset };
  if (kind === 'vote' && (vote === 'up' || vote === 'down')) return { kind, answerId, offset, vote };
  return undefined;
}
