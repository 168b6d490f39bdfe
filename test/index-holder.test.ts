import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/logger.js';
import { buildLoadedIndex } from '../src/index-store/build-index.js';
import { createIndexHolder, type IndexHolder } from '../src/index-store/index-holder.js';
import type { LoadedIndex } from '../src/index-store/loaded-index.js';
import { writeIndexGeneration } from '../src/index-store/write-index.js';
import { CountingEmbeddings, makeDocument } from './helpers/index-fixtures.js';

const embeddings = new CountingEmbeddings();
const loadEmbeddings = async () => embeddings;

async function publish(storeDir: string, paragraphs: string[]): Promise<string> {
  const { document, passages } = makeDocument('story.txt', paragraphs);
  return writeIndexGeneration(storeDir, await buildLoadedIndex({ documents: [document], passages, embeddings }));
}

/** Resolves when `check` is true, polling every 20 ms; fails after `ms`. */
async function eventually(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('serving the index while ingests publish new ones', () => {
  let holder: IndexHolder | undefined;
  afterEach(() => holder?.stop());

  it('has nothing to serve before the first ingest, and serves the first generation once published', async () => {
    const storeDir = path.join(mkdtempSync(path.join(tmpdir(), 'holder-')), 'store');
    holder = createIndexHolder({ storeDir, loadEmbeddings, intervalMs: 50, logger: silentLogger });
    expect(await holder.reload()).toBe(false);
    expect(holder.current()).toBeUndefined();
    const generation = await publish(storeDir, ['First edition.']);
    expect(await holder.reload()).toBe(true);
    expect(holder.current()?.generation).toBe(generation);
    expect(await holder.reload()).toBe(false);
  });

  it('picks up a new generation by itself within a few intervals, and a question in flight keeps its index', async () => {
    const storeDir = path.join(mkdtempSync(path.join(tmpdir(), 'holder-')), 'store');
    const first = await publish(storeDir, ['First edition of the story.']);
    holder = createIndexHolder({ storeDir, loadEmbeddings, intervalMs: 50, logger: silentLogger });
    await holder.reload();
    const reloaded: LoadedIndex[] = [];
    holder.on('reload', (index) => reloaded.push(index));
    holder.start();

    const inFlight = holder.current()!;
    const second = await publish(storeDir, ['Second edition of the story, corrected.']);
    await eventually(() => holder!.current()?.generation === second, 1_000);
    expect(reloaded.map((i) => i.generation)).toEqual([second]);

    // The index taken before the swap is untouched and still answers with its own passages.
    expect(inFlight.generation).toBe(first);
    const [hit] = await inFlight.vectorStore.similaritySearch('edition of the story', 1);
    expect(hit?.pageContent).toBe('First edition of the story.');
    expect(holder.current()!.passages[0]!.text).toBe('Second edition of the story, corrected.');
  });

  it('keeps serving the previous index when the new generation is broken, reports it once, and recovers at the next good one', async () => {
    const storeDir = path.join(mkdtempSync(path.join(tmpdir(), 'holder-')), 'store');
    const good = await publish(storeDir, ['A good index.']);
    const errors: unknown[] = [];
    holder = createIndexHolder({ storeDir, loadEmbeddings, intervalMs: 30, logger: silentLogger });
    holder.on('error', (error) => errors.push(error));
    await holder.reload();
    holder.start();

    writeFileSync(path.join(storeDir, 'CURRENT'), 'gen-20200101T000000000Z-deadbeef\n');
    await eventually(() => errors.length > 0, 1_000);
    // Several more intervals pass: still the good index, and the same broken generation is not reported again.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'INDEX_CORRUPT' });
    expect(holder.current()?.generation).toBe(good);
    await expect(holder.reload()).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
    expect(holder.current()?.generation).toBe(good);

    const next = await publish(storeDir, ['A repaired index.']);
    await eventually(() => holder!.current()?.generation === next, 1_000);
  });

  it('stops polling when stopped', async () => {
    const storeDir = path.join(mkdtempSync(path.join(tmpdir(), 'holder-')), 'store');
    const first = await publish(storeDir, ['One.']);
    holder = createIndexHolder({ storeDir, loadEmbeddings, intervalMs: 20, logger: silentLogger });
    await holder.reload();
    holder.start();
    holder.stop();
    await publish(storeDir, ['Two.']);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(holder.current()?.generation).toBe(first);
  });
});

describe('many ingests in quick succession', () => {
  it('a generation pruned while the holder loads it is not reported as damage: the holder moves on to the newer one', async () => {
    const storeDir = path.join(mkdtempSync(path.join(tmpdir(), 'holder-')), 'store');
    const first = await publish(storeDir, ['First.']);
    let newer: string | undefined;
    const errors: unknown[] = [];
    const holder = createIndexHolder({
      storeDir,
      intervalMs: 1_000,
      logger: silentLogger,
      // Mid-load of the first generation, an ingest publishes another and the first one's files go away.
      loadEmbeddings: async () => {
        if (!newer) {
          newer = await publish(storeDir, ['Second.']);
          rmSync(path.join(storeDir, 'generations', first), { recursive: true });
        }
        return embeddings;
      },
    });
    holder.on('error', (error) => errors.push(error));
    expect(await holder.reload()).toBe(true);
    expect(holder.current()?.generation).toBe(newer);
    expect(errors).toEqual([]);
  });
});
