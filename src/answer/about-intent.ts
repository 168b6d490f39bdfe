// Whether a question asks about the article itself (its headline, author, gist, argument, opening or
// ending, which documents are indexed) rather than about something the article says. Such questions
// share no words with the text ("What is this piece about?", "tl;dr?", "Who wrote this?"), so
// retrieval can only decline them or quote something unrelated. A question counts as one only when
// every word it has, apart from function words, is a word about articles or about the part asked
// for: "Who wrote this?" is, "Who wrote the letter to Lavrov?" is not.
import { mayBeTypo, oneEditApart } from '../retrieval/typos.js';
import { isContentWord, normalizeText, words } from '../text/analyze.js';
import type { Lexicon } from '../text/lexicon.js';
import { withoutOpeners, type CleanQuestion } from '../text/clean-question.js';
import type { AboutTopic } from '../types.js';


// Words that name the article itself (or "this", pointing at it). With the topic words marked `names`
// below, they tell a chat follow-up that is about the article ("Who wrote this?") from one that leans on
// the previous turn ("When did it begin?"): see namesTheArticle.
const ARTICLE_NAMES = ['article', 'piece', 'story', 'text', 'report', 'column', 'document', 'this', 'summary-wise'];

// Words that refer to the article, the reader or the asking, and say nothing about what is asked.
const ARTICLE_WORDS = new Set([
  ...ARTICLE_NAMES,
  ...('articles essay post page writeup op-ed oped editorial item read reading ' +
    'give tell show explain please pls quick quickly short brief briefly few couple sentences sentence words word line lines ' +
    'overall whole entire basically simply main key central core exactly roughly generally nutshell gonna wanna know need want like ' +
    'bot here hey hi hello ok okay can could would will me you yours something anything two three paragraph paragraphs ' +
    // What a text does with its subject: "what does this piece cover", "which topics does it deal with".
    'behind cover covers covered covering discuss discusses discussed deal deals concern concerns address addresses focus focuses talk talks')
    .split(' '),
]);

// Set phrases that ask for a part of the article although none of their words does alone: each family is
// rewritten to the topic word it means before the words are read ("in a nutshell" is a summary, "the line
// under the headline" the standfirst, "the bottom line" the argument, "answer questions about" the documents).
const PHRASES: [RegExp, string][] = [
  [/\b(?:in an? nutshell|long story short|(?:the )?(?:short|shorter|quick|quicker|brief|condensed|abridged|cliff'?s?|cliffs) (?:version|notes|take)|big picture|boil(?:s|ed)? (?:it |this |that )?down|eli5|explain (?:it |this )?like i'?m (?:five|5))\b/g, ' summary '],
  [/\b(?:break (?:it |this |that )?down|(?:walk|run|talk) me through)\b/g, ' summary '],
  [/\b(?:bottom line|take[- ]home(?: message| point)?|upshot|moral of the story|(?:main|central|key|big) idea)\b/g, ' argument '],
  // What the writer thinks is the argument, not the byline: "the author's opinion", "what does the writer think".
  [/\b(?:author|writer|journalist|columnist|reporter)(?:'s)? (?:opinion|view|views|take|position|stance|verdict|thinks?|believes?|feels?)\b/g, ' argument '],
  [/\bhow (?:old|recent|new) is\b/g, ' date '],
  [/\b(?:(?:line|text|sentence|bit|words?|blurb)\s+)?(?:right\s+)?(?:under|below|beneath|underneath)\s+(?:the|its)\s+(?:title|headline|heading)\b/g, ' subheading '],
  [/\b(?:answer|take|field)\s+(?:questions?|qs)\s+(?:on|about)\b|\bask\s+(?:you\s+)?(?:questions?\s+)?about\b/g, ' documents '],
];

// Per topic, the words that ask for it: `names` point at the article by themselves ("headline", "byline",
// "wrote"), `asks` are as often about anything else ("called", "when", "end"). Order matters: the first
// topic whose words appear wins.
const TOPIC_WORDS: { topic: AboutTopic; names: string[]; asks: string[] }[] = [
  { topic: 'date', names: ['published'], asks: ['publish', 'publication', 'date', 'dated', 'posted', 'when'] },
  { topic: 'standfirst', names: ['sub-title'], asks: ['subheading', 'sub-heading', 'subhead', 'subheadline', 'subtitle', 'standfirst', 'dek', 'strapline', 'tagline'] },
  { topic: 'title', names: ['headline', 'title'], asks: ['titled', 'called', 'named', 'heading', 'name'] },
  { topic: 'author', names: ['author', 'wrote', 'write', 'writer', 'written', 'byline'], asks: ['authors', 'writes', 'journalist', 'reporter', 'columnist', 'penned', 'authored'] },
  { topic: 'documents', names: ['documents', 'sources', 'source', 'indexed'], asks: ['index', 'docs', 'files', 'file', 'loaded', 'ingested', 'articles', 'library', 'corpus'] },
  { topic: 'section', names: [], asks: ['kind', 'type', 'genre', 'section', 'category', 'news', 'opinion', 'analysis', 'feature'] },
  { topic: 'ending', names: [], asks: ['end', 'ends', 'ending', 'ended', 'finish', 'finishes', 'close', 'closes', 'conclude', 'concludes', 'conclusion', 'last', 'final', 'wrap'] },
  { topic: 'beginning', names: [], asks: ['begin', 'begins', 'beginning', 'start', 'starts', 'open', 'opens', 'opening', 'intro', 'introduction', 'first', 'lede'] },
  { topic: 'argument', names: [], asks: ['argument', 'argue', 'argues', 'arguing', 'point', 'thesis', 'claim', 'message', 'takeaway', 'takeaways', 'take-away', 'stance', 'position', 'making', 'conclude'] },
  {
    topic: 'summary',
    names: ['summary', 'summarize', 'summarise', 'summarized', 'summarised', 'summarizing', 'summarising', 'tldr', 'gist'],
    asks: ['sum', 'recap', 'overview', 'synopsis', 'digest', 'outline', 'topic', 'subject', 'points', 'highlights', 'rundown', 'breakdown'],
  },
];
const TOPIC_OF = new Map<string, AboutTopic>();
for (const { topic, names, asks } of TOPIC_WORDS) for (const w of [...names, ...asks]) if (!TOPIC_OF.has(w)) TOPIC_OF.set(w, topic);
const PRIORITY = TOPIC_WORDS.map(({ topic }) => topic);
const NAMES_ARTICLE = new Set([...ARTICLE_NAMES, ...TOPIC_WORDS.flatMap(({ names }) => names)]);

/** The question's words as both checks read them: normalised, "tl;dr" as one word. */
function questionWords(question: CleanQuestion): { text: string; ws: string[] } {
  let text = normalizeText(question).replace(/\btl\s*;?\s*dr\b/g, ' tldr ');
  for (const [phrase, topicWord] of PHRASES) text = text.replace(phrase, topicWord);
  return { text, ws: words(text).map((w) => w.text) };
}

// Every word this file reads as being about the article, for reading a mistyped one ("sumary", "autor").
const KNOWN_WORDS = [...new Set([...ARTICLE_WORDS, ...TOPIC_OF.keys()])].filter((w) => /^[a-z]+$/.test(w));

/**
 * A word as one of ours when it is mistyped: five letters or more, no English word (`lexicon` does not know it),
 * one edit from exactly one word about articles ("sumary" -> summary, "headlne" -> headline); else itself.
 */
function asArticleWord(word: string, lexicon: Lexicon): string {
  if (TOPIC_OF.has(word) || ARTICLE_WORDS.has(word) || !mayBeTypo(word, lexicon)) return word;
  const close = KNOWN_WORDS.filter((known) => oneEditApart(word, known));
  return close.length === 1 ? close[0]! : word;
}

/**
 * Whether a word of the question names the article or a part only an article has ("this", "story",
 * "headline", "author", "summary"): what makes a chat line about the article rather than a follow-up
 * leaning on the previous turn. Takes the cleaned question. Never throws.
 */
export function namesTheArticle(question: CleanQuestion): boolean {
  return questionWords(question).ws.some((w) => NAMES_ARTICLE.has(w));
}

/**
 * The topic a question asks about the article itself, or undefined for an ordinary question about
 * what the article says. Takes the question as cleanQuestion returned it (the answerer cleans once and
 * searches the same text), and the lexicon that tells a mistyped word about articles ("sumary") from an
 * English word. Never throws.
 */
export function aboutTopic(question: CleanQuestion, lexicon: Lexicon): AboutTopic | undefined {
  const { text, ws } = questionWords(question);
  if (ws.length === 0) return undefined;
  // Its first words proper, after "ok so", "hey": what the wh-word rules below read.
  const opening = withoutOpeners(text);
  const found = new Set<AboutTopic>();
  for (const typed of ws) {
    const w = asArticleWord(typed, lexicon);
    const topic = TOPIC_OF.get(w);
    if (topic) {
      found.add(topic);
      continue;
    }
    // Any other word with a topic of its own makes it a question about the content.
    if (isContentWord(w) && !ARTICLE_WORDS.has(w) && !/^\d+$/.test(w)) return undefined;
  }
  // "Which documents..." is about what is indexed even when "type"/"source" words also appear.
  if (found.size === 0) {
    // "What's this about?", "What is it about?": nothing but function words around "about".
    if (ws.includes('about') && /^(?:what|what's)\b/.test(opening)) return 'summary';
    // Only words about articles, and one naming the article: "what's the story here?", "what does this
    // piece cover?" ask what it says; "who's behind this piece?", "whose article is this?" who wrote it.
    if (!ws.some((w) => ARTICLE_NAMES.includes(w))) return undefined;
    if (/^(?:what|what's|explain|describe)\b/.test(opening)) return 'summary';
    if (/^(?:who|who's|whose)\b/.test(opening) && !ws.includes('about')) return 'author';
    return undefined;
  }
  // "When" alone asks for a date only when nothing else is asked ("When does it end?" asks for the ending).
  if (found.has('date') && found.size > 1 && !ws.some((w) => w !== 'when' && TOPIC_OF.get(w) === 'date')) found.delete('date');
  // A "kind of" word asks for the section only when nothing more specific is asked ("what kind of argument").
  if (found.has('section') && found.size > 1) found.delete('section');
  // "first"/"last" alone ("who was first?") is not about the article's opening or ending.
  const positional = (topic: AboutTopic, only: string) => found.has(topic) && ws.filter((w) => TOPIC_OF.get(w) === topic).every((w) => w === only);
  if (positional('beginning', 'first') && !ws.some((w) => ['paragraph', 'sentence', 'line', 'lines', 'sentences'].includes(w))) found.delete('beginning');
  if (positional('ending', 'last') && !ws.some((w) => ['paragraph', 'sentence', 'line', 'lines', 'sentences'].includes(w))) found.delete('ending');
  // "Why was this written?" asks what it argues, not who wrote it.
  if (found.has('author') && found.size === 1 && /^why\b/.test(opening)) return 'argument';
  // "What point is the author making?": the writer is the subject, the argument is asked for.
  if (found.has('author') && (found.has('argument') || found.has('summary') || found.has('ending') || found.has('beginning'))) found.delete('author');
  // "What is the name of the author?" asks for the author.
  if (found.has('title') && found.has('author') && ws.every((w) => TOPIC_OF.get(w) !== 'title' || w === 'name' || w === 'named' || w === 'called')) found.delete('title');
  return PRIORITY.find((topic) => found.has(topic));
}
