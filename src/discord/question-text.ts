// What counts as a question: the text of a mention without the mention, checked against the limits
// before any work is done (so a refusal can be ephemeral, which it cannot be after a public defer).
import { validateQuestion } from '../answer/validate-question.js';
import { isAppError } from '../errors.js';

/** Remove mentions of the bot (`<@id>` / `<@!id>`) and tidy the whitespace. */
export function questionFromMention(content: string, botId: string): string {
  return content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
}

/**
 * A one-line explanation when the question cannot be asked, else undefined. The rules are the core's
 * (`validateQuestion`), checked here only so the refusal can come before a public defer.
 */
export function questionProblem(question: string, maxLength: number): string | undefined {
  try {
    validateQuestion(question, maxLength);
    return undefined;
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === 'QUESTION_EMPTY') return 'Please ask a question, e.g. `/ask question: What is the article about?`';
    return error.message;
  }
}

/** Reply to a mention of the bot that holds no question: how to ask one. */
export const MENTION_HOW_TO = 'Mention me with a question, e.g. "@me what does the article say about X?", or use `/ask`.';
