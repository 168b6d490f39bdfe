// The bot's small stateful parts: answer cache, cooldown, button ids, feedback log.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnswerCache } from '../src/discord/answer-cache.js';
import { createCooldown } from '../src/discord/cooldown.js';
import { moreId, parseCustomId, voteId } from '../src/discord/custom-ids.js';
import { createFeedbackLog } from '../src/discord/feedback-log.js';
import { questionFromMention, questionProblem } from '../src/discord/question-text.js';
import type { Answer } from '../src/types.js';

const answer = (question: string): Answer => ({ question, answered: false, passages: [], suggestions: [] });

describe('answer cache', () => {
  it('forgets answers after their time and never holds more than its bound', () => {
    let now = 0;
    const cache = createAnswerCache({ maxEntries: 3, ttlMs: 1_000, clock: () => now });
    const ids = ['a', 'b', 'c', 'd'].map((q) => cache.put(answer(q)));
    expect(cache.size).toBe(3);
    expect(cache.get(ids[0] ?? '')).toBeUndefined();
    expect(cache.get(ids[3] ?? '')?.question).toBe('d');
    now = 1_000;
    expect(cache.get(ids[3] ?? '')).toBeUndefined();
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(12);
  });
});

describe('cooldown', () => {
  it('lets a user ask once per window and says how long to wait', () => {
    let now = 0;
    const cooldown = createCooldown(10, () => now);
    expect(cooldown.take('u1')).toBe(0);
    now = 2_500;
    expect(cooldown.take('u1')).toBe(8);
    expect(cooldown.take('u2')).toBe(0);
    now = 10_000;
    expect(cooldown.take('u1')).toBe(0);
  });

  it('is off at 0 seconds', () => {
    const cooldown = createCooldown(0, () => 0);
    expect([cooldown.take('u'), cooldown.take('u'), cooldown.take('u')]).toEqual([0, 0, 0]);
  });
});

describe('button ids', () => {
  it('round-trip within Discord’s 100 characters and reject anything else', () => {
    expect(parseCustomId(moreId('abc123XY', 3))).toEqual({ kind: 'more', answerId: 'abc123XY', offset: 3 });
    expect(parseCustomId(voteId('abc123XY', 0, 'down'))).toEqual({ kind: 'vote', answerId: 'abc123XY', offset: 0, vote: 'down' });
    expect(voteId('abcdefghijkl', 24, 'down').length).toBeLessThan(100);
    for (const bad of ['', 'more', 'more:x', 'more:x:-1', 'more:x:1.5', 'vote:x:0:maybe', 'delete:x:0']) expect(parseCustomId(bad)).toBeUndefined();
  });
});

describe('feedback log', () => {
  it('writes one whole JSON line per vote even when votes arrive together', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'feedback-'));
    try {
      const file = path.join(dir, 'nested', 'feedback.jsonl');
      const log = createFeedbackLog(file);
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          log.append({ time: new Date(0).toISOString(), question: `q${i} ${'x'.repeat(5_000)}`, passages: [{ id: `d#${i}`, documentId: 'd', paragraph: i }], vote: i % 2 ? 'up' : 'down', userId: String(i) }),
        ),
      );
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(50);
      expect(lines.map((l) => JSON.parse(l).userId)).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('question text', () => {
  it('takes the bot mention out of a message and checks the limits', () => {
    expect(questionFromMention('<@42> what  happened? <@!42>', '42')).toBe('what happened?');
    expect(questionFromMention('<@42>', '42')).toBe('');
    expect(questionProblem('   ', 500)).toMatch(/Please ask a question/);
    expect(questionProblem('x'.repeat(501), 500)).toMatch(/501 characters long; the limit is 500/);
    expect(questionProblem('x'.repeat(500), 500)).toBeUndefined();
    // The same rules as the core: a question with no letters or digits is refused before any work.
    expect(questionProblem('???', 500)).toMatch(/Please ask a question/);
  });
});
