import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfig } from '../config';
import { ENGLISH_LEXICON_FILE } from './corpus-files';
import { buildEnglishLexicon, fingerprintDocuments, serializeEnglishLexicon } from './english-lexicon';
import { IngestError } from './errors';
import { loadKuromoji } from './lexicon';
import { readCorpus } from './read-corpus';

/**
 * `npm run build:english`: derives corpus/english-lexicon.json from EDICT (EDICT_FILE, by default where
 * Debian's `edict` package puts it) for the documents in CORPUS_DIR. Run it after adding documents.
 */
const DEFAULT_EDICT = '/usr/share/edict/edict';

async function main(): Promise<void> {
  const { CORPUS_DIR } = parseConfig(process.env);
  const edictFile = process.env.EDICT_FILE ?? DEFAULT_EDICT;
  const bytes = await readFile(edictFile).catch((error: unknown) => {
    throw new Error(`cannot read EDICT at ${edictFile} (${error instanceof Error ? error.message : String(error)}); install it with \`apt-get install edict\` or set EDICT_FILE`);
  });
  const started = performance.now();
  const lexicon = buildEnglishLexicon(
    new TextDecoder('euc-jp').decode(bytes),
    (await readCorpus(CORPUS_DIR)).documents,
    await fingerprintDocuments(CORPUS_DIR),
    await loadKuromoji(),
  );
  const target = join(CORPUS_DIR, ENGLISH_LEXICON_FILE);
  const text = serializeEnglishLexicon(lexicon);
  await writeFile(`${target}.tmp`, text);
  await rename(`${target}.tmp`, target);
  const translations = Object.values(lexicon.entries).reduce((sum, list) => sum + list.length, 0);
  console.log(
    `${target}: ${Object.keys(lexicon.entries).length} English phrases, ${translations} translations, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB, in ${Math.round(performance.now() - started)} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof IngestError || error instanceof Error ? `english lexicon build failed: ${error.message}` : error);
  process.exit(1);
});
