import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DATA_FILE, MANIFEST_FILE } from '../search/index-format';
import { checkManifest } from '../search/load-index';
import type { BuildOptions } from './build-index';
import { GLOSSARY_FILE, isMissingFile } from './corpus-files';
import { buildRulesVersion } from './build-rules';
import { fingerprintFiles, type CorpusFingerprint } from './fingerprint';

/**
 * Whether index/ is current, and the build when it is not. Kept apart from the build: the server checks
 * the index at every start, and loads the ingestion code (kuromoji, the parsers: about 0.4 s of module
 * loading) only when it has to build.
 */

export type { CorpusFingerprint } from './fingerprint';

/** SHA-256 over the names and bytes of the corpus's `.txt`, `.pdf`, `.meta.json` and glossary files, in name order. */
export function fingerprintCorpus(corpusDir: string): Promise<CorpusFingerprint> {
  return fingerprintFiles(corpusDir, (name) => /\.(txt|pdf|meta\.json)$/iu.test(name) || name === GLOSSARY_FILE);
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

/**
 * Whether `indexDir` holds an index of the current corpus built by this code's format and tokenizer, with
 * every file of it whole (the sizes the manifest recorded). Never throws for a broken index: that is a reason
 * to rebuild.
 */
export async function indexStatus(corpusDir: string, indexDir: string): Promise<IndexStatus> {
  let text: string;
  try {
    text = await readFile(join(indexDir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return { fresh: false, reason: `there is no index in ${indexDir}` };
    return { fresh: false, reason: `${join(indexDir, MANIFEST_FILE)} cannot be read (${error instanceof Error ? error.message : String(error)})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { fresh: false, reason: `${join(indexDir, MANIFEST_FILE)} is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const check = checkManifest(value);
  if (!check.ok) return { fresh: false, reason: check.reason };
  const recorded = (value as { files?: unknown }).files;
  if (typeof recorded !== 'object' || recorded === null || !Object.hasOwn(recorded, DATA_FILE)) return { fresh: false, reason: `${join(indexDir, MANIFEST_FILE)} does not list the index's files` };
  // Every file whole: the core first (the one a damaged index is most often noticed by), then the rest.
  const names = [DATA_FILE, ...Object.keys(recorded).filter((name) => name !== DATA_FILE)];
  const sizes = await Promise.all(names.map((name) => stat(join(indexDir, name)).then((info) => info.size, () => undefined)));
  for (const [position, name] of names.entries()) {
    const size = sizes[position];
    const expected = (recorded as Record<string, unknown>)[name];
    if (size === undefined) return { fresh: false, reason: `${join(indexDir, name)} is missing` };
    if (expected !== size) return { fresh: false, reason: `${join(indexDir, name)} is damaged: ${size} bytes, ${String(expected)} when it was written` };
  }
  const rules = await buildRulesVersion();
  if (check.manifest.buildRules !== rules) return { fresh: false, reason: `the index was built by other ingestion rules (${String(check.manifest.buildRules)}; these are ${rules})` };
  const { hash } = await fingerprintCorpus(corpusDir);
  if (check.manifest.corpus.hash !== hash) return { fresh: false, reason: 'the corpus changed since the index was built' };
  return { fresh: true };
}
