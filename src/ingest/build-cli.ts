import { parseConfig } from '../config';
import { buildIndex } from './build-index';
import { IngestError } from './errors';

/**
 * `npm run build:index`: builds index/ (INDEX_DIR) from the corpus (CORPUS_DIR). On failure it prints
 * `file:line: reason`, exits 1 and leaves the previous index in place.
 */
async function main(): Promise<void> {
  const { CORPUS_DIR, INDEX_DIR } = parseConfig(process.env);
  const manifest = await buildIndex({ corpusDir: CORPUS_DIR, indexDir: INDEX_DIR, log: (line) => console.log(line) });
  const { counts, tokenizer } = manifest;
  console.log(
    `index written to ${INDEX_DIR}: ${counts.documents} documents, ${counts.passages} passages, ${counts.footnotes} footnotes, ${counts.terms} terms, ${counts.aliases} alias groups; ` +
      `lexicon ${tokenizer.lexiconEntries} entries, agreement with kuromoji ${(tokenizer.agreementWithAnalyzer * 100).toFixed(1)}%`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof IngestError ? `index build failed: ${error.message}` : error);
  console.error('the previous index, if any, is unchanged');
  process.exit(1);
});
