// End to end, the real discord.js client against the emulator: conversations on Discord (replies to the
// bot's answers, a thread opened from an answer, DMs), the "Ask the article" message command, /ask
// autocomplete, and the bad paths (no permission for threads, a deleted thread, a reply to someone
// else's message, an expired conversation, an empty autocomplete).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversations } from '../src/answer/conversation.js';
import { NO_THREAD_PERMISSION } from '../src/discord/components/follow-up-thread.js';
import type { Answer } from '../src/types.js';
import { fakeAnswers, memoryLogger, startBotAgainstEmulator, type Harness } from './discord-emulator/bot-harness.js';
import type { InteractionResponse, StoredMessage } from './discord-emulator/emulator.js';
import { getLexicon } from '../src/text/lexicon.js';

const EPHEMERAL = 64;
const flagsOf = (r: InteractionResponse): number => Number(r.body?.data?.flags ?? r.body?.flags ?? 0);
const buttonIds = (message: StoredMessage | undefined): string[] =>
  (message?.components ?? []).flatMap((row: { components?: { custom_id?: string }[] }) => (row.components ?? []).map((c) => c.custom_id ?? ''));
const paragraphsOf = (message: StoredMessage | undefined): number[] =>
  [...String(message?.embeds[0]?.description ?? '').matchAll(/paragraph (\d+)/g)].map((m) => Number(m[1]));

async function waitUntil(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('conversations on Discord', () => {
  let h: Harness;
  const answers = fakeAnswers();
  const log = memoryLogger();

  beforeAll(async () => {
    h = await startBotAgainstEmulator({ answers, logger: log.logger });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** /ask in the guild channel; resolves with the answer message. */
  async function askInChannel(question: string): Promise<StoredMessage> {
    const reply = await h.emulator.sendCommand('ask', { question }).reply();
    expect(reply.message).toBeDefined();
    return reply.message as StoredMessage;
  }

  it('reads a Discord reply to an answer as a follow-up: "more" pages on, and the chain keeps going', async () => {
    const first = await askInChannel('What about the harbour and the council?');
    const shown = paragraphsOf(first);
    expect(shown).toHaveLength(3);

    const more = await h.emulator.sendMessage('more', { replyTo: first }).reply();
    expect(more.replyTo).toBeDefined();
    expect(more.embeds[0].description).toContain('**4.**');
    expect(paragraphsOf(more).length).toBeGreaterThan(0);
    expect(paragraphsOf(more).some((p) => shown.includes(p))).toBe(false);

    // A reply to the bot's second message continues the same chain (rooted at the first answer).
    const again = await h.emulator.sendMessage('tell me more', { replyTo: more }).reply();
    expect(again.content).toMatch(/No more passages/);
    expect(h.emulator.pings).toEqual([]);
  });

  it('completes an elliptical follow-up from the previous question and says how it read it', async () => {
    const first = await askInChannel('When do the ferries run?');
    const before = answers.questions.length;
    const why = await h.emulator.sendMessage('Why?', { replyTo: first }).reply();
    expect(why.content).toMatch(/^Reading /);
    // The core was asked a completed question, not the bare "Why?".
    const asked = answers.questions.slice(before);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((q) => q !== 'Why?')).toBe(true);
  });

  it('ignores a reply whose ping is switched off (Discord hides its text without the Message Content intent)', async () => {
    const first = await askInChannel('When do the ferries run?');
    const silent = h.emulator.sendMessage('more', { replyTo: first, pingReply: false });
    await expect(silent.reply(400)).rejects.toThrow(/no a reply/);
  });

  it('answers a mention that replies to somebody else’s message as a question on its own', async () => {
    const other = h.emulator.addUser('neighbour');
    const theirs = h.emulator.sendMessage('I think the council approved something');
    await waitUntil(() => h.emulator.messages.has(theirs.id));
    const target = h.emulator.messages.get(theirs.id) as StoredMessage;
    const reply = await h.emulator.sendMessage('Why?', { replyTo: target, mentionBot: true, user: other }).reply();
    expect(reply.content).not.toMatch(/Reading/);
    expect(reply.content).toMatch(/doesn't seem to cover/);
  });

  it('opens a thread on an answer with "Follow up in a thread"; mentions and /ask there are follow-ups', async () => {
    const first = await askInChannel('What about the harbour and the council?');
    const threadButton = buttonIds(first).find((id) => id.startsWith('thread:'));
    expect(threadButton).toBeDefined();

    const click = h.emulator.clickButton(first, threadButton as string);
    expect((await click.acknowledged).type).toBe(5);
    const opened = await click.reply();
    expect((opened.message?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    const thread = h.emulator.threads.get(first.id);
    expect(thread?.name).toBe('What about the harbour and the council?');
    expect(opened.message?.content).toContain(`<#${first.id}>`);

    const more = await h.emulator.sendMessage('more', { channelId: first.id, mentionBot: true }).reply();
    expect(more.channelId).toBe(first.id);
    expect(more.embeds[0].description).toContain('**4.**');
    // No thread inside a thread.
    expect(buttonIds(more).some((id) => id.startsWith('thread:'))).toBe(false);

    const why = await h.emulator.sendCommand('ask', { question: 'Why?' }, { channelId: first.id }).reply();
    expect(why.message?.content).toMatch(/^Reading /);
    expect(why.message?.channelId).toBe(first.id);

    // A plain message in the thread is not visible without the Message Content intent: left alone.
    await expect(h.emulator.sendMessage('and the ferries?', { channelId: first.id }).reply(400)).rejects.toThrow(/no a reply/);

    // A second click: the thread exists already, said privately.
    const second = await h.emulator.clickButton(first, threadButton as string).reply();
    expect(second.message?.content ?? second.body?.content).toMatch(/already has a thread/);
  });

  it('keeps a DM as one conversation', async () => {
    await h.emulator.sendMessage('When do the ferries run?', { dm: true }).reply();
    const why = await h.emulator.sendMessage('Why?', { dm: true }).reply();
    expect(why.content).toMatch(/^Reading /);
    expect(buttonIds(why).some((id) => id.startsWith('thread:'))).toBe(false);
  });

  it('answers "Ask the article" on a member’s message from its text, which the interaction carries', async () => {
    const said = h.emulator.sendMessage('When do the ferries run every hour?');
    await waitUntil(() => h.emulator.messages.has(said.id));
    const target = h.emulator.messages.get(said.id) as StoredMessage;
    // Without the intent the bot saw this message blank; the command still gets the words.
    expect(target.raw.content).toBe('');
    const run = h.emulator.sendMessageCommand('Ask the article', target);
    expect((await run.acknowledged).type).toBe(5);
    const reply = await run.reply();
    expect(reply.kind).toBe('edit-original');
    expect(reply.message?.embeds[0].description).toContain('**Ferries will run every hour from June.**');
  });

  it('refuses "Ask the article" on a message with no text, privately', async () => {
    const blank = h.emulator.sendMessage('   ');
    await waitUntil(() => h.emulator.messages.has(blank.id));
    const reply = await h.emulator.sendMessageCommand('Ask the article', h.emulator.messages.get(blank.id) as StoredMessage).reply();
    expect(reply.callbackType).toBe(4);
    expect(flagsOf(reply) & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.body.data.content).toMatch(/no text to ask about/);
  });

  it('answers autocomplete with no choices (not a failure) when no suggester is wired', async () => {
    const typed = h.emulator.sendAutocomplete('ask', { question: '' }, 'question');
    expect((await typed.acknowledged).type).toBe(8);
    expect(await h.emulator.choices(typed)).toEqual([]);
  });

  it('never pinged anybody and never failed an interaction', () => {
    expect(h.emulator.pings).toEqual([]);
    expect(log.text()).not.toContain('interaction failed');
    expect(log.text()).not.toContain('message handling failed');
  });
});

describe('conversation edge cases on Discord', () => {
  it('explains, privately, that it cannot open a thread without the permission', async () => {
    const h = await startBotAgainstEmulator();
    try {
      h.emulator.botPermissions.createPublicThreads = false;
      const first = await h.emulator.sendCommand('ask', { question: 'When do the ferries run?' }).reply();
      const button = buttonIds(first.message).find((id) => id.startsWith('thread:')) as string;
      const reply = await h.emulator.clickButton(first.message as StoredMessage, button).reply();
      expect(flagsOf(reply) & EPHEMERAL).toBe(EPHEMERAL);
      expect(reply.body.data.content).toBe(NO_THREAD_PERMISSION);
      expect(h.emulator.threads.size).toBe(0);
      // Replying to the answer still works as the way to follow up.
      const more = await h.emulator.sendMessage('more', { replyTo: first.message as StoredMessage }).reply();
      expect(more.content).toMatch(/No more passages|Question/);
    } finally {
      await h.close();
    }
  });

  it('says the same when Discord refuses the thread although the interaction claimed the permission (50013)', async () => {
    const h = await startBotAgainstEmulator();
    try {
      const first = await h.emulator.sendCommand('ask', { question: 'When do the ferries run?' }).reply();
      const button = buttonIds(first.message).find((id) => id.startsWith('thread:')) as string;
      const click = h.emulator.clickButton(first.message as StoredMessage, button);
      // The permission is taken away between the click and the REST call.
      h.emulator.botPermissions.createPublicThreads = false;
      const reply = await click.reply();
      expect((reply.message?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
      expect(reply.message?.content).toBe(NO_THREAD_PERMISSION);
      expect(h.emulator.requests.some((r) => r.route === 'POST /channels/:channel/messages/:message/threads' && r.status === 403)).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('forgets a deleted thread’s conversation, and survives an answer whose thread vanished meanwhile', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const base = fakeAnswers();
    let hold = false;
    const answers = {
      ...base,
      async answer(question: string): Promise<Answer> {
        if (hold) await gate;
        return base.answer(question);
      },
    };
    const log = memoryLogger();
    const conversations = createConversations({ answer: (q) => answers.answer(q), lexicon: getLexicon(), pageSize: 3 });
    const h = await startBotAgainstEmulator({ answers, conversations, logger: log.logger });
    try {
      const first = (await h.emulator.sendCommand('ask', { question: 'What about the harbour and the council?' }).reply()).message as StoredMessage;
      await h.emulator.clickButton(first, buttonIds(first).find((id) => id.startsWith('thread:')) as string).reply();
      expect(conversations.has(`thread:${first.id}`)).toBe(true);

      hold = true;
      h.emulator.sendMessage('Why?', { channelId: first.id, mentionBot: true });
      await new Promise((r) => setTimeout(r, 150));
      h.emulator.deleteThread(first.id);
      await waitUntil(() => !conversations.has(`thread:${first.id}`));
      release();
      await waitUntil(() => log.text().includes('channel gone before the reply'));
      expect(log.text()).not.toContain('message handling failed');
      hold = false;
      // Still serving.
      const about = await h.emulator.sendCommand('ask', { question: 'When do the ferries run?' }).reply();
      expect(about.kind).toBe('edit-original');
      expect(h.bot.client.isReady()).toBe(true);
    } finally {
      release();
      await h.close();
    }
  });

  it('answers a follow-up to an expired conversation as a question on its own', async () => {
    let now = 10_000_000;
    const h = await startBotAgainstEmulator({ clock: () => now });
    try {
      const first = (await h.emulator.sendCommand('ask', { question: 'When do the ferries run?' }).reply()).message as StoredMessage;
      now += 60 * 60_000;
      const late = await h.emulator.sendMessage('Why?', { replyTo: first }).reply();
      expect(late.content).not.toMatch(/Reading/);
      expect(late.content).toMatch(/doesn't seem to cover/);
    } finally {
      await h.close();
    }
  });

  it('with DISCORD_MESSAGE_CONTENT=true asks for the intent and reads plain messages in its own threads only', async () => {
    const h = await startBotAgainstEmulator({ env: { DISCORD_MESSAGE_CONTENT: 'true' } });
    try {
      expect(BigInt(h.emulator.identifies.at(-1)?.intents ?? 0) & (1n << 15n)).not.toBe(0n);
      const first = (await h.emulator.sendCommand('ask', { question: 'What about the harbour and the council?' }).reply()).message as StoredMessage;
      const opened = await h.emulator.clickButton(first, buttonIds(first).find((id) => id.startsWith('thread:')) as string).reply();
      expect(opened.message?.content).toMatch(/Type your follow-up there/);
      const more = await h.emulator.sendMessage('more', { channelId: first.id }).reply();
      expect(more.embeds[0].description).toContain('**4.**');
      // Outside its threads, a message must still mention the bot.
      await expect(h.emulator.sendMessage('when do the ferries run?').reply(400)).rejects.toThrow(/no a reply/);
    } finally {
      await h.close();
    }
  });
});

describe('declines', () => {
  it('offer the suggested questions as buttons that ask them, leaving out one too long for a label', async () => {
    const base = fakeAnswers();
    const long = `Why ${'exactly '.repeat(12)}?`;
    const answers = {
      ...base,
      async answer(question: string): Promise<Answer> {
        const answer = await base.answer(question);
        return answer.answered ? answer : { ...answer, suggestions: ['When do the ferries run?', long] };
      },
    };
    const h = await startBotAgainstEmulator({ answers });
    try {
      const declined = await h.emulator.sendCommand('ask', { question: 'Who won the football?' }).reply();
      expect(declined.message?.content).toContain('Questions it can answer:\n- When do the ferries run?');
      const asks = buttonIds(declined.message).filter((id) => id.startsWith('ask:'));
      expect(asks).toHaveLength(1);
      const click = h.emulator.clickButton(declined.message as StoredMessage, asks[0] as string);
      expect((await click.acknowledged).type).toBe(5);
      const answered = await click.reply();
      expect(answered.message?.content).toContain('When do the ferries run?');
      expect(answered.message?.embeds[0].description).toContain('**Ferries will run every hour from June.**');
      expect(h.emulator.pings).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

describe('/ask autocomplete', () => {
  it('offers a handful of the article’s questions within Discord’s limits and deadline, also for an empty string', async () => {
    const calls: string[] = [];
    const suggest = (typed: string, limit: number) => {
      calls.push(typed);
      const all = ['When do the ferries run?', 'What did the council approve?', `Why ${'very '.repeat(30)}long?`, ...Array.from({ length: 40 }, (_, i) => `Question ${i}?`)];
      return all.filter((q) => q.toLowerCase().includes(typed.toLowerCase())).slice(0, limit + 5);
    };
    const h = await startBotAgainstEmulator({ suggestQuestions: suggest });
    try {
      const empty = h.emulator.sendAutocomplete('ask', { question: '' }, 'question');
      const ack = await empty.acknowledged;
      expect(ack.type).toBe(8);
      expect(ack.latencyMs).toBeLessThan(3_000);
      const choices = await h.emulator.choices(empty);
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(5);
      for (const c of choices) {
        expect([...c.name].length).toBeLessThanOrEqual(100);
        expect(c.value).toBe(c.name);
      }
      const ferries = await h.emulator.choices(h.emulator.sendAutocomplete('ask', { question: 'ferr' }, 'question'));
      expect(ferries.map((c) => c.name)).toEqual(['When do the ferries run?']);
      const none = await h.emulator.choices(h.emulator.sendAutocomplete('ask', { question: 'zzz' }, 'question'));
      expect(none).toEqual([]);
      expect(calls).toEqual(['', 'ferr', 'zzz']);
    } finally {
      await h.close();
    }
  });

  it('answers an empty list when the suggester fails, and logs why', async () => {
    const log = memoryLogger();
    const h = await startBotAgainstEmulator({
      logger: log.logger,
      suggestQuestions: () => {
        throw new Error('suggestions index broken');
      },
    });
    try {
      expect(await h.emulator.choices(h.emulator.sendAutocomplete('ask', { question: 'who' }, 'question'))).toEqual([]);
      expect(log.text()).toContain('suggestions index broken');
    } finally {
      await h.close();
    }
  });
});

describe('the Message Content intent', () => {
  it('fails to start with one line saying where to switch it on when the Developer Portal has it off', async () => {
    await expect(startBotAgainstEmulator({ env: { DISCORD_MESSAGE_CONTENT: 'true' }, emulator: { messageContentIntent: false } })).rejects.toThrow(
      /Message Content Intent.*Developer Portal.*DISCORD_MESSAGE_CONTENT/,
    );
  });
});
