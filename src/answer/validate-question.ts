// Refuses what cannot be asked (empty, only mentions or emoji, too long) with one line saying what to do.
import { AppError } from '../errors.js';
import { cleanQuestion } from '../text/clean-question.js';

/** The question, trimmed. A question of nothing but mentions, emoji or markup counts as empty. Throws a one-line AppError saying what to do when it is empty or too long. */
export function validateQuestion(question: string, maxLength: number): string {
  const trimmed = question.trim();
  if (trimmed.length === 0 || !/[\p{L}\p{N}]/u.test(cleanQuestion(trimmed))) {
    throw new AppError('QUESTION_EMPTY', 'The question is empty: type a question about the article after the command.');
  }
  if (trimmed.length > maxLength) {
    throw new AppError('QUESTION_TOO_LONG', `The question is ${trimmed.length} characters long; the limit is ${maxLength}. Ask a shorter question.`);
  }
  return trimmed;
}
