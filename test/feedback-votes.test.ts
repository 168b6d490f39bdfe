// Votes cannot flood the feedback log: one vote per user per answer (a repeat click records nothing,
// the other button records a change), and the log file is rotated at its documented cap.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackLog } from '../src/discord/feedback-log.js';
import { startBotAgainstEmulator, type Harness } from './discord-emulator/bot-harness.js';
import type { InteractionResponse, StoredMessage } from './discord-emulator/emulator.js';

const contentOf = (r: InteractionResponse): string => String(r.body?.data?.content ?? r.body?.content ?? r.message?.content ?? '');
const buttonIds = (message: StoredMessage | undefined): string[] =>
  (message?.components ?? []).flatMap((row: { components: { custom_id: string }[] }) => row.components.map((c) => c.custom_id));

describe('votes on an answer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startBotAgainstEmulator();
  });
  afterAll(async () => h?.close());

  it('keeps one vote per user per answer: 20 clicks on 👍 are one line, a 👎 afterwards is the change', async () => {
    const reply = await h.emulator.sendCommand('ask', { question: 'When do the ferries run?' }).reply();
    const message = reply.message as StoredMessage;
    const up = buttonIds(message).find((id) => id.endsWith(':up'))!;
    const down = buttonIds(message).find((id) => id.endsWith(':down'))!;
    const answers: string[] = [];
    for (let k = 0; k < 20; k++) answers.push(contentOf(await h.emulator.clickButton(message, up).reply()));
    expect(answers[0]).toMatch(/Thanks: noted as helpful/);
    expect(answers[1]).toMatch(/Already noted as helpful/);
    const changed = await h.emulator.clickButton(message, down).reply();
    expect(contentOf(changed)).toMatch(/Changed: now noted as not helpful/);
    // Another user's vote on the same answer is their own.
    await h.emulator.clickButton(message, up, { user: h.emulator.addUser('second-voter') }).reply();
    const lines = readFileSync(h.config.discord.feedbackLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.vote)).toEqual(['up', 'down', 'up']);
    expect(lines[0].userId).toBe(lines[1].userId);
    expect(lines[2].userId).not.toBe(lines[0].userId);
  });
});

describe('a vote the log could not store', () => {
  let h: Harness;
  let blocked: string;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'feedback-fail-'));
    // A folder where the log file should be: appending fails until it is gone.
    blocked = path.join(dir, 'feedback.jsonl');
    mkdirSync(blocked);
    h = await startBotAgainstEmulator({ env: { FEEDBACK_LOG: blocked } });
  });
  afterAll(async () => h?.close());

  it('is not taken as cast: clicking again once the log works records it instead of saying "already noted"', async () => {
    const reply = await h.emulator.sendCommand('ask', { question: 'When do the ferries run?' }).reply();
    const message = reply.message as StoredMessage;
    const up = buttonIds(message).find((id) => id.endsWith(':up'))!;
    const failed = contentOf(await h.emulator.clickButton(message, up).reply());
    expect(failed).not.toMatch(/noted/);
    rmSync(blocked, { recursive: true });
    const retried = contentOf(await h.emulator.clickButton(message, up).reply());
    expect(retried).toMatch(/Thanks: noted as helpful/);
    const lines = readFileSync(blocked, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
  });
});

describe('the feedback log file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'feedback-cap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rotates to <file>.1 before passing its cap, so two files bound it', async () => {
    const file = path.join(dir, 'feedback.jsonl');
    const log = createFeedbackLog(file, 4_096);
    for (let k = 0; k < 200; k++) {
      await log.append({ time: new Date(0).toISOString(), question: `Question ${k}?`, passages: [{ id: 'a#1', documentId: 'a', paragraph: 1 }], vote: 'up', userId: String(k), answerId: `a${k}` });
    }
    expect(statSync(file).size).toBeLessThanOrEqual(4_096);
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(statSync(`${file}.1`).size).toBeLessThanOrEqual(4_096);
    const last = readFileSync(file, 'utf8').trim().split('\n').at(-1)!;
    expect(JSON.parse(last).question).toBe('Question 199?');
  });
});
