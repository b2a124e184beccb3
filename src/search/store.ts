import type { Document } from '../model/document';
import { DATA_FILE, FIELDS, type Field, type IndexCore, type PostingsShard, type StoredPassage } from './index-format';
import { documentFile, passagesFile, postingsFile, termShard } from './index-layout';
import { checkCore, IndexError, REBUILD } from './load-index';
import { LruCache } from './lru';

/**
 * The index as the runtime sees it (issue 14): the core, loaded once, and the rest read on demand through
 * `read(name)` — files of index/ on Node, static assets in the Worker — and kept in bounded caches. A
 * runtime holds the core and what its recent questions touched, not the corpus.
 */

/** One term's postings in one field: passage indexes ascending, and the term's count in each. */
export interface FieldPostings {
  ids: Int32Array;
  counts: Float32Array;
}

export type TermPostings = Partial<Record<Field, FieldPostings>>;

export type { StoredPassage } from './index-format';

export interface IndexStore {
  readonly core: IndexCore;
  /** The postings of each term the index has (terms it has not are absent). */
  postings(terms: readonly string[]): Promise<Map<string, TermPostings>>;
  /** The passages at these indexes (indexes outside the index are absent). */
  passages(indexes: Iterable<number>): Promise<Map<number, StoredPassage>>;
  document(id: string): Promise<Document | undefined>;
}

/**
 * How much the store keeps (the one place these are set): postings in postings entries (8 bytes each
 * decoded), block files as read in characters (two bytes each), passages parsed from them (a few
 * kilobytes each with their tokens), documents in papers.
 */
export interface StoreLimits {
  postingEntries: number;
  blockChars: number;
  passages: number;
  documents: number;
}

/** The Node server's: about 100 MB of postings, 64 MB of block text and 8,192 parsed passages (tens of MB) at most. */
export const NODE_STORE_LIMITS: StoreLimits = { postingEntries: 12_000_000, blockChars: 32_000_000, passages: 8192, documents: 64 };
/** The Worker's, within its 128 MB isolate beside the core and the engine's caches: ~12 MB of postings, 4 MB of block text, ~1,000 passages. */
export const WORKER_STORE_LIMITS: StoreLimits = { postingEntries: 1_500_000, blockChars: 2_000_000, passages: 1024, documents: 8 };

export type IndexReader = (name: string) => Promise<string | undefined>;

/** Several files read at once, by name (absent: not in the index): one query to a database for all of them. */
export type IndexBatchReader = (names: readonly string[]) => Promise<ReadonlyMap<string, string | undefined>>;

/** Where the index's files come from: one at a time, and, where that is one round trip instead of many, several at once. */
export interface IndexSource {
  read: IndexReader;
  readMany?: IndexBatchReader;
}

/** Every file read on its own, all at once: what `readMany` is for a source that has none (files, static assets). */
export function eachRead(read: IndexReader): IndexBatchReader {
  return async (names) => new Map(await Promise.all(names.map(async (name) => [name, await read(name)] as const)));
}

/** Opens the index behind `source`: reads and checks the core (IndexError when missing, mismatched or damaged). */
export async function openIndex(source: IndexReader | IndexSource, limits: StoreLimits = NODE_STORE_LIMITS): Promise<IndexStore> {
  const { read, readMany = eachRead(read) } = typeof source === 'function' ? { read: source } : source;
  const core = checkCore(await read(DATA_FILE));
  return storeOver(core, read, readMany, limits);
}

function present(text: string | undefined, name: string): string {
  if (text === undefined) throw new IndexError('INDEX_CORRUPT', `${name} is missing from the index. ${REBUILD}`);
  return text;
}

function parse<T>(text: string | undefined, name: string): T {
  const whole = present(text, name);
  try {
    return JSON.parse(whole) as T;
  } catch (error) {
    throw new IndexError('INDEX_CORRUPT', `${name} is not valid JSON (${error instanceof Error ? error.message : String(error)}). ${REBUILD}`);
  }
}

/** Delta-coded ids and counts as typed arrays (a third of the memory of JS arrays of numbers). */
function decode([deltas, counts]: [number[], number[]]): FieldPostings {
  const ids = new Int32Array(deltas.length);
  let id = 0;
  for (let position = 0; position < deltas.length; position++) ids[position] = id += deltas[position] as number;
  return { ids, counts: counts.length === 0 ? new Float32Array(deltas.length).fill(1) : Float32Array.from(counts) };
}

function storeOver(core: IndexCore, read: IndexReader, readMany: IndexBatchReader, limits: StoreLimits): IndexStore {
  const { postingShards, passageBlock } = core.layout;
  const weighPostings = (postings: TermPostings | null): number => (postings === null ? 1 : FIELDS.reduce((sum, field) => sum + (postings[field]?.ids.length ?? 0), 1));
  const terms = new LruCache<string, TermPostings | null>(limits.postingEntries, weighPostings);
  const blocks = new LruCache<string, readonly string[]>(limits.blockChars, (lines) => lines.reduce((sum, line) => sum + line.length + 1, 0));
  const parsed = new LruCache<number, StoredPassage>(limits.passages);
  const documents = new LruCache<string, Document>(limits.documents);
  // Files being read, so that questions asked at once read a file once (each decodes what it needs).
  const reading = new Map<string, Promise<string | undefined>>();
  const settle = (name: string, text: Promise<string | undefined>): Promise<string | undefined> => {
    const started = text.finally(() => reading.delete(name));
    reading.set(name, started);
    return started;
  };
  const textOf = (name: string): Promise<string | undefined> => reading.get(name) ?? settle(name, read(name));
  /**
   * Starts reading, in one `readMany`, those of the files a question needs (not kept) that are not being
   * read already: `textOf` then finds each among the reads in flight.
   */
  const readAhead = (names: Iterable<string>): void => {
    const fresh = [...new Set(names)].filter((name) => !reading.has(name));
    if (fresh.length === 0) return;
    const batch = readMany(fresh);
    // Each file's read fails with the batch; whoever reads that file is told, so nobody else need be.
    for (const name of fresh) settle(name, batch.then((texts) => texts.get(name))).catch(() => undefined);
  };
  const knownIds = new Set(core.documents.map((document) => document.id));
  // A passage's paper: the last whose first passage is at or before it (the papers lie in passage order).
  const holding = core.documents.filter((document) => document.passages.length > 0);
  const firsts = Int32Array.from(holding, (document) => document.firstPassage);
  const paperAt = (index: number): { docId: string; block: number; line: number; lines: number } => {
    let low = 0;
    let high = firsts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((firsts[middle] as number) <= index) low = middle;
      else high = middle - 1;
    }
    const document = holding[low];
    // A core whose papers hold no passages the count says there are is damaged: refused, like a file cut short.
    if (document === undefined) throw new IndexError('INDEX_CORRUPT', `${DATA_FILE} lists ${core.passageCount} passages but no paper holding them. ${REBUILD}`);
    const local = index - document.firstPassage;
    const block = Math.floor(local / passageBlock);
    return { docId: document.id, block, line: local - block * passageBlock, lines: Math.min(passageBlock, document.passages.length - block * passageBlock) };
  };
  /** A file's content as `decode` makes it from its text: from `cache` when kept, else read (once, however many ask) and kept. */
  const kept = async <K, T>(cache: LruCache<K, T>, key: K, name: string, decode: (text: string | undefined) => T): Promise<T> => {
    const found = cache.peek(key);
    if (found !== undefined) return found;
    const value = decode(await textOf(name));
    cache.set(key, value);
    return value;
  };
  /** A block file's lines, one passage each, checked against the number of passages the layout puts there. */
  const linesOf = (name: string, expected: number): Promise<readonly string[]> =>
    kept(blocks, name, name, (text) => {
      const lines = present(text, name).split('\n');
      if (lines.length !== expected) throw new IndexError('INDEX_CORRUPT', `${name} is cut short or damaged: ${lines.length} passages where ${expected} belong. ${REBUILD}`);
      return lines;
    });

  return {
    core,
    async postings(wanted) {
      const found = new Map<string, TermPostings>();
      const byShard = new Map<number, string[]>();
      for (const term of new Set(wanted)) {
        if (terms.has(term)) {
          const postings = terms.peek(term);
          if (postings !== null && postings !== undefined) found.set(term, postings);
          continue;
        }
        const shard = termShard(term, postingShards);
        const list = byShard.get(shard);
        if (list === undefined) byShard.set(shard, [term]);
        else list.push(term);
      }
      readAhead([...byShard.keys()].map(postingsFile));
      await Promise.all(
        [...byShard].map(async ([shard, shardTerms]) => {
          const name = postingsFile(shard);
          const entries = parse<PostingsShard>(await textOf(name), name);
          for (const term of shardTerms) {
            const entry = Object.hasOwn(entries, term) ? entries[term] : undefined;
            const postings: TermPostings | null = entry === undefined ? null : {};
            if (entry !== undefined && postings !== null) for (const field of FIELDS) if (entry[field] !== undefined) postings[field] = decode(entry[field]);
            terms.set(term, postings);
            if (postings !== null) found.set(term, postings);
          }
        }),
      );
      return found;
    },
    async passages(indexes) {
      const wanted = [...new Set(indexes)].filter((index) => Number.isInteger(index) && index >= 0 && index < core.passageCount);
      const found = new Map<number, StoredPassage>();
      const missing = wanted.filter((index) => {
        const known = parsed.peek(index);
        if (known !== undefined) found.set(index, known);
        return known === undefined;
      });
      const places = new Map(missing.map((index) => {
        const place = paperAt(index);
        return [index, { ...place, name: passagesFile(place.docId, place.block) }] as const;
      }));
      const names = new Map([...places.values()].map((place) => [place.name, place.lines]));
      readAhead([...names.keys()].filter((name) => !blocks.has(name)));
      const loaded = await Promise.all([...names].map(([name, lines]) => linesOf(name, lines)));
      const byName = new Map([...names.keys()].map((name, position) => [name, loaded[position] as readonly string[]]));
      for (const index of missing) {
        const place = places.get(index) as { name: string; line: number };
        const passage = parse<StoredPassage>(byName.get(place.name)?.[place.line], place.name);
        parsed.set(index, passage);
        found.set(index, passage);
      }
      return found;
    },
    async document(id) {
      const name = documentFile(id);
      return knownIds.has(id) ? kept(documents, id, name, (text) => parse<Document>(text, name)) : undefined;
    },
  };
}

/** An index held in memory as its files' texts (layoutIndex's output): for tests, tools and benchmarks. */
export function memoryReader(files: ReadonlyMap<string, string>): IndexReader {
  return (name) => Promise.resolve(files.get(name));
}
