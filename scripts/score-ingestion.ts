import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readCorpusDocument } from '../src/ingest/read-corpus';
import { scorePaper, type Gold, type Score } from '../test/support/ingestion-gold';

/**
 * `npm run eval:ingest -- [folder]`: ingestion against exact gold, for papers the parser was not written
 * around (default `test/fixtures/new-papers`, a copy of ../shared/corpus-new: `<name>.txt` beside `<name>.gold.json`). Per paper: footnotes
 * whole (text and URLs), markers at their place (the six characters before them), headings over the right
 * first paragraph, paragraphs (the first sixteen characters of each), the closing line, summary bullets and
 * table cells; `--json` for the figures, `--verbose` for every miss. Texts are compared after NFKC,
 * lower-casing and removing white space, as the gold was written.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const folder = args.find((arg) => !arg.startsWith('-')) ?? 'test/fixtures/new-papers';
  const names = (await readdir(folder)).filter((name) => name.endsWith('.gold.json')).sort();
  const report: Record<string, { scores: Record<string, Score>; warnings: string[] }> = {};
  for (const name of names) {
    const paper = join(folder, name.replace(/\.gold\.json$/u, '.txt'));
    const gold = JSON.parse(await readFile(join(folder, name), 'utf8')) as Gold;
    const document = await readCorpusDocument(paper);
    report[basename(paper)] = { scores: scorePaper(document, gold), warnings: document.warnings };
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  for (const [paper, { scores, warnings }] of Object.entries(report)) {
    const parts = Object.entries(scores).filter(([, part]) => part.total > 0);
    console.log(`${paper}: ${parts.map(([part, value]) => `${part} ${value.found}/${value.total}`).join(', ')}; ${warnings.length} warnings`);
    if (args.includes('--verbose')) {
      for (const [, value] of parts) for (const miss of value.misses) console.log(`  miss: ${miss}`);
      for (const warning of warnings) console.log(`  warning: ${warning}`);
    }
  }
}

await main();
