import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CarriedTokens, MemoEntry, TokenMemo } from '../text/token-memo';
import type { LexiconData, Token } from '../text/tokenizer';

/**
 * The build's tokens, kept for the next build (issue 14: adding a paper to a large corpus tokenized every
 * paper again, since the lexicon is the corpus's). Beside the index (`.index-tokens/` for `index/`): one file
 * per bucket of the memo (a paper's texts; the dictionary words), and `manifest.json` naming the files with
 * the lexicon their tokens hold under and the build rules' version. The next build gives them to its
 * TokenMemo, which keeps a text's tokens only where the lexicon change cannot touch them (token-memo.ts).
 * A bucket whose texts are all carried unchanged keeps its file; files are never rewritten in place (each is
 * named by its content's hash, checked when read) and the manifest is replaced last, so a build that stops half way leaves a cache
 * that is still true. Like the analysis cache it can only make a build faster: anything unreadable is
 * tokenized again.
 */

const MANIFEST = 'manifest.json';

interface CacheManifest {
  rules: string;
  lexicon: LexiconData;
  /** Bucket → file name. */
  buckets: Record<string, string>;
}

/** A bucket's file: each text with its normalization, its tokens' terms and their offsets (start, end, start, …). */
type BucketFile = Array<[text: string, normalized: string, terms: string[], offsets: number[]]>;

/** Where the tokens of the index in `indexDir` are kept. */
export function tokenCacheDir(indexDir: string): string {
  return join(dirname(indexDir), `.${basename(indexDir)}-tokens`);
}

/** What the last build kept: the carried tokens, and each bucket's file. */
export interface KeptTokens {
  carried: CarriedTokens;
  files: ReadonlyMap<string, string>;
}

/** The tokens the last build kept under the same rules; undefined when there are none. */
export async function readTokenCache(dir: string, rules: string): Promise<KeptTokens | undefined> {
  const manifest = await readFile(join(dir, MANIFEST), 'utf8')
    .then((text) => JSON.parse(text) as CacheManifest)
    .catch(() => undefined);
  if (manifest?.rules !== rules || typeof manifest.lexicon?.entries !== 'object' || typeof manifest.buckets !== 'object') return undefined;
  const buckets = new Map<string, ReadonlyMap<string, MemoEntry>>();
  const files = new Map<string, string>();
  await Promise.all(
    Object.entries(manifest.buckets).map(async ([bucket, file]) => {
      if (typeof file !== 'string' || file.includes('/') || file.includes('\\')) return;
      // A file is named by its content's hash: one that does not match it (cut short, edited) is left out.
      const rows = await readFile(join(dir, file))
        .then((bytes) => (file === bucketFileName(bucket, bytes) ? (JSON.parse(bytes.toString('utf8')) as BucketFile) : undefined))
        .catch(() => undefined);
      if (!Array.isArray(rows) || !rows.every(isRow)) return;
      const texts = new Map<string, MemoEntry>();
      for (const [text, normalized, terms, offsets] of rows) {
        texts.set(text, { normalized, tokens: terms.map((term, index): Token => ({ term, start: offsets[2 * index] as number, end: offsets[2 * index + 1] as number })) });
      }
      buckets.set(bucket, texts);
      files.set(bucket, file);
    }),
  );
  return { carried: { lexicon: manifest.lexicon, buckets }, files };
}

/**
 * Keeps the memo's buckets for the next build: a bucket whose texts are exactly those of its kept file,
 * all carried, keeps the file; the others are written anew. Files no longer named are removed.
 */
export async function writeTokenCache(dir: string, rules: string, lexicon: LexiconData, memo: TokenMemo, kept?: KeptTokens): Promise<void> {
  await mkdir(dir, { recursive: true });
  const buckets: Record<string, string> = {};
  for (const [bucket, texts] of memo.buckets()) {
    const previous = kept?.carried.buckets.get(bucket);
    const file = kept?.files.get(bucket);
    const unchanged = file !== undefined && previous !== undefined && previous.size === texts.size && [...texts.keys()].every((text) => previous.has(text) && !memo.isFresh(text));
    if (unchanged) {
      buckets[bucket] = file;
      continue;
    }
    const rows: BucketFile = [...texts].map(([text, { normalized, tokens }]) => [text, normalized, tokens.map((token) => token.term), tokens.flatMap((token) => [token.start, token.end])]);
    const body = Buffer.from(JSON.stringify(rows), 'utf8');
    const name = bucketFileName(bucket, body);
    await replaceFile(join(dir, name), body);
    buckets[bucket] = name;
  }
  const manifest: CacheManifest = { rules, lexicon, buckets };
  await replaceFile(join(dir, MANIFEST), JSON.stringify(manifest));
  const named = new Set([MANIFEST, ...Object.values(buckets)]);
  const present = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(present.filter((name) => !named.has(name)).map((name) => rm(join(dir, name), { force: true }).catch(() => undefined)));
}

/** A bucket's file name: its bucket, and a hash of its bytes (hashed as bytes: hashing the text would encode it again). */
function bucketFileName(bucket: string, body: Uint8Array): string {
  return `${encodeURIComponent(bucket)}-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.json`;
}

function isRow(row: unknown): row is BucketFile[number] {
  if (!Array.isArray(row) || row.length !== 4) return false;
  const [text, normalized, terms, offsets] = row as unknown[];
  return typeof text === 'string' && typeof normalized === 'string' && Array.isArray(terms) && Array.isArray(offsets) && offsets.length === 2 * terms.length;
}

async function replaceFile(path: string, body: string | Uint8Array): Promise<void> {
  const fresh = `${path}.${process.pid}.tmp`;
  await writeFile(fresh, body);
  await rename(fresh, path);
}
