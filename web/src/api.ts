import type { Document } from '../../src/model/document';
import type { SearchedFor, SearchResult } from '../../src/search/engine';
import type { ChatReply } from '../../src/server/app';

export type { ChatReply, Document, SearchedFor, SearchResult };

/** The first event of a streamed reply. */
export interface ReplyMeta {
  found: boolean;
  terms: string[];
  searchedFor: SearchedFor[];
  count: number;
}
export type { Paragraph, Table } from '../../src/model/document';

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** What a streamed reply reports as it arrives. */
export interface StreamHandlers {
  meta(meta: ReplyMeta): void;
  answer(text: string): void;
  result(result: SearchResult): void;
}

/** The shiori API at `base` ('' for the page's own origin, the server's origin for the widget). */
export interface Api {
  chat(messages: readonly ChatMessage[], handlers: StreamHandlers, signal?: AbortSignal): Promise<ChatReply>;
  document(id: string): Promise<Document | undefined>;
}

export function createApi(base: string): Api {
  return {
    async chat(messages, handlers, signal) {
      const response = await fetch(`${base}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ messages }),
        ...(signal ? { signal } : {}),
      });
      if (!response.ok || response.body === null) throw new Error(`chat failed: ${response.status}`);
      let reply: ChatReply | undefined;
      for await (const { event, data } of serverSentEvents(response.body)) {
        const value: unknown = JSON.parse(data);
        if (event === 'meta') handlers.meta(value as ReplyMeta);
        else if (event === 'answer') handlers.answer((value as { text: string }).text);
        else if (event === 'result') handlers.result(value as SearchResult);
        else if (event === 'done') reply = (value as { reply: ChatReply }).reply;
      }
      if (reply === undefined) throw new Error('the reply ended early');
      return reply;
    },
    async document(id) {
      const response = await fetch(`${base}/api/documents/${encodeURIComponent(id)}`);
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`document failed: ${response.status}`);
      return ((await response.json()) as { document: Document }).document;
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
