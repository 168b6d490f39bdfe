// The typed data that flows between the pipeline's steps. Nothing here imports a client library:
// ingest, retrieval, answer building and formatting all speak these shapes.

/** A source as read from disk or the web, before any cleaning. */
export interface RawSource {
  /** Stable identity across ingests: the path relative to the working directory for files, the URL for web pages. */
  id: string;
  /** Where it was read from (absolute path or URL), for messages. */
  location: string;
  format: 'text' | 'html';
  content: string;
  /** sha256 of the raw bytes, hex: decides whether an unchanged source can be reused on re-ingest. */
  contentHash: string;
}

/** What the page says about the article, kept for citing and /about, never quoted as a passage. */
export interface ArticleMetadata {
  title?: string;
  standfirst?: string;
  author?: string;
  section?: string;
}

/** A character range [start, end) in a document's text: start inclusive, end exclusive, 0-based. */
export interface Span {
  start: number;
  end: number;
}

/** One article paragraph: `Document.text.slice(start, end)` is its exact text. */
export interface Paragraph extends Span {
  /** 1-based, in reading order. */
  number: number;
}

/** A cleaned article: only the article's own paragraphs, in order, word for word. */
export interface Document {
  id: string;
  location: string;
  contentHash: string;
  metadata: ArticleMetadata;
  /** The paragraphs joined by a blank line ("\n\n"); every offset in the index points into this string. */
  text: string;
  paragraphs: Paragraph[];
}

/** A retrievable slice of a document: `document.text.slice(start, end) === text`, always. */
export interface Passage extends Span {
  /** `${documentId}#${ordinal}`. */
  id: string;
  documentId: string;
  /** 0-based position of the passage within its document. */
  ordinal: number;
  /** 1-based paragraph the passage starts in. */
  paragraph: number;
  text: string;
}

/** A passage chosen to answer a question. */
export interface QuotedPassage {
  passage: Passage;
  /** The document's title (or its id when it has none), for citing. */
  source: string;
  /** Ordering score in [0, 1], higher = ranked higher (lexical evidence fused with vector similarity). */
  score: number;
  /**
   * Relevance in [0, 1], higher = more of the question's weighted content covered: the number the
   * decline threshold tests (on the first passage). Set by the answerer.
   */
  relevance?: number;
  /** Ranges inside `passage.text` of the sentence(s) that best answer the question, in order, not overlapping. */
  highlights: Span[];
}

/** What a question asked about the article itself rather than about what it says. */
export type AboutTopic = 'summary' | 'argument' | 'ending' | 'beginning' | 'title' | 'standfirst' | 'author' | 'section' | 'date' | 'documents';

/**
 * The answer to a question about the article itself. The documents' metadata is what the page says
 * about itself (headline, standfirst, byline): shown as such, never as a quote. What the text itself
 * says (its central sentences, its opening or ending) comes as ordinary quoted passages.
 */
export interface AboutAnswer {
  topic: AboutTopic;
  /** The indexed documents, in index order (for "documents": all of them; otherwise the ones answered about). */
  documents: { id: string; title?: string; standfirst?: string; author?: string; section?: string; paragraphs: number }[];
  /** How many documents the index holds in all (more than `documents.length` when only some are covered). */
  total: number;
}

/** What the answerer returns for one question: the quoted passages, or a decline with suggestions. */
export interface Answer {
  question: string;
  /** False when nothing in the index is relevant enough: then `passages` is empty. */
  answered: boolean;
  /** The best passage's relevance in [0, 1] (higher = more covered), compared with the threshold; set by the answerer, also when it declines. */
  relevance?: number;
  /** Best first. May hold more than a reply shows at once, so adapters can offer "more passages". */
  passages: QuotedPassage[];
  /**
   * When not answered: what to ask instead. Through the app these are questions the index answers (each ends
   * with "?", see answer/suggest-questions.ts); the bare answerer gives short descriptions of what it covers.
   */
  suggestions: string[];
  /** Set when the question asked about the article itself (headline, author, gist, ...): the metadata to show beside any quotes. */
  about?: AboutAnswer;
}

/** Identifies the embedder an index was built with; queries must use the same one. */
export interface EmbedderInfo {
  kind: 'local' | 'transformers';
  /** Model id or local embedder version, e.g. "Xenova/all-MiniLM-L6-v2" or "local-hash-v1". */
  model: string;
  dimensions: number;
  /** Anything else that changes the vectors (pooling, normalisation, n-gram settings). */
  settings: Record<string, string | number | boolean>;
}

/** One source an index was built from, as the manifest lists it; `passages` is how many passages it gave. */
export interface ManifestSource {
  id: string;
  location: string;
  contentHash: string;
  title?: string;
  author?: string;
  passages: number;
}

/** store/<generation>/manifest.json: what an index holds and how it was built. */
export interface Manifest {
  formatVersion: 1;
  /** ISO 8601. */
  builtAt: string;
  embedder: EmbedderInfo;
  hnsw: { space: 'cosine'; m: number; efConstruction: number; efSearch: number };
  sources: ManifestSource[];
  passageCount: number;
  /** Size and sha256 of every other file in the generation, so a truncated or altered file is caught before the native loader reads it. */
  files?: Record<string, { bytes: number; sha256: string }>;
}

/** What /about and `ask --about` show. */
export interface IndexAbout {
  generation: string;
  builtAt: string;
  embedder: EmbedderInfo;
  passageCount: number;
  documents: { id: string; location: string; title?: string; author?: string; passages: number }[];
}

/** What an ingest did, for its closing summary and the /reingest reply. */
export interface IngestSummary {
  generation: string;
  documents: number;
  passages: number;
  embedder: EmbedderInfo;
  /** Source ids by what happened to them relative to the previous index. */
  added: string[];
  changed: string[];
  removed: string[];
  reused: string[];
  seconds: number;
}

/** What every adapter (CLI, chat, Discord) needs from the core. */
export interface AnswerService {
  /** Throws AppError('INDEX_MISSING') when there is no index yet, 'QUESTION_EMPTY' / 'QUESTION_TOO_LONG' on bad questions. */
  answer(question: string): Promise<Answer>;
  /** Undefined when no index has been built yet. */
  about(): IndexAbout | undefined;
}
