// Everything retrieval keeps per loaded index, in one object that the index's answerer owns: the
// lexical index, the scratch table a question's scoring writes into, and where each passage sits.
// No module-level caches: a new generation gets a new RetrievalIndex, and the old one goes with it.
import type { LoadedIndex } from '../index-store/loaded-index.js';
import type { Lexicon } from '../text/lexicon.js';
import { buildLexicalIndex, prepareLexicalIndex, type LexicalIndex } from './lexical-index.js';
import { DEFAULT_LIMITS } from './params.js';

/** Per-question working memory sized to the index, reused question after question and cleared after each. */
export interface Scratch {
  /** Row per sentence, `slots` columns: the best credit each question word earns in that sentence. */
  credit: Float32Array;
  /** Columns per row of `credit`: the most question words a question may count. */
  slots: number;
  /** 1 for a sentence some question word touched. */
  seen: Uint8Array;
  /** The touched sentences, in the order first touched. */
  touchedList: Int32Array;
}

/** The per-index state of retrieval, built once per LoadedIndex. */
export interface RetrievalIndex {
  index: LoadedIndex;
  lexicon: Lexicon;
  lexical: LexicalIndex;
  scratch: Scratch;
  /** Passage id -> position in `index.passages`. */
  passagePosition: Map<string, number>;
  /** Per document position: its sentence ids, most central first (filled on first use by about-article.ts). */
  centralSentences: Map<number, number[]>;
}

/** Builds the retrieval state of an index synchronously (tests, eval, one-shot commands). */
export function buildRetrievalIndex(index: LoadedIndex, lexicon: Lexicon): RetrievalIndex {
  return assemble(index, lexicon, buildLexicalIndex(index, lexicon));
}

/**
 * Builds the same state yielding to the event loop every `sentencesPerTurn` sentences, so a running
 * bot keeps acknowledging interactions while a library-sized generation is prepared.
 */
export async function prepareRetrievalIndex(index: LoadedIndex, lexicon: Lexicon, sentencesPerTurn?: number): Promise<RetrievalIndex> {
  return assemble(index, lexicon, await prepareLexicalIndex(index, lexicon, sentencesPerTurn));
}

function assemble(index: LoadedIndex, lexicon: Lexicon, lexical: LexicalIndex): RetrievalIndex {
  const n = lexical.sentences.length;
  const slots = DEFAULT_LIMITS.maxSlots;
  return {
    index,
    lexicon,
    lexical,
    scratch: { credit: new Float32Array(n * slots), slots, seen: new Uint8Array(n), touchedList: new Int32Array(n) },
    passagePosition: new Map(index.passages.map((p, i) => [p.id, i])),
    centralSentences: new Map(),
  };
}
