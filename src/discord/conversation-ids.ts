// The bot's conversation ids for the core's conversation store (src/answer/conversation.ts): a DM is
// one conversation, a thread the bot opened another, and a chain of Discord replies to the bot's
// answers a third kind, named by the chain's first answer (its root). Prefixed so the kinds never clash.

/** Conversation id of a DM channel. */
export const dmConversation = (channelId: string) => `dm:${channelId}`;
/** Conversation id of a thread the bot opened. */
export const threadConversation = (threadId: string) => `thread:${threadId}`;
/** Conversation id of a reply chain: its root message's id. */
export const chainConversation = (rootMessageId: string) => `chain:${rootMessageId}`;
