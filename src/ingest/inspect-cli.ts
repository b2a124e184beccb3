import { stat } from 'node:fs/promises';
import { parseConfig } from '../config';
import { IngestError } from './errors';
import { formatInspection } from './inspect';
import { listCorpusFiles, readCorpusDocument } from './read-corpus';

/**
 * `npm run inspect -- [--json] [file.txt | folder]…`: shows what ingestion made of each file. With no
 * path, inspects every file of the corpus folder (CORPUS_DIR). Exit status 1 when a file cannot be
 * ingested, with `file:line: reason` on stderr.
 */
async function main(args: readonly string[]): Promise<number> {
  const json = args.includes('--json');
  const unknown = args.filter((arg) => arg.startsWith('-') && arg !== '--json');
  if (unknown.length > 0 || args.includes('--help')) {
    console.error('usage: npm run inspect -- [--json] [corpus/<file>.txt | <folder>]…');
    return 2;
  }
  const targets = args.filter((arg) => !arg.startsWith('-'));
  const paths: string[] = [];
  for (const target of targets.length > 0 ? targets : [parseConfig(process.env).CORPUS_DIR]) {
    const isFolder = await stat(target).then((info) => info.isDirectory(), () => false);
    paths.push(...(isFolder ? await listCorpusFiles(target) : [target]));
  }
  const documents = [];
  for (const path of paths) documents.push(await readCorpusDocument(path));
  if (json) console.log(JSON.stringify(documents.length === 1 ? documents[0] : documents, null, 2));
  else console.log(documents.map(formatInspection).join('\n\n' + '─'.repeat(80) + '\n\n'));
  return 0;
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error instanceof IngestError ? error.message : error);
    process.exit(1);
  },
);
