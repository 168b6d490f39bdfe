// Everything retrieval keeps per loaded index, in one object that the index's answerer owns: the
// lexical index, the scratch table a question's scoring writes into, and where each passage sits.
// No module-level caches: a new generation gets a new RetrievalIndex, and the old one goes with it.
import type { LoadedIndex } from '../index-store/loaded-index.js';
import type { Lexicon } from '../text/lexicon.js';
import { analysisFingerprint } from './analysis-fingerprint.js';
import { decodeLexicalIndex, encodeLexicalIndex } from './lexical-codec.js';
import { buildLexicalIndex, prepareLexicalIndex, type IndexText, type LexicalIndex } from './lexical-index.js';
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

/** How prepareRetrievalIndex reports and paces its work. */
export interface PrepareOptions {
  /** Sentences between two yields to the event loop when the lexical index has to be built. */
  sentencesPerTurn?: number;
  /** Told why a stored lexical index could not be used (it is then built from the documents): one call per index. */
  onRebuild?: (reason: string) => void;
}

/**
 * The retrieval state of a loaded index: its lexical index as the store published it when that can be
 * used (the common case: no rebuilding at all), else built from the documents, yielding to the event
 * loop every `sentencesPerTurn` sentences so a running bot keeps acknowledging interactions while a
 * library-sized generation is prepared. Never rejects for a stored index it cannot use (see onRebuild).
 */
export async function prepareRetrievalIndex(index: LoadedIndex, lexicon: Lexicon, options: PrepareOptions = {}): Promise<RetrievalIndex> {
  if (index.readLexical) {
    try {
      const bytes = await index.readLexical();
      if (bytes) return assemble(index, lexicon, checkedAgainst(index, decodeLexicalIndex(bytes, analysisFingerprint(lexicon))));
      options.onRebuild?.('the generation was published without a stored lexical index');
    } catch (error) {
      options.onRebuild?.((error as Error).message);
    }
  }
  return assemble(index, lexicon, await prepareLexicalIndex(index, lexicon, options.sentencesPerTurn));
}

/**
 * The bytes to store beside a generation so processes that load it need not rebuild its lexical index
 * (see lexical-codec.ts). Builds the lexical index: seconds at library size, so the ingest pays it once.
 */
export function encodeRetrievalIndex(index: IndexText, lexicon: Lexicon): Uint8Array {
  return encodeLexicalIndex(buildLexicalIndex(index, lexicon), analysisFingerprint(lexicon));
}

/** A decoded lexical index must describe this generation's documents and passages, else it is someone else's. */
function checkedAgainst(index: LoadedIndex, lexical: LexicalIndex): LexicalIndex {
  if (lexical.passageSentences.length !== index.passages.length) throw new Error(`the stored lexical index has ${lexical.passageSentences.length} passages, the generation ${index.passages.length}`);
  for (const s of lexical.sentences) {
    const document = index.documents[s.document];
    if (!document || s.end > document.text.length || s.start > s.end) throw new Error('the stored lexical index points outside the generation\'s documents');
  }
  return lexical;
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
