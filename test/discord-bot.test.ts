// End to end: the real discord.js client, driven through the Discord emulator, with a stand-in core.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../src/discord/register-commands.js';
import { AppError } from '../src/errors.js';
import type { IndexAbout } from '../src/types.js';
import { fakeAnswers, memoryLogger, startBotAgainstEmulator, summaryOf, type Harness } from './discord-emulator/bot-harness.js';
import { PERMISSIONS, type InteractionResponse, type StoredMessage } from './discord-emulator/emulator.js';

const EPHEMERAL = 64;

const buttonIds = (message: StoredMessage | undefined): string[] =>
  (message?.components ?? []).flatMap((row: { components?: { custom_id?: string }[] }) => (row.components ?? []).map((c) => c.custom_id ?? ''));

const flagsOf = (r: InteractionResponse): number => Number(r.body?.data?.flags ?? r.body?.flags ?? 0);

/** Every REST body that shows something must carry allowed_mentions with an empty parse list. */
function assertNoBodyCanPing(h: Harness) {
  const shown = h.emulator.requests.filter((r) => {
    const data = r.body?.data ?? r.body;
    return r.method !== 'GET' && data && typeof data === 'object' && ('content' in data || 'embeds' in data);
  });
  expect(shown.length).toBeGreaterThan(0);
  for (const r of shown) {
    const data = r.body?.data ?? r.body;
    expect(data.allowed_mentions, r.route).toBeDefined();
    expect(data.allowed_mentions.parse, r.route).toEqual([]);
  }
  expect(h.emulator.pings).toEqual([]);
}

describe('the bot against the Discord emulator', () => {
  let h: Harness;
  const answers = fakeAnswers(undefined, {
    generation: 'g1',
    builtAt: '2026-03-04T05:06:07.000Z',
    embedder: { kind: 'local', model: 'local-hash-v1', dimensions: 256, settings: {} },
    passageCount: 5,
    documents: [{ id: 'ingest/corpus/harbour.txt', location: '/srv/harbour.txt', title: 'Harbour Plans', author: 'Sam Reporter', passages: 5 }],
  } satisfies IndexAbout);
  const reingestCalls: (string[] | undefined)[] = [];
  const log = memoryLogger();

  beforeAll(async () => {
    h = await startBotAgainstEmulator({
      answers,
      logger: log.logger,
      reingest: async (options) => {
        reingestCalls.push(options?.sources);
        if (options?.sources?.[0] === 'not a url') throw new AppError('URL_INVALID', 'That is not a web address: give a full http(s) URL.');
        return summaryOf({ changed: ['ingest/corpus/harbour.txt'], reused: [], passages: 44, seconds: 2.25 });
      },
      env: { REINGEST_ALLOWED_USERS: '' },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('logs in through GET /gateway/bot with only the intents it needs (no privileged MessageContent)', () => {
    expect(h.emulator.requests.some((r) => r.route === 'GET /gateway/bot')).toBe(true);
    const intents = BigInt(h.emulator.identifies.at(-1)?.intents ?? 0);
    expect(intents & 1n).not.toBe(0n);
    expect(intents & (1n << 9n)).not.toBe(0n);
    expect(intents & (1n << 12n)).not.toBe(0n);
    expect(intents & (1n << 15n)).toBe(0n);
  });

  it('registers /ask, /about, /reingest and "Ask the article" globally, and for one server when DISCORD_GUILD_ID is set', async () => {
    const global = await registerCommands(h.config);
    expect(global.scope).toBe('global');
    expect(h.emulator.commands.global.map((c) => c.name).sort()).toEqual(['Ask the article', 'about', 'ask', 'reingest']);
    expect(h.emulator.commands.global.find((c) => c.name === 'Ask the article')).toMatchObject({ type: 3 });
    const reingest = h.emulator.commands.global.find((c) => c.name === 'reingest');
    expect(reingest.default_member_permissions).toBe(PERMISSIONS.manageGuild);
    const ask = h.emulator.commands.global.find((c) => c.name === 'ask');
    expect(ask.options[0]).toMatchObject({ name: 'question', required: true, max_length: 500, autocomplete: true });

    const guild = await registerCommands({ ...h.config, discord: { ...h.config.discord, guildId: h.emulator.guild.id } });
    expect(guild.scope).toEqual({ guildId: h.emulator.guild.id });
    expect(h.emulator.commands.guild.get(h.emulator.guild.id)?.map((c) => c.name).sort()).toEqual(['Ask the article', 'about', 'ask', 'reingest']);
    expect(h.emulator.requests.filter((r) => r.method === 'PUT').every((r) => r.status === 200)).toBe(true);
  });

  it('answers /ask by deferring at once, then editing in the answering sentence bold with just enough context, title, paragraph and relevance once', async () => {
    const ask = h.emulator.sendCommand('ask', { question: 'What did the council decide about the budget?' });
    const ack = await ask.acknowledged;
    expect(ack.type).toBe(5);
    const reply = await ask.reply();
    expect(reply.kind).toBe('edit-original');
    const embed = reply.message?.embeds[0];
    expect(embed.title).toBe('A Test Article');
    expect(embed.description).toContain('**1.** paragraph 1\n> The harbour works began in March. **The council approved the budget after a long debate.**…');
    expect(embed.description).not.toMatch(/relevance/i);
    expect(embed.footer.text).toMatch(/^Relevance of the best passage: 0\.90 \(0 to 1; higher means/);
    expect(reply.message?.content).toContain('What did the council decide about the budget?');
    expect(buttonIds(reply.message).some((id) => id.startsWith('vote:'))).toBe(true);

    // The whole passages are one click away, shown to the clicker alone.
    const full = buttonIds(reply.message).find((id) => id.startsWith('full:'));
    expect(full).toBeDefined();
    const page = await h.emulator.clickButton(reply.message as StoredMessage, full as string).reply();
    expect(flagsOf(page) & EPHEMERAL).toBe(EPHEMERAL);
    expect(page.message?.embeds[0].description).toContain('> The harbour works began in March. **The council approved the budget after a long debate.** Work stops in winter.');
  });

  it('shows the next passages of the same answer on "More passages"', async () => {
    const ask = h.emulator.sendCommand('ask', { question: 'What about the harbour and the council?' });
    const first = await ask.reply();
    const firstParagraphs = [...String(first.message?.embeds[0].description).matchAll(/paragraph (\d+)/g)].map((m) => m[1]);
    expect(firstParagraphs).toHaveLength(3);
    const more = buttonIds(first.message).find((id) => id.startsWith('more:'));
    expect(more).toBeDefined();

    const click = h.emulator.clickButton(first.message as StoredMessage, more as string);
    const page = await click.reply();
    expect(page.callbackType).toBe(4);
    const nextParagraphs = [...String(page.message?.embeds[0].description).matchAll(/paragraph (\d+)/g)].map((m) => m[1]);
    expect(nextParagraphs.length).toBeGreaterThan(0);
    expect(nextParagraphs.some((p) => firstParagraphs.includes(p))).toBe(false);
    expect(page.message?.embeds[0].description).toContain('**4.**');
    expect(answers.questions.filter((q) => q === 'What about the harbour and the council?')).toHaveLength(1);
  });

  it('appends one JSON line per vote to the feedback log, with the passages shown and the user id but no name', async () => {
    const ask = h.emulator.sendCommand('ask', { question: 'When do the ferries run?' });
    const reply = await ask.reply();
    const down = buttonIds(reply.message).find((id) => id.endsWith(':down'));
    const vote = h.emulator.clickButton(reply.message as StoredMessage, down as string);
    const thanks = await vote.reply();
    expect(flagsOf(thanks) & EPHEMERAL).toBe(EPHEMERAL);
    const lines = readFileSync(h.config.discord.feedbackLog, 'utf8').trim().split('\n');
    const entry = JSON.parse(lines.at(-1) ?? '{}');
    expect(entry).toMatchObject({ question: 'When do the ferries run?', vote: 'down', userId: h.emulator.member.id });
    expect(entry.passages[0]).toMatchObject({ id: 'doc#2', paragraph: 2 });
    expect(Number.isNaN(Date.parse(entry.time))).toBe(false);
    expect(JSON.stringify(entry)).not.toContain(h.emulator.member.username);
  });

  it('answers a mention in a channel as a reply to that message', async () => {
    const sent = h.emulator.sendMessage('when do the ferries run?', { mentionBot: true });
    const reply = await sent.reply();
    expect(reply.replyTo).toBe(sent.id);
    expect(reply.embeds[0].description).toContain('**Ferries will run every hour from June.**');
    expect(reply.raw.message_reference.message_id).toBe(sent.id);
  });

  it('answers a direct message as a reply, and ignores channel messages that do not mention it', async () => {
    const ignored = h.emulator.sendMessage('when do the ferries run?');
    const dm = h.emulator.sendMessage('Who chooses the new harbour master replacement?', { dm: true });
    const reply = await dm.reply();
    expect(reply.channelId).toBe(dm.channelId);
    expect(reply.embeds[0].description).toContain('**A replacement will be chosen by the council.**');
    await expect(ignored.reply(300)).rejects.toThrow(/no a reply/);
  });

  it('explains how to ask when mentioned with no question', async () => {
    const reply = await h.emulator.sendMessage('', { mentionBot: true }).reply();
    expect(reply.content).toMatch(/Mention me with a question/);
    expect(reply.embeds).toEqual([]);
  });

  it('answers an unanswerable question honestly, with suggestions and no quote', async () => {
    const reply = await h.emulator.sendCommand('ask', { question: 'Who won the football?' }).reply();
    expect(reply.message?.content).toMatch(/doesn't seem to cover/);
    expect(reply.message?.content).toContain('- the harbour works');
    expect(reply.message?.embeds).toEqual([]);
  });

  it('pings nobody when a question carries @everyone, @here, user and role mentions, and shows them defused', async () => {
    const question = '@everyone @here <@123456789012345678> <@&223456789012345678> what about the harbour budget?';
    const reply = await h.emulator.sendCommand('ask', { question }).reply();
    expect(reply.message?.content).not.toMatch(/@everyone|@here|<@\d|<@&\d/);
    const viaMention = await h.emulator.sendMessage(question, { mentionBot: true }).reply();
    expect(viaMention.content).not.toMatch(/@everyone|@here/);
    assertNoBodyCanPing(h);
  });

  it('refuses an over-long or blank question with an ephemeral explanation and does no work', async () => {
    const before = answers.questions.length;
    const reply = await h.emulator.sendCommand('ask', { question: 'why '.repeat(200) }).reply();
    expect(reply.callbackType).toBe(4);
    expect(flagsOf(reply) & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.body.data.content).toMatch(/limit is 500/);
    const blank = await h.emulator.sendCommand('ask', { question: '   ' }).reply();
    expect(flagsOf(blank) & EPHEMERAL).toBe(EPHEMERAL);
    expect(blank.body.data.content).toMatch(/Please ask a question/);
    expect(answers.questions.length).toBe(before);
  });

  it('shows /about: title, author, source, passages, embedder and build time', async () => {
    const reply = await h.emulator.sendCommand('about').reply();
    const text = JSON.stringify(reply.message?.embeds);
    for (const expected of ['Harbour Plans', 'Sam Reporter', '/srv/harbour.txt', 'local-hash-v1', '2026-03-04T05:06:07.000Z']) expect(text).toContain(expected);
  });

  it('re-ingests for a member with Manage Server and replies with the summary', async () => {
    const run = h.emulator.sendCommand('reingest', { url: 'https://news.example/story' }, { memberPermissions: PERMISSIONS.manageGuild });
    const ack = await run.acknowledged;
    expect(ack.type).toBe(5);
    const reply = await run.reply();
    expect((reply.message?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.message?.content).toMatch(/44 passages/);
    expect(reply.message?.content).toMatch(/changed 1/);
    expect(reply.message?.content).toMatch(/2\.3 s|2\.2 s/);
    expect(reingestCalls.at(-1)).toEqual(['https://news.example/story']);
  });

  it('refuses /reingest, ephemerally, to members without Manage Server', async () => {
    const calls = reingestCalls.length;
    const reply = await h.emulator.sendCommand('reingest', {}, { memberPermissions: PERMISSIONS.none }).reply();
    expect(reply.callbackType).toBe(4);
    expect(flagsOf(reply) & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.body.data.content).toMatch(/Manage Server/);
    expect(reingestCalls.length).toBe(calls);
  });

  it('shows a bad re-ingest URL as the one-line error', async () => {
    const reply = await h.emulator.sendCommand('reingest', { url: 'not a url' }, { memberPermissions: PERMISSIONS.manageGuild }).reply();
    expect(reply.message?.content).toBe('That is not a web address: give a full http(s) URL.');
  });

  it('survives the same interaction delivered twice (40060 on the second acknowledgement)', async () => {
    const ask = h.emulator.sendCommand('ask', { question: 'When do the ferries run this summer?' });
    await ask.reply();
    h.emulator.redeliver(ask);
    await waitUntil(() => h.emulator.requests.some((r) => r.route.endsWith('/callback') && r.status === 400));
    await waitUntil(() => log.text().includes('already answered'));
    // Still serving.
    const next = await h.emulator.sendCommand('about').reply();
    expect(next.callbackType).toBe(4);
  });

  it('never writes the token to the log', () => {
    expect(log.text().length).toBeGreaterThan(0);
    expect(log.text()).not.toContain(h.emulator.token);
  });
});

describe('bot failure paths', () => {
  it('tells the user the index is not built yet when there is none', async () => {
    const h = await startBotAgainstEmulator({
      answers: { answer: () => Promise.reject(new AppError('INDEX_MISSING', 'The index is not built yet: run npm run ingest.')), about: () => undefined },
    });
    try {
      const ask = h.emulator.sendCommand('ask', { question: 'anything?' });
      const reply = await ask.reply();
      expect(reply.kind).toBe('followup');
      expect(flagsOf(reply) & EPHEMERAL).toBe(EPHEMERAL);
      expect(reply.body.content).toBe('The index is not built yet: run npm run ingest.');
      expect(ask.responses.map((r) => r.kind)).toEqual(['callback', 'delete-original', 'followup']);
      const about = await h.emulator.sendCommand('about').reply();
      expect(about.body.data.content).toMatch(/not built yet/);
      const mention = await h.emulator.sendMessage('anything?', { mentionBot: true }).reply();
      expect(mention.content).toBe('The index is not built yet: run npm run ingest.');
    } finally {
      await h.close();
    }
  });

  it('shows a short generic line for an unexpected failure and logs the details', async () => {
    const log = memoryLogger();
    const h = await startBotAgainstEmulator({ logger: log.logger, answers: { answer: () => Promise.reject(new TypeError('vector store exploded at row 7')), about: () => undefined } });
    try {
      const reply = await h.emulator.sendCommand('ask', { question: 'anything?' }).reply();
      expect(reply.body.content).toBe('Something went wrong while answering. The details are in the log.');
      expect(log.text()).toContain('vector store exploded at row 7');
      expect(log.text()).not.toContain(h.emulator.token);
    } finally {
      await h.close();
    }
  });

  it('enforces the per-user cooldown with an ephemeral notice and no work done', async () => {
    let now = 1_000_000;
    const answers = fakeAnswers();
    const h = await startBotAgainstEmulator({ answers, env: { COOLDOWN_SECONDS: '30' }, clock: () => now });
    try {
      await h.emulator.sendCommand('ask', { question: 'When do the ferries run?' }).reply();
      const blocked = await h.emulator.sendCommand('ask', { question: 'And the harbour budget?' }).reply();
      expect(flagsOf(blocked) & EPHEMERAL).toBe(EPHEMERAL);
      expect(blocked.body.data.content).toMatch(/wait 30 s/);
      const mention = await h.emulator.sendMessage('and the harbour budget?', { mentionBot: true }).reply();
      expect(mention.content).toMatch(/wait 30 s/);
      expect(mention.embeds).toEqual([]);
      const other = h.emulator.addUser('someone-else');
      const theirs = await h.emulator.sendCommand('ask', { question: 'And the harbour budget?' }, { user: other }).reply();
      expect(theirs.kind).toBe('edit-original');
      expect(answers.questions).toEqual(['When do the ferries run?', 'And the harbour budget?']);
      now += 30_000;
      const later = await h.emulator.sendCommand('ask', { question: 'When do the ferries run?' }).reply();
      expect(later.kind).toBe('edit-original');
    } finally {
      await h.close();
    }
  });

  it('answers "More passages" on an expired answer with a polite ephemeral note', async () => {
    let now = 5_000_000;
    const h = await startBotAgainstEmulator({ clock: () => now });
    try {
      const first = await h.emulator.sendCommand('ask', { question: 'What about the harbour and the council?' }).reply();
      const more = buttonIds(first.message).find((id) => id.startsWith('more:')) as string;
      now += 16 * 60_000;
      const reply = await h.emulator.clickButton(first.message as StoredMessage, more).reply();
      expect(reply.callbackType).toBe(4);
      expect(flagsOf(reply) & EPHEMERAL).toBe(EPHEMERAL);
      expect(reply.body.data.content).toMatch(/expired.*\/ask/);
    } finally {
      await h.close();
    }
  });

  it('lets a user listed in REINGEST_ALLOWED_USERS re-ingest without Manage Server', async () => {
    const calls: unknown[] = [];
    const h = await startBotAgainstEmulator({ env: (e) => ({ REINGEST_ALLOWED_USERS: e.member.id }), reingest: async (o) => (calls.push(o), summaryOf()) });
    try {
      const reply = await h.emulator.sendCommand('reingest', {}, { memberPermissions: PERMISSIONS.none }).reply();
      expect(reply.message?.content).toMatch(/Re-ingest done/);
      expect(calls).toEqual([{}]);
      const stranger = h.emulator.addUser('stranger');
      const refused = await h.emulator.sendCommand('reingest', {}, { user: stranger, memberPermissions: PERMISSIONS.none }).reply();
      expect(refused.body.data.content).toMatch(/Manage Server/);
      expect(calls).toHaveLength(1);
    } finally {
      await h.close();
    }
  });

  it('logs and survives an interaction it could not acknowledge in time (10062)', async () => {
    const log = memoryLogger();
    const h = await startBotAgainstEmulator({ logger: log.logger, emulator: { ackDeadlineMs: 0 } });
    try {
      const ask = h.emulator.sendCommand('ask', { question: 'When do the ferries run?' });
      await expect(ask.acknowledged).rejects.toThrow(/not acknowledged/);
      await waitUntil(() => log.text().includes('interaction expired or already answered'));
      expect(h.emulator.requests.find((r) => r.route.endsWith('/callback'))?.status).toBe(404);
      expect(h.bot.client.isReady()).toBe(true);
    } finally {
      await h.close();
    }
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

