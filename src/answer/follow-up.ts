// Reads a line of a conversation against what came before: "more" continues with further passages;
// "What did he say?" and "Who approved it?" have their pronoun replaced by what the previous turn
// was about; "Why?" and "And Turkey?" are completed from the previous question; anything that names
// its own subject is a fresh question, answered exactly as it would be alone. Pure: the caller keeps
// the context between turns. The names come from the index's own text (names.ts), never from a list.
import { isContentWord, normalizeText, words } from '../text/analyze.js';
import { cleanQuestion } from '../text/clean-question.js';
import type { Lexicon } from '../text/lexicon.js';
import { aboutTopic, namesTheArticle } from './about-intent.js';
import type { Answer } from '../types.js';
import type { NameCatalog, NameInfo, NameMention } from './names.js';

/** Something a later pronoun can stand for: a name, or the phrase a question was about. */
export interface Referent {
  /** As it will be written into the completed question, e.g. "Ron Dermer", "the Stuxnet attack". */
  text: string;
  person: boolean;
  gender?: 'male' | 'female';
  plural: boolean;
}

/** What a conversation remembers of its last turn: small strings only, never the answer itself. */
export interface TurnContext {
  /** The last self-standing question answered (a pronoun follow-up's completed form; not "Why — …" compositions). */
  question: string;
  /** Names the question itself named, in order. */
  subjects: Referent[];
  /** Names in the sentence(s) the answer marked in its first passage, in order. */
  answerNames: Referent[];
  /** What "it"/"that" stand for: the thing the question asked about ("the Stuxnet attack"). */
  topic: string;
}

/**
 * How a line of conversation is read against the previous turn: page on, answer as is, or answer a completed question.
 */
export type FollowUpReading =
  /** Continue the previous question with its next passages. */
  | { kind: 'more' }
  /** A question of its own: answer the text exactly as given. */
  | { kind: 'fresh' }
  /** A follow-up: answer `question` instead, and show `note` so a wrong guess is visible. */
  | { kind: 'resolved'; question: string; note: string; base: string };

const MORE =
  /^(?:(?:and|ok|okay|so)[\s,]+)?(?:(?:please\s+)?(?:tell|show|give)\s+me\s+more|more|more\s+please|(?:any|some)\s+more|go\s+on|continue|keep\s+going|what\s+else|anything\s+else|next|(?:show\s+)?more\s+passages)(?:\s+(?:please|about\s+(?:it|that|this)|of\s+that))?\W*$/i;

const WH = '(?:what|who|whom|whose|which|why|when|where|how(?:\\s+(?:many|much|long|old|often|far|come|so))?)';
const AUX = '(?:is|are|was|were|did|does|do|has|have|had|will|would|can|could|should|might|may)';
const WH_ONLY = new RegExp(`^${WH}(?:\\s+(?:exactly|then|so|not))?\\W*$`, 'i');
const IMPERATIVE = /^(?:(?:please\s+)?(?:tell|show|give)\s+me\s+(?:more\s+)?about|explain|describe|talk\s+about|(?:what|how)\s+about)\s+/i;
// Phrases that point back at what was just said ("What happened as a result?", "And after that?").
const POINTS_BACK = /\b(?:as\s+a\s+result|in\s+response|after\s+that|before\s+that|because\s+of\s+(?:that|this)|afterwards?|instead|in\s+return)\b/i;
const LEAD = /^(?:and|but|so|also|then|ok|okay|well)[\s,]+/i;
const ABOUT = /^(?:what|how)\s+about\s+/i;

const SUBJECT_PRONOUNS: Record<string, 'male' | 'female' | 'neuter' | 'plural'> = {
  he: 'male', him: 'male', his: 'male', himself: 'male',
  she: 'female', her: 'female', hers: 'female', herself: 'female',
  it: 'neuter', its: 'neuter', itself: 'neuter',
  they: 'plural', them: 'plural', their: 'plural', theirs: 'plural', themselves: 'plural',
};
const POSSESSIVE = new Set(['his', 'its', 'their', 'theirs', 'hers']);
const OBJECTS = new Set(['him', 'her', 'them', 'it']);
// "that"/"this" stand for a whole previous topic when used as a pronoun ("Why did he do that?", "When did that happen?").
const DEMONSTRATIVE = new Set(['that', 'this']);
const DEMONSTRATIVE_NEXT = new Set(['is', 'was', 'were', 'are', 'did', 'does', 'do', 'has', 'had', 'happen', 'happened', 'mean', 'means', 'meant', 'matter', 'lead', 'led', 'cause', 'caused', 'end', 'start', 'begin', 'work', 'take']);
const DEMONSTRATIVE_PREV = new Set(['do', 'did', 'does', 'about', 'of', 'after', 'before', 'because', 'by', 'with', 'approve', 'approved', 'say', 'said', 'mean', 'cause', 'caused', 'stop', 'allow', 'allowed', 'prevent', 'like', 'against', 'for', 'on', 'to']);

/**
 * Decide how to read `text` given the previous turn (`context`, undefined when there is none).
 * Returns 'more' for "more"/"go on"/"what else?", 'resolved' with the completed question and a
 * one-line note when the text leans on the previous turn, else 'fresh'. `lexicon` reads a mistyped word
 * about the article (about-intent.ts). Never throws.
 */
export function readFollowUp(text: string, context: TurnContext | undefined, catalog: NameCatalog | undefined, lexicon: Lexicon): FollowUpReading {
  // Read what was said, not how it was typed (mentions, emoji, markdown): the answerer cleans the same way.
  const trimmed = cleanQuestion(text);
  if (MORE.test(trimmed)) return context ? { kind: 'more' } : { kind: 'fresh' };
  if (!context || trimmed === '') return { kind: 'fresh' };
  // "Who wrote this?", "When was it published?": about the article itself, whatever came before. Only
  // when a word says so: "When did it begin?" after "What is the Five Eyes?" is a follow-up.
  if (aboutTopic(trimmed, lexicon) !== undefined && namesTheArticle(trimmed)) return { kind: 'fresh' };

  // "And Turkey?" / "What about Turkey?": the previous question, with its last-named subject swapped for the new one.
  const lead = trimmed.replace(LEAD, '');
  const swapped = lead === trimmed ? trimmed.replace(ABOUT, '') : lead.replace(ABOUT, '');
  if ((lead !== trimmed || ABOUT.test(trimmed)) && !new RegExp(`^(?:${WH}|${AUX})\\b`, 'i').test(swapped)) {
    const thing = swapped.replace(/[?.!\s]+$/, '');
    const count = words(thing).length;
    if (count > 0 && count <= 5) {
      const question = substituteSubject(context, thing);
      return { kind: 'resolved', question, base: question, note: `Reading "${trimmed}" as "${question}"` };
    }
  }
  const body = lead !== trimmed && new RegExp(`^(?:${WH}|${AUX})\\b`, 'i').test(lead) ? lead : trimmed;

  const mentions = catalog?.find(body) ?? capitalisedNames(body);
  const tokens = [...body.matchAll(/[\p{L}\p{N}'’-]+/gu)].map((m) => ({ word: normalizeText(m[0]), raw: m[0], start: m.index, end: m.index + m[0].length }));

  // Pronouns that point outside the question: any before the first name the question gives itself;
  // after it, only objects ("What did Trump tell him?": "him" cannot be Trump, who would be "himself").
  const firstName = mentions.length > 0 ? mentions[0]!.start : Infinity;
  const own = new Set(mentions.map((m) => m.surface.toLowerCase()));
  const replacements: { start: number; end: number; text: string; shown: string; referent: string }[] = [];
  for (const [i, token] of tokens.entries()) {
    const kind = SUBJECT_PRONOUNS[token.word];
    const next = tokens[i + 1]?.word;
    const prev = tokens[i - 1]?.word;
    // "her" before a noun is possessive ("her role"), otherwise an object ("about her").
    const possessive = POSSESSIVE.has(token.word) || (token.word === 'her' && next !== undefined && isContentWord(next));
    if (token.start >= firstName && !(kind && !possessive && OBJECTS.has(token.word))) continue;
    if (kind) {
      const referent = pickReferent(kind, context, own);
      if (!referent) continue;
      replacements.push({ start: token.start, end: token.end, text: possessive ? `${referent.text}'s` : referent.text, shown: token.raw, referent: referent.text });
    } else if (DEMONSTRATIVE.has(token.word) && token.start < firstName && !(prev !== undefined && /^(?:do|did|does|doing)$/.test(prev) && tokens.some((t) => SUBJECT_PRONOUNS[t.word]))) {
      // ("Why did he do that?": "do that" stands for the action already named once "he" is read.)
      const pronoun = next === undefined || DEMONSTRATIVE_NEXT.has(next) || (prev !== undefined && DEMONSTRATIVE_PREV.has(prev) && (next === undefined || !isContentWord(next)));
      if (pronoun) replacements.push({ start: token.start, end: token.end, text: context.topic, shown: token.raw, referent: context.topic });
    }
  }
  if (replacements.length > 0) {
    let question = body;
    for (const r of [...replacements].reverse()) question = question.slice(0, r.start) + r.text + question.slice(r.end);
    const seen = new Set<string>();
    const parts = replacements.filter((r) => !seen.has(r.shown.toLowerCase()) && seen.add(r.shown.toLowerCase())).map((r) => `'${r.shown}' as ${r.referent}`);
    return { kind: 'resolved', question, base: question, note: `Reading ${parts.join(', ')}` };
  }

  // "Why?", "When?", "Who approved?", "that deal": too little of its own to stand alone.
  if (mentions.length === 0 && (isElliptical(body, tokens.map((t) => t.word)) || POINTS_BACK.test(body))) {
    const own = body.replace(/[?.!\s]+$/, '');
    const question = `${own} — ${context.question.replace(/^\p{Lu}/u, (c) => c.toLowerCase())}`;
    return { kind: 'resolved', question, base: context.question, note: `Reading "${trimmed}" as "${question}"` };
  }
  return { kind: 'fresh' };
}

/**
 * What a turn leaves for the next one to lean on: the names the question gave, the names in the
 * answer's marked sentence(s), and the thing asked about. Keeps strings only.
 */
export function contextOf(question: string, answer: Answer | undefined, catalog: NameCatalog | undefined): TurnContext {
  const asksWho = /^\s*who\s+(?:is|was|are|were)\b/i.test(question);
  const mentions = catalog?.find(question) ?? capitalisedNames(question);
  const subjects = mentions.map((m) => referentOf(m, asksWho && mentions.length === 1));
  const answerNames: Referent[] = [];
  const first = answer?.answered ? answer.passages[0] : undefined;
  if (first) {
    const marked = first.highlights.map((h) => first.passage.text.slice(h.start, h.end)).join(' ');
    const found = catalog?.find(marked) ?? capitalisedNames(marked);
    for (const m of found) if (!answerNames.some((a) => a.text === m.surface)) answerNames.push(referentOf(m, false));
  }
  return { question, subjects, answerNames: answerNames.slice(0, 8), topic: topicOf(question) };
}

/** The thing a question asks about: "What was the Stuxnet attack?" -> "the Stuxnet attack". */
export function topicOf(question: string): string {
  let rest = question.trim().replace(LEAD, '').replace(/[?.!\s]+$/, '');
  // "Tell me about the Five Eyes", "Explain the Stuxnet attack": the thing is what follows.
  const asked = IMPERATIVE.exec(rest);
  if (asked && rest.length > asked[0].length) return rest.slice(asked[0].length);
  const whMatch = new RegExp(`^(${WH})\\b\\s*`, 'i').exec(rest);
  if (!whMatch) return rest;
  rest = rest.slice(whMatch[0].length);
  const auxMatch = new RegExp(`^(${AUX})\\b\\s*`, 'i').exec(rest);
  const wh = whMatch[1]!.toLowerCase();
  if (auxMatch) {
    rest = rest.slice(auxMatch[0].length);
    const aux = auxMatch[1]!.toLowerCase();
    // "What should happen to X?": the wh-word is the subject; the whole question is the thing.
    if (/^(?:happen|happened|cause|caused|lead|led|change|changed)\b/i.test(rest)) return `${wh} ${aux} ${rest}`;
    // "What was the Stuxnet attack?" asks about a thing: the thing itself.
    if (/^(?:is|are|was|were)$/.test(aux) || !/^(?:what|which)$/.test(wh)) return rest.replace(/\s+(?:do|say|mean|happen)$/i, '') || rest;
    // "What did Trump share with the Russians?" asks for the thing Trump shared: "what Trump did share with the Russians".
    const words = rest.split(/\s+/);
    const verbAt = words.findIndex((w, i) => i > 0 && /^[a-z]+$/.test(w) && !/^(?:the|a|an|of|and)$/.test(w) && !/^\p{Lu}/u.test(w));
    if (verbAt > 0) return `what ${words.slice(0, verbAt).join(' ')} ${aux} ${words.slice(verbAt).join(' ')}`;
    return rest;
  }
  // "What happened to X?": the X.
  return rest.replace(/^[a-z]+(?:ed|s)?\s+(?:to|with|about|of|on|for|in|between)?\s*/i, '') || rest;
}

function referentOf(mention: NameMention, askedWho: boolean): Referent {
  const info: NameInfo | undefined = mention.info;
  const referent: Referent = {
    text: mention.surface,
    person: info?.person ?? (askedWho || mention.surface.split(/\s+/).length >= 2),
    plural: info?.plural ?? /[^s]s$/.test(mention.surface),
  };
  if (askedWho) referent.person = true;
  if (info?.gender) referent.gender = info.gender;
  return referent;
}

function pickReferent(kind: 'male' | 'female' | 'neuter' | 'plural', context: TurnContext, exclude: Set<string>): Referent | undefined {
  const allowed = (r: Referent) => !exclude.has(r.text.toLowerCase());
  const subjects = context.subjects.filter(allowed);
  const pool = [...subjects, ...context.answerNames.filter(allowed)];
  const topic: Referent = { text: context.topic, person: false, plural: /[^s]s$/.test(context.topic) };
  if (kind === 'male' || kind === 'female') {
    const fits = (r: Referent) => r.person && (!r.gender || r.gender === kind);
    return pool.find(fits) ?? (context.subjects.length === 0 ? topic : undefined);
  }
  if (kind === 'plural') {
    const named = subjects.find((r) => r.plural);
    if (named) return named;
    // "What did Obama and Netanyahu disagree about?" -> "they" are both.
    if (subjects.length >= 2) return { text: subjects.map((r) => r.text).join(' and '), person: subjects.every((r) => r.person), plural: true };
    if (topic.plural) return topic;
    // Among the answer's names, one written as a plural ("the Normans") before one the text merely refers to as "they".
    const others = context.answerNames.filter((r) => allowed(r) && r.plural && !r.person);
    return others.find((r) => /[^s]s$/.test(r.text)) ?? others[0] ?? subjects.find((r) => !r.person) ?? topic;
  }
  // "it": what a "What is X?" question asked about, else the thing it named, else its topic.
  if (/^\s*(?:what|which)\s+(?:is|was|are|were)\b/i.test(context.question)) return topic;
  return subjects.find((r) => !r.person && !r.plural) ?? topic;
}

function substituteSubject(context: TurnContext, thing: string): string {
  const base = context.question.replace(/[?.!\s]+$/, '');
  const last = context.subjects[context.subjects.length - 1];
  if (last) {
    const at = base.toLowerCase().lastIndexOf(last.text.toLowerCase());
    if (at >= 0) {
      // "the Russians" -> "Lavrov": a capitalised replacement brings no article of its own.
      const before = /^(?:\p{Lu}|(?:the|a|an)\s)/iu.test(thing) ? base.slice(0, at).replace(/\bthe\s+$/i, '') : base.slice(0, at);
      return `${before}${thing}${base.slice(at + last.text.length)}?`;
    }
  }
  const topic = context.topic;
  const at = topic ? base.lastIndexOf(topic) : -1;
  if (at >= 0) return `${base.slice(0, at)}${thing}${base.slice(at + topic.length)}?`;
  return `${base} — ${thing}?`;
}

function isElliptical(body: string, tokenWords: string[]): boolean {
  if (WH_ONLY.test(body.trim())) return true;
  const content = tokenWords.filter(isContentWord);
  if (content.length === 0) return tokenWords.length > 0;
  // "Who approved?", "Why not?" — a wh-word and a single verb, no thing named.
  return content.length === 1 && tokenWords.length <= 3 && new RegExp(`^${WH}$`).test(tokenWords[0] ?? '') && !/^(?:is|are|was|were)$/.test(tokenWords[1] ?? '');
}

/** Without a catalogue: capitalised runs that do not open the text. */
function capitalisedNames(text: string): NameMention[] {
  const out: NameMention[] = [];
  for (const m of text.matchAll(/\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)*/gu)) {
    if (m.index === 0) continue;
    out.push({ surface: m[0].replace(/['’]s$/, ''), start: m.index, end: m.index + m[0].length });
  }
  return out;
}
