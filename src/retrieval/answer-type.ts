// What kind of answer a question asks for, read from its opening words, and whether a sentence
// could hold one. "Who ..." wants a name the question does not already give; "When/How many/
// How old ..." want a number, date or span of time. A sentence that cannot hold the kind of answer
// asked for is weaker evidence, however many of the question's words it shares.
import { normalizeText } from '../text/analyze.js';
import { withoutOpeners } from '../text/clean-question.js';

/** The kind of answer a question asks for: a name (who) or a quantity (when, how many). */
export type AnswerType = 'name' | 'quantity';

/** The kind of answer the question's opening words ask for, or undefined when they do not say. */
export function answerType(question: string): AnswerType | undefined {
  const q = withoutOpeners(normalizeText(question).trim());
  if (/^(?:when|what (?:year|date|day|month|time)|how (?:many|much|long|old|tall|large|big|far|often|soon|high|deep|wide|heavy)|in what year|since when)\b/.test(q)) return 'quantity';
  if (/^(?:who|whom|whose)\b/.test(q)) return 'name';
  return undefined;
}

/**
 * What a quantity question measures, when its opening words say: a point in time ("when", "what year",
 * "how old": a founding year answers as well as an age), a distance ("how far"), a size ("how big",
 * "how tall") or a duration ("how long"). "How many/much" count anything: undefined.
 */
export type Measure = 'time' | 'distance' | 'size' | 'duration';

/** The measure a quantity question asks for, or undefined when any number may answer it. */
export function answerMeasure(question: string): Measure | undefined {
  const q = withoutOpeners(normalizeText(question).trim());
  if (/^(?:when|what (?:year|date|day|month|time|century|decade)|in what (?:year|century|decade)|since when|how old)\b/.test(q)) return 'time';
  if (/^how far\b/.test(q)) return 'distance';
  if (/^how (?:big|large|tall|high|deep|wide|heavy)\b/.test(q)) return 'size';
  if (/^how long\b/.test(q)) return 'duration';
  return undefined;
}

const MONTHS = 'january february april june july august september october november december jan feb apr jun jul aug sep sept oct nov dec';
const WEEKDAYS = 'monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays';
const LENGTH_UNITS = 'miles? mi km kilomet(?:re|er)s? met(?:re|er)s? feet foot ft yards? inch(?:es)? cm centimet(?:re|er)s? mm millimet(?:re|er)s? light-years?';
const words = (list: string) => list.split(' ').join('|');
const MEASURES: Record<Measure, RegExp> = {
  // A year (1000-2099, or its decade), a century, a month (May and March only beside a number: also a
  // verb and a month-less word), a weekday, a clock time, an era, an age.
  time: new RegExp(`\\b(?:1\\d{3}|20\\d{2})s?\\b|\\bcentur(?:y|ies)\\b|\\b(?:${words(MONTHS)}|${words(WEEKDAYS)})\\b|\\b(?:may|march) \\d|\\d(?:st|nd|rd|th)? (?:may|march)\\b|\\d\\s?(?:am|pm|a\\.m\\.|p\\.m\\.)(?![a-z])|\\b(?:bc|bce|ad)\\b|\\byears? old\\b|\\baged?\\b|\\b(?:yesterday|today|tomorrow|ago)\\b`),
  distance: new RegExp(`\\b(?:${words(LENGTH_UNITS)}|kilometres|nautical)\\b`),
  size: new RegExp(`\\b(?:${words(LENGTH_UNITS)}|acres?|hectares?|square|sq|km2|km²|tons?|tonnes?|pounds?|lbs?|kg|kilograms?|grams?|lit(?:re|er)s?|gallons?|cubic|population|inhabitants|residents)\\b`),
  // Units of time, a span of years ("1754 to 1763"), or a length ("how long is the river").
  duration: new RegExp(`\\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies)|${words(LENGTH_UNITS)})\\b|\\b(?:1\\d{3}|20\\d{2})\\s*(?:-|to|until|till)\\s*\\d`),
};

/** Whether a sentence holds the kind of quantity a measure asks for (see Measure). */
export function holdsMeasure(sentence: string, measure: Measure): boolean {
  return MEASURES[measure].test(normalizeText(sentence));
}

const NUMBER_WORDS =
  // "one", "first", "second", "may" and "march" are left out: far more often pronoun, order, verb.
  'two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion dozen dozens half quarter twice ' +
  'january february april june july august september october november december monday tuesday wednesday thursday friday saturday sunday ' +
  'year years decade decades century centuries month months week weeks day days hour hours minute minutes yesterday today tomorrow ago since until annual annually daily weekly percent';
const QUANTITY = new RegExp(`\\d|\\b(?:${NUMBER_WORDS.split(' ').join('|')})\\b`);

/** Whether a sentence mentions a number, date, time or duration. */
export function holdsQuantity(sentence: string): boolean {
  return QUANTITY.test(normalizeText(sentence));
}

// Heads that name no kind of thing ("what kind of", "which part of" look past them to the next word).
const VAGUE_HEADS = new Set(['kind', 'kinds', 'type', 'types', 'sort', 'sorts', 'form', 'forms', 'part', 'parts', 'name', 'names', 'thing', 'things', 'way', 'ways', 'example', 'examples', 'group', 'groups', 'piece', 'variety', 'aspect', 'term', 'word']);

/**
 * The noun a "what X" / "which X" question names as the kind of its answer ("In what country ..." ->
 * country, "What type of rock ..." -> rock), for matching a sentence word that is a kind of it
 * (WordNet: Brazil is a country). `isNoun` says whether a word can be a noun. Undefined when the
 * question names none.
 */
export function answerKind(question: string, isNoun: (word: string) => boolean): string | undefined {
  const q = normalizeText(question);
  const match = /\b(?:what|which)\s+([a-z][a-z-]*)(?:\s+of\s+(?:the\s+|a\s+)?([a-z][a-z-]*))?/.exec(q);
  if (!match) return undefined;
  let head = match[1]!;
  if (VAGUE_HEADS.has(head)) {
    if (!match[2]) return undefined;
    head = match[2];
  }
  if (/(?:ed|ing)$/.test(head) || !isNoun(head)) return undefined;
  return head;
}
