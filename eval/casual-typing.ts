// The same question typed the way chat users type it. Hand-written casual sets cover a few dozen
// phrasings; this rewrites every question of a set in one fixed, documented way (lower case, apostrophes
// dropped, chat abbreviations, an opening "so"/"hey" and a closing "lol"/"tho", no question mark), so a
// gate can check on hundreds of questions that casual typing alone never changes the answer.

// Written forms and the chat spelling users type for them (whole words, after lower-casing).
const CHAT_SPELLINGS: [RegExp, string][] = [
  [/\bwhat(?:'s| is)\b/g, 'whats'],
  [/\bwho(?:'s| is)\b/g, 'whos'],
  [/\bdon't\b/g, 'dont'],
  [/\bdoesn't\b/g, 'doesnt'],
  [/\bdidn't\b/g, 'didnt'],
  [/\bisn't\b/g, 'isnt'],
  [/\bcan't\b/g, 'cant'],
  [/\bintelligence\b/g, 'intel'],
  [/\bgovernment\b/g, 'govt'],
  [/\badministration\b/g, 'admin'],
  [/\binformation\b/g, 'info'],
  [/\byou\b/g, 'u'],
  [/\bbecause\b/g, 'cuz'],
  [/\bpeople\b/g, 'ppl'],
  [/\bgoing to\b/g, 'gonna'],
];
const OPENINGS = ['so ', 'hey ', 'ok so ', ''];
const CLOSINGS = [' lol', '', ' tho', '??'];

/**
 * `question` as a chat user might type it: lower case, curly apostrophes straightened, chat spellings
 * (whats, dont, intel, govt, u, gonna), the question mark dropped, and, chosen by `variant` (any integer,
 * e.g. the question's position), an opening ("so", "hey", "ok so") and a closing ("lol", "tho", "??").
 * Deterministic; never throws.
 */
export function typedCasually(question: string, variant: number): string {
  let text = question.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  for (const [written, chat] of CHAT_SPELLINGS) text = text.replace(written, chat);
  text = text.replace(/\?+\s*$/, '').trim();
  const k = ((variant % 4) + 4) % 4;
  return `${OPENINGS[k]}${text}${CLOSINGS[k]}`;
}
