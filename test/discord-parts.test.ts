// The bot's small stateful parts: answer cache, cooldown, button ids, feedback log.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnswerCache } from '../src/discord/answer-cache.js';
import { createCooldown } from '../src/discord/cooldown.js';
import { toChoices } from '../src/discord/commands/ask.js';
import { commands } from '../src/discord/commands/index.js';
import { components } from '../src/discord/components/index.js';
import { threadName } from '../src/discord/components/follow-up-thread.js';
import { answerIdOfButtons, moreId, parseCustomId, parseThreadId, threadId, voteId } from '../src/discord/custom-ids.js';
import { createInteractionRouter } from '../src/discord/interaction-router.js';
import { createReplyChains } from '../src/discord/reply-chains.js';
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

describe('reply chains', () => {
  it('maps the bot’s messages to their chain’s root, forgetting the oldest and the expired', () => {
    let now = 0;
    const chains = createReplyChains({ maxEntries: 2, ttlMs: 1_000, clock: () => now });
    chains.link('m2', 'm1');
    chains.link('m3', 'm1');
    expect(chains.rootOf('m3')).toBe('m1');
    chains.link('m4', 'm1');
    expect(chains.size).toBe(2);
    expect(chains.rootOf('m2')).toBeUndefined();
    now = 1_000;
    expect(chains.rootOf('m4')).toBeUndefined();
  });
});

describe('thread button, autocomplete choices and the loaders', () => {
  it('names a thread after the question within Discord’s 100 characters', () => {
    expect(threadName('Who is Ron Dermer?')).toBe('Who is Ron Dermer?');
    expect(threadName(undefined)).toBe('Follow-up questions');
    const long = threadName(`What ${'very '.repeat(40)}long question?`);
    expect([...long].length).toBeLessThanOrEqual(100);
    expect(long.endsWith('…')).toBe(true);
    expect(parseThreadId(threadId('abc'))).toBe('abc');
    expect(parseThreadId('thread:')).toBeUndefined();
    expect(answerIdOfButtons(['x', voteId('id1', 0, 'up'), threadId('id1')])).toBe('id1');
  });

  it('offers at most five distinct choices, leaving out any longer than 100 characters rather than cutting it', () => {
    const choices = toChoices(['A?', 'A?', 'x'.repeat(101), ' B? ', 'C?', 'D?', 'E?', 'F?']);
    expect(choices.map((c) => c.value)).toEqual(['A?', 'B?', 'C?', 'D?', 'E?']);
    expect(toChoices([])).toEqual([]);
  });

  it('refuses two commands of one kind with one name, or two buttons with one prefix', () => {
    expect(() => createInteractionRouter(commands, components)).not.toThrow();
    expect(() => createInteractionRouter([...commands, commands[0] as (typeof commands)[number]], components)).toThrow(/two slash commands are named ask/);
    expect(() => createInteractionRouter(commands, [...components, components[0] as (typeof components)[number]])).toThrow(/custom_id prefix more/);
  });
});
