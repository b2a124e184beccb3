import { parseConfig } from '../config';
import { buildIndex } from './build-index';
import { IngestError } from './errors';

/**
 * `npm run build:index`: builds index/ (INDEX_DIR) from the corpus (CORPUS_DIR). A paper that cannot be
 * indexed is a warning (`file:line: reason`) and is left out, or its previous version kept; when no index
 * can be built at all, it prints why, exits 1 and leaves the previous index in place. The Node server runs
 * this program in a child process for its rebuilds.
 */
async function main(): Promise<void> {
  const { CORPUS_DIR, INDEX_DIR } = parseConfig(process.env);
  const manifest = await buildIndex({ corpusDir: CORPUS_DIR, indexDir: INDEX_DIR, log: (line) => console.log(line) });
  const { counts, tokenizer } = manifest;
  console.log(
    `index written to ${INDEX_DIR}: ${counts.documents} documents, ${counts.passages} passages, ${counts.footnotes} footnotes, ${counts.terms} terms, ${counts.aliases} alias groups; ` +
      `lexicon ${tokenizer.lexiconEntries} entries, agreement with kuromoji ${(tokenizer.agreementWithAnalyzer * 100).toFixed(1)}%; ` +
      `${manifest.problems.length === 0 ? 'no files left out' : `${manifest.problems.length} files with problems (listed above, and by GET /api/health)`}; ` +
      `peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof IngestError ? `index build failed: ${error.message}` : error);
  console.error('the previous index, if any, is unchanged');
  process.exit(1);
});
