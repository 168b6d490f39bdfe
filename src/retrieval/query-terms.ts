// Turns a question into "slots": one per content word, each with the index terms that would count as
// the article saying the same thing, and how much each is worth (1 = the word itself). WordNet
// supplies the other words: synonyms, related forms, pertainyms (Israeli -> Israel), places'
// holonyms (Moscow -> Russia), multi-word lemmas (warplanes ~ air forces via their topic domain).
import { isContentWord, termsOfWord, words } from '../text/analyze.js';
import type { Lexicon, RelationKind } from '../text/lexicon.js';
import { DEFAULT_EXPANSION, type ExpansionWeights } from './params.js';
import { HYPERNYM_MARK, lemmaTerm, phrasesIn, VERB_HYPERNYM_MARK } from './text-terms.js';

// Quantifiers and connectives a question wraps its topic in, as empty there as the stop words "each",
// "other", "than" ("what else", "every day", "besides X", "instead of"). Left out of the question's
// slots only: the index and the embedder keep their analysis.
const EMPTY_IN_QUESTIONS: ReadonlySet<string> = new Set(['every', 'else', 'besides', 'instead']);

/** One content word (or phrase) of a question and the index terms that count as the text saying it. */
export interface QuerySlot {
  /** The question's word (normalised), for explanations and weights. */
  word: string;
  /** The word's own index term (for a phrase, the phrase's). */
  term: string;
  /** The index terms of the question words this slot stands for (one, or a phrase's words). */
  parts: string[];
  /** Index term -> credit in (0, 1] when a text holds it instead of the word itself. */
  alternatives: Map<string, number>;
}

/**
 * The question's content words as slots (phrases merged into one), each with its WordNet stand-ins.
 * `isName(term)`: whether the searched text uses this term as a name; a name is expanded only
 * through WordNet's proper-noun senses (Moscow -> Russia, but "Trump" is not the card game).
 */
export function querySlots(question: string, lexicon: Lexicon, weights: ExpansionWeights = DEFAULT_EXPANSION, isName: (term: string) => boolean = () => false): QuerySlot[] {
  const found = words(question);
  const ws = found.map((w) => w.text);
  // Written with a capital after the question's first word: the asker means a name.
  const capitalized = new Set(found.slice(1).filter((w) => /^\p{Lu}/u.test(question.slice(w.start, w.end))).map((w) => w.text));
  const slots: QuerySlot[] = [];
  const byTerm = new Map<string, QuerySlot>();
  for (const w of ws) {
    for (const part of w.includes('-') ? [...w.split('-'), w] : [w]) {
      if (!isContentWord(part.replace(/-/g, '')) || EMPTY_IN_QUESTIONS.has(part)) continue;
      const own = termsOfWord(part);
      const term = own[own.length - 1];
      if (term === undefined || byTerm.has(term)) continue;
      const slot: QuerySlot = { word: part, term, parts: [term], alternatives: new Map([[term, 1]]) };
      for (const t of own) slot.alternatives.set(t, 1);
      shortYear(slot, part, weights);
      gradedSynonyms(slot, part, lexicon, weights);
      // A kind of the word, as the part of speech the question can mean it as.
      if (lexicon.canBe(part, 'n')) credit(slot, HYPERNYM_MARK + term, weights.hyponym);
      if (lexicon.canBe(part, 'v')) credit(slot, VERB_HYPERNYM_MARK + term, weights.hyponym);
      if (!part.includes('-')) {
        const name = capitalized.has(part) || isName(term);
        expand(slot, part, lexicon, weights, name, isName);
        // A name typed in lower case is still the name: "moscow" leads to Russia, "syrian" to Syria, "turks" to
        // Turkey, through WordNet's senses that write the word capitalised. Not through a base form that is a
        // function word ("user" -> "us" -> US).
        if (!name && lexicon.baseForms(part).every((base) => isContentWord(base))) expand(slot, part, lexicon, weights, true, isName);
      }
      byTerm.set(term, slot);
      slots.push(slot);
    }
  }
  // A phrase in the question ("air force", "climate change") is one concept: its words become one
  // slot, met fully by the phrase (or what WordNet equates with it) and only partly by a lone word,
  // so "change" alone does not answer a question about climate change.
  for (let i = 0; i < ws.length - 1; i++) {
    for (let n = Math.min(3, ws.length - i); n >= 2; n--) {
      const phrase = phrasesIn(ws.slice(i, i + n), lexicon)[0];
      if (!phrase || phrase.split('_').length !== n) continue;
      const covered = [...new Set(ws.slice(i, i + n).map((w) => byTerm.get(termsOfWord(w).at(-1) ?? '')).filter((x): x is QuerySlot => x !== undefined && slots.includes(x)))];
      if (covered.length < 2) continue;
      const lemma = ws.slice(i, i + n).join('_');
      const dictionaryForm = lexicon.has(lemma) ? lemma : lexicon.baseForms(ws[i + n - 1]!).map((b) => [...ws.slice(i, i + n - 1), b].join('_')).find((c) => lexicon.has(c));
      const merged: QuerySlot = { word: ws.slice(i, i + n).join(' '), term: phrase, parts: covered.flatMap((c) => c.parts), alternatives: new Map([[phrase, weights.phrase]]) };
      credit(merged, HYPERNYM_MARK + phrase, weights.hyponym * weights.phrase);
      credit(merged, VERB_HYPERNYM_MARK + phrase, weights.hyponym * weights.phrase);
      for (const r of dictionaryForm ? lexicon.related(dictionaryForm) : []) {
        // What a phrase is part of or a kind of ("capital of X" -> X) is not what it means.
        if (r.kind !== 'synonym' && r.kind !== 'derivation' && r.kind !== 'pertainym') continue;
        const t = lemmaTerm(r.lemma);
        if (t) credit(merged, t, weights[r.kind] * weights.phrase);
      }
      for (const part of covered) for (const [t, v] of part.alternatives) credit(merged, t, v * weights.phraseWord);
      slots.splice(slots.indexOf(covered[0]!), 1, merged);
      for (const part of covered.slice(1)) slots.splice(slots.indexOf(part), 1);
      i += n - 1;
      break;
    }
  }
  return slots;
}

/**
 * Whether a slot's absence from a text can say the question is about something else. A negated
 * contraction ("weren't", "couldn't") keeps its weight in coverage (a negated question must be met by a
 * negating text: negation.ts), but a text not using that spelling says nothing about its topic.
 */
export function namesATopic(slot: QuerySlot): boolean {
  return !slot.word.endsWith("n't");
}

/**
 * A year or decade typed in two digits, as chat does ("the 79 vote", "back in the 30s"): the text writes
 * it in four ("1979", "the 1930s", "by 1931"). Both centuries are offered; an article rarely holds both.
 */
function shortYear(slot: QuerySlot, word: string, weights: ExpansionWeights): void {
  const match = /^(\d\d)(s?)$/.exec(word);
  if (!match) return;
  for (const century of ['19', '20']) {
    credit(slot, century + word, 1);
    // A decade is met by any year in it, as a stand-in.
    if (match[2]) for (let y = 0; y < 10; y++) credit(slot, century + match[1]!.slice(0, 1) + String(y), weights.synonym);
  }
}

/**
 * A comparative or superlative ("biggest", "hotter") is met by its synonyms in the same degree: the text
 * says "the largest", whose index term ("largest") is not the stem of "large". Single-word adjective
 * synonyms only, at the synonym weight.
 */
function gradedSynonyms(slot: QuerySlot, word: string, lexicon: Lexicon, weights: ExpansionWeights): void {
  const suffix = /est$/.test(word) ? 'est' : /er$/.test(word) ? 'er' : undefined;
  if (!suffix || lexicon.has(word)) return;
  for (const base of lexicon.baseForms(word)) {
    if (base === word || !lexicon.canBe(base, 'a')) continue;
    for (const r of lexicon.related(base)) {
      if (r.lemma.includes('_') || r.lemma === base || !lexicon.canBe(r.lemma, 'a')) continue;
      const term = lemmaTerm(graded(r.lemma, suffix));
      if (term) credit(slot, term, weightOf(r.kind, weights) * weights.senseDecay ** r.sense);
    }
  }
}

/** An adjective in the comparative or superlative by English spelling rules (large -> largest, big -> biggest, easy -> easier). */
function graded(adjective: string, suffix: 'er' | 'est'): string {
  if (adjective.endsWith('e')) return adjective + suffix.slice(1);
  if (/[^aeiou]y$/.test(adjective)) return adjective.slice(0, -1) + 'i' + suffix;
  if (/^[^aeiou]*[aeiou][b-df-hj-np-tv-z]$/.test(adjective) && !/[wxy]$/.test(adjective)) return adjective + adjective.slice(-1) + suffix;
  return adjective + suffix;
}

function expand(slot: QuerySlot, word: string, lexicon: Lexicon, weights: ExpansionWeights, name: boolean, isName: (term: string) => boolean): void {
  for (const r of lexicon.related(word, { properOnly: name })) {
    const term = lemmaTerm(r.lemma);
    if (!term) continue;
    // A common word's relative that the text only uses as a name is a different thing: "best" (to
    // best, to trump someone) must not meet "Trump", nor "bush" meet "Bush".
    if (!name && isName(term)) continue;
    // Rarer senses are less likely to be the one the asker meant.
    credit(slot, term, weightOf(r.kind, weights) * weights.senseDecay ** r.sense);
  }
}

function weightOf(kind: RelationKind, weights: ExpansionWeights): number {
  return weights[kind];
}

function credit(slot: QuerySlot, term: string, weight: number): void {
  if (weight <= 0) return;
  const had = slot.alternatives.get(term) ?? 0;
  if (weight > had) slot.alternatives.set(term, weight);
}
