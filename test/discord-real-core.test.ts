// End to end with the REAL core: the bundled article ingested into a temp store with local embeddings,
// the real discord.js client, and the emulator. What /ask shows must be the article's own words.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import type { Config } from '../src/config.js';
import { createBot, type Bot } from '../src/discord/bot.js';
import { silentLogger } from '../src/logger.js';
import { emulatorConfig } from './discord-emulator/emulator-config.js';
import { DiscordEmulator, PERMISSIONS, type StoredMessage } from './discord-emulator/emulator.js';

const REPO = path.resolve(import.meta.dirname, '..');

/** Undo the formatter's markup: blockquote prefixes, bold, escapes, zero-width spaces, trim ellipses. */
function quotedText(description: string): string[] {
  return description
    .split(/\n\n(?=\*\*\d+\.\*\*)/)
    .map((block) =>
      block
        .split('\n')
        .filter((line) => line.startsWith('>'))
        .map((line) => line.replace(/^> ?/, ''))
        .join('\n')
        .replaceAll('**', '')
        .replace(/\\(.)/g, '$1')
        .replaceAll('\u200b', '')
        .replace(/^…|…$/g, '')
        .trim(),
    )
    // An excerpt's separate parts are joined by " … ": each part is the article's own words.
    .flatMap((block) => block.split(' … ').map((part) => part.trim()));
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the bot over the real core', () => {
  let emulator: DiscordEmulator;
  let app: App;
  let bot: Bot;
  let config: Config;
  let dir: string;

  beforeAll(async () => {
    emulator = await DiscordEmulator.start();
    dir = mkdtempSync(path.join(tmpdir(), 'discord-core-'));
    config = emulatorConfig(emulator, { dir, cwd: REPO, env: { FEEDBACK_LOG: path.join(dir, 'feedback.jsonl'), EMBEDDINGS: 'local', LOG_LEVEL: 'silent' } });
    app = await createApp(config, silentLogger);
    bot = createBot({ config, answers: app.answers, reingest: (o) => app.reingest(o), conversations: app.createConversations(), suggestQuestions: (t, l) => app.suggestQuestions(t, l), logger: silentLogger });
    await bot.start();
  });
  afterAll(async () => {
    await bot?.stop();
    await app?.close();
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('says the index is not built yet before the first ingest', async () => {
    const reply = await emulator.sendCommand('ask', { question: 'What is this about?' }).reply();
    expect(reply.body.content).toBe('The index is not built yet: run npm run ingest.');
  });

  it('re-ingests the bundled article for a member with Manage Server', async () => {
    const reply = await emulator.sendCommand('reingest', {}, { memberPermissions: PERMISSIONS.manageGuild }).reply(60_000);
    expect(reply.message?.content).toMatch(/Re-ingest done in [\d.]+ s: 1 document\(s\), \d+ passages\./);
    expect(reply.message?.content).toMatch(/added 1 \(ingest\/corpus\/article\.txt\)/);
  });

  it('quotes the article word for word when asked with a sentence of its own', async () => {
    const index = app.currentIndex();
    expect(index).toBeDefined();
    // Ask with words taken from the middle passage: a question the article certainly answers.
    const passage = index?.passages[Math.floor((index?.passages.length ?? 0) / 2)];
    const words = (passage?.text ?? '').split(/\s+/).slice(0, 14).join(' ');
    const reply = await emulator.sendCommand('ask', { question: `What does the article say about: ${words}?` }).reply();
    expect(reply.kind).toBe('edit-original');
    const embed = reply.message?.embeds[0];
    expect(embed.title).toBe(index?.documents[0]?.metadata.title ?? index?.documents[0]?.id);
    expect(embed.description).toMatch(/^\*\*1\.\*\* paragraph \d+\n> /);
    expect(embed.footer.text).toMatch(/^Relevance of the best passage: (0\.\d\d|1\.00) /);
    expect(embed.description).toMatch(/\*\*[^*]+\*\*/);
    const article = squash(index?.documents[0]?.text ?? '');
    const quotes = quotedText(embed.description);
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(article).toContain(squash(quote));
    expect(squash(quotes.join(' '))).toContain(squash(words));
    const raw = squash(readFileSync(path.join(REPO, 'ingest/corpus/article.txt'), 'utf8'));
    expect(raw).toContain(squash(quotes[0] ?? '').slice(0, 80));
  });

  it('shows /about for the real index', async () => {
    const reply = await emulator.sendCommand('about').reply();
    const text = JSON.stringify(reply.message?.embeds);
    const index = app.currentIndex();
    expect(text).toContain(String(index?.manifest.passageCount));
    expect(text).toContain('local-hash-v1');
    expect(text).toContain(index?.manifest.builtAt ?? 'missing');
  });

  it('answers 100 /ask interactions sent at once, each acknowledged well within 3 seconds, none lost', async () => {
    const index = app.currentIndex();
    const passages = index?.passages ?? [];
    const handles = Array.from({ length: 100 }, (_, i) => {
      const words = (passages[i % passages.length]?.text ?? 'the article').split(/\s+/).slice(2, 12).join(' ');
      return emulator.sendCommand('ask', { question: `Question ${i}: ${words}?` }, { user: emulator.addUser(`user${i}`) });
    });
    const acks = await Promise.all(handles.map((h) => h.acknowledged));
    const replies = await Promise.all(handles.map((h) => h.reply(60_000)));
    const latencies = acks.map((a) => a.latencyMs).sort((a, b) => a - b);
    console.log(`ack latency over 100 concurrent /ask: median ${latencies[50]} ms, p95 ${latencies[95]} ms, max ${latencies[99]} ms`);
    expect(acks.every((a) => a.type === 5)).toBe(true);
    expect(latencies[99]).toBeLessThan(3000);
    expect(replies).toHaveLength(100);
    replies.forEach((r, i) => {
      expect(r.kind).toBe('edit-original');
      expect(r.message?.content).toContain(`Question ${i}:`);
    });
    expect(emulator.requests.filter((r) => r.status >= 400)).toEqual([]);
    expect(emulator.pings).toEqual([]);
  });

  it('records a vote on a real answer with the passage ids shown', async () => {
    const index = app.currentIndex();
    const words = (index?.passages[0]?.text ?? '').split(/\s+/).slice(0, 12).join(' ');
    const answer = await emulator.sendCommand('ask', { question: words }).reply();
    const up = (answer.message?.components ?? []).flatMap((row: { components: { custom_id: string }[] }) => row.components.map((c) => c.custom_id)).find((id: string) => id.endsWith(':up'));
    await emulator.clickButton(answer.message as StoredMessage, up as string).reply();
    const entry = JSON.parse(readFileSync(config.discord.feedbackLog, 'utf8').trim().split('\n').at(-1) ?? '{}');
    expect(entry.vote).toBe('up');
    expect(entry.passages.length).toBeGreaterThan(0);
    for (const p of entry.passages) expect(index?.passages.some((q) => q.id === p.id && q.paragraph === p.paragraph)).toBe(true);
  });

  it('offers questions the article answers as /ask autocomplete, well within the deadline, for an empty string too', async () => {
    // The first request starts preparing the generation's suggestions; until then the list is empty (still an answer).
    let choices: { name: string; value: string | number }[] = [];
    const deadline = Date.now() + 20_000;
    while (choices.length === 0 && Date.now() < deadline) {
      choices = await emulator.choices(emulator.sendAutocomplete('ask', { question: '' }, 'question'));
      if (choices.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(5);
    const latencies: number[] = [];
    for (const typed of ['', 'derm', 'Trump', 'zzzz', 'who is']) {
      const handle = emulator.sendAutocomplete('ask', { question: typed }, 'question');
      latencies.push((await handle.acknowledged).latencyMs);
      for (const c of await emulator.choices(handle)) {
        expect(String(c.value).endsWith('?')).toBe(true);
        expect([...c.name].length).toBeLessThanOrEqual(100);
      }
    }
    console.log(`autocomplete round trip through discord.js and the emulator: ${latencies.join(', ')} ms`);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
    const dermer = await emulator.choices(emulator.sendAutocomplete('ask', { question: 'derm' }, 'question'));
    expect(dermer.some((c) => /Dermer/.test(c.name))).toBe(true);
  });

  it('declines a question the article does not cover with questions it can answer, one click each', async () => {
    const declined = await emulator.sendCommand('ask', { question: 'Who won the football world cup in 1998?' }).reply();
    expect(declined.message?.content).toMatch(/doesn't seem to cover/);
    expect(declined.message?.content).toContain('Questions it can answer:');
    const asks = (declined.message?.components ?? []).flatMap((row: { components: { custom_id: string }[] }) => row.components.map((c) => c.custom_id)).filter((id: string) => id.startsWith('ask:'));
    expect(asks.length).toBeGreaterThan(0);
    const answered = await emulator.clickButton(declined.message as StoredMessage, asks[0] as string).reply();
    expect(answered.kind).toBe('edit-original');
    expect(answered.message?.embeds[0].description).toMatch(/\*\*1\.\*\* paragraph \d+/);
  });

  it('reads a reply to an answer, and a mention in a thread opened from one, against the question before', async () => {
    const first = await emulator.sendCommand('ask', { question: 'Who is Ron Dermer?' }).reply();
    expect(first.message?.embeds[0].description).toContain('Ron Dermer');
    const reply = await emulator.sendMessage('What did he say?', { replyTo: first.message as StoredMessage }).reply();
    expect(reply.content).toContain("Reading 'he' as Ron Dermer.");
    expect(squash(quotedText(reply.embeds[0].description)[0] ?? '')).toContain('full confidence in our intelligence-sharing relationship');

    const threadButton = (first.message?.components ?? []).flatMap((row: { components: { custom_id: string }[] }) => row.components.map((c) => c.custom_id)).find((id: string) => id.startsWith('thread:'));
    await emulator.clickButton(first.message as StoredMessage, threadButton as string).reply();
    const inThread = await emulator.sendMessage('What did he say?', { channelId: first.message?.id as string, mentionBot: true }).reply();
    expect(inThread.content).toContain("Reading 'he' as Ron Dermer.");
    // A self-contained question afterwards is answered exactly as it would be alone.
    const fresh = await emulator.sendMessage('What did Trump do in the Oval Office?', { channelId: first.message?.id as string, mentionBot: true }).reply();
    const alone = await emulator.sendCommand('ask', { question: 'What did Trump do in the Oval Office?' }).reply();
    expect(fresh.content).not.toContain('Reading');
    expect(fresh.embeds[0].description).toBe(alone.message?.embeds[0].description);
  });
});
