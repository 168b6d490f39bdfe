// Conversations: the follow-up questions people ask a chat bot ("What did he say?", "Why?", "more")
// read against the turn before, for every adapter alike (chat REPL, Discord DMs, threads, reply
// chains). Adapters pick the conversation ids; this core keeps a few strings per conversation (the last
// question, the names it and its answer named, how many passages were shown), bounded in number, age
// and turns, in memory only: nothing is written to disk or logs. Never imports discord.js.
import { isAppError } from '../errors.js';
import type { Answer } from '../types.js';
import { contextOf, readFollowUp, type TurnContext } from './follow-up.js';
import type { Lexicon } from '../text/lexicon.js';
import type { NameCatalog } from './names.js';

/** How a conversation's line was read, for the reply to say ("Reading 'he' as Ron Dermer."). */
export interface Reading {
  /** The question actually answered, e.g. "What did Ron Dermer say?". */
  question: string;
  /** One short sentence for the user, e.g. "Reading 'he' as Ron Dermer." */
  note: string;
}

/**
 * What Conversations.ask returns for one line: the answer, whether it paged on ("more"), and how the line was read.
 */
export interface ConversationReply {
  /** The answer; `answer.question` is the question actually answered (the completed one for a follow-up). */
  answer: Answer;
  /** 'more' when the line asked for further passages of the previous question. */
  kind: 'question' | 'more';
  /** Index into `answer.passages` of the first passage to show now: 0 for a question, the next page for 'more'. */
  offset: number;
  /** Present when the previous turn was used to read this line. */
  reading?: Reading;
}

/** How conversations answer, page and forget: the answerer, page size and limits on turns, idle time and count. */
export interface ConversationOptions {
  /** The core's answerer (validates, answers or declines); its AppErrors pass through `ask` unchanged. */
  answer: (question: string) => Promise<Answer>;
  /** The current index's names (see names.ts); without one, follow-ups fall back to capitalised words. */
  names?: () => NameCatalog | undefined;
  /** The lexicon follow-ups are read with (a mistyped word about the article: see about-intent.ts). */
  lexicon: Lexicon;
  /** Passages a reply shows at once: "more" moves on by this many. */
  pageSize: number;
  /** Turns one conversation lives for before it starts afresh (bounds how long a chain of context runs). */
  maxTurns?: number;
  /** A conversation idle this long (ms) is forgotten: a follow-up after it is read as a first question. */
  idleMs?: number;
  /** At most this many conversations are kept; the least recently used is forgotten first. */
  maxConversations?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** Per-conversation memory for follow-up questions, shared by the CLI chat and the Discord adapters. */
export interface Conversations {
  /**
   * Answer one line of conversation `id` (an opaque adapter-chosen id: chat session, DM channel,
   * thread, reply-chain root). A follow-up is completed from the previous turn; "more" pages on; a
   * self-contained question (and any line of a new or expired conversation) is answered exactly as
   * `answer(text)` would. Throws what `answer` throws (e.g. AppError 'QUESTION_EMPTY'); a failed
   * line leaves the conversation as it was.
   */
  ask(id: string, text: string): Promise<ConversationReply>;
  /**
   * Start (or replace) conversation `id` as if `answer` had just been shown in it, e.g. a Discord
   * reply to an answer posted before any conversation existed. Keeps only what `ask` would keep.
   */
  seed(id: string, answer: Answer): void;
  /** Copy conversation `from`'s state to `to` (a reply-chain's next message); false when `from` is unknown or expired. */
  fork(from: string, to: string): boolean;
  /** Drop a conversation (thread deleted, session ended). Unknown ids are ignored. */
  forget(id: string): void;
  /** Whether `id` is a live (known, not expired) conversation. */
  has(id: string): boolean;
  /** Live conversations held. */
  size(): number;
}

/** Defaults: a chat exchange rarely leans back further than a few turns or waits longer than half an hour. */
const DEFAULT_MAX_TURNS = 20;
/** Default idle time before a conversation is forgotten: 30 minutes, in milliseconds (see the line above). */
const DEFAULT_IDLE_MS = 30 * 60_000;
/** At ~1.7 KB each (measured: npm run bench:conversations), 10 000 conversations stay under ~20 MB. */
const DEFAULT_MAX_CONVERSATIONS = 10_000;

interface State {
  context: TurnContext;
  /** The question last answered, as answered ("When — what was the Stuxnet attack?"): what "more" continues. */
  asked: string;
  /** Passages of `asked`'s answer shown so far. */
  shown: number;
  turns: number;
  lastActive: number;
}

/**
 * Create an in-memory conversation store over an answerer. Returns the Conversations API; throws
 * nothing itself.
 */
export function createConversations(options: ConversationOptions): Conversations {
  const maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  const maxConversations = Math.max(1, options.maxConversations ?? DEFAULT_MAX_CONVERSATIONS);
  const now = options.now ?? Date.now;
  const pageSize = Math.max(1, options.pageSize);
  // A Map iterates in insertion order: re-inserting on use makes its first key the least recently used.
  const states = new Map<string, State>();

  const live = (id: string): State | undefined => {
    const state = states.get(id);
    if (!state) return undefined;
    if (now() - state.lastActive > idleMs || state.turns >= maxTurns) {
      states.delete(id);
      return undefined;
    }
    return state;
  };
  const store = (id: string, state: State) => {
    states.delete(id);
    states.set(id, state);
    // Expired ones first, then the least recently used, until within bounds.
    if (states.size > maxConversations) {
      for (const [key, s] of states) if (now() - s.lastActive > idleMs) states.delete(key);
      for (const key of states.keys()) {
        if (states.size <= maxConversations) break;
        states.delete(key);
      }
    }
  };

  // Questions being answered, per conversation: forgetting a conversation (a deleted thread) while one
  // is in flight must not let that answer bring the conversation back when it lands.
  const inFlight = new Map<string, Set<{ forgotten: boolean }>>();
  const storeUnlessForgotten = (id: string, ticket: { forgotten: boolean }, state: State) => {
    if (!ticket.forgotten) store(id, state);
  };

  async function fresh(id: string, ticket: { forgotten: boolean }, text: string, catalog: NameCatalog | undefined): Promise<ConversationReply> {
    const answer = await options.answer(text);
    storeUnlessForgotten(id, ticket, { context: contextOf(answer.question, answer, catalog, options.lexicon), asked: answer.question, shown: pageSize, turns: 1, lastActive: now() });
    return { answer, kind: 'question', offset: 0 };
  }

  async function askWith(id: string, ticket: { forgotten: boolean }, text: string): Promise<ConversationReply> {
    const state = live(id);
    const catalog = options.names?.();
    const reading = readFollowUp(text, state?.context, catalog, options.lexicon);
    if (reading.kind === 'more' && state) {
      const answer = await options.answer(state.asked);
      const offset = state.shown;
      storeUnlessForgotten(id, ticket, { ...state, shown: offset + pageSize, turns: state.turns + 1, lastActive: now() });
      return { answer, kind: 'more', offset };
    }
    if (reading.kind === 'resolved') {
      let answer: Answer;
      try {
        answer = await options.answer(reading.question);
      } catch (error) {
        // Completing a long question can push it past the length limit: then it is answered as typed.
        if (isAppError(error) && error.code === 'QUESTION_TOO_LONG') return fresh(id, ticket, text, catalog);
        throw error;
      }
      storeUnlessForgotten(id, ticket, { context: contextOf(reading.base, answer, catalog, options.lexicon, reading, state?.context), asked: reading.question, shown: pageSize, turns: (state?.turns ?? 0) + 1, lastActive: now() });
      return { answer, kind: 'question', offset: 0, reading: { question: reading.question, note: `${reading.note}.` } };
    }
    return fresh(id, ticket, text, catalog);
  }

  return {
    async ask(id, text) {
      const ticket = { forgotten: false };
      const tickets = inFlight.get(id) ?? new Set();
      tickets.add(ticket);
      inFlight.set(id, tickets);
      try {
        return await askWith(id, ticket, text);
      } finally {
        tickets.delete(ticket);
        if (tickets.size === 0 && inFlight.get(id) === tickets) inFlight.delete(id);
      }
    },
    seed(id, answer) {
      store(id, { context: contextOf(answer.question, answer, options.names?.(), options.lexicon), asked: answer.question, shown: pageSize, turns: 1, lastActive: now() });
    },
    fork(from, to) {
      const state = live(from);
      if (!state) return false;
      store(to, { ...state, lastActive: now() });
      return true;
    },
    forget(id) {
      states.delete(id);
      for (const ticket of inFlight.get(id) ?? []) ticket.forgotten = true;
    },
    has(id) {
      return live(id) !== undefined;
    },
    size() {
      for (const id of [...states.keys()]) live(id);
      return states.size;
    },
  };
}
