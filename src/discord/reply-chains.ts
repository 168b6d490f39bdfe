// Which reply chain a bot message belongs to: a member's Discord reply to one of the bot's answers
// continues the conversation named by the chain's first answer (its root). Only message ids are kept,
// bounded in count and age, in memory; a chain the bot has forgotten starts again from the replied-to
// message, where its answer (if still cached) seeds the conversation.
import { createExpiringMap } from './expiring-map.js';

/** Which reply chain each bot message belongs to, so a reply to any answer in a chain continues its conversation. */
export interface ReplyChains {
  /** The root of the chain `messageId` belongs to, or undefined when it is not (or no longer) known. */
  rootOf(messageId: string): string | undefined;
  /** Record that the bot's message `messageId` continues the chain rooted at `rootId`. */
  link(messageId: string, rootId: string): void;
  readonly size: number;
}

/** Bounds of the reply-chain map: at most maxEntries messages (default 10 000), each kept ttlMs milliseconds. */
export interface ReplyChainOptions {
  maxEntries?: number;
  /** Matches the conversation core's idle expiry by default (30 minutes). */
  ttlMs?: number;
  clock?: () => number;
}

/** A bounded message-id → chain-root map (oldest forgotten first). */
export function createReplyChains(options: ReplyChainOptions = {}): ReplyChains {
  const roots = createExpiringMap<string>({ maxEntries: options.maxEntries ?? 10_000, ttlMs: options.ttlMs ?? 30 * 60_000, ...(options.clock ? { clock: options.clock } : {}) });
  return {
    rootOf: (messageId) => roots.get(messageId),
    link: (messageId, rootId) => roots.set(messageId, rootId),
    get size() {
      return roots.size;
    },
  };
}
