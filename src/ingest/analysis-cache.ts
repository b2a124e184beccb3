import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Document } from '../model/document';
import { analyzeDocument, textsOf, type KuromojiTokenizer, type TextAnalysis } from './lexicon';
import type { ParseMemo } from './read-corpus';

/**
 * What the build works out per paper, kept between builds (issue 14): each paper as parsed, keyed by its
 * file's bytes, and kuromoji's analysis of it (most of a cold build), keyed by its texts — each a function
 * of its key and the build's rules alone. Keys are SHA-256 over the build rules' version (build-rules.ts:
 * the ingestion code, kuromoji's version) and those inputs, so an edited paper or other rules are worked out
 * again and nothing stale is ever read. The files lie in a folder beside the index (`.index-analysis/` for
 * `index/`), one per key; a build keeps only the keys it asked for, so the folder never holds more than
 * the corpus. A file that cannot be read is worked out again: the cache can only make a build faster,
 * never fail it.
 */

/** Where the per-paper results of the index in `indexDir` are kept. */
export function analysisCacheDir(indexDir: string): string {
  return join(dirname(indexDir), `.${basename(indexDir)}-analysis`);
}

/** A folder of JSON values by key: `get` returns the kept value, or makes, keeps and returns it. */
export interface PaperCache {
  get<T>(key: string, valid: (value: unknown) => value is T, make: () => T | Promise<T>): Promise<{ value: T; kept: boolean }>;
  /** Keeps `value` under `key` (for a later build to `get`). */
  set(key: string, value: unknown): Promise<void>;
  /** Keeps the value of `key` as it is, unread, for a later build (prune removes what nobody asked for). */
  touch(key: string): void;
  /** Removes the files of keys this build did not ask for. */
  prune(): Promise<void>;
}

/** SHA-256 over the rules' version and the parts (each ended by a NUL, so no two lists of parts collide). */
export function cacheKey(rules: string, kind: string, ...parts: ReadonlyArray<string | Uint8Array>): string {
  const hash = createHash('sha256').update(rules).update('\0').update(kind).update('\0');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

export function openPaperCache(dir: string): PaperCache {
  const used = new Set<string>();
  let ready: Promise<unknown> | undefined;
  // Kept for the next build when the folder can be written (a read-only or full disk only costs speed).
  const write = async (file: string, value: unknown): Promise<void> => {
    const fresh = `${file}.${process.pid}.tmp`;
    ready ??= mkdir(dir, { recursive: true });
    await ready
      .then(() => writeFile(fresh, JSON.stringify(value)))
      .then(() => rename(fresh, file))
      .catch(() => rm(fresh, { force: true }).catch(() => undefined));
  };
  return {
    async get(key, valid, make) {
      used.add(key);
      const file = join(dir, `${key}.json`);
      const kept = await readFile(file, 'utf8')
        .then((text) => JSON.parse(text) as unknown)
        .catch(() => undefined);
      if (valid(kept)) return { value: kept, kept: true };
      const value = await make();
      await write(file, value);
      return { value, kept: false };
    },
    async set(key, value) {
      used.add(key);
      await write(join(dir, `${key}.json`), value);
    },
    touch(key) {
      used.add(key);
    },
    async prune() {
      const names = await readdir(dir).catch(() => [] as string[]);
      await Promise.all(names.filter((name) => !used.has(name.replace(/\.json$/u, ''))).map((name) => rm(join(dir, name), { force: true }).catch(() => undefined)));
    },
  };
}

export interface AnalysisCache {
  /**
   * The paper's analysis: from the cache when kept, else kuromoji's, then kept. It comes without its
   * reference texts (`reference` empty: most of its bytes, read only where asked, by `reference`).
   */
  analyze(document: Document): Promise<TextAnalysis>;
  /** The paper's reference texts (TextAnalysis.reference), after `analyze`: this build's, or kept (kuromoji's again when lost). */
  reference(document: Document): Promise<TextAnalysis['reference']>;
  /** Papers analysed by kuromoji in this build, and found in the cache. */
  readonly counts: { analysed: number; cached: number };
}

/** A paper's key: the rules' version and exactly what analyzeDocument reads (its texts, and which are paragraphs). */
export function analysisKey(document: Document, rules: string): string {
  const paragraphs = document.sections.flatMap((section) => section.paragraphs.map((paragraph) => paragraph.text));
  return cacheKey(rules, 'analysis', JSON.stringify([textsOf(document), paragraphs]));
}

const isAnalysis = (value: unknown): value is TextAnalysis => {
  const analysis = value as Partial<TextAnalysis> | undefined;
  return typeof analysis === 'object' && analysis !== null && Array.isArray(analysis.votes) && Array.isArray(analysis.conjugations) && Array.isArray(analysis.places) && Array.isArray(analysis.readings) && Array.isArray(analysis.reference);
};
const isReference = (value: unknown): value is TextAnalysis['reference'] => Array.isArray(value) && value.every((row) => Array.isArray(row) && row.length === 2 && typeof row[0] === 'string' && Array.isArray(row[1]));

/**
 * `paperKey`: the key a paper was parsed under (parseMemo), when it was: its analysis is a function of it,
 * and keyed by it costs nothing (its texts are not gathered and hashed again).
 */
export function openAnalysisCache(cache: PaperCache, rules: string, analyzer: () => Promise<KuromojiTokenizer>, paperKey: (document: Document) => string | undefined = () => undefined): AnalysisCache {
  const counts = { analysed: 0, cached: 0 };
  const keys = new Map<Document, string>();
  const references = new Map<Document, TextAnalysis['reference']>();
  const referenceKey = (key: string): string => cacheKey(rules, 'reference', key);
  return {
    counts,
    async analyze(document) {
      const parsedAs = paperKey(document);
      const key = parsedAs === undefined ? analysisKey(document, rules) : cacheKey(rules, 'analysis of a parse', parsedAs);
      keys.set(document, key);
      let made: TextAnalysis | undefined;
      const { value, kept } = await cache.get(key, isAnalysis, async () => {
        made = analyzeDocument(document, await analyzer());
        return { ...made, reference: [] };
      });
      counts[kept ? 'cached' : 'analysed']++;
      if (made === undefined) {
        cache.touch(referenceKey(key));
        return value;
      }
      references.set(document, made.reference);
      await cache.set(referenceKey(key), made.reference);
      return { ...made, reference: [] };
    },
    async reference(document) {
      const known = references.get(document);
      if (known !== undefined) return known;
      const key = keys.get(document) ?? analysisKey(document, rules);
      return (await cache.get(referenceKey(key), isReference, async () => analyzeDocument(document, await analyzer()).reference)).value;
    },
  };
}

/** Papers parsed in this build and taken from the cache. */
export interface ParseCounts {
  parsed: number;
  cached: number;
}

/**
 * Remembers each paper as parsed, keyed by its file's name, bytes and sidecar: parsing is a function of them
 * alone. `keys` is told each paper's key (by its file's name) once it is parsed or found.
 */
export function parseMemo(cache: PaperCache, rules: string, counts: ParseCounts = { parsed: 0, cached: 0 }, keys?: Map<string, string>): ParseMemo {
  return async ({ name, bytes, sidecar }, parse) => {
    const isParsed = (value: unknown): value is Document => {
      const document = value as Partial<Document> | undefined;
      return typeof document === 'object' && document !== null && document.sourceFile === name && typeof document.id === 'string' && Array.isArray(document.sections) && Array.isArray(document.footnotes) && Array.isArray(document.tables);
    };
    const key = cacheKey(rules, 'parsed', name, bytes, sidecar === undefined ? 'no sidecar' : `sidecar ${sidecar}`);
    const { value, kept } = await cache.get(key, isParsed, parse);
    counts[kept ? 'cached' : 'parsed']++;
    keys?.set(name, key);
    return value;
  };
}
