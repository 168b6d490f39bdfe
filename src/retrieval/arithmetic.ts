// Whether a question is a sum to work out ("What is 17 times 23?", "How much is 15 percent of 80?").
// No article answers one by quoting, yet its numbers and "times" occur in any long text: a library of
// documentation is full of "17" and "times". A question is arithmetic when every content word it has
// is a number or a word of arithmetic, and it has at least one number and one operation.
import { isContentWord, words } from '../text/analyze.js';

const OPERATIONS = new Set([
  'times', 'plus', 'minus', 'divided', 'multiplied', 'percent', 'percentage', 'squared', 'cubed', 'root', 'power',
  'sum', 'product', 'quotient', 'remainder', 'modulo', 'add', 'added', 'subtract', 'subtracted', 'multiply', 'divide', 'x',
]);
// Words that may stand beside the operation without making it a question about a text.
const ARITHMETIC_WORDS = new Set(['square', 'cube', 'calculate', 'compute', 'work', 'equal', 'equals', 'result', 'answer', 'value', 'number', 'numbers']);
const SYMBOL = /\d\s*[-+*/×÷^%]\s*\d|\d\s*%/;

/** True when the question only asks to compute something from the numbers it gives. */
export function isArithmetic(question: string): boolean {
  const ws = words(question).map((w) => w.text);
  const content = ws.filter((w) => isContentWord(w));
  const numbers = content.filter((w) => /^\d+(?:[.,]\d+)*$/.test(w));
  if (numbers.length === 0) return false;
  const operation = content.some((w) => OPERATIONS.has(w)) || SYMBOL.test(question);
  if (!operation) return false;
  return content.every((w) => /^\d+(?:[.,]\d+)*$/.test(w) || OPERATIONS.has(w) || ARITHMETIC_WORDS.has(w));
}
