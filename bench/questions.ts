// Deterministic benchmark questions. Most are "paraphrase-like": a few content words of a random
// sentence of the corpus, in a question template, sometimes with a word form changed, so they hit
// real passages without repeating them verbatim. About one in ten is off-topic (built from subjects
// documentation and news rarely discuss) so the decline path is timed too.

export interface BenchQuestion {
  text: string;
  onTopic: boolean;
  /**
   * On-topic questions: the stretch of the source sentence the question was made from, as it stands in
   * the corpus (first to last chosen word, the words between included). A quoted passage holding it is
   * the source sentence's passage: what hit@1 / hit@3 look for (bench/hit-rate.ts).
   */
  evidence?: string;
}

/** mulberry32: tiny, fast, and the same sequence on every machine for a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STOPWORDS = new Set(
  'a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its may might more most must no not of on or our she should so such than that the their them then there these they this those to under was we were what when where which while who why will with would you your also any each other some only own same very just about after before over between through during without within upon'.split(
    ' ',
  ),
);

const TEMPLATES = [
  (w: string) => `What does it say about ${w}?`,
  (w: string) => `How ${w}?`,
  (w: string) => `Why ${w}?`,
  (w: string) => `${w}?`,
  (w: string) => `Tell me about ${w}.`,
  (w: string) => `Is there anything on ${w}?`,
];

const OFF_TOPIC_SUBJECTS = [
  'the best recipe for sourdough bread',
  'the rules of cricket',
  'the migration of monarch butterflies',
  'how to train a puppy to sit',
  'the tallest mountain in Africa',
  'knitting a wool scarf',
  'the lifespan of a giraffe',
  'growing tomatoes on a balcony',
  'the plot of a famous opera',
  'surfing conditions in winter',
  'how volcanoes form islands',
  'the history of chess openings',
];
const OFF_TOPIC_TEMPLATES = [
  (s: string) => `What is ${s}?`,
  (s: string) => `Can you explain ${s}?`,
  (s: string) => `Tell me about ${s}.`,
];

/** Sentences of at least 6 words from prose paragraphs (a plain split: good enough to pick words from). */
export function sentencesOf(paragraphs: string[]): string[] {
  const sentences: string[] = [];
  for (const paragraph of paragraphs) {
    for (const s of paragraph.split(/(?<=[.!?]["”’)]?)\s+(?=["“(]?[A-Z0-9])/)) {
      if (s.split(/\s+/).length >= 6) sentences.push(s.trim());
    }
  }
  return sentences;
}

/** Paragraph blocks of a plain text file (blank-line separated), whitespace collapsed. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.split(' ').length >= 6);
}

export function generateQuestions(paragraphs: string[], count: number, seed: number): BenchQuestion[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const sentences = sentencesOf(paragraphs);
  if (sentences.length === 0) throw new Error('no sentences to generate questions from');
  const questions: BenchQuestion[] = [];
  for (let i = 0; i < count; i++) {
    if (random() < 0.1) {
      questions.push({ text: pick(OFF_TOPIC_TEMPLATES)(pick(OFF_TOPIC_SUBJECTS)), onTopic: false });
      continue;
    }
    const tokens = pick(sentences).split(/\s+/);
    const content = tokens
      .map((token, at) => ({ word: token.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, ''), at }))
      .filter(({ word }) => word.length >= 3 && !STOPWORDS.has(word.toLowerCase()));
    if (content.length === 0) {
      i--;
      continue;
    }
    // A subset of 3-6 content words, kept in order: what a reader remembers of a sentence.
    const size = Math.min(content.length, 3 + Math.floor(random() * 4));
    const start = Math.floor(random() * (content.length - size + 1));
    const picked = content.slice(start, start + size);
    const chosen = picked.map(({ word }) => (random() < 0.25 ? otherForm(word) : word));
    const evidence = tokens.slice(picked[0]!.at, picked[picked.length - 1]!.at + 1).join(' ');
    questions.push({ text: pick(TEMPLATES)(chosen.join(' ')), onTopic: true, evidence });
  }
  return questions;
}

/** A crude change of word form (plural/singular, -ing/-ed), as a paraphrase would make. */
function otherForm(word: string): string {
  // Names, acronyms and contractions keep their form: changing them makes nonsense, not a paraphrase.
  if (!/^[a-z]+$/.test(word)) return word;
  if (/ing$/.test(word) && word.length > 5) return `${word.slice(0, -3)}ed`;
  if (/ed$/.test(word) && word.length > 4) return `${word.slice(0, -2)}ing`;
  if (/s$/.test(word) && word.length > 3) return word.slice(0, -1);
  return `${word}s`;
}
