import { describe, expect, it } from 'vitest';
import { LocalEmbeddings, LOCAL_MODEL } from '../src/embeddings/local-embeddings.js';
import { AppError } from '../src/errors.js';

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);

describe('local embedder', () => {
  it('is deterministic across instances and calls', async () => {
    const text = 'Israel provided the intelligence to the U.S.';
    const [a] = await new LocalEmbeddings().embedDocuments([text]);
    const b = await new LocalEmbeddings().embedQuery(text);
    expect(a).toEqual(b);
  });

  it('produces unit vectors of the declared dimension', async () => {
    const e = new LocalEmbeddings({ dimensions: 256 });
    const v = await e.embedQuery('Trump shared classified information');
    expect(v).toHaveLength(256);
    expect(e.info.dimensions).toBe(256);
    expect(dot(v, v)).toBeCloseTo(1, 6);
    expect(await e.embedQuery('the of and')).toEqual(new Array(256).fill(0));
  });

  it('puts related texts closer than unrelated ones, across word forms', async () => {
    const e = new LocalEmbeddings();
    const [q, related, unrelated] = await e.embedDocuments([
      'Who did Trump share the secret intelligence with?',
      'The secret intelligence President Trump shared with the Russian foreign minister',
      'Lake Kinneret as you have never experienced it before',
    ]);
    expect(dot(q!, related!)).toBeGreaterThan(dot(q!, unrelated!) + 0.2);
    const [a, b] = await e.embedDocuments(['sanitized reports', 'sanitizing the report']);
    expect(dot(a!, b!)).toBeGreaterThan(0.5);
  });

  it('is recreated exactly from the info an index records', async () => {
    const original = new LocalEmbeddings({ dimensions: 512, bigramWeight: 0.25 });
    const again = LocalEmbeddings.fromInfo(JSON.parse(JSON.stringify(original.info)));
    expect(again.info).toEqual(original.info);
    expect(await again.embedQuery('crown jewels')).toEqual(await original.embedQuery('crown jewels'));
  });

  it('refuses an index built by another version or with unknown settings', () => {
    const info = new LocalEmbeddings().info;
    const mismatch = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof AppError ? error.code : 'other';
      }
      return 'none';
    };
    expect(mismatch(() => LocalEmbeddings.fromInfo({ ...info, model: 'local-hash-v0' }))).toBe('EMBEDDER_MISMATCH');
    expect(mismatch(() => LocalEmbeddings.fromInfo({ ...info, settings: { ...info.settings, extra: 1 } }))).toBe('EMBEDDER_MISMATCH');
    expect(mismatch(() => LocalEmbeddings.fromInfo({ ...info, dimensions: 3 }))).toBe('EMBEDDER_MISMATCH');
    expect(info.model).toBe(LOCAL_MODEL);
  });
});
