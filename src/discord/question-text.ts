// What counts as a question: the text of a mention without the mention, checked against the limits
// before any work is done (so a refusal can be ephemeral, which it cannot be after a public defer).

/** Remove mentions of the bot (`<@id>` / `<@!id>`) and tidy the whitespace. */
export function questionFromMention(content: string, botId: string): string {
  return content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
}

/** A one-line explanation when the question cannot be asked, else undefined. */
export function questionProblem(question: string, maxLength: number): string | undefined {
  const trimmed = question.trim();
  if (trimmed.length === 0) return 'Please ask a question, e.g. `/ask question: What is the article about?`';
  if (trimmed.length > maxLength) return `That question is ${trimmed.length} characters long; the limit is ${maxLength}. Please shorten it.`;
  return undefined;
}

export const MENTION_HOW_TO = 'Mention me with a question, e.g. "@me what does the article say about X?", or use `/ask`.';
