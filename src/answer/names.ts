// The names an index's own text uses (people, places, organisations), learnt from how the text writes
// them, so a follow-up's "he" or "it" can be read against what came before without any list of this
// article's names. A name is a run of capitalised words that the text writes mid-sentence; whether it
// names a person, and which pronoun the text uses for it, comes from the words around its mentions
// (a role word such as "ambassador" before it, "he"/"she"/"it" soon after it).
import type { LoadedIndex } from '../index-store/loaded-index.js';
import { normalizeText, STOPWORDS } from '../text/analyze.js';
import type { Lexicon } from '../text/lexicon.js';

/** Which pronoun the index's own text uses after mentioning a name, when it says. */
export type Gender = 'male' | 'female';

/** What the index's own text says about one name: how it is written, how often, and whether it is a person. */
export interface NameInfo {
  /** As first written in the text, possessive removed, e.g. "Ron Dermer". */
  surface: string;
  /** How many times the text writes it (as a whole run or as the run's last word). */
  mentions: number;
  /** True when the text gives evidence it is a person (a role word before it, a personal pronoun after it). */
  person: boolean;
  gender?: Gender;
  /** True when `person` is only a guess from the name's shape ("Hillary Clinton"), with no evidence in the text. */
  guessed?: boolean;
  /** True when the text never writes it as a name of its own: only inside a longer name or qualifying a noun. */
  partOnly?: boolean;
  /** True for a nationality word that mostly qualifies a noun ("American counterparts"): not a thing to ask about. */
  adjective?: boolean;
  /** True when the text refers back to it with "they"/"them"/"their" more than with any singular pronoun, or it is written as a plural ("Russians"). */
  plural: boolean;
}

/** A name found in a piece of text (a question or a quoted sentence). */
export interface NameMention {
  surface: string;
  start: number;
  end: number;
  info?: NameInfo;
}

/** The names an index's text uses, built once per index; follow-ups and suggested questions read it. */
export interface NameCatalog {
  /** The name's facts by its normalised key (lower-case, possessive removed), or undefined when the text never writes it. */
  lookup(name: string): NameInfo | undefined;
  /** Names written in `text`, in order: capitalised runs, plus catalogue names typed in lower case ("ron dermer"). */
  find(text: string): NameMention[];
  /**
   * Whether the index's text also writes this word in lower case, as an ordinary word ("river" beside "Noord River",
   * "century" beside "19th Century"): typed in lower case in a question, it is that word, not the name.
   */
  writesInLowerCase(word: string): boolean;
}

// A run of capitalised words, allowing a lower-case "of"/"the" inside ("Bank of England").
// A word's dot belongs to it only inside or closing an abbreviation ("U.S."), never as a full stop ("Erdogan. This").
const NAME_WORD = String.raw`\p{Lu}(?:[\p{L}'’-]|\.(?=\p{L}))*(?:(?<=\b\p{Lu})\.)?`;
const NAME_RUN = new RegExp(`${NAME_WORD}(?:\\s+(?:(?:of|the|de|al)\\s+)?${NAME_WORD})*`, 'gu');

// Role words put before a person's name in news prose ("ambassador Ron Dermer", "President Trump").
// General English, not this article's: they say "what follows names a person".
const ROLE_WORDS = new Set(
  (
    'president vice-president minister ambassador spokesman spokeswoman spokesperson officer official aide adviser advisor ' +
    'leader director secretary senator congressman congresswoman representative governor mayor chancellor premier king queen ' +
    'prince princess colonel commander judge lawyer attorney professor dr mr mrs ms sir lord lady ' +
    'pope rabbi bishop ceo chairman chairwoman founder author writer reporter journalist analyst candidate envoy diplomat'
  ).split(' '),
);

// Capitalised words that are not names of anyone: they must not stand between a name and its pronoun.
const CALENDAR = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december i'.split(' '),
);

// Verbs of saying right after a name mark someone speaking ("Dermer said", "Koch wrote").
const SAYING = new Set('said says told asked replied wrote writes argued argues added explained insisted warned recalled'.split(' '));

const PREPOSITIONS = new Set('in into of to from with through at by on onto for over under across against toward towards near within without about between among'.split(' '));

const MALE = new Set(['he', 'him', 'his', 'himself']);
const FEMALE = new Set(['she', 'her', 'hers', 'herself']);
const NEUTER = new Set(['it', 'its', 'itself']);
const PLURAL = new Set(['they', 'them', 'their', 'theirs', 'themselves']);

/** Normalised key of a name: lower-case, folded quotes, possessive dropped, spaces collapsed. */
function nameKey(surface: string): string {
  return normalizeText(surface)
    .replace(/'s$/, '')
    .replace(/'$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function cleanSurface(raw: string): string {
  return raw.replace(/['’]s$/, '').replace(/['’]$/, '').replace(/[.]$/, (dot) => (/\b(?:\p{Lu}\.){2,}$/u.test(raw) ? dot : ''));
}

interface Evidence {
  surface: string;
  mentions: number;
  /** Mentions written as this whole name (not as the last word of a longer one). */
  written: number;
  /** Mentions directly followed by a lower-case content word. */
  modifier: number;
  /** Mentions as a one-word name. */
  alone: number;
  /** For a several-word name, the key of its last word. */
  surname?: string;
  role: number;
  /** Mentions directly followed by a verb of saying ("Dermer said"). */
  said: number;
  male: number;
  female: number;
  neuter: number;
  plural: number;
}

/**
 * Learn the names of an index's documents. Linear in the text; about a millisecond for an article.
 * Returns a catalogue answering lookups and finding names in new text. `lexicon` says which names WordNet knows
 * as people or as places and things (Lexicon.properKind).
 */
export function buildNameCatalog(index: Pick<LoadedIndex, 'documents'>, lexicon: Lexicon): NameCatalog {
  const evidence = new Map<string, Evidence>();
  const note = (surface: string): Evidence => {
    const key = nameKey(surface);
    let e = evidence.get(key);
    if (!e) evidence.set(key, (e = { surface, mentions: 0, written: 0, modifier: 0, alone: 0, role: 0, said: 0, male: 0, female: 0, neuter: 0, plural: 0 }));
    return e;
  };
  for (const document of index.documents) {
    const text = document.text;
    for (const match of text.matchAll(NAME_RUN)) {
      const before = text.slice(Math.max(0, match.index - 4), match.index);
      let tokens = match[0].split(/\s+/);
      // A capital opening a sentence may be any word ("When Vladimir Putin"): only mid-sentence capitals mark a name.
      // An opening quote mid-sentence (the “Five Eyes”) does not start a sentence; one after a full stop does.
      if (match.index === 0 || /(?:[.!?:]\s*["“”]?\s*|\n\s*["“”]?)$/.test(before)) tokens = tokens.slice(1);
      while (tokens.length > 0 && STOPWORDS.has(normalizeText(tokens[0]!))) tokens = tokens.slice(1);
      const surface = cleanSurface(tokens.join(' '));
      if (surface.length < 2 || STOPWORDS.has(surface.toLowerCase())) continue;
      tokens = surface.split(/\s+/);
      // Role words written with a capital ("Turkish President Recep Tayyip Erdogan") belong to the role, not the name.
      let lead = 0;
      for (let i = 0; i < tokens.length - 1; i++) if (ROLE_WORDS.has(normalizeText(tokens[i]!))) lead = i + 1;
      const name = tokens.slice(lead).join(' ');
      const last = tokens[tokens.length - 1]!;
      const targets = new Set([name, last]);
      const at = match.index + match[0].length - surface.length;
      const prevText = text.slice(Math.max(0, at - 40), at);
      const prevWords = normalizeText(prevText).match(/[a-z-]+/g) ?? [];
      // "ambassador Ron Dermer", or the appositive "Israel's ambassador to Washington, Ron Dermer".
      const roleBefore = lead > 0 || ROLE_WORDS.has(prevWords[prevWords.length - 1] ?? '') || (/,\s*$/.test(prevText) && prevWords.slice(-4).some((w) => ROLE_WORDS.has(w)));
      // How the text refers back to it: the first pronoun later in its sentence, or opening the next one.
      // Only for a name that is not the object of a preposition: in "a state in Asia Minor …, but he was
      // stopped", the "he" is someone else.
      const governed = PREPOSITIONS.has(prevWords[prevWords.length - 1] ?? '') && /\s$/.test(prevText);
      const pronoun = governed ? undefined : firstPronoun(text.slice(match.index + match[0].length, match.index + match[0].length + 400));
      // "American counterparts", "Russian leadership": the name qualifies the lower-case word after it.
      const next = /^ ([a-z][a-z-]*)/.exec(text.slice(match.index + match[0].length, match.index + match[0].length + 30))?.[1];
      const modifies = next !== undefined && !STOPWORDS.has(next);
      for (const target of targets) {
        const e = note(target);
        e.mentions++;
        if (target === last && tokens.length === 1) e.alone++;
        if (name.includes(' ') && target === name) e.surname = nameKey(last);
        if (roleBefore) e.role++;
        if (modifies) e.modifier++;
        if (next !== undefined && SAYING.has(next)) e.said++;
        if (target === name) e.written++;
        if (pronoun && MALE.has(pronoun)) e.male++;
        else if (pronoun && FEMALE.has(pronoun)) e.female++;
        else if (pronoun && NEUTER.has(pronoun)) e.neuter++;
        else if (pronoun && PLURAL.has(pronoun)) e.plural++;
      }
    }
  }
  // People are called by their surname once introduced ("Barack Obama" ... "Obama"); organisations
  // are seldom called by their last word alone ("the White House" is not "House").
  // Not a last word WordNet knows only as a place or thing ("Western Europe" ... "Europe", "Low German" ... "German").
  const known = new Map<string, ReturnType<Lexicon['properKind']>>();
  const kindOf = (key: string) => {
    if (!known.has(key)) known.set(key, lexicon.properKind(key.replace(/ /g, '_')));
    return known.get(key);
  };
  for (const [key, e] of evidence) {
    const surname = e.surname ? evidence.get(e.surname) : undefined;
    if (surname && surname.alone > 0 && e.neuter + e.plural === 0 && surname.neuter + surname.plural === 0 && kindOf(e.surname!) !== 'other' && kindOf(key) !== 'other') {
      e.role++;
      surname.role++;
    }
  }
  const infos = new Map<string, NameInfo>();
  for (const [key, e] of evidence) infos.set(key, toInfo(e, kindOf(key)));
  // Longest first, so "Ron Dermer" is found before "Ron".
  const keys = [...infos.keys()].filter((k) => k.length >= 3).sort((a, b) => b.length - a.length);
  // Lower-case matching, made linear in the text: a key that starts with a letter or digit can only
  // match where a word starts, so each is filed under its first word (one-word keys) or its first two
  // words with what separates them, and a text is matched by looking up its own words instead of
  // scanning it once per key (a library's thousands of keys over its texts took minutes). Keys whose
  // occurrences could overlap at a word start keep the plain scan, whose skipping is part of its result.
  const byOneWord = new Map<string, number[]>();
  const byTwoWords = new Map<string, number[]>();
  const scanned: number[] = [];
  const filed: (string | undefined)[] = [];
  keys.forEach((key, k) => {
    if (STOPWORDS.has(key)) return;
    const prefix = wordsPrefix(key);
    if (!prefix || overlapsAtWordStart(key)) {
      scanned.push(k);
      return;
    }
    filed[k] = prefix.text;
    const table = prefix.words === 1 ? byOneWord : byTwoWords;
    let list = table.get(prefix.text);
    if (!list) table.set(prefix.text, (list = []));
    list.push(k);
  });

  const lookup = (name: string): NameInfo | undefined => infos.get(nameKey(name));
  // Lower-case words of the text, built on first use (only follow-ups ask).
  let lowerWords: Set<string> | undefined;
  return {
    lookup,
    writesInLowerCase(word: string): boolean {
      if (!lowerWords) {
        lowerWords = new Set();
        for (const document of index.documents) for (const m of document.text.matchAll(/(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}'’-]*/gu)) lowerWords.add(normalizeText(m[0]));
      }
      return lowerWords.has(normalizeText(word));
    },
    find(text: string): NameMention[] {
      const found: NameMention[] = [];
      const taken: boolean[] = new Array<boolean>(text.length).fill(false);
      const add = (start: number, end: number, surface: string) => {
        for (let i = start; i < end; i++) if (taken[i]) return;
        for (let i = start; i < end; i++) taken[i] = true;
        const info = lookup(surface);
        found.push({ surface, start, end, ...(info ? { info } : {}) });
      };
      for (const match of text.matchAll(NAME_RUN)) {
        const tokens = [...match[0].matchAll(/\S+/g)].map((t) => ({ word: t[0], start: match.index + t.index }));
        // A capitalised function word opening a question ("Who", "What", "And") is not a name, nor is a role word before one.
        while (tokens.length > 0 && STOPWORDS.has(normalizeText(tokens[0]!.word)) && !infos.has(nameKey(tokens[0]!.word))) tokens.shift();
        const lastRole = tokens.slice(0, -1).map((t) => ROLE_WORDS.has(normalizeText(t.word))).lastIndexOf(true);
        if (lastRole >= 0) tokens.splice(0, lastRole + 1);
        if (tokens.length === 0) continue;
        const start = tokens[0]!.start;
        const last = tokens[tokens.length - 1]!;
        const surface = cleanSurface(text.slice(start, last.start + last.word.length));
        if (STOPWORDS.has(surface.toLowerCase()) || surface.length < 2) continue;
        // Sentence-initial single words are names only if the text writes them as one.
        if ((start === 0 || endsSentence(text, start)) && tokens.length === 1 && !infos.has(nameKey(surface))) continue;
        add(start, start + surface.length, surface);
      }
      // Names typed in lower case: match catalogue keys on word boundaries.
      const lower = normalizeText(text);
      const okAfter = (from: number) => from >= lower.length || !/[a-z0-9]/.test(lower[from]!) || lower.slice(from, from + 2) === "'s";
      // Where each word starts, by the word and by the word with the next one (and what is between).
      const oneWord = new Map<string, number[]>();
      const twoWords = new Map<string, number[]>();
      const note = (table: Map<string, number[]>, text: string, at: number) => {
        let list = table.get(text);
        if (!list) table.set(text, (list = []));
        list.push(at);
      };
      const runs = [...lower.matchAll(/[a-z0-9]+/g)];
      for (let r = 0; r < runs.length; r++) {
        const at = runs[r]!.index;
        note(oneWord, runs[r]![0], at);
        const next = runs[r + 1];
        if (next) note(twoWords, lower.slice(at, next.index + next[0].length), at);
      }
      // The keys that can match here, in the catalogue's order (longest first), as the plain scan takes them.
      const candidates = [...scanned];
      for (const word of oneWord.keys()) for (const k of byOneWord.get(word) ?? []) candidates.push(k);
      for (const words of twoWords.keys()) for (const k of byTwoWords.get(words) ?? []) candidates.push(k);
      candidates.sort((a, b) => a - b);
      for (const k of candidates) {
        const key = keys[k]!;
        const prefix = filed[k];
        if (prefix !== undefined) {
          for (const at of (oneWord.get(prefix) ?? twoWords.get(prefix))!) {
            // Found under its first word(s), so a word starts here: the boundary before holds.
            if (lower.startsWith(key, at) && okAfter(at + key.length)) add(at, at + key.length, infos.get(key)!.surface);
          }
          continue;
        }
        let from = 0;
        for (;;) {
          const at = lower.indexOf(key, from);
          if (at < 0) break;
          from = at + key.length;
          const okBefore = at === 0 || !/[a-z0-9]/.test(lower[at - 1]!);
          if (okBefore && okAfter(from)) add(at, from, infos.get(key)!.surface);
        }
      }
      return found.sort((a, b) => a.start - b.start);
    },
  };
}

/** Whether text.slice(0, end) ends with a full stop, "!" or "?" and maybe white space: /[.!?]\s*$/ without copying the text. */
function endsSentence(text: string, end: number): boolean {
  let i = end - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return i >= 0 && (text[i] === '.' || text[i] === '!' || text[i] === '?');
}

/**
 * A key's first word (when it has one word) or its first two words with what separates them, as the
 * text must show them where the key starts; undefined when the key does not start with a letter or digit.
 */
function wordsPrefix(key: string): { text: string; words: 1 | 2 } | undefined {
  const runs = [...key.matchAll(/[a-z0-9]+/g)];
  if (runs.length === 0 || runs[0]!.index !== 0) return undefined;
  if (runs.length === 1) return { text: runs[0]![0], words: 1 };
  return { text: key.slice(0, runs[1]!.index + runs[1]![0].length), words: 2 };
}

/** Whether the key, started again at one of its own inner word starts, reads as its beginning ("a a"): two occurrences could then overlap there. */
function overlapsAtWordStart(key: string): boolean {
  for (let j = 1; j < key.length; j++) {
    if (/[a-z0-9]/.test(key[j - 1]!) || !/[a-z0-9]/.test(key[j]!)) continue;
    if (key.startsWith(key.slice(j))) return true;
  }
  return false;
}

/** `known`: what WordNet's capitalised senses of the name are (Lexicon.properKind). */
function toInfo(e: Evidence, known: 'person' | 'other' | 'mixed' | undefined): NameInfo {
  const personal = e.male + e.female;
  const silent = e.role + e.said + personal + e.neuter + e.plural === 0;
  // Nationality words ("American", "Russian", "Israeli") mostly qualify a noun: they name no one.
  const adjective = /(?:an|ish|ese|i)$/.test(e.surface) && e.modifier >= 0.6 * e.mentions;
  // With no evidence either way, a "Firstname Lastname" run ("Hillary Clinton") is taken for a person, as a guess;
  // not one WordNet knows as a person (that is evidence) or only as a place or thing ("Low German").
  const guessed = !adjective && silent && known !== 'person' && known !== 'other' && /^\p{Lu}[\p{Ll}'’-]+ \p{Lu}[\p{Ll}'’-]+$/u.test(e.surface);
  // A role word before it says person whatever WordNet knows; a pronoun after it ("Europe ... he" is about someone
  // else), a verb of saying ("the ministry said") or the shape of a name does not outweigh WordNet's place or thing.
  const person = !adjective && (e.role > 0 || known === 'person' || (known !== 'other' && (e.said > 0 || personal > e.neuter + e.plural || guessed)));
  const info: NameInfo = {
    surface: e.surface,
    mentions: e.mentions,
    person,
    plural: !person && (e.plural > e.neuter || /[^s]s$/.test(e.surface)),
  };
  if (guessed) info.guessed = true;
  // Only ever the last word of a longer name ("Eyes" of "Five Eyes"), or only ever qualifying a noun ("the Assad regime").
  if (e.written === 0 || (!person && e.modifier === e.mentions)) info.partOnly = true;
  if (adjective) info.adjective = true;
  if (person && e.male > e.female) info.gender = 'male';
  else if (person && e.female > e.male) info.gender = 'female';
  return info;
}

function firstPronoun(text: string): string | undefined {
  let sentence = 0;
  let wordsIntoSentence = 0;
  for (const match of text.matchAll(/[\p{L}]+|[.!?]/gu)) {
    const raw = match[0];
    if (raw === '.' || raw === '!' || raw === '?') {
      // An abbreviation's dot ("U.S.") does not end a sentence.
      if (/\p{Lu}$/u.test(text.slice(Math.max(0, match.index - 1), match.index)) && /^\p{Lu}?\.?/u.test(text.slice(match.index + 1))) continue;
      if (++sentence >= 2) return undefined;
      wordsIntoSentence = 0;
      continue;
    }
    wordsIntoSentence++;
    // In the next sentence only its opening words: further on, a pronoun is about something else.
    if (sentence === 1 && wordsIntoSentence > 3) return undefined;
    const w = normalizeText(raw);
    if (MALE.has(w) || FEMALE.has(w) || NEUTER.has(w) || PLURAL.has(w)) return w;
    // Another name first: a pronoun after it is more likely about that one.
    if (/^\p{Lu}/u.test(raw) && wordsIntoSentence > 1 && !CALENDAR.has(w)) return undefined;
  }
  return undefined;
}
