import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotAgainstEmulator, type Harness } from './discord-emulator/bot-harness.js';

describe('bot against the Discord emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startBotAgainstEmulator();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('logs in through GET /gateway/bot with only the intents it needs', () => {
    expect(h.emulator.requests.some((r) => r.route === 'GET /gateway/bot')).toBe(true);
    const intents = BigInt(h.emulator.identifies.at(-1)?.intents ?? 0);
    expect(intents & (1n << 0n)).not.toBe(0n);
    expect(intents & (1n << 9n)).not.toBe(0n);
    expect(intents & (1n << 12n)).not.toBe(0n);
    expect(intents & (1n << 15n)).toBe(0n);
  });

  it('answers /ask by deferring, then editing in the quoted passage with the answering sentence bold', async () => {
    const ask = h.emulator.sendCommand('ask', { question: 'What did the council decide about the budget?' });
    const ack = await ask.acknowledged;
    expect(ack.type).toBe(5);
    const reply = await ask.reply();
    expect(reply.kind).toBe('edit-original');
    const embed = reply.message?.embeds[0];
    expect(embed?.title).toBe('A Test Article');
    expect(embed?.description).toContain('**The council approved the budget after a long debate.**');
    expect(embed?.description).toMatch(/paragraph 1 · relevance 0\.90/);
  });
});
