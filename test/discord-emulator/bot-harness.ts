// Starts the emulator and the real bot (real discord.js client) pointed at it, for end-to-end tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createConversations, type Conversations } from '../../src/answer/conversation.js';
import type { Config } from '../../src/config.js';
import type { Reingest, SuggestQuestions } from '../../src/discord/bot-context.js';
import { createBot, type Bot } from '../../src/discord/bot.js';
import { AppError } from '../../src/errors.js';
import { createLogger, silentLogger, type Logger } from '../../src/logger.js';
import type { Answer, AnswerService, IndexAbout, IngestSummary, QuotedPassage } from '../../src/types.js';
import { emulatorConfig } from './emulator-config.js';
import { DiscordEmulator, type EmulatorOptions } from './emulator.js';
import { getLexicon } from '../../src/text/lexicon.js';

export interface Harness {
  emulator: DiscordEmulator;
  bot: Bot;
  config: Config;
  dir: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Settings; a function gets the emulator, for settings naming its ids. */
  env?: Record<string, string> | ((emulator: DiscordEmulator) => Record<string, string>);
  answers?: AnswerService;
  reingest?: Reingest;
  emulator?: EmulatorOptions;
  logger?: Logger;
  clock?: () => number;
  /** Defaults to the core's real store over `answers`, on the harness clock. */
  conversations?: Conversations;
  suggestQuestions?: SuggestQuestions;
}

export async function startBotAgainstEmulator(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = await DiscordEmulator.start(options.emulator);
  const dir = mkdtempSync(path.join(tmpdir(), 'discord-e2e-'));
  const config = emulatorConfig(emulator, { dir, env: { FEEDBACK_LOG: path.join(dir, 'feedback.jsonl'), ...(typeof options.env === 'function' ? options.env(emulator) : options.env) } });
  const answers = options.answers ?? fakeAnswers();
  const bot = createBot({
    config,
    answers,
    conversations:
      options.conversations ??
      createConversations({ answer: (q) => answers.answer(q), lexicon: getLexicon(), pageSize: config.answer.passages, ...(options.clock ? { now: options.clock } : {}) }),
    ...(options.suggestQuestions ? { suggestQuestions: options.suggestQuestions } : {}),
    reingest: options.reingest ?? (() => Promise.reject(new Error('reingest not expected in this test'))),
    logger: options.logger ?? silentLogger,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  try {
    await bot.start();
  } catch (error) {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    emulator,
    bot,
    config,
    dir,
    async close() {
      await bot.stop();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A passage as the core would return it; `highlight` marks the answering sentence inside `text`. */
export function fakePassage(text: string, highlight: string, paragraph: number, score = 0.7, source = 'A Test Article'): QuotedPassage {
  const start = text.indexOf(highlight);
  return {
    passage: { id: `doc#${paragraph}`, documentId: 'doc', ordinal: paragraph - 1, paragraph, text, start: 0, end: text.length },
    source,
    score,
    highlights: start >= 0 ? [{ start, end: start + highlight.length }] : [],
  };
}

/**
 * A stand-in core over a fixed list of passages: questions sharing a word of 5+ letters with a passage
 * get it (best overlap first); others are declined with suggestions. Validation mirrors the real core.
 */
export function fakeAnswers(passages: QuotedPassage[] = defaultPassages(), about?: IndexAbout, maxLength = 500): AnswerService & { questions: string[] } {
  const questions: string[] = [];
  const words = (s: string) => new Set(s.toLowerCase().match(/[a-z]{5,}/g) ?? []);
  return {
    questions,
    async answer(question: string): Promise<Answer> {
      questions.push(question);
      if (!question.trim()) throw new AppError('QUESTION_EMPTY', 'Please type a question.');
      if (question.length > maxLength) throw new AppError('QUESTION_TOO_LONG', `Questions are limited to ${maxLength} characters.`);
      const asked = words(question);
      const ranked = passages
        .map((q) => ({ q, overlap: [...words(q.passage.text)].filter((w) => asked.has(w)).length }))
        .filter((r) => r.overlap > 0)
        .sort((a, b) => b.overlap - a.overlap)
        .map((r) => r.q);
      return ranked.length > 0
        ? { question, answered: true, passages: ranked, suggestions: [] }
        : { question, answered: false, passages: [], suggestions: ['the harbour works', 'the ferry timetable'] };
    },
    about: () => about,
  };
}

function defaultPassages(): QuotedPassage[] {
  const texts = [
    ['The harbour works began in March. The council approved the budget after a long debate. Work stops in winter.', 'The council approved the budget after a long debate.'],
    ['Ferries will run every hour from June. The timetable doubles the winter service.', 'Ferries will run every hour from June.'],
    ['The budget covers dredging and new moorings. Critics said the harbour budget was too small.', 'Critics said the harbour budget was too small.'],
    ['Residents asked about the harbour noise. The council promised quiet hours at night.', 'The council promised quiet hours at night.'],
    ['The harbour master retires next year. A replacement will be chosen by the council.', 'A replacement will be chosen by the council.'],
  ] as const;
  return texts.map(([text, highlight], i) => fakePassage(text, highlight, i + 1, 0.9 - i * 0.1));
}

export function summaryOf(partial: Partial<IngestSummary> = {}): IngestSummary {
  return {
    generation: 'g-test',
    documents: 1,
    passages: 12,
    embedder: { kind: 'local', model: 'local-hash-v1', dimensions: 256, settings: {} },
    added: [],
    changed: [],
    removed: [],
    reused: ['article.txt'],
    seconds: 1.5,
    ...partial,
  };
}

/** A real pino logger whose JSON lines are kept in memory, to check what the log says (and never says). */
export function memoryLogger(level = 'debug'): { logger: Logger; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { logger: createLogger(level, stream), text: () => chunks.join('') };
}
