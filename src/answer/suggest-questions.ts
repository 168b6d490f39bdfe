// Questions to offer when declining and as `/ask` autocomplete: questions the article can answer,
// built from the names its own text uses (people: "Who is Ron Dermer?"; places, groups and things:
// "What does the article say about the Five Eyes?"). Each candidate is put to the real answerer when
// the index is prepared and kept only if it is answered with good relevance by a passage naming the
// thing asked about, so the product never suggests a question it would then decline. Lookups by
// prefix are a scan of a few dozen precomputed strings: microseconds.
import type { LoadedIndex } from '../index-store/loaded-index.js';
import { normalizeText, STOPWORDS } from '../text/analyze.js';
import type { Answer } from '../types.js';
import type { NameCatalog, NameInfo } from './names.js';

/** Bounds and quality floor for the suggested questions prepared for an index. */
export interface SuggestionSettings {
  /** At most this many names are tried (the most mentioned first): bounds prepare time on large libraries. */
  maxCandidates: number;
  /**
   * A candidate is kept when its best passage's relevance is at least this (0..1, higher = more of the
   * question covered). 0.3 is about twice the decline threshold (0.14): answered with margin, not barely.
   */
  minRelevance: number;
}

/**
 * Default settings: try the 40 most mentioned names, keep questions answered with relevance ≥ 0.3 (see the fields).
 */
const DEFAULT_SUGGESTION_SETTINGS: SuggestionSettings = { maxCandidates: 40, minRelevance: 0.3 };

/** A precomputed set of suggested questions for one index. */
export interface QuestionSuggestions {
  /** Every verified question, most central first. */
  readonly questions: readonly string[];
  /** Up to `limit` questions for a decline: people and other things alternately, most central first. */
  varied(limit: number): string[];
  /**
   * Up to `limit` questions matching `prefix` (case and accents ignored): those starting with it first,
   * then those with a word starting with it ("dermer" finds "Who is Ron Dermer?"). Empty prefix: the first `limit`.
   */
  suggest(prefix?: string, limit?: number): string[];
}

/**
 * Build and verify suggestions for `index`, asking `answer` (the real answerer) each candidate.
 * Resolves to the suggestions; rejects if `answer` rejects, or with the signal's reason once `signal` is aborted (app closing).
 */
export async function buildQuestionSuggestions(
  index: Pick<LoadedIndex, 'documents'>,
  catalog: NameCatalog,
  answer: (question: string) => Promise<Answer>,
  settings: SuggestionSettings = DEFAULT_SUGGESTION_SETTINGS,
  signal?: AbortSignal,
): Promise<QuestionSuggestions> {
  const candidates = await candidateQuestions(index, catalog, settings.maxCandidates, signal);
  const kept: { question: string; weight: number }[] = [];
  for (const candidate of candidates) {
    // Let the event loop breathe between candidates: a bot preparing these keeps acknowledging interactions.
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    const reply = await answer(candidate.question);
    const best = reply.passages[0];
    if (!reply.answered || !best || best.score < settings.minRelevance) continue;
    // The passage quoted first must name what was asked about: otherwise the answer is beside the point.
    if (!normalizeText(best.passage.text).includes(normalizeText(candidate.name))) continue;
    kept.push({ question: candidate.question, weight: candidate.mentions });
  }
  kept.sort((a, b) => b.weight - a.weight || a.question.localeCompare(b.question));
  return suggestionsFrom(kept.map((k) => k.question));
}

/** Suggestions over a fixed list of questions (already verified), in the given order. */
export function suggestionsFrom(questions: string[]): QuestionSuggestions {
  const folded = questions.map((q) => fold(q));
  return {
    questions,
    varied(limit) {
      const people = questions.filter((q) => q.startsWith('Who '));
      const things = questions.filter((q) => !q.startsWith('Who '));
      const out: string[] = [];
      for (let i = 0; out.length < limit && (i < people.length || i < things.length); i++) {
        if (i < people.length) out.push(people[i]!);
        if (i < things.length && out.length < limit) out.push(things[i]!);
      }
      return out;
    },
    suggest(prefix = '', limit = 5) {
      const p = fold(prefix).trim();
      if (limit <= 0) return [];
      if (p === '') return questions.slice(0, limit);
      const starts: string[] = [];
      const inside: string[] = [];
      folded.forEach((f, i) => {
        if (f.startsWith(p)) starts.push(questions[i]!);
        else if (f.includes(` ${p}`) || f.includes(`'${p}`)) inside.push(questions[i]!);
      });
      return [...starts, ...inside].slice(0, limit);
    },
  };
}

interface Candidate {
  question: string;
  /** The name asked about, as the question writes it. */
  name: string;
  mentions: number;
}

/** Longest stretch of candidate gathering between two yields to the event loop (ms): a library has thousands of documents. */
const SLICE_MS = 20;

/** Candidate questions from the catalogue's names: one per name, full names preferred to their surnames. */
async function candidateQuestions(index: Pick<LoadedIndex, 'documents'>, catalog: NameCatalog, max: number, signal?: AbortSignal): Promise<Candidate[]> {
  const names = new Map<string, NameInfo>();
  const pause = slicer(signal);
  for (const document of index.documents) {
    await pause();
    for (const mention of catalog.find(document.text)) {
      if (!mention.info) continue;
      const key = normalizeText(mention.info.surface);
      if (!names.has(key)) names.set(key, mention.info);
    }
  }
  const all = [...names.values()];
  // "Obama" is asked about as "Barack Obama" when the text gives the full name.
  const surnamesWithFullName = new Set(all.filter((n) => n.person && n.surface.includes(' ')).map((n) => normalizeText(n.surface.split(' ').pop()!)));
  const chosen = all
    .filter((n) => n.surface.length >= 3 && !(n.person && !n.surface.includes(' ') && surnamesWithFullName.has(normalizeText(n.surface))))
    // Adjectives of nationality ("American counterparts") make poor subjects.
    .filter((n) => !n.adjective && !n.partOnly)
    .sort((a, b) => b.mentions - a.mentions || a.surface.localeCompare(b.surface))
    .slice(0, max);
  const candidates: Candidate[] = [];
  for (const n of chosen) {
    // "Who is" only for names the text shows to be people; a guess from the name's shape ("Oval Office") is not enough.
    const person = n.person && !n.guessed;
    const mentions = person ? n.mentions + (mentionsOfSurname(all, n) ?? 0) : n.mentions;
    const question = person ? `Who is ${n.surface}?` : `What does the article say about ${await withArticle(index, n.surface, pause)}?`;
    candidates.push({ question, name: n.surface, mentions });
  }
  return candidates;
}

/**
 * A pause to await between units of work: it yields to the event loop once SLICE_MS have passed since the
 * last yield (then throws if the signal was aborted), so a library's scans never hold the loop for long.
 */
function slicer(signal?: AbortSignal): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart <= SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    sliceStart = performance.now();
  };
}

function mentionsOfSurname(all: NameInfo[], person: NameInfo): number | undefined {
  if (!person.surface.includes(' ')) return undefined;
  const surname = normalizeText(person.surface.split(' ').pop()!);
  return all.find((n) => normalizeText(n.surface) === surname)?.mentions;
}

/** "Five Eyes" -> "the Five Eyes" when the text itself writes "the" before it as a name of its own (not "the Assad regime"). */
async function withArticle(index: Pick<LoadedIndex, 'documents'>, surface: string, pause: () => Promise<void>): Promise<string> {
  const pattern = new RegExp(`\\bthe\\s+[“"]?${surface.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}-])[”"]?(?:\\s+([a-z]+))?`, 'giu');
  for (const document of index.documents) {
    await pause();
    for (const match of document.text.matchAll(pattern)) {
      const next = match[1];
      if (next === undefined || STOPWORDS.has(next)) return `the ${surface}`;
    }
  }
  return surface;
}

function fold(text: string): string {
  return normalizeText(text)
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}
