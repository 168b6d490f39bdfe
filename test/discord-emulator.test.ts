// The emulator enforces Discord's rules: if it did not, a bot breaking them would still pass its tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DiscordEmulator } from './discord-emulator/emulator.js';

/** Identify on the gateway with a raw socket; resolves with the first dispatch or the close code. */
function identify(emulator: DiscordEmulator, token: string): Promise<{ closeCode?: number; dispatch?: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${emulator.gatewayUrl}?v=10&encoding=json`);
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('gateway did not answer'));
    }, 5_000);
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw));
      if (frame.op === 10) socket.send(JSON.stringify({ op: 2, d: { token, intents: 1, properties: {} } }));
      if (frame.op === 0) {
        clearTimeout(timer);
        socket.close(1000);
        resolve({ dispatch: frame.t });
      }
    });
    socket.on('close', (code) => {
      clearTimeout(timer);
      resolve({ closeCode: code });
    });
    socket.on('error', reject);
  });
}

describe('the Discord emulator', () => {
  let emulator: DiscordEmulator;
  // A raw gateway connection stands in for a bot, so interactions can be dispatched.
  let bot: WebSocket;

  const rest = (method: string, route: string, body?: unknown, auth = true) =>
    fetch(`${emulator.apiUrl}/v10${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bot ${emulator.token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    emulator = await DiscordEmulator.start({ ackDeadlineMs: 3_000 });
    bot = new WebSocket(emulator.gatewayUrl);
    bot.on('message', (raw) => {
      if (JSON.parse(String(raw)).op === 10) bot.send(JSON.stringify({ op: 2, d: { token: emulator.token, intents: 1, properties: {} } }));
    });
    await emulator.waitForIdentify();
  });
  afterAll(async () => {
    bot?.terminate();
    await emulator?.close();
  });

  it('rejects a wrong token with 401 on REST and close code 4004 on IDENTIFY', async () => {
    expect((await rest('GET', '/gateway/bot', undefined, false)).status).toBe(401);
    expect((await identify(emulator, 'wrong')).closeCode).toBe(4004);
    expect((await identify(emulator, emulator.token)).dispatch).toBe('READY');
  });

  it('accepts content of exactly 2000 characters and rejects 2001 with 50035', async () => {
    const ok = await rest('POST', `/channels/${emulator.channelId}/messages`, { content: 'x'.repeat(2000), allowed_mentions: { parse: [] } });
    expect(ok.status).toBe(200);
    const tooLong = await rest('POST', `/channels/${emulator.channelId}/messages`, { content: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { code: number }).code).toBe(50035);
  });

  it('rejects embeds over the description, field, field count and 6000-total limits', async () => {
    const post = (embeds: unknown[]) => rest('POST', `/channels/${emulator.channelId}/messages`, { embeds });
    expect((await post([{ description: 'd'.repeat(4096) }])).status).toBe(200);
    expect((await post([{ description: 'd'.repeat(4097) }])).status).toBe(400);
    expect((await post([{ title: 't'.repeat(257) }])).status).toBe(400);
    expect((await post([{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }])).status).toBe(400);
    expect((await post([{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }])).status).toBe(400);
    expect((await post([{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }])).status).toBe(400);
  });

  it('counts as pings what a message without allowed_mentions would notify', async () => {
    const before = emulator.pings.length;
    await rest('POST', `/channels/${emulator.channelId}/messages`, { content: '@everyone <@123456789012345678>' });
    expect(emulator.pings.slice(before).map((p) => p.kind)).toEqual(['everyone', 'user']);
    const after = emulator.pings.length;
    await rest('POST', `/channels/${emulator.channelId}/messages`, { content: '@everyone <@123456789012345678>', allowed_mentions: { parse: [] } });
    expect(emulator.pings.length).toBe(after);
  });

  it('answers a second acknowledgement with 40060', async () => {
    const handle = emulator.sendCommand('ask', { question: 'q' });
    const callback = `/interactions/${handle.id}/${handle.token}/callback`;
    expect((await rest('POST', callback, { type: 5 }, false)).status).toBe(204);
    const again = await rest('POST', callback, { type: 4, data: { content: 'hi' } }, false);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { code: number }).code).toBe(40060);
    expect((await handle.acknowledged).type).toBe(5);
  });

  it('answers an acknowledgement after 3 seconds with 10062 (Unknown interaction)', async () => {
    const handle = emulator.sendCommand('ask', { question: 'q' });
    await new Promise((r) => setTimeout(r, 3_100));
    const late = await rest('POST', `/interactions/${handle.id}/${handle.token}/callback`, { type: 5 }, false);
    expect(late.status).toBe(404);
    expect(((await late.json()) as { code: number }).code).toBe(10062);
    await expect(handle.acknowledged).rejects.toThrow(/not acknowledged within 3000 ms/);
  });

  it('answers autocomplete only with choices: at most 25, name and value 1-100 characters, no defer', async () => {
    const callback = (h: { id: string; token: string }, body: unknown) => rest('POST', `/interactions/${h.id}/${h.token}/callback`, body, false);
    const choice = (i: number) => ({ name: `q${i}`, value: `q${i}` });
    const codeOf = async (r: Response) => ((await r.json()) as { code: number }).code;
    expect(await codeOf(await callback(emulator.sendAutocomplete('ask', { question: 'x' }, 'question'), { type: 5 }))).toBe(40043);
    expect((await callback(emulator.sendAutocomplete('ask', { question: 'x' }, 'question'), { type: 8, data: { choices: Array.from({ length: 26 }, (_, i) => choice(i)) } })).status).toBe(400);
    expect((await callback(emulator.sendAutocomplete('ask', { question: 'x' }, 'question'), { type: 8, data: { choices: [{ name: 'n'.repeat(101), value: 'v' }] } })).status).toBe(400);
    expect((await callback(emulator.sendAutocomplete('ask', { question: 'x' }, 'question'), { type: 8, data: { choices: [{ name: 'n', value: 'v'.repeat(101) }] } })).status).toBe(400);
    const ok = emulator.sendAutocomplete('ask', { question: 'x' }, 'question');
    expect((await callback(ok, { type: 8, data: { choices: Array.from({ length: 25 }, (_, i) => choice(i)) } })).status).toBe(204);
    expect(await emulator.choices(ok)).toHaveLength(25);
    // Choices answer nothing but autocomplete.
    expect(await codeOf(await callback(emulator.sendCommand('ask', { question: 'q' }), { type: 8, data: { choices: [] } }))).toBe(40043);
  });

  it('starts a thread on a message once, refuses without Create Public Threads (50013), and forgets a deleted thread', async () => {
    const post = await rest('POST', `/channels/${emulator.channelId}/messages`, { content: 'answer', allowed_mentions: { parse: [] } });
    const message = (await post.json()) as { id: string };
    const start = () => rest('POST', `/channels/${emulator.channelId}/messages/${message.id}/threads`, { name: 'Follow-up', auto_archive_duration: 1440 });
    emulator.botPermissions.createPublicThreads = false;
    const denied = await start();
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { code: number }).code).toBe(50013);
    emulator.botPermissions.createPublicThreads = true;
    const created = await start();
    expect(created.status).toBe(201);
    expect(((await created.json()) as { id: string; type: number }).type).toBe(11);
    expect(((await (await start()).json()) as { code: number }).code).toBe(160004);
    expect((await rest('POST', `/channels/${message.id}/messages`, { content: 'in thread' })).status).toBe(200);
    emulator.deleteThread(message.id);
    const gone = await rest('POST', `/channels/${message.id}/messages`, { content: 'in thread' });
    expect(((await gone.json()) as { code: number }).code).toBe(10003);
  });

  it('refuses to edit a reply that was never acknowledged', async () => {
    const handle = emulator.sendCommand('ask', { question: 'q' });
    const edit = await rest('PATCH', `/webhooks/${emulator.applicationId}/${handle.token}/messages/%40original`, { content: 'x' }, false);
    expect(edit.status).toBe(404);
    expect(((await edit.json()) as { code: number }).code).toBe(10015);
  });
});
