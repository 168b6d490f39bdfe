// Small, deterministic parts for index-store tests: an embedder that counts what it embeds, and
// documents split one passage per paragraph, so tests need neither a model nor the ingest steps.
import { createHash } from 'node:crypto';
import { Embeddings } from '@langchain/core/embeddings';
import type { IdentifiedEmbeddings } from '../../src/embeddings/types.js';
import type { Document, EmbedderInfo, Passage } from '../../src/types.js';

/** Hashed bag of words: similar texts get similar vectors, and every call is recorded. */
export class CountingEmbeddings extends Embeddings implements IdentifiedEmbeddings {
  readonly info: EmbedderInfo;
  /** Every text passed to embedDocuments, in order. */
  readonly embedded: string[] = [];

  constructor(dimensions = 32, model = 'test-hash-v1') {
    super({});
    this.info = { kind: 'local', model, dimensions, settings: { test: true } };
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.embedded.push(...texts);
    return texts.map((t) => this.vector(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.vector(text);
  }

  private vector(text: string): number[] {
    const v = new Array<number>(this.info.dimensions).fill(0);
    for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
      const h = createHash('sha1').update(word).digest();
      v[h.readUInt32BE(0) % v.length]! += 1;
    }
    // Never the zero vector: cosine distance to it is undefined.
    v[0]! += 0.01;
    return v;
  }
}

export function makeDocument(id: string, paragraphs: string[], title?: string): { document: Document; passages: Passage[] } {
  const text = paragraphs.join('\n\n');
  const document: Document = {
    id,
    location: `/tmp/${id}`,
    contentHash: createHash('sha256').update(text).digest('hex'),
    metadata: title ? { title } : {},
    text,
    paragraphs: [],
  };
  const passages: Passage[] = [];
  let start = 0;
  paragraphs.forEach((p, i) => {
    document.paragraphs.push({ start, end: start + p.length, number: i + 1 });
    passages.push({ id: `${id}#${i}`, documentId: id, ordinal: i, paragraph: i + 1, start, end: start + p.length, text: p });
    start += p.length + 2;
  });
  return { document, passages };
}
