// Text a user did not write reaches terminals and Discord safely: control bytes in an article (ESC
// sequences that clear the screen or retitle the window, BEL) never reach the terminal raw through
// `ask`, and a right-to-left override in a question is not echoed raw in Discord.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { terminalSafe } from '../src/cli/terminal-safe.js';
import { fakeAnswers, fakePassage, startBotAgainstEmulator } from './discord-emulator/bot-harness.js';
import { runCli } from './helpers/run-cli.js';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/u;

describe('terminalSafe', () => {
  it('shows every control character but newline and tab as a visible stand-in', () => {
    const out = terminalSafe('a\u001b[2Jb\u0007c\rd\te\nf\u009b31mg\u007fh\u0000');
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).toBe('a␛[2Jb␇c␍d\te\nf<U+009B>31mg␡h␀');
  });
});

describe('ask over an article holding terminal escapes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'output-safety-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the quote with the escapes made visible, none raw', async () => {
    const article = path.join(dir, 'article.txt');
    writeFileSync(
      article,
      'The harbour council approved the dredging budget on Monday after a long debate about costs.\u001b]0;pwned\u0007\u001b[2J The vote was seven to two.\n\nFerries will run every hour from June, the operator said in a statement to the press.\n',
    );
    const result = await runCli('src/cli/ask.ts', ['Who approved the dredging budget?'], { STORE_DIR: path.join(dir, 'store'), EMBEDDINGS: 'local', SOURCES: article }, { timeoutMs: 120_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('dredging budget');
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect(result.stdout).toContain('␛]0;pwned␇');
  }, 150_000);
});

describe('a question with bidirectional overrides, echoed in Discord', () => {
  it('is echoed without the overrides or isolates', async () => {
    const harness = await startBotAgainstEmulator({
      answers: fakeAnswers([fakePassage('The harbour works began in March. The council approved the budget.', 'The council approved the budget.', 1)]),
    });
    try {
      const question = 'Who approved the harbour budget \u202Eelif.exe\u202C and \u2067works\u2069?';
      const reply = await harness.emulator.sendCommand('ask', { question }).reply();
      const content = String(reply.message?.content ?? reply.body?.content ?? '');
      expect(content).toContain('elif.exe');
      expect(content).not.toMatch(BIDI);
    } finally {
      await harness.close();
    }
  });
});
