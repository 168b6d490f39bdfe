import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Embeddings } from '@langchain/core/embeddings';
import { describe, expect, it } from 'vitest';
import type { IdentifiedEmbeddings } from '../src/embeddings/types.js';
import { AppError } from '../src/errors.js';
import { buildLoadedIndex, HNSW_EF_SEARCH } from '../src/index-store/build-index.js';
import { readCurrentIndex } from '../src/index-store/read-index.js';
import { reusableVectors } from '../src/index-store/reusable-vectors.js';
import { KEEP_GENERATIONS, writeIndexGeneration } from '../src/index-store/write-index.js';
import type { EmbedderInfo, Manifest } from '../src/types.js';
import { CountingEmbeddings, makeDocument } from './helpers/index-fixtures.js';

const tempStore = () => path.join(mkdtempSync(path.join(tmpdir(), 'index-store-')), 'store');

function twoDocuments() {
  const a = makeDocument('news/a.txt', [
    'The committee met on Tuesday to discuss the “new” budget.',
    'Members disagreed about the cost of the bridge over the river.',
    'A vote is expected next month, the chairman said.',
  ], 'Budget talks');
  const b = makeDocument('news/b.txt', ['Rain is forecast for the weekend across the north.', 'Farmers welcome the change after a dry summer.']);
  return { documents: [a.document, b.document], passages: [...a.passages, ...b.passages] };
}

async function builtStore(embeddings = new CountingEmbeddings()) {
  const storeDir = tempStore();
  const { documents, passages } = twoDocuments();
  const index = await buildLoadedIndex({ documents, passages, embeddings });
  const generation = await writeIndexGeneration(storeDir, index);
  const load = async (info: EmbedderInfo) => {
    expect(info).toEqual(embeddings.info);
    return embeddings;
  };
  return { storeDir, generation, index, embeddings, load, dir: path.join(storeDir, 'generations', generation) };
}

async function expectCorrupt(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('INDEX_CORRUPT');
  expect((error as AppError).message).toMatch(/npm run ingest/);
  expect((error as AppError).message).not.toMatch(/\n/);
  return error as AppError;
}

describe('the index on disk', () => {
  it('reads back exactly what was written: manifest, documents, passages whose offsets still slice the text', async () => {
    const { storeDir, generation, index, load } = await builtStore();
    expect(readFileSync(path.join(storeDir, 'CURRENT'), 'utf8').trim()).toBe(generation);

    const loaded = await readCurrentIndex(storeDir, load);
    expect(loaded).toBeDefined();
    expect(loaded!.generation).toBe(generation);
    const { files, ...manifest } = loaded!.manifest;
    expect(manifest).toEqual(index.manifest);
    expect(Object.keys(files ?? {}).sort()).toEqual(['args.json', 'docstore.json', 'documents.json', 'hnswlib.index', 'passages.json']);
    expect(loaded!.documents).toEqual(index.documents);
    expect(loaded!.passages).toEqual(index.passages);
    for (const passage of loaded!.passages) {
      const doc = loaded!.documents.find((d) => d.id === passage.documentId)!;
      expect(doc.text.slice(passage.start, passage.end)).toBe(passage.text);
    }
    expect(loaded!.manifest.sources).toEqual([
      { id: 'news/a.txt', location: '/tmp/news/a.txt', contentHash: index.documents[0]!.contentHash, title: 'Budget talks', passages: 3 },
      { id: 'news/b.txt', location: '/tmp/news/b.txt', contentHash: index.documents[1]!.contentHash, passages: 2 },
    ]);
    expect(loaded!.manifest.hnsw).toEqual({ space: 'cosine', m: 16, efConstruction: 200, efSearch: HNSW_EF_SEARCH });

    // The loaded vector store finds passages by meaning and names them by passage id.
    const [top] = await loaded!.vectorStore.similaritySearch('cost of the bridge over the river', 1);
    expect(top?.metadata.passageId).toBe('news/a.txt#1');
    expect(top?.pageContent).toBe(index.passages[1]!.text);
  });

  it('says there is no index yet (rather than failing) when nothing was ever built', async () => {
    const storeDir = tempStore();
    expect(await readCurrentIndex(storeDir, async () => new CountingEmbeddings())).toBeUndefined();
  });

  it('keeps searches accurate after loading: hnswlib ef is raised and approximate search agrees with exact search', async () => {
    // Random vectors in 48 dimensions are the hard case for a graph search: at hnswlib's default
    // ef of 10 recall@10 is visibly below 1 here.
    const dims = 48;
    const n = 600;
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const table = new Map<string, number[]>();
    const texts: string[] = [];
    for (let i = 0; i < n; i++) {
      texts.push(`p${i}`);
      table.set(`p${i}`, Array.from({ length: dims }, random));
    }
    class TableEmbeddings extends Embeddings implements IdentifiedEmbeddings {
      readonly info: EmbedderInfo = { kind: 'local', model: 'table', dimensions: dims, settings: {} };
      constructor() {
        super({});
      }
      async embedDocuments(t: string[]) {
        return t.map((x) => table.get(x)!);
      }
      async embedQuery(t: string) {
        return table.get(t)!;
      }
    }
    const embeddings = new TableEmbeddings();
    const { document, passages } = makeDocument('random', texts);
    const storeDir = tempStore();
    await writeIndexGeneration(storeDir, await buildLoadedIndex({ documents: [document], passages, embeddings }));
    const loaded = (await readCurrentIndex(storeDir, async () => embeddings))!;
    expect(loaded.vectorStore.index.getEf()).toBe(HNSW_EF_SEARCH);

    const unit = (v: number[]) => {
      const norm = Math.hypot(...v);
      return v.map((x) => x / norm);
    };
    const all = texts.map((t) => unit(table.get(t)!));
    const k = 10;
    let found = 0;
    let foundAtDefaultEf = 0;
    const queries = 40;
    for (let q = 0; q < queries; q++) {
      const query = Array.from({ length: dims }, random);
      const u = unit(query);
      const exact = all
        .map((v, label) => ({ label, sim: v.reduce((s, x, i) => s + x * u[i]!, 0) }))
        .sort((x, y) => y.sim - x.sim)
        .slice(0, k)
        .map((x) => x.label);
      const results = await loaded.vectorStore.similaritySearchVectorWithScore(query, k);
      const labels = results.map(([doc]) => Number((doc.metadata.passageId as string).split('#')[1]));
      found += labels.filter((l) => exact.includes(l)).length;
      loaded.vectorStore.index.setEf(10);
      foundAtDefaultEf += loaded.vectorStore.index.searchKnn(query, k).neighbors.filter((l) => exact.includes(l)).length;
      loaded.vectorStore.index.setEf(HNSW_EF_SEARCH);
    }
    const recall = found / (queries * k);
    expect(recall).toBeGreaterThanOrEqual(0.98);
    // The guard above matters: the same searches at hnswlib's default ef miss neighbours.
    expect(foundAtDefaultEf / (queries * k)).toBeLessThan(recall);
  });

  it('keeps the newest generations and deletes older ones, leaving the current one readable', async () => {
    const { storeDir, index, load } = await builtStore();
    const names: string[] = [];
    for (let i = 0; i < KEEP_GENERATIONS + 2; i++) names.push(await writeIndexGeneration(storeDir, index));
    const kept = readdirSync(path.join(storeDir, 'generations')).sort();
    expect(kept).toEqual(names.slice(-KEEP_GENERATIONS));
    expect((await readCurrentIndex(storeDir, load))!.generation).toBe(names.at(-1));
  });

  it('reuses given vectors instead of embedding those passages again', async () => {
    const { storeDir, load } = await builtStore();
    const previous = (await readCurrentIndex(storeDir, load))!;
    const counting = new CountingEmbeddings();
    const { documents, passages } = twoDocuments();
    const extra = makeDocument('news/c.txt', ['A brand new story about trains.']);
    const progress: [number, number][] = [];
    const rebuilt = await buildLoadedIndex({
      documents: [...documents, extra.document],
      passages: [...passages, ...extra.passages],
      embeddings: counting,
      reuseVectors: reusableVectors(previous),
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(counting.embedded).toEqual(['A brand new story about trains.']);
    expect(progress.at(-1)).toEqual([6, 6]);
    const [top] = await rebuilt.vectorStore.similaritySearch('rain forecast weekend north', 1);
    expect(top?.metadata.passageId).toBe('news/b.txt#0');
  });
});

describe('a damaged store is reported, never half-loaded', () => {
  it('CURRENT naming a generation that does not exist', async () => {
    const { storeDir, load } = await builtStore();
    writeFileSync(path.join(storeDir, 'CURRENT'), 'gen-20200101T000000000Z-deadbeef\n');
    const error = await expectCorrupt(readCurrentIndex(storeDir, load));
    expect(error.message).toMatch(/missing/);
  });

  it('CURRENT holding something that is not a generation name', async () => {
    const { storeDir, load } = await builtStore();
    writeFileSync(path.join(storeDir, 'CURRENT'), '../../etc\n');
    await expectCorrupt(readCurrentIndex(storeDir, load));
  });

  it('an unparsable manifest', async () => {
    const { storeDir, dir, load } = await builtStore();
    writeFileSync(path.join(dir, 'manifest.json'), '{"formatVersion": 1, "builtAt": ');
    const error = await expectCorrupt(readCurrentIndex(storeDir, load));
    expect(error.message).toMatch(/manifest\.json is not valid JSON/);
  });

  it('a truncated vector index file', async () => {
    const { storeDir, dir, load } = await builtStore();
    const file = path.join(dir, 'hnswlib.index');
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const error = await expectCorrupt(readCurrentIndex(storeDir, load));
    expect(error.message).toMatch(/hnswlib\.index/);
  });

  it('a passage count that disagrees with the manifest, even with consistent checksums', async () => {
    const { storeDir, dir, load } = await builtStore();
    const passages = JSON.parse(readFileSync(path.join(dir, 'passages.json'), 'utf8')) as unknown[];
    const shorter = Buffer.from(JSON.stringify(passages.slice(0, -1)));
    writeFileSync(path.join(dir, 'passages.json'), shorter);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    manifest.files!['passages.json'] = { bytes: shorter.length, sha256: createHash('sha256').update(shorter).digest('hex') };
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    const error = await expectCorrupt(readCurrentIndex(storeDir, load));
    expect(error.message).toMatch(/4 passages, the manifest says 5/);
  });

  it('a passage whose text no longer matches its document', async () => {
    const { storeDir, dir, load } = await builtStore();
    const documents = JSON.parse(readFileSync(path.join(dir, 'documents.json'), 'utf8')) as { text: string }[];
    documents[0]!.text = documents[0]!.text.replace('committee', 'commission');
    const edited = Buffer.from(JSON.stringify(documents));
    writeFileSync(path.join(dir, 'documents.json'), edited);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    manifest.files!['documents.json'] = { bytes: edited.length, sha256: createHash('sha256').update(edited).digest('hex') };
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    await expectCorrupt(readCurrentIndex(storeDir, load));
  });

  it('a generation directory with a file missing', async () => {
    const { storeDir, dir, load } = await builtStore();
    rmSync(path.join(dir, 'docstore.json'));
    await expectCorrupt(readCurrentIndex(storeDir, load));
  });

  it('an abandoned half-written generation does not disturb the published one', async () => {
    const { storeDir, generation, load } = await builtStore();
    mkdirSync(path.join(storeDir, 'generations', 'gen-29990101T000000000Z-00000000.partial'));
    writeFileSync(path.join(storeDir, 'generations', 'gen-29990101T000000000Z-00000000.partial', 'hnswlib.index'), 'x');
    expect((await readCurrentIndex(storeDir, load))!.generation).toBe(generation);
  });
});
