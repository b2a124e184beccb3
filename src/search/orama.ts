import { create, insertMultiple, load, save, search, type Orama } from '@orama/orama';
import type { RelevanceParams } from './relevance';
import type { CandidateRetriever } from './retriever';

/**
 * The Orama database behind candidate retrieval. Orama never sees raw text: its documents and queries
 * are terms already produced by the shared tokenizer, joined by spaces, and its tokenizer only splits on
 * spaces (keeping repeats, which BM25's term frequency needs).
 *
 * Orama looks terms up by prefix (`国` would also score `国防`), and its exact mode filters with a `\b`
 * regex that never matches Japanese, so every term carries an end mark: a prefix match on `国$` is an
 * exact match. Character bigrams are marked `~` as well, so they only ever meet bigrams.
 */
const TERM_END = '$';
const BIGRAM_MARK = '~';

export const ORAMA_SCHEMA = {
  text: 'string',
  context: 'string',
  notes: 'string',
  grams: 'string',
  docId: 'enum',
} as const;

export type PassageDatabase = Orama<typeof ORAMA_SCHEMA>;

export interface OramaFields {
  text: string[];
  context: string[];
  notes: string[];
  grams: string[];
  docId: string;
}


const spaceTokenizer = {
  language: 'japanese',
  normalizationCache: new Map<string, string>(),
  tokenize: (raw: string): string[] => raw.split(' ').filter((term) => term !== ''),
};

export const wordField = (terms: readonly string[]): string => terms.map((term) => term + TERM_END).join(' ');
export const gramField = (grams: readonly string[]): string => grams.map((gram) => BIGRAM_MARK + gram + TERM_END).join(' ');

function emptyDatabase(): PassageDatabase {
  return create({ schema: ORAMA_SCHEMA, components: { tokenizer: spaceTokenizer } });
}

/** Build time: indexes passages (document id = passage index) and returns Orama's serialized form. */
export function buildOramaIndex(passages: readonly OramaFields[]): unknown {
  const database = emptyDatabase();
  insertMultiple(
    database,
    passages.map((fields, index) => ({
      id: String(index),
      text: wordField(fields.text),
      context: wordField(fields.context),
      notes: wordField(fields.notes),
      grams: gramField(fields.grams),
      docId: fields.docId,
    })),
  );
  return save(database);
}

/** Run time: the database from its serialized form, with the same tokenizer (Orama's restore would drop it). */
export function loadOramaIndex(raw: unknown): PassageDatabase {
  const database = emptyDatabase();
  load(database, raw as Parameters<typeof load>[1]);
  return database;
}

export interface Candidate {
  /** Index into the passage list. */
  index: number;
  score: number;
}

/**
 * BM25 over the fields, any term matching, each field weighted by `boost` (RelevanceParams.retrieval:
 * the passage's own words count most); the best `limit` passages, optionally within one document.
 */
export function retrieveCandidates(
  database: PassageDatabase,
  words: readonly string[],
  grams: readonly string[],
  { candidates: limit, fieldBoost: boost }: RelevanceParams['retrieval'],
  docId?: string,
): Candidate[] {
  const term = [wordField(words), gramField(grams)].filter((part) => part !== '').join(' ');
  if (term === '') return [];
  const result = search(database, {
    term,
    properties: ['text', 'context', 'notes', 'grams'],
    boost,
    threshold: 1,
    limit,
    ...(docId === undefined ? {} : { where: { docId: { eq: docId } } }),
  });
  if (result instanceof Promise) throw new Error('Orama search must be synchronous without async components');
  return result.hits.map((hit) => ({ index: Number(hit.id), score: hit.score }));
}

/**
 * Orama as the first stage (the design's original one; it weighs fields, not terms): the passages are
 * indexed in memory when it is made, so it serves corpora held whole (the evaluation's comparisons,
 * `npm run eval -- --retriever orama`); postings.ts is the default, which reads only what a question needs.
 */
export function oramaRetriever(passages: readonly OramaFields[]): CandidateRetriever {
  const database = loadOramaIndex(buildOramaIndex(passages));
  return { retrieve: (words, grams, params, docId) => Promise.resolve(retrieveCandidates(database, words.map((word) => word.term), grams, params, docId)) };
}
