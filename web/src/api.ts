import type { ChatMessage, ChatReply, Document, DocumentsResponse, DocumentSummary, FeedbackRequest, ReplyEvents, ReplyMeta, SearchResponseBody, SearchResult } from '../../src/server/wire';

export type { ChatMessage, ChatReply, Document, SearchedFor, SearchResult } from '../../src/server/wire';
export type { Paragraph, Table } from '../../src/model/document';

/** What a streamed reply reports as it arrives. */
export interface StreamHandlers {
  meta(meta: ReplyMeta): void;
  /** `result`: which passage (its rank among the results) the answer quotes, so its `[n]` are that passage's notes. */
  answer(text: string, result: number | null): void;
  result(result: SearchResult): void;
}

/** The server wants an access token (API_TOKEN) and got none or a wrong one. */
export class AccessDenied extends Error {
  override readonly name = 'AccessDenied';
}

/** The shiori API at `base` ('' for the page's own origin, the server's origin for the widget). */
export interface Api {
  /** `doc`: ask only that paper. */
  chat(messages: readonly ChatMessage[], handlers: StreamHandlers, options?: { signal?: AbortSignal; doc?: string }): Promise<ChatReply>;
  document(id: string): Promise<Document | undefined>;
  /** GET /api/search: the ranked passages for a question, without an answer. */
  search(question: string, limit: number): Promise<SearchResponseBody>;
  /** Tells the operator what the reader thought of an answer, or which passage answered (POST /api/feedback). */
  feedback(entry: FeedbackRequest): Promise<void>;
  documents(): Promise<DocumentSummary[]>;
}

/** `token()` gives the access token for servers that need one, or undefined. */
export function createApi(base: string, token: () => string | undefined = () => undefined): Api {
  const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    const value = token();
    if (value !== undefined && value !== '') headers.set('authorization', `Bearer ${value}`);
    const response = await fetch(`${base}${path}`, { ...init, headers });
    if (response.status === 401) throw new AccessDenied();
    return response;
  };
  return {
    async chat(messages, handlers, { signal, doc } = {}) {
      const response = await request('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify(doc === undefined ? { messages } : { messages, doc }),
        ...(signal ? { signal } : {}),
      });
      if (!response.ok || response.body === null) throw new Error(`chat failed: ${response.status}`);
      let reply: ChatReply | undefined;
      for await (const { event, data } of serverSentEvents(response.body)) {
        // The server writes each event's data as the JSON of its ReplyEvents type (src/server/wire.ts).
        const value: unknown = JSON.parse(data);
        if (event === 'meta') handlers.meta(value as ReplyMeta);
        else if (event === 'answer') {
          const answer = value as ReplyEvents['answer'];
          handlers.answer(answer.text, answer.result);
        }
        else if (event === 'result') handlers.result(value as SearchResult);
        else if (event === 'done') reply = (value as ReplyEvents['done']).reply;
      }
      if (reply === undefined) throw new Error('the reply ended early');
      return reply;
    },
    async document(id) {
      const response = await request(`/api/documents/${encodeURIComponent(id)}`);
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`document failed: ${response.status}`);
      return ((await response.json()) as { document: Document }).document;
    },
    async search(question, limit) {
      const response = await request(`/api/search?${new URLSearchParams({ q: question, limit: String(limit) })}`);
      if (!response.ok) throw new Error(`search failed: ${response.status}`);
      return (await response.json()) as SearchResponseBody;
    },
    async feedback(entry) {
      const response = await request('/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(entry) });
      if (!response.ok) throw new Error(`feedback failed: ${response.status}`);
    },
    async documents() {
      const response = await request('/api/documents');
      if (!response.ok) throw new Error(`documents failed: ${response.status}`);
      return ((await response.json()) as DocumentsResponse).documents;
    },
  };
}

/** Server-sent events from a response body, as they arrive. */
async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: string }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let boundary = buffer.indexOf('\n\n');
    while (boundary !== -1) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /u, ''));
      }
      if (data.length > 0) yield { event, data: data.join('\n') };
      boundary = buffer.indexOf('\n\n');
    }
  }
}
