import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { interpretConversation, questionLanguage } from '../search/conversation';
import type { SearchEngine, SearchResult } from '../search/engine';
import { IndexError } from '../search/load-index';
import { ApiError } from './errors';
import { ChatRequestSchema, LIMITS, parseInput, SearchParamsSchema } from './schemas';

/**
 * The shiori app, the same on Node and on the Worker: the runtime adapters pass in how to get the search
 * engine (loaded once) and serve the web UI's static files themselves.
 */
export interface AppDependencies {
  /** The search engine, loaded once; an IndexError from it becomes a 503 that says how to rebuild. */
  engine: () => Promise<SearchEngine>;
  /** Where unexpected errors are reported (never to the client). */
  logError?: (error: unknown) => void;
}

export interface ChatReply {
  found: boolean;
  /** The extractive answer: verbatim sentences with `[n]` markers; when not found, a plain statement saying so. */
  text: string;
  /** The Japanese terms the question was searched with. */
  terms: string[];
  results: SearchResult[];
}

const MAX_BODY_BYTES = 64 * 1024;

const NOT_FOUND_TEXT = {
  ja: '資料の中に、この質問に答える記述は見つかりませんでした。言い方を変えるか、より具体的な語（人名・組織名・年など）を含めてお試しください。',
  en: 'The papers do not answer this question. Try rephrasing it, or name a person, organization or year.',
} as const;

export function createApp(deps: AppDependencies): Hono {
  const app = new Hono();
  const logError = deps.logError ?? ((error: unknown) => console.error(error));
  const loadEngine = async (): Promise<SearchEngine> => {
    try {
      return await deps.engine();
    } catch (error) {
      if (error instanceof IndexError) throw new ApiError('INDEX_UNAVAILABLE', error.message);
      throw error;
    }
  };

  app.onError((error, context) => {
    if (error instanceof ApiError) return context.json({ error: { code: error.code, message: error.message } }, error.status);
    logError(error);
    const internal = new ApiError('INTERNAL');
    return context.json({ error: { code: internal.code, message: internal.message } }, internal.status);
  });

  app.get('/api/health', async (context) => {
    const { manifest } = (await loadEngine()).data;
    return context.json({
      status: 'ok',
      index: { format: manifest.format, builtAt: manifest.builtAt, corpusHash: manifest.corpus.hash, tokenizer: manifest.tokenizer, counts: manifest.counts },
    });
  });

  app.get('/api/search', async (context) => {
    const params = parseInput(SearchParamsSchema, context.req.query(), 'INVALID_PARAMETER');
    const engine = await loadEngine();
    if (params.doc !== undefined && engine.document(params.doc) === undefined) throw new ApiError('UNKNOWN_DOCUMENT', params.doc);
    const response = engine.search(params.q, { limit: params.limit ?? LIMITS.defaultResults, ...(params.doc ? { docId: params.doc } : {}) });
    return context.json({ query: response.query, terms: response.terms, found: response.found, results: response.results });
  });

  app.post('/api/chat', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new ApiError('PAYLOAD_TOO_LARGE', String(MAX_BODY_BYTES)); } }), async (context) => {
    const request = parseInput(ChatRequestSchema, await jsonBody(context), 'INVALID_BODY');
    const { question, context: earlier } = interpretConversation(request.messages);
    const engine = await loadEngine();
    const response = engine.search(question, { limit: LIMITS.defaultResults, context: earlier });
    const reply: ChatReply = {
      found: response.found,
      text: response.found && response.answer !== null ? response.answer : NOT_FOUND_TEXT[questionLanguage(question)],
      terms: response.terms,
      results: response.found ? response.results : [],
    };
    if (!(context.req.header('accept') ?? '').includes('text/event-stream')) return context.json({ reply });
    return streamSSE(context, async (stream) => {
      await stream.writeSSE({ event: 'meta', data: JSON.stringify({ found: reply.found, terms: reply.terms, count: reply.results.length }) });
      for (const result of reply.results) await stream.writeSSE({ event: 'result', data: JSON.stringify(result) });
      await stream.writeSSE({ event: 'answer', data: JSON.stringify({ text: reply.text }) });
      await stream.writeSSE({ event: 'done', data: JSON.stringify({ reply }) });
    });
  });

  app.get('/api/documents', async (context) => {
    const documents = (await loadEngine()).documents().map((document) => ({
      id: document.id,
      title: document.title,
      titleSource: document.titleSource,
      date: document.date ?? null,
      series: document.series ?? null,
      publisher: document.publisher ?? null,
      lang: document.lang,
      pages: document.pages,
      sections: document.sections.filter((section) => section.level === 1).length,
      footnotes: document.footnotes.length,
    }));
    return context.json({ documents });
  });

  app.get('/api/documents/:id', async (context) => {
    const id = context.req.param('id');
    const document = (await loadEngine()).document(id);
    if (document === undefined) throw new ApiError('UNKNOWN_DOCUMENT', id);
    return context.json({ document });
  });

  app.get('/api/passages/:id', async (context) => {
    const id = context.req.param('id');
    const passage = (await loadEngine()).passage(id);
    if (passage === undefined) throw new ApiError('UNKNOWN_PASSAGE', id);
    return context.json({ passage });
  });

  const allowed: Record<string, string> = { '/api/health': 'GET', '/api/search': 'GET', '/api/chat': 'POST', '/api/documents': 'GET' };
  app.all('/api/*', (context) => {
    const path = context.req.path;
    const method = allowed[path] ?? (/^\/api\/(documents|passages)\/[^/]+$/u.test(path) ? 'GET' : undefined);
    if (method !== undefined) throw new ApiError('METHOD_NOT_ALLOWED', context.req.method, path, method);
    throw new ApiError('NOT_FOUND', path);
  });

  return app;
}

/** The request body as JSON, or a 415 / 400 that says what is wrong with it. */
async function jsonBody(context: Context): Promise<unknown> {
  const type = context.req.header('content-type') ?? '';
  if (!/^application\/json\b/iu.test(type)) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', type === '' ? 'no Content-Type' : type);
  const text = await context.req.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError('INVALID_JSON', error instanceof Error ? error.message : 'unreadable');
  }
}
