import type { Embeddings } from '@langchain/core/embeddings';
import type { EmbedderInfo } from '../types.js';

/** A LangChain embedder that can say exactly what it is, so an index records it and queries can insist on it. */
export type IdentifiedEmbeddings = Embeddings & { readonly info: EmbedderInfo };
