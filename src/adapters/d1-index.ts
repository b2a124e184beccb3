import type { IndexCore } from '../search/index-format';
import type { IndexReader } from '../search/store';
import type { CandidateRetriever } from '../search/retriever';

/**
 * The second design measured for corpora past one Worker (issue 14; DESIGN.md compares it with the static
 * assets the Worker reads by default): the index in a D1 database (Cloudflare's SQLite), loaded by
 * `scripts/d1-index.ts` from a built index. Table `files` holds the index's files in parts (the store
 * reads the core, passage blocks and papers from it as from the assets); the first stage is SQLite's FTS5, a
 * contentless table `passages` with one row per passage (rowid = passage index) and the four fields as
 * columns, each term written as the hex of its UTF-8 (so SQLite's tokenizer keeps every term whole, as
 * the shared tokenizer made it, whatever its characters). FTS5 ranks by BM25 with per-column weights
 * (retrieval.fieldBoost) but no per-term weights: a translation counts as much as the question's own word.
 */

/** The part of a D1 binding this uses (structural: the Workers types stay out of the core). */
export interface D1Like {
  prepare(sql: string): { bind(...values: unknown[]): { all<T>(): Promise<{ results: T[] }>; first<T>(): Promise<T | null> } };
}

export const D1_SCHEMA = {
  files: 'files',
  passages: 'passages',
  columns: ['text', 'context', 'notes', 'grams'] as const,
} as const;

/** A term as FTS5 stores it: the hex of its UTF-8 bytes, one bareword. */
export function ftsTerm(term: string): string {
  let hex = 'x';
  for (const byte of new TextEncoder().encode(term)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** A file's text in rows of at most this many characters (D1 refuses statements over 100 KB). */
export const D1_PART_CHARS = 24_000;

export function d1Reader(db: D1Like): IndexReader {
  return async (name) => {
    const { results } = await db.prepare(`SELECT body FROM ${D1_SCHEMA.files} WHERE name = ? ORDER BY part`).bind(name).all<{ body: string }>();
    return results.length === 0 ? undefined : results.map((row) => row.body).join('');
  };
}

/** FTS5's top k over the question's words (in the three word fields) and bigrams (in the bigram field). */
export function d1Retriever(db: D1Like, core: Pick<IndexCore, 'documents'>): CandidateRetriever {
  const range = new Map(core.documents.map((document) => [document.id, [document.firstPassage, document.firstPassage + document.passages.length - 1] as const]));
  return {
    async retrieve(words, grams, params, docId) {
      const wordTerms = [...new Set(words.map((word) => ftsTerm(word.term)))];
      const gramTerms = [...new Set(grams.map(ftsTerm))];
      const parts = [...(wordTerms.length === 0 ? [] : [`{text context notes} : (${wordTerms.join(' OR ')})`]), ...(gramTerms.length === 0 ? [] : [`grams : (${gramTerms.join(' OR ')})`])];
      if (parts.length === 0) return [];
      const [low, high] = docId === undefined ? [0, Number.MAX_SAFE_INTEGER] : (range.get(docId) ?? [1, 0]);
      const { text, context, notes, grams: gramBoost } = params.fieldBoost;
      const { results } = await db
        .prepare(`SELECT rowid AS id, bm25(${D1_SCHEMA.passages}, ?, ?, ?, ?) AS rank FROM ${D1_SCHEMA.passages} WHERE ${D1_SCHEMA.passages} MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rank, rowid LIMIT ?`)
        .bind(text, context, notes, gramBoost, parts.join(' OR '), low, high, params.candidates)
        .all<{ id: number; rank: number }>();
      // FTS5's bm25() is negative, lower better.
      return results.map((row) => ({ index: row.id, score: -row.rank }));
    },
  };
}
