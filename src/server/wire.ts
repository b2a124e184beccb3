import type { Document } from '../model/document';
import type { ChatMessage } from '../search/conversation';
import type { SearchedFor, SearchResult } from '../search/engine';
import type { DocumentEntry, IndexProblem } from '../search/index-format';

/**
 * The API's wire contract: what requests carry and responses answer, the events of a streamed chat reply,
 * and the error body. The server (src/server) and the web UI (web/src/api.ts) both import it; it holds
 * types and constants only, so the UI's bundle takes nothing of the server from it.
 */
export type { ChatMessage, Document, IndexProblem, SearchedFor, SearchResult };

export interface ChatRequest {
  messages: ChatMessage[];
}

export interface ChatReply {
  found: boolean;
  /** Not found, but `results` are about the question: related reading (the papers discuss it without stating the answer). */
  related: boolean;
  /** The extractive answer: verbatim sentences with `[n]` markers; when not found, a plain statement saying so. */
  text: string;
  /** The Japanese terms the question was searched with. */
  terms: string[];
  /** The question's English (and Japanese words with synonyms) with the Japanese forms that found the passages shown (searched-for.ts); GET /api/search lists every form searched. */
  searchedFor: SearchedFor[];
  results: SearchResult[];
  /** Which of `results` the answer quotes (its `[n]` markers are that passage's footnotes); null when not found. */
  answerResult: number | null;
  /** How many of `results`, from the first, clear the relevance cut: shown at first, the rest behind "more". */
  shown: number;
  /** Follow-up questions from the corpus's own words (suggestions.ts); none when not found. */
  suggestions: string[];
  /** The earlier question a follow-up was read with (`それはいつ？` after `クアッドの初の首脳会談は？`); null for a question read alone. */
  context: string | null;
}

/** `POST /api/feedback` (schemas.ts validates it): a rating of the answer, the passage that answered, or both. */
export interface FeedbackRequest {
  question: string;
  rating?: 'helpful' | 'unhelpful';
  passage?: string;
  doc?: string;
}

/** `POST /api/chat` with `Accept: application/json`. */
export interface ChatResponse {
  reply: ChatReply;
}

/** `GET /api/search`. */
export interface SearchResponseBody {
  query: string;
  terms: string[];
  searchedFor: SearchedFor[];
  found: boolean;
  results: SearchResult[];
  /** As ChatReply.shown. */
  shown: number;
}

/**
 * The server-sent events of a streamed chat reply (`Accept: text/event-stream`), in the order they come:
 * one `meta`, one `answer`, one `result` per passage, then `done` with the whole reply. Each event's data
 * is the JSON of its type here.
 */
export interface ReplyEvents {
  meta: ReplyMeta;
  answer: { text: string; result: number | null };
  result: SearchResult;
  done: ChatResponse;
}
export type ReplyEventName = keyof ReplyEvents;

export interface ReplyMeta {
  found: boolean;
  /** As ChatReply.related. */
  related: boolean;
  terms: string[];
  searchedFor: SearchedFor[];
  count: number;
  /** As ChatReply.shown. */
  shown: number;
  /** As ChatReply.context. */
  context: string | null;
}

/** An entry of `GET /api/documents`: the paper as the index lists it, without where its passages lie. */
export interface DocumentSummary extends Omit<DocumentEntry, 'sourceFile' | 'firstPassage' | 'passages'> {
  /** The paper was read from a PDF, which GET /api/documents/:id/pdf serves when this server has it. */
  pdf: boolean;
  /** Set when the paper's current file could not be indexed and this is its previous good version. */
  problem: IndexProblem | null;
}

export interface DocumentsResponse {
  documents: DocumentSummary[];
}

/** What the Node server is doing about its index (the Worker serves the index it was deployed with). */
export interface BuildStatus {
  state: 'idle' | 'building' | 'failed';
  /** ISO time the last build started and ended. */
  startedAt: string | null;
  finishedAt: string | null;
  /** Why the last build failed (`file:line: reason`), when it did. */
  error: string | null;
}

/**
 * `GET /api/health`: 200 while an index is served, 503 while there is none. Without the access token
 * (when the server has one) only `status` and `rebuilding`.
 */
export interface HealthResponse {
  /** `starting`: the first index is being built; `unavailable`: there is no index this code can serve. */
  status: 'ok' | 'starting' | 'unavailable';
  /** Why there is no index, and how to make one. */
  reason?: string;
  /** A rebuild of the index is running; the previous index is served meanwhile. */
  rebuilding: boolean;
  index?: {
    format: number;
    builtAt: string;
    corpusHash: string;
    tokenizer: unknown;
    counts: unknown;
    /** Corpus files that could not be indexed, why, and whether their previous version is served. */
    problems: IndexProblem[];
  };
  build?: BuildStatus;
}

/** Every error answer: `{ error: { code, message } }` with a 4xx or 5xx status. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}
