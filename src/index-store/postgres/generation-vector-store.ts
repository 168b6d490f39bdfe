// LangChain's PGVectorStore, held to one generation: every search is filtered on metadata.generation
// (the integration's own filter, so its own SQL does the nearest-neighbour search with `<=>`). When the
// database is unreachable a search gives no vector evidence instead of failing, and for a short while
// does not try again: the rest of the index is in memory, so the bot keeps answering from the words
// (vectors weigh 0.15 of a passage's score) until the database is back, rather than failing every question.
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Document } from '@langchain/core/documents';
import { PGVectorStore } from '@langchain/community/vectorstores/pgvector';
import type pg from 'pg';
import type { Logger } from '../../logger.js';
import { describeConnectionError, isTransient } from './pg-connect.js';

/** The table PGVectorStore reads and writes (its default column names: id, text, metadata, embedding). */
export const VECTOR_TABLE = 'passage_vectors';
/** After a failed search, answer without vectors for this long before asking the database again. */
const OUTAGE_BACKOFF_MS = 5_000;

/**
 * The pool and generation a GenerationVectorStore searches; clock (ms) is injectable for the outage backoff in tests.
 */
export interface GenerationVectorStoreOptions {
  pool: pg.Pool;
  generation: string;
  databaseUrl: string;
  logger: Logger;
  clock?: () => number;
}

/** PGVectorStore restricted to one generation's vectors, degrading to no vector hits while the database is away. */
export class GenerationVectorStore extends PGVectorStore {
  private readonly generation: string;
  private readonly databaseUrl: string;
  private readonly log: Logger;
  private readonly now: () => number;
  private downUntil = 0;

  constructor(embeddings: EmbeddingsInterface, options: GenerationVectorStoreOptions) {
    // The schema is created by the store's migrations, never by LangChain on the fly.
    super(embeddings, { pool: options.pool, tableName: VECTOR_TABLE, distanceStrategy: 'cosine', skipInitializationCheck: true });
    this.generation = options.generation;
    this.databaseUrl = options.databaseUrl;
    this.log = options.logger;
    this.now = options.clock ?? Date.now;
  }

  /** Nearest passages of this generation as [document, cosine distance]; [] while the database is unreachable. Throws other database errors. */
  override async similaritySearchVectorWithScore(query: number[], k: number, filter?: this['FilterType']): Promise<[Document, number][]> {
    if (this.now() < this.downUntil) return [];
    try {
      const hits = await super.similaritySearchVectorWithScore(query, k, { ...(filter ?? {}), generation: this.generation });
      if (this.downUntil !== 0) this.log.info('database reachable again: vector search is back');
      this.downUntil = 0;
      return hits;
    } catch (error) {
      if (!isTransient(error)) throw error;
      if (this.downUntil === 0) this.log.error({ err: describeConnectionError(error, this.databaseUrl).message }, 'database unreachable: answering from the loaded index without vector search until it is back');
      this.downUntil = this.now() + OUTAGE_BACKOFF_MS;
      return [];
    }
  }
}
