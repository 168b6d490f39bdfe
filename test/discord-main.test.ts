// `npm start` as a user runs it: a child process against the emulator (the compiled entry point, as
// `npm run start:prod` starts it; see test/helpers/run-cli.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordEmulator } from './discord-emulator/emulator.js';
import { entryPointArgs } from './helpers/run-cli.js';

const REPO = path.resolve(import.meta.dirname, '..');

interface Started {
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => { stdout: string; stderr: string };
  kill: (signal: NodeJS.Signals) => void;
}

/** Runs src/discord/main.ts (compiled) with only the given settings (no inherited DISCORD_* or .env values). */
function startMain(env: Record<string, string>, timeoutMs = 60_000): Started {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD_|STORE_DIR|SOURCES|EMBEDDINGS|FEEDBACK_LOG|COOLDOWN)/.test(k)));
  const child = spawn(process.execPath, entryPointArgs('src/discord/main.ts'), { cwd: REPO, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    }),
  );
  return { exit, output: () => ({ stdout, stderr }), kill: (signal) => child.kill(signal) };
}

describe('npm start (src/discord/main.ts)', () => {
  let emulator: DiscordEmulator;
  let dir: string;
  beforeAll(async () => {
    emulator = await DiscordEmulator.start();
    dir = mkdtempSync(path.join(tmpdir(), 'discord-main-'));
  });
  afterAll(async () => {
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exits non-zero with one clear line, no stack and no token, when Discord rejects the token', async () => {
    const badToken = 'bad-token-do-not-print-7f3c9a';
    const run = startMain({ DISCORD_TOKEN: badToken, DISCORD_API_URL: emulator.apiUrl, STORE_DIR: path.join(dir, 'store-bad'), EMBEDDINGS: 'local' });
    const { code } = await run.exit;
    const { stdout, stderr } = run.output();
    expect(code).not.toBe(0);
    const errorLines = stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errorLines).toEqual([expect.stringMatching(/^error: Discord rejected the token \(401\)/)]);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stdout + stderr).not.toContain(badToken);
    const gatewayCall = emulator.requests.find((r) => r.route === 'GET /gateway/bot');
    expect(gatewayCall?.status).toBe(401);
  });

  it('says what to do when no token is set at all', async () => {
    const run = startMain({ STORE_DIR: path.join(dir, 'store-none'), EMBEDDINGS: 'local' });
    const { code } = await run.exit;
    expect(code).not.toBe(0);
    expect(run.output().stderr).toMatch(/^error: DISCORD_TOKEN is not set/m);
  });

  it('logs in with a good token, answers, and stops cleanly on SIGTERM', async () => {
    const run = startMain({ DISCORD_TOKEN: emulator.token, DISCORD_API_URL: emulator.apiUrl, STORE_DIR: path.join(dir, 'store-good'), EMBEDDINGS: 'local' });
    try {
      await emulator.waitForIdentify(45_000);
      // The client is ready once it has the guild; give it a moment past IDENTIFY.
      const reply = await retry(() => emulator.sendCommand('ask', { question: 'What is this about?' }).reply(5_000));
      expect(reply.body.content).toBe('The index is not built yet: run npm run ingest.');
    } finally {
      run.kill('SIGTERM');
    }
    const { code } = await run.exit;
    expect(code).toBe(0);
    expect(run.output().stderr).not.toContain(emulator.token);
  });
});

async function retry<T>(attempt: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries) throw error;
    }
  }
}
