import { INGEST_LIMITS } from '../src/ingest/limits';
import type { Document } from '../src/model/document';
import { FIELDS, type Passage } from '../src/search/index-format';
import { fieldTerms } from '../src/search/index-layout';
import { oramaRetriever, type OramaFields } from '../src/search/orama';
import type { CandidateRetriever } from '../src/search/retriever';
import type { IndexStore } from '../src/search/store';

/** The first stages the tools can compare (`--retriever`): the stored postings (the default) or Orama. */
export type RetrieverName = 'postings' | 'orama';

export function retrieverName(value: string | undefined): RetrieverName {
  if (value === undefined || value === 'postings' || value === 'orama') return value ?? 'postings';
  throw new Error(`--retriever is postings or orama, not ${value}`);
}

/** The retriever of that name over the store; undefined: the engine's default (the store's postings). */
export async function retrieverFor(name: RetrieverName, store: IndexStore): Promise<CandidateRetriever | undefined> {
  if (name === 'postings') return undefined;
  // Orama indexes the corpus in memory: every passage is read.
  const { passages } = await wholeIndex(store);
  const fields: OramaFields[] = [];
  for (const passage of passages) {
    const [text, context, notes, grams] = FIELDS.map((field) => fieldTerms(passage, field, INGEST_LIMITS.maxFieldTerms)) as [string[], string[], string[], string[]];
    fields.push({ text, context, notes, grams, docId: passage.docId });
  }
  return oramaRetriever(fields);
}

/** Every passage of the index, in index order, and every paper (the alternatives of `npm run bench` index them whole). */
export async function wholeIndex(store: IndexStore): Promise<{ passages: Passage[]; documents: Document[] }> {
  const read = await store.passages(Array.from({ length: store.core.passageCount }, (_, index) => index));
  const passages = Array.from({ length: store.core.passageCount }, (_, index) => {
    const passage = read.get(index)?.passage;
    if (passage === undefined) throw new Error(`passage ${index} is missing from the index`);
    return passage;
  });
  const documents = await Promise.all(store.core.documents.map(async (entry) => {
    const document = await store.document(entry.id);
    if (document === undefined) throw new Error(`paper ${entry.id} is missing from the index`);
    return document;
  }));
  return { passages, documents };
}
