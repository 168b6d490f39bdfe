// `npm run ask -- --file <questions>`: turns a batch file into the questions to answer, one item per
// question line, so one bad line is reported on its own line of output and never stops the others.
// A .jsonl/.ndjson file holds objects with a "question" field; any other file is one question per line.
// Standard input (`-`) is read as JSONL when its first non-blank line starts with "{".
import { readFile } from 'node:fs/promises';
import { AppError } from '../errors.js';

/** One question line of a batch: either the question to answer or why that line cannot be one. */
export type BatchItem = { line: number; question: string } | { line: number; question: unknown; error: string };

/**
 * Reads a batch from `file` (`-` = `stdin`). Returns one item per non-blank line, in order.
 * Throws AppError('SOURCE_NOT_FOUND') when the file cannot be read and 'SOURCE_EMPTY' when it holds no question line.
 */
export async function readBatch(file: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<BatchItem[]> {
  let text: string;
  try {
    text = file === '-' ? await readAll(stdin) : await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError('SOURCE_NOT_FOUND', `Cannot read the question file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`, { cause: error });
  }
  const name = file === '-' ? 'standard input' : file;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const firstLine = lines.find((l) => l.trim() !== '') ?? '';
  const jsonl = file === '-' ? firstLine.trimStart().startsWith('{') : /\.(jsonl|ndjson)$/i.test(file);
  const items: BatchItem[] = [];
  for (const [i, raw] of lines.entries()) {
    if (raw.trim() === '') continue;
    items.push(jsonl ? jsonItem(raw, i + 1) : { line: i + 1, question: raw });
  }
  if (items.length === 0) throw new AppError('SOURCE_EMPTY', `The question file ${name} has no questions: put one question per line (or one {"question": ...} object per line in a .jsonl file).`);
  return items;
}

function jsonItem(raw: string, line: number): BatchItem {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { line, question: raw, error: `Line ${line} is not JSON: each line of a .jsonl file must be an object like {"question": "..."}.` };
  }
  const question = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>).question : undefined;
  if (typeof question !== 'string') {
    return { line, question: question ?? null, error: `Line ${line} has no "question" text: each line of a .jsonl file must be an object like {"question": "..."}.` };
  }
  return { line, question };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
