import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { D1_PART_CHARS, D1_SCHEMA, ftsTerm } from '../src/adapters/d1-index';
import { INGEST_LIMITS } from '../src/ingest/limits';
import { DATA_FILE, MANIFEST_FILE, type IndexCore, type ManifestFile, type StoredPassage } from '../src/search/index-format';
import { fieldTerms } from '../src/search/index-layout';

/**
 * The SQL that loads a built index into D1 for the D1 design (src/adapters/d1-index.ts): its files, and
 * the FTS5 table of the passages' fields. `wrangler d1 execute <db> --local --file <out>` runs it.
 *
 *   tsx scripts/d1-index.ts <indexDir> <out.sql>
 */
const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;

export async function writeD1Sql(indexDir: string, out: string): Promise<void> {
  const manifest = JSON.parse(await readFile(join(indexDir, MANIFEST_FILE), 'utf8')) as ManifestFile;
  const passageBlock = (JSON.parse(await readFile(join(indexDir, DATA_FILE), 'utf8')) as IndexCore).layout.passageBlock;
  const stream = createWriteStream(out);
  const write = async (line: string): Promise<void> => {
    if (!stream.write(`${line}\n`)) await once(stream, 'drain');
  };
  await write(`DROP TABLE IF EXISTS ${D1_SCHEMA.files};`);
  await write(`DROP TABLE IF EXISTS ${D1_SCHEMA.passages};`);
  await write(`CREATE TABLE ${D1_SCHEMA.files} (name TEXT NOT NULL, part INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (name, part));`);
  await write(`CREATE VIRTUAL TABLE ${D1_SCHEMA.passages} USING fts5(${D1_SCHEMA.columns.join(', ')}, content='', tokenize='ascii');`);
  for (const name of Object.keys(manifest.files)) {
    const body = await readFile(join(indexDir, name), 'utf8');
    // Parts end between code points, never inside a surrogate pair.
    for (let start = 0, part = 0; start < body.length; part++) {
      let end = Math.min(body.length, start + D1_PART_CHARS);
      if (end < body.length && /[\udc00-\udfff]/u.test(body[end] ?? '')) end--;
      await write(`INSERT INTO ${D1_SCHEMA.files} (name, part, body) VALUES (${quote(name)}, ${part}, ${quote(body.slice(start, end))});`);
      start = end;
    }
    if (!name.startsWith('passages/')) continue;
    const first = Number(name.slice('passages/'.length, -'.txt'.length)) * passageBlock;
    for (const [offset, line] of body.split('\n').entries()) {
      const { passage } = JSON.parse(line) as StoredPassage;
      const columns = D1_SCHEMA.columns.map((field) => quote(fieldTerms(passage, field, INGEST_LIMITS.maxFieldTerms).map(ftsTerm).join(' ')));
      await write(`INSERT INTO ${D1_SCHEMA.passages} (rowid, ${D1_SCHEMA.columns.join(', ')}) VALUES (${first + offset}, ${columns.join(', ')});`);
    }
  }
  stream.end();
  await once(stream, 'finish');
}

if (process.argv[1]?.endsWith('d1-index.ts')) {
  const [indexDir, out] = process.argv.slice(2);
  if (indexDir === undefined || out === undefined) throw new Error('usage: tsx scripts/d1-index.ts <indexDir> <out.sql>');
  await writeD1Sql(indexDir, out);
}
