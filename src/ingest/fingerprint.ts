import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { INGEST_LIMITS } from './limits';

export interface CorpusFingerprint {
  hash: string;
  files: string[];
}

/**
 * SHA-256 over the names and contents of the files of `directory` that `include` selects, in name order.
 * It never fails on one entry: what cannot be read (a folder named `x.txt`, a dangling link, a file
 * without permission) is fingerprinted by its name and error code, and a file over the size limit by its
 * size and modification time, so the fingerprint still changes when the operator fixes it.
 */
export async function fingerprintFiles(directory: string, include: (name: string) => boolean): Promise<CorpusFingerprint> {
  const files = (await readdir(directory)).filter(include).sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file).update('\0');
    hash.update(await contentKey(join(directory, file))).update('\0');
  }
  return { hash: hash.digest('hex'), files };
}

async function contentKey(path: string): Promise<Uint8Array | string> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return `not a file: ${info.mode}`;
    if (info.size > INGEST_LIMITS.maxFileBytes) return `too large: ${info.size} ${info.mtimeMs}`;
    return await readFile(path);
  } catch (error) {
    return `unreadable: ${error instanceof Error && 'code' in error ? String(error.code) : String(error)}`;
  }
}
