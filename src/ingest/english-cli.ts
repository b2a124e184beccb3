import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { compactEdict, DICTIONARY_PATH, gzipDictionary, parseDictionary } from './english-dictionary';

/**
 * `npm run build:english`: makes data/english-dictionary.tsv.gz, the English dictionary shiori ships,
 * from EDICT (EDICT_FILE, by default where Debian's `edict` package puts it). Only to refresh it from a
 * newer EDICT: every index build restricts the shipped one to the corpus, papers added included.
 */
const DEFAULT_EDICT = '/usr/share/edict/edict';

async function main(): Promise<void> {
  const edictFile = process.env.EDICT_FILE ?? DEFAULT_EDICT;
  const bytes = await readFile(edictFile).catch((error: unknown) => {
    throw new Error(`cannot read EDICT at ${edictFile} (${error instanceof Error ? error.message : String(error)}); install it with \`apt-get install edict\` or set EDICT_FILE`);
  });
  const started = performance.now();
  const text = compactEdict(new TextDecoder('euc-jp').decode(bytes));
  const compressed = gzipDictionary(text);
  await mkdir(dirname(DICTIONARY_PATH), { recursive: true });
  await writeFile(`${DICTIONARY_PATH}.tmp`, compressed);
  await rename(`${DICTIONARY_PATH}.tmp`, DICTIONARY_PATH);
  console.log(
    `${DICTIONARY_PATH}: ${parseDictionary(text).length} entries, ${(compressed.byteLength / 1024 / 1024).toFixed(2)} MiB (${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MiB unpacked), in ${Math.round(performance.now() - started)} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(`english dictionary build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
