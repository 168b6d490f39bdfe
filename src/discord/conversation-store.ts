// What the bot needs from the core's conversation store (src/answer/conversation.ts): declared here,
// structurally, so the adapter depends on the calls it makes and tests can hand in the real store over
// a stand-in answerer. Conversation ids are the bot's own: "dm:<channel>", "thread:<thread>", and a
// reply chain's root message id.
import type { Answer } from '../types.js';

export interface ConversationTurn {
  /** `answer.question` is the question actually answered (completed for a follow-up). */
  answer: Answer;
  kind: 'question' | 'more';
  /** First passage to show now. */
  offset: number;
  /** Present when the previous turn was used to read the line ("Reading 'he' as Ron Dermer."). */
  reading?: { question: string; note: string };
}

export interface ConversationStore {
  ask(id: string, text: string): Promise<ConversationTurn>;
  seed(id: string, answer: Answer): void;
  forget(id: string): void;
  has(id: string): boolean;
}

/** Conversation id of a DM channel. */
export const dmConversation = (channelId: string) => `dm:${channelId}`;
/** Conversation id of a thread the bot opened. */
export const threadConversation = (threadId: string) => `thread:${threadId}`;
/** Conversation id of a reply chain: its root message's id. */
export const chainConversation = (rootMessageId: string) => `chain:${rootMessageId}`;
