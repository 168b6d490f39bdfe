// The lexical index of a generation in a compact binary form, written when the generation is published
// and read back when a process loads it, so no process rebuilds it (at library size the rebuild is
// seconds of CPU and hundreds of MB of scratch). Columns are typed arrays, strings live in one string
// table per kind, and the file carries a version, a SHA-256 of its body and the fingerprint of the
// analysis code that built it: any doubt (old format, damaged bytes, other analysis code) is a
// LexicalFormatError, and the caller rebuilds from the documents instead of answering from stale terms.
//
// Layout (little-endian):
//   0   8 bytes  magic "AQLEXIDX"
//   8   u32      FORMAT_VERSION
//   12  u32      header length H (UTF-8 JSON: scalars, section table, fingerprint)
//   16  32 bytes SHA-256 of every byte from 48 to the end
//   48  H bytes  header; then sections, each starting at a multiple of 8 from the file's start
//
// Fields the code does not know by name (a statistic added to LexicalIndex later) are kept with
// node's structured serializer (v8.serialize), so adding one needs no change here: the fingerprint
// changes with the build's output, and generations published before it are rebuilt on load.
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { IndexedSentence, LexicalIndex } from './lexical-index.js';

/** Bumped whenever the layout below changes; a file of another version is rebuilt, never misread. */
export const LEXICAL_FORMAT_VERSION = 1;

const MAGIC = Buffer.from('AQLEXIDX', 'latin1');
const PREFIX = 48;

/** Why a stored lexical index was not used (the caller logs it once and rebuilds). */
export class LexicalFormatError extends Error {
  override name = 'LexicalFormatError';
}

type Kind = 'i32' | 'f64' | 'u8' | 'text' | 'v8';
interface SectionEntry {
  name: string;
  kind: Kind;
  offset: number;
  bytes: number;
}
interface Header {
  fingerprint: string;
  scalars: Record<string, number>;
  sections: SectionEntry[];
  /** Field names of LexicalIndex in their build order, so a decoded object has the same shape. */
  fields: string[];
}

const KNOWN_SENTENCE_KEYS = ['document', 'start', 'end', 'length', 'names', 'quantity'] as const;

/**
 * Encodes a lexical index with the fingerprint of the analysis that built it (see analysisFingerprint).
 * Returns the file's bytes. Throws nothing for a well-formed LexicalIndex.
 */
export function encodeLexicalIndex(lexical: LexicalIndex, fingerprint: string): Buffer {
  const sections: { name: string; kind: Kind; data: Uint8Array }[] = [];
  const scalars: Record<string, number> = {};
  const add = (name: string, kind: Kind, data: Uint8Array) => sections.push({ name, kind, data });
  const fields = Object.keys(lexical);

  for (const field of fields) {
    const value = (lexical as unknown as Record<string, unknown>)[field];
    if (field === 'sentences' && isSentenceList(value)) encodeSentences(value as IndexedSentence[], add);
    else if ((field === 'passageSentences' || field === 'sentencePassages') && isNumberLists(value)) encodeLists(field, value, add);
    else if (field === 'postings' && isMapOf(value, (v) => v instanceof Int32Array)) encodePostings(value as Map<string, Int32Array>, add);
    else if (field === 'capitalized' && isMapOf(value, (v) => typeof v === 'number')) {
      const map = value as Map<string, number>;
      add('capitalized.keys', 'text', encodeStrings([...map.keys()]));
      add('capitalized.values', 'f64', bytesOf(Float64Array.from(map.values())));
    } else if (typeof value === 'number') scalars[field] = value;
    else add(`v8:${field}`, 'v8', serialize(value));
  }

  // Section offsets depend on the header's length, which depends on the offsets' digits: lay out
  // until the length settles (two or three rounds; it only grows, so it settles).
  const entries: SectionEntry[] = [];
  let headerBytes = Buffer.alloc(0);
  for (;;) {
    entries.length = 0;
    let at = align8(PREFIX + headerBytes.length);
    for (const s of sections) {
      entries.push({ name: s.name, kind: s.kind, offset: at, bytes: s.data.byteLength });
      at = align8(at + s.data.byteLength);
    }
    const header: Header = { fingerprint, scalars, fields, sections: entries };
    const next = Buffer.from(JSON.stringify(header), 'utf8');
    if (next.length <= headerBytes.length) break;
    headerBytes = next;
  }
  // The final header is padded with spaces to the length the offsets were laid out for.
  headerBytes = Buffer.from(JSON.stringify({ fingerprint, scalars, fields, sections: entries } satisfies Header).padEnd(headerBytes.length, ' '), 'utf8');
  const total = entries.length > 0 ? align8(entries[entries.length - 1]!.offset + entries[entries.length - 1]!.bytes) : align8(PREFIX + headerBytes.length);
  const out = Buffer.alloc(total);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(LEXICAL_FORMAT_VERSION, 8);
  out.writeUInt32LE(headerBytes.length, 12);
  headerBytes.copy(out, PREFIX);
  for (const [i, s] of sections.entries()) out.set(s.data, entries[i]!.offset);
  createHash('sha256').update(out.subarray(PREFIX)).digest().copy(out, 16);
  return out;
}

/**
 * Decodes what encodeLexicalIndex wrote. Returns the lexical index, equal field for field to the one
 * encoded. Throws LexicalFormatError when the bytes are not such a file, are of another format version,
 * are damaged (checksum) or were built by analysis code whose fingerprint is not `fingerprint`.
 */
export function decodeLexicalIndex(bytes: Uint8Array, fingerprint: string): LexicalIndex {
  try {
    return decode(bytes, fingerprint);
  } catch (error) {
    if (error instanceof LexicalFormatError) throw error;
    // A well-checksummed file that still fails to decode was written by a broken writer: same remedy.
    throw new LexicalFormatError(`unreadable (${(error as Error).message})`);
  }
}

function decode(bytes: Uint8Array, fingerprint: string): LexicalIndex {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < PREFIX || !buf.subarray(0, 8).equals(MAGIC)) throw new LexicalFormatError('not a lexical index file');
  const version = buf.readUInt32LE(8);
  if (version !== LEXICAL_FORMAT_VERSION) throw new LexicalFormatError(`format version ${version}, this code reads ${LEXICAL_FORMAT_VERSION}`);
  const headerLength = buf.readUInt32LE(12);
  if (PREFIX + headerLength > buf.length) throw new LexicalFormatError('truncated');
  const digest = createHash('sha256').update(buf.subarray(PREFIX)).digest();
  if (!digest.equals(buf.subarray(16, PREFIX))) throw new LexicalFormatError('checksum mismatch (damaged or truncated)');
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', PREFIX, PREFIX + headerLength)) as Header;
  } catch {
    throw new LexicalFormatError('unreadable header');
  }
  if (header.fingerprint !== fingerprint) throw new LexicalFormatError('built by other analysis code (fingerprint differs)');

  const sections = new Map(header.sections.map((s) => [s.name, s]));
  const raw = (name: string): Buffer => {
    const s = sections.get(name);
    if (!s || s.offset + s.bytes > buf.length) throw new LexicalFormatError(`section ${name} missing`);
    return buf.subarray(s.offset, s.offset + s.bytes);
  };
  // Copied out of the file's buffer so the file can be freed once decoded (and views are aligned).
  const i32 = (name: string) => new Int32Array(copyOf(raw(name)).buffer);
  const f64 = (name: string) => new Float64Array(copyOf(raw(name)).buffer);
  const u8 = (name: string) => copyOf(raw(name));
  const text = (name: string) => decodeStrings(raw(name));

  const out: Record<string, unknown> = {};
  for (const field of header.fields) {
    if (field in header.scalars) out[field] = header.scalars[field];
    else if (sections.has(`v8:${field}`)) out[field] = deserialize(raw(`v8:${field}`));
    else if (field === 'sentences') out[field] = decodeSentences(i32, u8, text, raw, sections);
    else if (field === 'passageSentences' || field === 'sentencePassages') out[field] = decodeLists(i32(`${field}.offsets`), i32(`${field}.values`));
    else if (field === 'postings') {
      const terms = text('postings.terms');
      const offsets = i32('postings.offsets');
      const ids = i32('postings.ids');
      const postings = new Map<string, Int32Array>();
      for (let t = 0; t < terms.length; t++) postings.set(terms[t]!, ids.subarray(offsets[t]!, offsets[t + 1]!));
      out[field] = postings;
    } else if (field === 'capitalized') {
      const keys = text('capitalized.keys');
      const values = f64('capitalized.values');
      out[field] = new Map(keys.map((k, i) => [k, values[i]!]));
    } else throw new LexicalFormatError(`field ${field} has no section`);
  }
  return out as unknown as LexicalIndex;
}

function encodeSentences(sentences: IndexedSentence[], add: (name: string, kind: Kind, data: Uint8Array) => void): void {
  const n = sentences.length;
  const document = new Int32Array(n);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const length = new Int32Array(n);
  const quantity = new Uint8Array(n);
  const nameOffsets = new Int32Array(n + 1);
  const nameIds: number[] = [];
  const nameTable = new Map<string, number>();
  const extras: (Record<string, unknown> | undefined)[] = [];
  let anyExtra = false;
  for (let i = 0; i < n; i++) {
    const s = sentences[i]!;
    document[i] = s.document;
    start[i] = s.start;
    end[i] = s.end;
    length[i] = s.length;
    quantity[i] = s.quantity ? 1 : 0;
    for (const name of s.names) {
      let id = nameTable.get(name);
      if (id === undefined) nameTable.set(name, (id = nameTable.size));
      nameIds.push(id);
    }
    nameOffsets[i + 1] = nameIds.length;
    let extra: Record<string, unknown> | undefined;
    for (const key of Object.keys(s)) {
      if ((KNOWN_SENTENCE_KEYS as readonly string[]).includes(key)) continue;
      (extra ??= {})[key] = (s as unknown as Record<string, unknown>)[key];
    }
    if (extra) anyExtra = true;
    extras.push(extra);
  }
  add('sentences.document', 'i32', bytesOf(document));
  add('sentences.start', 'i32', bytesOf(start));
  add('sentences.end', 'i32', bytesOf(end));
  add('sentences.length', 'i32', bytesOf(length));
  add('sentences.quantity', 'u8', quantity);
  add('sentences.nameOffsets', 'i32', bytesOf(nameOffsets));
  add('sentences.nameIds', 'i32', bytesOf(Int32Array.from(nameIds)));
  add('sentences.nameTable', 'text', encodeStrings([...nameTable.keys()]));
  if (anyExtra) add('sentences.extra', 'v8', serialize(extras));
}

function decodeSentences(
  i32: (name: string) => Int32Array,
  u8: (name: string) => Uint8Array,
  text: (name: string) => string[],
  raw: (name: string) => Buffer,
  sections: Map<string, SectionEntry>,
): IndexedSentence[] {
  const document = i32('sentences.document');
  const start = i32('sentences.start');
  const end = i32('sentences.end');
  const length = i32('sentences.length');
  const quantity = u8('sentences.quantity');
  const nameOffsets = i32('sentences.nameOffsets');
  const nameIds = i32('sentences.nameIds');
  const nameTable = text('sentences.nameTable');
  const extras = sections.has('sentences.extra') ? (deserialize(raw('sentences.extra')) as (Record<string, unknown> | undefined)[]) : undefined;
  const n = document.length;
  const out: IndexedSentence[] = new Array<IndexedSentence>(n);
  for (let i = 0; i < n; i++) {
    // Most sentences name no one: they share one (frozen) empty list instead of a library's worth of them.
    let names = NO_NAMES;
    if (nameOffsets[i + 1]! > nameOffsets[i]!) {
      names = [];
      for (let k = nameOffsets[i]!; k < nameOffsets[i + 1]!; k++) names.push(nameTable[nameIds[k]!]!);
    }
    const sentence: IndexedSentence = { document: document[i]!, start: start[i]!, end: end[i]!, length: length[i]!, names, quantity: quantity[i] === 1 };
    const extra = extras?.[i];
    out[i] = extra ? { ...sentence, ...extra } : sentence;
  }
  return out;
}

const NO_NAMES = Object.freeze([]) as unknown as string[];

function encodeLists(field: string, lists: number[][], add: (name: string, kind: Kind, data: Uint8Array) => void): void {
  const offsets = new Int32Array(lists.length + 1);
  let total = 0;
  for (const [i, list] of lists.entries()) offsets[i + 1] = total += list.length;
  const values = new Int32Array(total);
  for (const [i, list] of lists.entries()) values.set(list, offsets[i]!);
  add(`${field}.offsets`, 'i32', bytesOf(offsets));
  add(`${field}.values`, 'i32', bytesOf(values));
}

function decodeLists(offsets: Int32Array, values: Int32Array): number[][] {
  const out: number[][] = new Array<number[]>(Math.max(0, offsets.length - 1));
  for (let i = 0; i < out.length; i++) {
    // A plain loop of pushes: packed arrays, several times faster than Array.from over a subarray.
    const list: number[] = [];
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) list.push(values[k]!);
    out[i] = list;
  }
  return out;
}

function encodePostings(postings: Map<string, Int32Array>, add: (name: string, kind: Kind, data: Uint8Array) => void): void {
  const offsets = new Int32Array(postings.size + 1);
  let total = 0;
  let t = 0;
  for (const list of postings.values()) offsets[++t] = total += list.length;
  const ids = new Int32Array(total);
  t = 0;
  for (const list of postings.values()) ids.set(list, offsets[t++]!);
  add('postings.terms', 'text', encodeStrings([...postings.keys()]));
  add('postings.offsets', 'i32', bytesOf(offsets));
  add('postings.ids', 'i32', bytesOf(ids));
}

/** A string table: u32 count, then each string's UTF-16 length (u32), then all of them as one UTF-8 text. */
function encodeStrings(strings: string[]): Uint8Array {
  const lengths = new Uint32Array(strings.length);
  strings.forEach((s, i) => (lengths[i] = s.length));
  const joined = Buffer.from(strings.join(''), 'utf8');
  const out = Buffer.alloc(4 + lengths.byteLength + joined.length);
  out.writeUInt32LE(strings.length, 0);
  out.set(bytesOf(lengths), 4);
  joined.copy(out, 4 + lengths.byteLength);
  return out;
}

function decodeStrings(bytes: Buffer): string[] {
  if (bytes.length < 4) throw new LexicalFormatError('string table truncated');
  const count = bytes.readUInt32LE(0);
  if (4 + count * 4 > bytes.length) throw new LexicalFormatError('string table truncated');
  const lengths = new Uint32Array(copyOf(bytes.subarray(4, 4 + count * 4)).buffer);
  // One decode of the whole text, then slices: far cheaper than a decode per string.
  const joined = bytes.toString('utf8', 4 + count * 4);
  const out: string[] = new Array<string>(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const next = at + lengths[i]!;
    out[i] = joined.slice(at, next);
    at = next;
  }
  if (at !== joined.length) throw new LexicalFormatError('string table does not add up');
  return out;
}

function isSentenceList(value: unknown): value is IndexedSentence[] {
  const int = (n: unknown) => Number.isInteger(n) && (n as number) >= -(2 ** 31) && (n as number) < 2 ** 31;
  return (
    Array.isArray(value) &&
    value.every(
      (s: Partial<IndexedSentence>) =>
        typeof s === 'object' && s !== null && int(s.document) && int(s.start) && int(s.end) && int(s.length) && typeof s.quantity === 'boolean' && Array.isArray(s.names) && s.names.every((n) => typeof n === 'string'),
    )
  );
}

function isNumberLists(value: unknown): value is number[][] {
  return Array.isArray(value) && value.every((list) => Array.isArray(list) && list.every((n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31));
}

function isMapOf(value: unknown, ok: (v: unknown) => boolean): boolean {
  if (!(value instanceof Map)) return false;
  for (const [k, v] of value) if (typeof k !== 'string' || !ok(v)) return false;
  return true;
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function copyOf(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.byteLength);
  out.set(bytes);
  return out;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
