// Reads a line of a conversation against what came before: "more" continues with further passages;
// "What did he say?" and "Who approved it?" have their pronoun replaced by what the previous turn
// was about; "Why?" and "And Turkey?" are completed from the previous question; anything that names
// its own subject is a fresh question, answered exactly as it would be alone. Pure: the caller keeps
// the context between turns. The names come from the index's own text (names.ts), never from a list.
import { isContentWord, normalizeText, stem, words } from '../text/analyze.js';
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
  /** Whether the topic is someone: its last word's first noun sense is a kind of person in WordNet ("the first mayor"). */
  topicPerson?: boolean;
  /**
   * The thing a pronoun of this turn was read as ("How does it work?" read 'it' as the compound engine): the
   * conversation is still about it, so the next "it"/"they" of the same number means it again, and "What about X?"
   * swaps it for X.
   */
  carried?: Referent;
  /** The items the answer's marked sentence listed ("two subtypes: the killer T cell and the helper T cell"), for "the second one". */
  items?: string[];
  /** What the listed things are called, singular ("subtype" from "two major subtypes"), for "the second one" when no items are listed. */
  itemNoun?: string;
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
  | { kind: 'resolved'; question: string; note: string; base: string; carried?: Referent; keepItems?: boolean };

const MORE =
  /^(?:(?:and|ok|okay|so)[\s,]+)?(?:(?:please\s+)?(?:tell|show|give)\s+me\s+more|more|more\s+please|(?:any|some)\s+more|go\s+on|continue|keep\s+going|what\s+else|anything\s+else|next|(?:show\s+)?more\s+passages)(?:\s+(?:please|about\s+(?:it|that|this)|of\s+that))?\W*$/i;

const WH = '(?:what|who|whom|whose|which|why|when|where|how(?:\\s+(?:many|much|long|old|often|far|come|so))?)';
const AUX = '(?:is|are|was|were|did|does|do|has|have|had|will|would|can|could|should|might|may)';
// Built once: a question's opening wh-word or auxiliary, and an auxiliary as a whole word.
const QUESTION_START = new RegExp(`^(?:${WH}|${AUX})\\b`, 'i');
const AUX_WORD = new RegExp(`^${AUX}$`, 'i');
const WH_ONLY = new RegExp(`^${WH}(?:\\s+(?:exactly|then|so|not))?\\W*$`, 'i');
// "Since when?", "Like what?", "For example?": a question's worth of asking with nothing of its own.
// "Why is that?": the fact just stated, not a thing to put in its place.
const BARE_ASKING =
  /^(?:(?:since|until|till|like|for)\s+(?:when|what|whom?|how\s+long)|for\s+(?:example|instance)|such\s+as|(?:(?:can|could)\s+you\s+)?give\s+(?:me\s+)?(?:an?\s+)?examples?(?:\s+please)?|an?\s+examples?|(?:why|how)\s+(?:is|was|are|were)\s+(?:that|this))\W*$/i;
// "there" before or after these opens "there is"/"are there": no place pointed at.
const EXISTENTIAL = new Set('is are was were be been being will would shall can have has had may might could should must seem seems seemed appear appears exist exists existed remain remains'.split(' '));
const IMPERATIVE = /^(?:(?:please\s+)?(?:tell|show|give)\s+me\s+(?:more\s+)?about|explain|describe|talk\s+about|(?:what|how)\s+about)\s+/i;
// Phrases that point back at what was just said ("What happened as a result?", "And after that?").
const POINTS_BACK = /\b(?:as\s+a\s+result|in\s+response|after\s+that|before\s+that|because\s+of\s+(?:that|this)|afterwards?|instead|in\s+return)\b|\bthe\s+(?:result|outcome|reason|consequences?|effects?|impact|cause|purpose|difference)\s*[?.!]*$/i;
const LEAD = /^(?:and|but|so|also|then|ok|okay|well)[\s,]+/i;
const ABOUT = /^(?:what|how)\s+about\s+/i;
// "about it" in "Who wrote about it?" is the thing talked about, not the article ("Who wrote it?").
const ABOUT_PRONOUN = /\babout\s+(?:it|this|that|them)\b/i;
// "the second one", "the first of them", "the latter": one of the things the answer before listed.
const ORDINAL = /\bthe\s+(first|second|third|fourth|fifth|last|latter|former)(\s+(?:ones?|of\s+(?:them|these|those)))?\b/i;
const ORDINAL_INDEX: Record<string, number> = { first: 0, former: 0, second: 1, third: 2, fourth: 3, fifth: 4, last: -1, latter: -1 };
const PREPOSITIONS = new Set('in into of at on for with during after before from to near outside inside under over between among across within without about by like through since until than per against toward towards beyond'.split(' '));
// "And in the Lower Rhine?": a phrase opening with a preposition takes the place of the question's phrase with the same one.
const PREPOSITION_START = new RegExp(`^(?:${[...PREPOSITIONS].join('|')})\\s`, 'i');
// Words that may open a noun phrase before its head ("two thirds", "the other third").
const DETERMINERS = new Set('the a an this that these those its his her their our your my some all both each every other another two three four five six seven eight nine ten several many few'.split(' '));
// Verbs whose "that" opens a clause ("Who said that ..."), not a thing already talked about.
const SAYING = new Set('say said says claim claimed claims report reported reports think thought believe believed know knew show showed shows find found argue argued confirm confirmed mean meant suggest suggested note noted'.split(' '));
const DEMONSTRATIVES = new Set(['that', 'this', 'these', 'those']);
const BE_OR_DO = new Set(['is', 'are', 'was', 'were', 'do', 'does', 'did']);
const WH_WORD = new RegExp(`^${WH}$`, 'i');
// A question's opening wh-word and auxiliary, with the space after them (topicOf).
const WH_OPENING = new RegExp(`^(${WH})\\b\\s*`, 'i');
const AUX_OPENING = new RegExp(`^(${AUX})\\b\\s*`, 'i');
const COUNT_VALUE: Record<string, number> = { two: 2, both: 2, three: 3, four: 4, five: 5, six: 6 };
// Past participles that do not end in -ed, for "Who was it named after?"-style questions ("known for", "given that name").
const IRREGULAR_PARTICIPLES = new Set(
  'known given taken made built found born held seen shown written called thought brought bought sent spent kept left lost paid put sold told understood won done chosen driven eaten fallen grown hidden ridden risen spoken stolen worn beaten become begun broken drawn flown frozen set split led fed laid'.split(' '),
);

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
  // when a word says so: "When did it begin?" after "What is the Five Eyes?" is a follow-up, and so is
  // "Who wrote about it?", whose "it" is what the conversation is about (the article is not written about).
  if (aboutTopic(trimmed, lexicon) !== undefined && namesTheArticle(trimmed) && !ABOUT_PRONOUN.test(trimmed)) return { kind: 'fresh' };

  // "And Turkey?" / "What about Turkey?": the previous question, with what it was about swapped for the new one.
  const lead = trimmed.replace(LEAD, '');
  const swapped = lead === trimmed ? trimmed.replace(ABOUT, '') : lead.replace(ABOUT, '');
  if ((lead !== trimmed || ABOUT.test(trimmed)) && !QUESTION_START.test(swapped)) {
    let thing = swapped.replace(/[?.!\s]+$/, '');
    // "And the first one?": the first of the things the answer before listed.
    const ordinal = ordinalIn(thing);
    const item = ordinal && ordinal[0].length === thing.length ? itemOf(ordinal, context) : undefined;
    if (item) thing = item;
    const count = words(thing).length;
    if (count > 0 && count <= 6) {
      const question = substituteSubject(context, thing, lexicon);
      const carried = PREPOSITION_START.test(thing) ? context.carried : referentOfPhrase(thing, catalog);
      return { kind: 'resolved', question, base: question, note: `Reading "${trimmed}" as "${question}"`, ...(carried ? { carried } : {}), ...(item ? { keepItems: true } : {}) };
    }
  }
  const body = lead !== trimmed && QUESTION_START.test(lead) ? lead : trimmed;
  // "Since when?", "Why is that?", "For example?": nothing of their own to read; the question before says what.
  const compose = (): FollowUpReading => {
    const own = body.replace(/[?.!\s]+$/, '');
    const question = `${own} — ${context.question.replace(/^\p{Lu}/u, (c) => c.toLowerCase())}`;
    return { kind: 'resolved', question, base: context.question, note: `Reading "${trimmed}" as "${question}"`, ...(context.carried ? { carried: context.carried } : {}), keepItems: true };
  };
  if (BARE_ASKING.test(body.trim())) return compose();

  // Every name the catalogue finds bounds the pronouns, even a common word typed in lower case ("the term
  // imperialism ... its definition": "its" is the term's); only what the turn before named is read as a referent.
  const mentions = catalog?.find(body) ?? capitalisedNames(body);
  const tokens = [...body.matchAll(/[\p{L}\p{N}'’-]+/gu)].map((m) => ({ word: normalizeText(m[0]), raw: m[0], start: m.index, end: m.index + m[0].length }));

  // Pronouns that point outside the question: any before the first name the question gives itself;
  // after it, only objects ("What did Trump tell him?": "him" cannot be Trump, who would be "himself").
  const firstName = mentions.length > 0 ? mentions[0]!.start : Infinity;
  const own = new Set(mentions.map((m) => m.surface.toLowerCase()));
  const replacements: { start: number; end: number; text: string; shown: string; referent: string }[] = [];
  let carried: Referent | undefined;
  let keepItems = false;
  // "What does the second one do?": the second of the things the answer before listed.
  const ordinal = ordinalIn(body);
  const item = ordinal && ordinal.index < firstName ? itemOf(ordinal, context) : undefined;
  if (ordinal && item) {
    replacements.push({ start: ordinal.index, end: ordinal.index + ordinal[0].length, text: item, shown: ordinal[0], referent: item });
    carried = referentOfPhrase(item, catalog);
    keepItems = true;
  }
  for (const [i, token] of tokens.entries()) {
    if (ordinal && item && token.start >= ordinal.index && token.end <= ordinal.index + ordinal[0].length) continue;
    const kind = SUBJECT_PRONOUNS[token.word];
    const next = tokens[i + 1]?.word;
    const prev = tokens[i - 1]?.word;
    // "her" before a noun is possessive ("her role"), otherwise an object ("about her").
    const possessive = POSSESSIVE.has(token.word) || (token.word === 'her' && next !== undefined && isContentWord(next));
    if (token.start >= firstName && !(kind && !possessive && OBJECTS.has(token.word))) continue;
    if (token.word === 'there' && token.start < firstName && !EXISTENTIAL.has(next ?? '') && !EXISTENTIAL.has(prev ?? '') && i > 0) {
      // "How many people live there?": the place the turn before asked about ("Where ...?": the one its answer named).
      const place = placeOf(context, own);
      if (place) replacements.push({ start: token.start, end: token.end, text: prev !== undefined && PREPOSITIONS.has(prev) ? place.text : `in ${place.text}`, shown: token.raw, referent: place.text });
      continue;
    }
    if (kind) {
      const referent = pickReferent(kind, context, own);
      if (!referent) continue;
      if (!referent.person && (kind === 'neuter' || kind === 'plural')) carried ??= referent;
      replacements.push({ start: token.start, end: token.end, text: possessive ? `${referent.text}'s` : referent.text, shown: token.raw, referent: referent.text });
    } else if (DEMONSTRATIVE.has(token.word) && token.start < firstName && !(prev !== undefined && /^(?:do|did|does|doing)$/.test(prev) && tokens.some((t) => SUBJECT_PRONOUNS[t.word]))) {
      // ("Why did he do that?": "do that" stands for the action already named once "he" is read.)
      // "Why was that important?": after a verb "to be", "that" before a word that is no noun stands alone.
      // "the mill that was built": after a noun, "that" opens a relative clause.
      const relative = next !== undefined && prev !== undefined && isContentWord(prev) && !DEMONSTRATIVE_PREV.has(prev) && lexicon.isNoun(prev);
      const pronoun =
        !relative &&
        (next === undefined ||
        DEMONSTRATIVE_NEXT.has(next) ||
        (prev !== undefined && DEMONSTRATIVE_PREV.has(prev) && (next === undefined || !isContentWord(next))) ||
        (prev !== undefined && /^(?:is|was|are|were)$/.test(prev) && isContentWord(next) && !lexicon.isNoun(next)));
      if (pronoun) replacements.push({ start: token.start, end: token.end, text: context.topic, shown: token.raw, referent: context.topic });
    }
  }
  if (replacements.length > 0) {
    let question = body;
    for (const r of [...replacements].sort((a, b) => a.start - b.start).reverse()) question = question.slice(0, r.start) + r.text + question.slice(r.end);
    const seen = new Set<string>();
    const parts = replacements.filter((r) => !seen.has(r.shown.toLowerCase()) && seen.add(r.shown.toLowerCase())).map((r) => `'${r.shown}' as ${r.referent}`);
    return { kind: 'resolved', question, base: question, note: `Reading ${parts.join(', ')}`, ...(carried ? { carried } : {}), ...(keepItems ? { keepItems } : {}) };
  }

  // "Why?", "When?", "Who approved?", "that deal", "How long does that protection last?": too little of
  // their own to stand alone, or pointing back with "that"/"these" + a noun: read with the question before.
  if (mentions.length === 0 && (isElliptical(body, tokens.map((t) => t.word)) || POINTS_BACK.test(body) || pointsBackWithNoun(body, tokens, lexicon))) return compose();
  return { kind: 'fresh' };
}

/**
 * What a turn leaves for the next one to lean on: the names the question gave, the names in the
 * answer's marked sentence(s), the thing asked about, and what the marked sentence listed. Keeps
 * strings only. `reading` is how the turn was read when it leaned on `previous`: the thing a pronoun
 * stood for stays the thing talked about, and a turn that picked from a list keeps that list.
 */
export function contextOf(question: string, answer: Answer | undefined, catalog: NameCatalog | undefined, lexicon: Lexicon, reading?: { carried?: Referent; keepItems?: boolean }, previous?: TurnContext): TurnContext {
  const asksWho = /^\s*who\s+(?:is|was|are|were)\b/i.test(question);
  const mentions = namesIn(question, catalog);
  const subjects = mentions.map((m) => {
    const referent = referentOf(m, asksWho && mentions.length === 1);
    // "Where does the Rhine begin?" -> "Where does it end?" reads 'it' as the Rhine, as the question wrote it; a
    // name written after "the" is no one's unless the text says it is a person ("the Vell Canal" is not).
    const evidenced = m.info?.person === true && !m.info.guessed;
    if (!evidenced && /\bthe\s+$/i.test(question.slice(Math.max(0, m.start - 4), m.start))) {
      referent.text = `${question.slice(m.start - 4, m.start)}${referent.text}`;
      referent.person = false;
      delete referent.gender;
    }
    return referent;
  });
  const answerNames: Referent[] = [];
  const first = answer?.answered ? answer.passages[0] : undefined;
  const marked = first ? first.highlights.map((h) => first.passage.text.slice(h.start, h.end)).join(' ') : '';
  if (first) {
    const found = namesIn(marked, catalog);
    for (const m of found) if (!answerNames.some((a) => a.text === m.surface)) answerNames.push(referentOf(m, false));
  }
  const topic = topicOf(question, lexicon);
  const context: TurnContext = { question, subjects, answerNames: answerNames.slice(0, 8), topic };
  const head = /([a-z]+)$/i.exec(topic)?.[1];
  // ("Who invented the beam engine?" asks for someone, but its topic is the engine.)
  if (head !== undefined && lexicon.isPersonNoun(head.toLowerCase())) context.topicPerson = true;
  if (reading?.carried) context.carried = reading.carried;
  const listed = reading?.keepItems && previous ? { items: previous.items, noun: previous.itemNoun } : listedIn(marked, question, lexicon);
  if (listed.items) context.items = listed.items;
  if (listed.noun) context.itemNoun = listed.noun;
  return context;
}

/** The thing a question asks about: "What was the Stuxnet attack?" -> "the Stuxnet attack". */
export function topicOf(question: string, lexicon: Lexicon): string {
  let rest = question.trim().replace(LEAD, '').replace(/[?.!\s]+$/, '');
  // "Tell me about the Five Eyes", "Explain the Stuxnet attack": the thing is what follows.
  const asked = IMPERATIVE.exec(rest);
  if (asked && rest.length > asked[0].length) return rest.slice(asked[0].length);
  const whMatch = WH_OPENING.exec(rest);
  if (!whMatch) return rest;
  rest = rest.slice(whMatch[0].length);
  const auxMatch = AUX_OPENING.exec(rest);
  const wh = whMatch[1]!.toLowerCase();
  if (auxMatch) {
    rest = rest.slice(auxMatch[0].length);
    const aux = auxMatch[1]!.toLowerCase();
    // "What should happen to X?": the wh-word is the subject; the whole question is the thing.
    if (/^(?:happen|happened|cause|caused|(?:lead|led)\s+to|change|changed)\b/i.test(rest)) return `${wh} ${aux} ${rest}`;
    // "What was the Stuxnet attack?" asks about a thing: the thing itself; "Who was the cycle named after?"
    // and "How does the engine work?" about the phrase before the verb.
    if (/^(?:is|are|was|were)$/.test(aux) || !/^(?:what|which)$/.test(wh)) {
      const plain = rest.replace(/\s+(?:do|say|mean|happen)$/i, '') || rest;
      return phraseBeforeVerb(plain, /^(?:do|does|did)$/.test(aux) ? aux : undefined, lexicon);
    }
    // "What did Trump share with the Russians?" asks for the thing Trump shared: "what Trump did share with the Russians".
    const words = rest.split(/\s+/);
    const verbAt = words.findIndex((w, i) => i > 0 && /^[a-z]+$/.test(w) && !/^(?:the|a|an|of|and)$/.test(w) && !/^\p{Lu}/u.test(w));
    if (verbAt > 0) return `what ${words.slice(0, verbAt).join(' ')} ${aux} ${words.slice(verbAt).join(' ')}`;
    return rest;
  }
  // "What river joins the Rhine in Duisburg?": the river that does.
  const [head, ...after] = rest.split(/\s+/);
  // (A verb after "what" shows its -s or -ed: "What causes", "What changed"; "river" is a noun even though "rive" is a verb.)
  const nounHead = head !== undefined && /^[a-z]+$/.test(head) && lexicon.isNoun(head) && !/ed$/.test(head) && (!/s$/.test(head) || !lexicon.canBe(head, 'v'));
  if (/^(?:what|which)$/.test(wh) && nounHead && after.length > 0 && !AUX_WORD.test(after[0]!)) {
    return `the ${head} that ${after.join(' ')}`;
  }
  // "What happened to X?": the X.
  return rest.replace(/^[a-z]+(?:ed|s)?\s+(?:to|with|about|of|on|for|in|between)?\s*/i, '') || rest;
}

/**
 * The noun phrase a question's remainder opens with: cut at a passive participle followed by a
 * preposition or determiner ("the Rankine cycle named after" -> "the Rankine cycle"), at the verb
 * of a do-question ("the compound engine work" -> "the compound engine"), and without trailing
 * prepositions ("lead fusible plugs for"). Returns the remainder as it was when no phrase is left.
 */
function phraseBeforeVerb(rest: string, doAux: string | undefined, lexicon: Lexicon): string {
  const tokens = rest.split(/\s+/);
  const lower = tokens.map((t) => normalizeText(t));
  let cut = tokens.length;
  for (let i = 1; i < tokens.length; i++) {
    const w = lower[i]!;
    const next = lower[i + 1];
    const prev = lower[i - 1]!;
    if (!/^[a-z]+$/.test(w) || /^\p{Lu}/u.test(tokens[i]!)) continue;
    const opensPhrase = next === undefined || PREPOSITIONS.has(next) || DETERMINERS.has(next) || next === 'as' || next === 'of';
    // Only a participle ending the question or followed by a stranded preposition or a short object ("named after",
    // "known for", "given that name"): "confirmed as human pathogens" still says what the thing is.
    const stranded = next === undefined || (i + 2 === tokens.length && PREPOSITIONS.has(next)) || (i + 3 === tokens.length && DETERMINERS.has(next));
    const participle = (IRREGULAR_PARTICIPLES.has(w) || (/^[a-z]{3,}ed$/.test(w) && lexicon.canBe(w, 'v'))) && stranded;
    const verb =
      doAux !== undefined &&
      !DETERMINERS.has(prev) &&
      lexicon.canBe(w, 'v') &&
      (next === undefined || opensPhrase || !lexicon.canBe(w, 'n') || (doAux === 'do' && /[^s]s$/.test(prev)));
    if (participle || verb) {
      cut = i;
      break;
    }
  }
  let phrase = tokens.slice(0, cut);
  while (phrase.length > 1 && PREPOSITIONS.has(normalizeText(phrase[phrase.length - 1]!))) phrase = phrase.slice(0, -1);
  // A pronoun alone ("he authorize the hacking" -> "he") says nothing: keep the remainder.
  if (!phrase.some((t) => isContentWord(normalizeText(t)))) return rest;
  return phrase.join(' ');
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
  const allowed = (r: Referent) => !exclude.has(nameOnly(r));
  // The thing the turn before read a pronoun as is still what the conversation is about.
  const carried = context.carried && !context.carried.person && allowed(context.carried) ? context.carried : undefined;
  if (carried && ((kind === 'plural' && carried.plural) || (kind === 'neuter' && !carried.plural))) return carried;
  const subjects = context.subjects.filter(allowed);
  const pool = [...subjects, ...context.answerNames.filter(allowed)];
  const topic: Referent = { text: context.topic, person: false, plural: /[^s]s$/.test(context.topic) };
  if (kind === 'male' || kind === 'female') {
    const fits = (r: Referent) => r.person && (!r.gender || r.gender === kind);
    // The thing asked about only when it is someone ("the first mayor"): "he" is never "the town museum".
    return pool.find(fits) ?? (context.subjects.length === 0 && context.topicPerson ? topic : undefined);
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
  // "What river joins the Rhine?" asks for a thing too: "the river that joins the Rhine", not the Rhine.
  if (/^\s*(?:what|which)\s+(?:is|was|are|were)\b/i.test(context.question) || /^the \S+ that /.test(context.topic)) return topic;
  return subjects.find((r) => !r.person && !r.plural) ?? topic;
}

/** A referent's name as the catalogue finds it: lower case, without the "the" a question wrote before it. */
function nameOnly(r: Referent): string {
  return r.text.toLowerCase().replace(/^the\s+/, '');
}

/** What "there" points at: for a "Where ...?" question the first place its answer named that the question did not, else what "it" would be. */
function placeOf(context: TurnContext, exclude: Set<string>): Referent | undefined {
  if (/^\s*where\b/i.test(context.question)) {
    const asked = new Set(context.subjects.map(nameOnly));
    const candidates = context.answerNames.filter((r) => !asked.has(nameOnly(r)) && !exclude.has(nameOnly(r)));
    // A place of two capitalised words ("Grey Hills") may be taken for a person's name: any new name, places first.
    const named = candidates.find((r) => !r.person) ?? candidates[0];
    if (named) return named;
  }
  return pickReferent('neuter', context, exclude);
}

/**
 * The question before with `thing` in the place of what it was about: a phrase opening with a
 * preposition ("in the Lower Rhine") replaces the phrase with the same preposition, or is added; a
 * thing sharing a word with the question replaces the phrase of that word ("the other third" for
 * "two thirds"); else the thing talked about, the last name, or the topic is replaced.
 */
function substituteSubject(context: TurnContext, thing: string, lexicon: Lexicon): string {
  const base = context.question.replace(/[?.!\s]+$/, '');
  const tokens = [...base.matchAll(/[\p{L}\p{N}'’-]+/gu)].map((m) => ({ word: normalizeText(m[0]).replace(/'s$/, ''), start: m.index, end: m.index + m[0].length }));
  const splice = (start: number, end: number, text: string) => `${base.slice(0, start)}${text}${base.slice(end)}?`;
  if (PREPOSITION_START.test(thing)) {
    const preposition = normalizeText(thing.split(/\s+/)[0]!);
    const at = tokens.map((t) => t.word).lastIndexOf(preposition);
    if (at >= 0) {
      // The phrase runs to the next preposition ("with Russia like" -> "with Russia") or the end.
      let last = at + 1;
      while (last + 1 < tokens.length && !PREPOSITIONS.has(tokens[last + 1]!.word)) last++;
      if (last < tokens.length) return splice(tokens[at]!.start, tokens[last]!.end, thing);
    }
    return `${base} ${thing}?`;
  }
  const possessive = /['’]s$/.test(thing);
  const put = (at: number, length: number, before: string) => {
    // "Watt's designs" -> "Newcomen's designs": the possessive is the question's, not added twice.
    const rest = base.slice(at + length);
    const text = possessive && /^['’]s\b/.test(rest) ? thing.replace(/['’]s$/, '') : thing;
    return `${before}${text}${rest}?`;
  };
  const carried = context.carried?.text;
  const carriedAt = carried ? base.lastIndexOf(carried) : -1;
  if (carried && carriedAt >= 0) return put(carriedAt, carried.length, base.slice(0, carriedAt));
  const thingStems = new Set(words(thing).map((w) => w.text).filter(isContentWord).map(stem));
  const shared = tokens.findIndex((t, i) => i > 0 && isContentWord(t.word) && thingStems.has(stem(t.word)));
  if (shared > 0) {
    // The whole phrase of the shared word ("the compound engine" for "the multiple expansion engine", "two thirds" for
    // "the other third"): back over determiners and modifiers, to the question's opening words or a preposition.
    let from = shared;
    while (from > 2 && !PREPOSITIONS.has(tokens[from - 1]!.word) && (DETERMINERS.has(tokens[from - 1]!.word) || isContentWord(tokens[from - 1]!.word))) from--;
    // "the population of Israel" for "the population of Turkey": the thing's own "of ..." takes the place of the question's.
    let to = shared;
    while (to + 1 < tokens.length && isContentWord(tokens[to + 1]!.word) && thingStems.has(stem(tokens[to + 1]!.word))) to++;
    const thingWords = words(thing).map((w) => w.text);
    const after = thingWords.findIndex((w) => stem(w) === stem(tokens[to]!.word));
    if (after >= 0 && after + 1 < thingWords.length && PREPOSITIONS.has(thingWords[after + 1]!) && to + 1 < tokens.length && PREPOSITIONS.has(tokens[to + 1]!.word)) {
      to += 2;
      while (to + 1 < tokens.length && !PREPOSITIONS.has(tokens[to + 1]!.word)) to++;
    }
    return splice(tokens[from]!.start, tokens[Math.min(to, tokens.length - 1)]!.end, thing);
  }
  const last = context.subjects[context.subjects.length - 1];
  if (last) {
    const at = base.toLowerCase().lastIndexOf(last.text.toLowerCase());
    if (at >= 0) {
      // "the Russians" -> "Lavrov": a capitalised replacement brings no article of its own.
      const before = /^(?:\p{Lu}|(?:the|a|an)\s)/iu.test(thing) ? base.slice(0, at).replace(/\bthe\s+$/i, '').replace(/^the\s+/i, '') : base.slice(0, at);
      // A name between "the" and a noun ("the Rankine cycle", "the Five Eyes group") qualifies the noun: both go.
      const compound = /^(?:\s+[a-z][a-z-]*)+/.exec(base.slice(at + last.text.length));
      const following = compound ? compound[0].split(/\s+/).filter((w) => w.length > 0) : [];
      const isHead = (w: string) => isContentWord(w) && !PREPOSITIONS.has(w) && lexicon.isNoun(w) && !lexicon.canBe(w, 'a');
      const stop = following.findIndex((w) => !isHead(w));
      const modifier = /^the\s/i.test(last.text) ? (stop < 0 ? following : following.slice(0, stop)).join(' ') : '';
      const length = last.text.length + (modifier ? modifier.length + 1 : 0);
      return put(at, length, before);
    }
  }
  const topic = context.topic;
  const at = topic ? base.lastIndexOf(topic) : -1;
  if (at >= 0) return put(at, topic.length, base.slice(0, at));
  return `${base} — ${thing}?`;
}

/** A phrase as a referent: a name's facts when the catalogue knows it, else a thing, plural when written so. */
function referentOfPhrase(text: string, catalog: NameCatalog | undefined): Referent {
  const info = catalog?.lookup(text);
  return { text, person: info?.person ?? false, plural: info?.plural ?? /[^s]s$/.test(text) };
}

/**
 * Names in a question or a quoted sentence, without a catalogue name met only as a word the text itself
 * also writes in lower case: "What river joins ..." does not name the "River" of "Noord River", nor "the 19th
 * century" a "Century"; "trump" typed in lower case is still Trump when the text never writes "trump".
 */
function namesIn(text: string, catalog: NameCatalog | undefined): NameMention[] {
  if (!catalog) return capitalisedNames(text);
  return catalog.find(text).filter((m) => {
    const typed = text.slice(m.start, m.end);
    return /\p{Lu}/u.test(typed) || !typed.split(/\s+/).every((w) => catalog.writesInLowerCase(w));
  });
}

/** "the second one", "the first of them", "the latter": where it is and which of a list it means; undefined when there is none. */
function ordinalIn(text: string): { index: number; 0: string; which: number } | undefined {
  const m = ORDINAL.exec(text);
  if (!m) return undefined;
  const word = m[1]!.toLowerCase();
  // "the first time", "the second world war": without "one"/"of them" only at the end, or latter/former anywhere.
  if (m[2] === undefined && word !== 'latter' && word !== 'former' && !/^\s*[?.!]*\s*$/.test(text.slice(m.index + m[0].length))) return undefined;
  return { index: m.index, 0: m[0], which: ORDINAL_INDEX[word]! };
}

/** The listed item an ordinal picks, or "the second <noun>" when the answer before only counted them; undefined when neither. */
function itemOf(ordinal: { which: number; 0: string }, context: TurnContext): string | undefined {
  const items = context.items;
  if (items && items.length >= 2) {
    const item = ordinal.which < 0 ? items[items.length - 1] : items[ordinal.which];
    if (item) return item;
  }
  if (!context.itemNoun) return undefined;
  const word = /the\s+(\w+)/i.exec(ordinal[0])![1]!.toLowerCase();
  return `the ${word === 'latter' ? 'last' : word === 'former' ? 'first' : word} ${context.itemNoun}`;
}

/**
 * What a marked sentence lists (after a colon or "such as"/"including": "two subtypes: the killer T cell
 * and the helper T cell") and what it calls them ("two bifurcations" -> "bifurcation"), from the
 * sentence or else the question. A list must be short phrases, as many as the sentence counts.
 */
function listedIn(marked: string, question: string, lexicon: Lexicon): { items?: string[]; noun?: string } {
  const out: { items?: string[]; noun?: string } = {};
  let count: number | undefined;
  for (const text of [marked, question]) {
    const m = /\b(two|three|four|five|six|both)\s+((?:[a-z-]+\s+){0,2}?)([a-z-]+s)\b/i.exec(text);
    if (!m) continue;
    const plural = m[3]!.toLowerCase();
    // WordNet's singular when it knows the word ("bifurcations"); a word it does not know loses its "s" ("subtypes").
    const known = lexicon.baseForms(plural);
    const bases = known.length > 0 ? known.filter((b) => b !== plural && lexicon.isNoun(b)) : [plural.replace(/ies$/, 'y').replace(/s$/, '')];
    if (bases.length === 0) continue;
    count = COUNT_VALUE[m[1]!.toLowerCase()];
    out.noun = `${m[2] ?? ''}${bases[0]!}`.trim();
    break;
  }
  const list = /(?::|\bsuch as|\bincluding|\bnamely)\s+([^.;:]+)/i.exec(marked);
  if (list) {
    const parts = list[1]!
      .split(/\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    const short = parts.every((p) => words(p).length >= 1 && words(p).length <= 6);
    if (parts.length >= 2 && parts.length <= 8 && short && (count === undefined || parts.length === count)) out.items = parts;
  }
  return out;
}

/**
 * "How long does that protection last?", "What produces that process?": a demonstrative before a noun
 * points back at what was just said (not after a verb of saying, where "that" opens a clause).
 */
function pointsBackWithNoun(body: string, tokens: { word: string }[], lexicon: Lexicon): boolean {
  // A question saying this much of its own is not leaning back ("those leaked spy agency cyber tools").
  if (tokens.filter((w) => isContentWord(w.word)).length > 3) return false;
  const points = tokens.some((t, i) => {
    if (!DEMONSTRATIVES.has(t.word)) return false;
    const next = tokens[i + 1]?.word;
    const prev = tokens[i - 1]?.word;
    if (next === undefined || !isContentWord(next) || !lexicon.isNoun(next)) return false;
    // "these"/"those" only ever point; "that"/"this" after a noun or a verb may open a clause ("the hotel that was
    // renamed", "explained that reference frames ..."), so only after a verb "to be/do", a preposition or a wh-word, or as
    // the question's last thing ("What produces that process?").
    // After "did"/"does", "this" may be the subject and the next word its verb ("what date did this come out").
    if (prev !== undefined && /^(?:do|does|did)$/.test(prev) && lexicon.canBe(next, 'v')) return false;
    if (t.word === 'these' || t.word === 'those') return true;
    if (prev !== undefined && SAYING.has(prev)) return false;
    return prev === undefined || i + 2 === tokens.length || PREPOSITIONS.has(prev) || BE_OR_DO.has(prev) || WH_WORD.test(prev);
  });
  // "this article" is the article; "this process" is not ("this" alone would name the article to about-intent).
  return points && !namesTheArticle(cleanQuestion(body.replace(/\b(?:that|this|these|those)\b/gi, ' ')));
}

/**
 * Whether a line has too little of its own to stand alone: a wh-word alone ("Why?", "When exactly?"), no content
 * word, or a wh-word and one verb ("Who approved?", in any case). `tokenWords` are the line's words in order.
 * @internal exported for tests
 */
export function isElliptical(body: string, tokenWords: string[]): boolean {
  if (WH_ONLY.test(body.trim())) return true;
  // Case folded like every other test here: "WHO APPROVED?" is "Who approved?".
  const folded = tokenWords.map(normalizeText);
  const content = folded.filter(isContentWord);
  if (content.length === 0) return folded.length > 0;
  // "Who approved?", "Why not?" — a wh-word and a single verb, no thing named.
  return content.length === 1 && folded.length <= 3 && WH_WORD.test(folded[0] ?? '') && !/^(?:is|are|was|were)$/.test(folded[1] ?? '');
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
