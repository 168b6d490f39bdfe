// A number the question states that the answering document never writes. SQuAD 2.0's unanswerable
// questions often change one detail, and a changed year or figure is the easiest to check: "Who explored
// Ohio territory in 1570?" asked of an article that has no 1570 anywhere. An answerable question copies
// its numbers from the text (or asks for them). Only numbers of four or more digits count, years and large
// figures, and decimals: a small count ("3 reasons") is often written in words, and three digits lost one more answerable
// question on SQuAD dev ("By 199 how many..."). Decades ("the 1980s") do not count: the text may list years.
// A question that also states a number the text writes is about the text and may work the other one out.

/**
 * Four or more digits (a year, a large figure) or a decimal ("103.1"), thousands separators dropped beforehand;
 * not part of a longer number; not a decade ("1980s", "1980's").
 */
const STATED = /(?<![\d.])(\d+\.\d+|\d{4,})(?!\d|\.\d|'?s\b)/gu;
/** Commas, thin and narrow spaces between digit groups: "3,792,261" and "3 792 261" are one number. */
const GROUPING = /(?<=\d)[,\u2009\u202f](?=\d{3}\b)/gu;

/** Every number in `text` (grouping separators removed), decimals both whole and as their digit runs: what a document writes as numbers. */
export function numbersOf(text: string): Set<string> {
  const plain = text.replace(GROUPING, '');
  return new Set([...(plain.match(/\d+\.\d+/gu) ?? []), ...(plain.match(/\d+/gu) ?? [])]);
}

/**
 * The first number of four or more digits `question` states, when `written` (numbersOf a document) has none of
 * the question's such numbers; undefined otherwise. A question that also states a number the text writes is
 * about the text and may work the other one out ("...from 2000 to 2005 compared to 1995 to 2000?").
 */
export function missingNumber(question: string, written: ReadonlySet<string>): string | undefined {
  const stated = [...question.replace(GROUPING, '').matchAll(STATED)].map((match) => match[1]!);
  return stated.length > 0 && stated.every((number) => !written.has(number)) ? stated[0] : undefined;
}
