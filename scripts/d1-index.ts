import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { D1_SCHEMA, D1_TABLE, d1Rows } from '../src/adapters/d1-index';
import { DATA_FILE, MANIFEST_FILE, type IndexCore, type ManifestFile } from '../src/search/index-format';

/**
 * The SQL that loads a built index into D1 for the D1 design (src/adapters/d1-index.ts): its files as
 * d1Rows makes them. `wrangler d1 execute <db> --local --file <out>` runs it.
 *
 *   tsx scripts/d1-index.ts <indexDir> <out.sql>      (npm run build:d1: index → dist/d1-index.sql)
 */
const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;

export async function writeD1Sql(indexDir: string, out: string): Promise<void> {
  const manifest = JSON.parse(await readFile(join(indexDir, MANIFEST_FILE), 'utf8')) as ManifestFile;
  const { passageBlock } = (JSON.parse(await readFile(join(indexDir, DATA_FILE), 'utf8')) as IndexCore).layout;
  await mkdir(dirname(out), { recursive: true });
  const stream = createWriteStream(out);
  const write = async (line: string): Promise<void> => {
    if (!stream.write(`${line}\n`)) await once(stream, 'drain');
  };
  await write(`DROP TABLE IF EXISTS ${D1_SCHEMA.files};`);
  await write(`${D1_TABLE};`);
  for (const name of Object.keys(manifest.files)) {
    for (const row of d1Rows(name, await readFile(join(indexDir, name), 'utf8'), passageBlock)) {
      await write(`INSERT INTO ${D1_SCHEMA.files} (name, part, body) VALUES (${quote(row.name)}, ${row.part}, ${quote(row.body)});`);
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
