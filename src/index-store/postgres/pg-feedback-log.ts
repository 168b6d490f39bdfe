// 👍/👎 votes in the shared database (STORE=postgres), one row per user per answer: every shard and
// machine writes to the same table, and a user who changes their mind replaces their vote.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { FeedbackEntry, FeedbackLog } from '../../discord/feedback-log.js';
import type { IndexStore } from '../index-store.js';
import type { PostgresIndexStore } from './pg-store.js';

/** A FeedbackLog writing to feedback_votes (schema version 2). append throws what the query throws. */
export function createPostgresFeedbackLog(pool: pg.Pool): FeedbackLog {
  return {
    async append(entry: FeedbackEntry): Promise<void> {
      // Without an answer id (older callers), the question and the passages shown identify the answer.
      const answerId = entry.answerId ?? createHash('sha256').update(JSON.stringify([entry.question, entry.passages])).digest('hex').slice(0, 32);
      await pool.query(
        `INSERT INTO feedback_votes (answer_id, user_id, vote, question, passages, voted_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = EXCLUDED.vote, passages = EXCLUDED.passages, voted_at = EXCLUDED.voted_at`,
        [answerId, entry.userId, entry.vote, entry.question, JSON.stringify(entry.passages), entry.time],
      );
    },
  };
}

/** The votes table of a Postgres store; undefined for the file store (its votes go to FEEDBACK_LOG). Never throws. */
export function feedbackLogForStore(store: IndexStore): FeedbackLog | undefined {
  return store.kind === 'postgres' ? createPostgresFeedbackLog((store as PostgresIndexStore).pool) : undefined;
}
