import { loadOramaIndex, retrieveCandidates, type Candidate } from './orama';
import type { RelevanceParams } from './relevance';

export type { Candidate } from './orama';

/**
 * The first stage of a search: the candidates the engine re-ranks, from the question's terms. The engine
 * calls this and nothing else of the index behind it, so another store can serve large corpora (a
 * database, index shards) while query analysis, ranking, the quoted answer and citations stay the engine's.
 * Modelled on Orama's `components`: a plain object of functions, no class hierarchy.
 */
export interface CandidateRetriever {
  /**
   * The best `params.candidates` passages (indexes into the index's passage list, best first, with a score
   * that is relative within one call) holding any of `words` or `grams`, optionally within one document.
   * A word's weight says what it stands for: 1 for the question's own words, less for a translation, a
   * synonym or a word carried from an earlier question; a retriever may use it or not.
   */
  retrieve(words: readonly RetrievalTerm[], grams: readonly string[], params: RelevanceParams['retrieval'], docId?: string): Candidate[];
}

export interface RetrievalTerm {
  term: string;
  weight: number;
}

/** The retriever of the index as built: Orama's BM25 over the passages' fields (orama.ts); it weighs fields, not terms. */
export function oramaRetriever(serialized: unknown): CandidateRetriever {
  const database = loadOramaIndex(serialized);
  return { retrieve: (words, grams, params, docId) => retrieveCandidates(database, words.map((word) => word.term), grams, params, docId) };
}
