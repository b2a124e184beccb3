import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE } from '../search/index-format';
import { checkManifest } from '../search/load-index';
import type { BuildOptions } from './build-index';
import { ENGLISH_LEXICON_FILE, GLOSSARY_FILE, isMissingFile } from './corpus-files';

/**
 * Whether index/ is current, and the build when it is not. Kept apart from the build: the server checks
 * the index at every start, and loads the ingestion code (kuromoji, the parsers: about 0.4 s of module
 * loading) only when it has to build.
 */

export interface CorpusFingerprint {
  hash: string;
  files: string[];
}

/** SHA-256 over the names and bytes of the corpus's `.txt`, `.meta.json`, glossary and English lexicon files, in name order. */
export async function fingerprintCorpus(corpusDir: string): Promise<CorpusFingerprint> {
  const files = (await readdir(corpusDir)).filter((name) => /\.(txt|meta\.json)$/iu.test(name) || name === GLOSSARY_FILE || name === ENGLISH_LEXICON_FILE).sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file).update('\0');
    hash.update(await readFile(join(corpusDir, file))).update('\0');
  }
  return { hash: hash.digest('hex'), files };
}

/** Builds the index when `indexDir` has none, or one that is stale or from another format or tokenizer. */
export async function ensureFreshIndex(options: BuildOptions): Promise<void> {
  const status = await indexStatus(options.corpusDir, options.indexDir);
  if (status.fresh) return;
  options.log?.(`building the index: ${status.reason}`);
  const { buildIndex } = await import('./build-index');
  await buildIndex(options);
}

export type IndexStatus = { fresh: true } | { fresh: false; reason: string };

/** Whether `indexDir` holds an index of the current corpus built by this code's format and tokenizer. */
export async function indexStatus(corpusDir: string, indexDir: string): Promise<IndexStatus> {
  let text: string;
  try {
    text = await readFile(join(indexDir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return { fresh: false, reason: `there is no index in ${indexDir}` };
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { fresh: false, reason: `${join(indexDir, MANIFEST_FILE)} is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const check = checkManifest(value);
  if (!check.ok) return { fresh: false, reason: check.reason };
  const { hash } = await fingerprintCorpus(corpusDir);
  if (check.manifest.corpus.hash !== hash) return { fresh: false, reason: 'the corpus changed since the index was built' };
  return { fresh: true };
}
