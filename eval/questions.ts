// The evaluation question format: one JSON object per line,
// {"id", "question", "answerable", "expect": [phrases the right passage contains]}.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../src/errors.js';

/** One evaluation question; `expect` lists phrases any of which the right passage contains (empty when unanswerable). */
export interface EvalQuestion {
  id: string;
  question: string;
  answerable: boolean;
  expect: string[];
}

const line = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  answerable: z.boolean(),
  expect: z.array(z.string().min(1)),
});

/**
 * Parses JSONL question lines (blank lines and lines starting with // are skipped).
 * Throws AppError('CONFIG_INVALID') naming `name` and the 1-based line number of the first bad line, or saying the file has no questions.
 */
export function parseQuestions(text: string, name: string): EvalQuestion[] {
  const out: EvalQuestion[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    if (raw.trim() === '' || raw.trim().startsWith('//')) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new AppError('CONFIG_INVALID', `${name} line ${i + 1} is not JSON. Each line must be {"id","question","answerable","expect"}.`);
    }
    const parsed = line.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('CONFIG_INVALID', `${name} line ${i + 1}: ${String(issue?.path[0] ?? 'value')} ${issue?.message ?? 'is invalid'}.`);
    }
    if (parsed.data.answerable && parsed.data.expect.length === 0) {
      throw new AppError('CONFIG_INVALID', `${name} line ${i + 1}: an answerable question needs at least one expect phrase.`);
    }
    out.push(parsed.data);
  }
  if (out.length === 0) throw new AppError('CONFIG_INVALID', `${name} has no questions.`);
  return out;
}

/**
 * Reads and parses a question file. `shownAs` names it in messages (default: `file`).
 * Throws AppError('SOURCE_NOT_FOUND') when it cannot be read, 'CONFIG_INVALID' naming the line when a line is malformed.
 */
export function readQuestions(file: string, shownAs: string = file): EvalQuestion[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('SOURCE_NOT_FOUND', `Cannot read the question file ${shownAs}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}. Pass an existing file with --file.`, { cause: error });
  }
  return parseQuestions(text, shownAs);
}
