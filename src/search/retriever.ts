import type { Candidate } from './orama';
import type { RelevanceParams } from './relevance';

export type { Candidate } from './orama';

/**
 * The first stage of a search: the candidates the engine re-ranks, from the question's terms. The engine
 * calls this and nothing else of the index behind it, so another store can serve large corpora (a
 * database, index shards, OpenSearch) while query analysis, ranking, the quoted answer and citations stay
 * the engine's. Modelled on Orama's `components`: a plain object of functions, no class hierarchy. The
 * default is postings.ts over the index's stored postings; orama.ts's oramaRetriever is the other.
 */
export interface CandidateRetriever {
  /**
   * The best `params.candidates` passages (indexes into the index's passage list, best first, with a score
   * that is relative within one call) holding any of `words` or `grams`, optionally within one document.
   * A word's weight says what it stands for: 1 for the question's own words, less for a translation, a
   * synonym or a word carried from an earlier question; a retriever may use it or not.
   */
  retrieve(words: readonly RetrievalTerm[], grams: readonly string[], params: RelevanceParams['retrieval'], docId?: string): Promise<Candidate[]>;
}

export interface RetrievalTerm {
  term: string;
  weight: number;
}
