// Refuses what cannot be asked (empty, only mentions or emoji, too long) with one line saying what to do.
import { AppError } from '../errors.js';
import { cleanQuestion, type CleanQuestion } from '../text/clean-question.js';

/** A question that may be asked: as typed (trimmed, what a reply shows) and as cleanQuestion reads it. */
export interface AcceptedQuestion {
  text: string;
  /** cleanQuestion(text): worked out here to judge emptiness, and handed on so the answerer need not clean it again. */
  cleaned: CleanQuestion;
}

/**
 * The question, trimmed, and its cleaned form. A question of nothing but mentions, emoji or markup counts
 * as empty. Throws a one-line AppError saying what to do when it is empty or too long.
 */
export function acceptQuestion(question: string, maxLength: number): AcceptedQuestion {
  const text = question.trim();
  const cleaned = cleanQuestion(text);
  if (text.length === 0 || !/[\p{L}\p{N}]/u.test(cleaned)) {
    throw new AppError('QUESTION_EMPTY', 'The question is empty: type a question about the article after the command.');
  }
  if (text.length > maxLength) {
    throw new AppError('QUESTION_TOO_LONG', `The question is ${text.length} characters long; the limit is ${maxLength}. Ask a shorter question.`);
  }
  return { text, cleaned };
}

/** The question, trimmed (see acceptQuestion, which also gives its cleaned form). Throws what acceptQuestion throws. */
export function validateQuestion(question: string, maxLength: number): string {
  return acceptQuestion(question, maxLength).text;
}
