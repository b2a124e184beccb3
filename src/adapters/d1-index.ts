import { DATA_FILE, type IndexCore } from '../search/index-format';
import { passagesBlockOf, passagesFile } from '../search/index-layout';
import { IndexError } from '../search/load-index';
import type { IndexBatchReader, IndexSource } from '../search/store';

/**
 * The second design measured for corpora past one Worker (issue 14; DESIGN.md compares it with the static
 * assets the Worker reads by default): the index's files in a D1 database (Cloudflare's SQLite), loaded by
 * `scripts/d1-index.ts` from a built index, in a table `files` of (name, part, body) rows. The store reads
 * the files a question needs — its terms' postings shards, then its candidates' passage blocks — in **one
 * query each** (`name IN (…)`), where the static assets take one request per file; the first stage is the
 * same postings search as on Node, in the isolate, so both runtimes give the same answers. A query takes
 * up to 100 names, so passages are loaded one per file (d1Rows): a question reads its candidates and not
 * their block neighbours, as static assets must (one request per file).
 */

/** The part of a D1 binding this uses (structural: the Workers types stay out of the core). */
export interface D1Like {
  prepare(sql: string): { bind(...values: unknown[]): { all<T>(): Promise<{ results: T[] }> } };
}

export const D1_SCHEMA = { files: 'files' } as const;

/** A file's text in rows of at most this many characters (D1 refuses statements over 100 KB). */
export const D1_PART_CHARS = 24_000;

/** D1 binds at most 100 parameters to a query (developers.cloudflare.com/d1/platform/limits/). */
export const D1_BOUND_PARAMETERS = 100;

/** A row of the `files` table: one part of one file. */
export interface D1Row {
  name: string;
  part: number;
  body: string;
}

/**
 * A built index's file as rows of the `files` table. A passage block becomes one file per passage, and the
 * core's layout says so (`passageBlock` 1; `passageBlock` is the built index's); every other file stays as
 * it is. Each file is cut in parts of at most D1_PART_CHARS, ending between code points (never inside a
 * surrogate pair); an empty file is one empty row.
 */
export function d1Rows(name: string, body: string, passageBlock: number): D1Row[] {
  const block = passagesBlockOf(name);
  if (block !== undefined) return body.split('\n').flatMap((line, offset) => partsOf(passagesFile(block.docId, block.block * passageBlock + offset), line));
  if (name !== DATA_FILE) return partsOf(name, body);
  const core = JSON.parse(body) as IndexCore;
  return partsOf(name, JSON.stringify({ ...core, layout: { ...core.layout, passageBlock: 1 } }));
}

function partsOf(name: string, body: string): D1Row[] {
  const rows: D1Row[] = [];
  let start = 0;
  do {
    let end = Math.min(body.length, start + D1_PART_CHARS);
    if (end < body.length && /[\udc00-\udfff]/u.test(body[end] ?? '')) end--;
    rows.push({ name, part: rows.length, body: body.slice(start, end) });
    start = end;
  } while (start < body.length);
  return rows;
}

/** The SQL that makes the `files` table (scripts/d1-index.ts writes it before the rows). */
export const D1_TABLE = `CREATE TABLE ${D1_SCHEMA.files} (name TEXT NOT NULL, part INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (name, part))`;

/** The index's files in D1: several in one query (of up to D1_BOUND_PARAMETERS names), their parts joined in order. */
export function d1Source(db: D1Like): IndexSource {
  const readMany: IndexBatchReader = async (names) => {
    const unique = [...new Set(names)];
    const chunks = Array.from({ length: Math.ceil(unique.length / D1_BOUND_PARAMETERS) }, (_, chunk) => unique.slice(chunk * D1_BOUND_PARAMETERS, (chunk + 1) * D1_BOUND_PARAMETERS));
    // A database that fails (its table dropped while it is loaded again, say) is an index not available: a 503, never a 500.
    const answers = await Promise.all(
      chunks.map((chunk) =>
        db
          .prepare(`SELECT name, body FROM ${D1_SCHEMA.files} WHERE name IN (${chunk.map(() => '?').join(', ')}) ORDER BY name, part`)
          .bind(...chunk)
          .all<{ name: string; body: string }>(),
      ),
    ).catch((error: unknown) => {
      throw new IndexError('INDEX_CORRUPT', `the index could not be read from D1 (${error instanceof Error ? error.message : String(error)}); load it again with npm run build:d1 and wrangler d1 execute`);
    });
    const parts = new Map<string, string[]>();
    for (const { results } of answers) {
      for (const row of results) {
        const list = parts.get(row.name);
        if (list === undefined) parts.set(row.name, [row.body]);
        else list.push(row.body);
      }
    }
    return new Map(unique.map((name) => [name, parts.get(name)?.join('')]));
  };
  return { read: async (name) => (await readMany([name])).get(name), readMany };
}
