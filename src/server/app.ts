import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import { streamSSE } from 'hono/streaming';
import { interpretConversation, questionLanguage } from '../search/conversation';
import type { SearchedFor, SearchEngine, SearchResult } from '../search/engine';
import type { Manifest } from '../search/index-format';
import { IndexError } from '../search/load-index';
import { ApiError, type ApiErrorCode } from './errors';
import type { RateDecision } from './rate-limit';
import { ChatRequestSchema, LIMITS, parseInput, SearchParamsSchema } from './schemas';

/**
 * The shiori app, the same on Node and on the Worker: the runtime adapters pass in how to get the search
 * engine (loaded once) and serve the web UI's static files themselves.
 */
export interface AppDependencies {
  /** The search engine, loaded once; an IndexError from it becomes a 503 that says how to rebuild. */
  engine: () => Promise<SearchEngine>;
  /** The web UI's files by path (`/assets/app.js`), or undefined when there is no such file. */
  assets?: (path: string) => Promise<Response | undefined>;
  /** Origins of intranet pages that may call the API (CORS) and frame /embed. */
  allowedOrigins?: readonly string[];
  /** Where unexpected errors are reported (never to the client). */
  logError?: (error: unknown) => void;
  /** When set, /api/* needs `Authorization: Bearer <apiToken>`, but for a bare health check (see API_TOKEN). */
  apiToken?: string;
  /** Whether the client of a request may make another API request now (rate limiting); absent: always. */
  admit?: (context: Context) => Promise<RateDecision>;
  /** One structured entry per request; absent: no request log. */
  logRequest?: (entry: RequestLog) => void;
  /** Put the question's text in request log entries (LOG_QUERIES). */
  logQuestions?: boolean;
}

/** A request as logged: never the query string, and the question only when the operator asks for it. */
export interface RequestLog {
  method: string;
  path: string;
  status: number;
  /** Milliseconds until the response started (a streamed chat reply may go on a little longer). */
  ms: number;
  /** The error code, for a request answered with an error. */
  error?: ApiErrorCode;
  question?: string;
}

type AppEnv = { Variables: { question: string; authorized: boolean } };

/** Page routes of the single-page UI, and the demo page. */
function pageFile(path: string): string | undefined {
  if (path === '/' || path === '/embed' || /^\/documents\/[^/]+$/u.test(path)) return '/index.html';
  if (path === '/embed-demo') return '/embed-demo.html';
  return undefined;
}

/** The Content-Security-Policy of shiori's pages: nothing but its own origin; framing as configured. */
export function contentSecurityPolicy(frameAncestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${["'self'", ...frameAncestors].join(' ')}`,
  ].join('; ');
}

export interface ChatReply {
  found: boolean;
  /** The extractive answer: verbatim sentences with `[n]` markers; when not found, a plain statement saying so. */
  text: string;
  /** The Japanese terms the question was searched with. */
  terms: string[];
  /** The question's English and the Japanese words searched for it. */
  searchedFor: SearchedFor[];
  results: SearchResult[];
}

const MAX_BODY_BYTES = 64 * 1024;

const NOT_FOUND_TEXT = {
  ja: '資料の中に、この質問に答える記述は見つかりませんでした。言い方を変えるか、より具体的な語（人名・組織名・年など）を含めてお試しください。',
  en: 'The papers do not answer this question. Try rephrasing it, or name a person, organization or year.',
} as const;

export function createApp(deps: AppDependencies): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const logError = deps.logError ?? ((error: unknown) => console.error(error));
  const loadEngine = async (): Promise<SearchEngine> => {
    try {
      return await deps.engine();
    } catch (error) {
      if (error instanceof IndexError) throw new ApiError('INDEX_UNAVAILABLE', error.message);
      throw error;
    }
  };

  const allowedOrigins = new Set(deps.allowedOrigins ?? []);
  const apiToken = deps.apiToken === undefined ? undefined : digest(deps.apiToken);

  if (deps.logRequest !== undefined) {
    const logRequest = deps.logRequest;
    app.use('*', async (context, next) => {
      const started = performance.now();
      await next();
      const entry: RequestLog = { method: context.req.method, path: context.req.path, status: context.res.status, ms: Math.round((performance.now() - started) * 10) / 10 };
      if (context.error instanceof ApiError) entry.error = context.error.code as ApiErrorCode;
      const question = context.get('question');
      if (deps.logQuestions === true && question !== undefined) entry.question = question;
      logRequest(entry);
    });
  }

  // On every answer: API, pages and files alike.
  app.use('*', async (context, next) => {
    await next();
    context.header('X-Content-Type-Options', 'nosniff');
    context.header('Referrer-Policy', 'no-referrer');
  });

  // Answers depend on the question, the conversation and (with API_TOKEN) on who asks: never cached,
  // unless a route says otherwise (documents and passages, below).
  app.use('/api/*', async (context, next) => {
    await next();
    if (!context.res.headers.has('Cache-Control')) context.header('Cache-Control', 'no-store');
  });

  // Documents and passages change only when the index is rebuilt, so the index's identity is their ETag:
  // a browser keeps them (never a shared cache: with API_TOKEN they are not public) and revalidates each
  // use, which costs a 304 and no body until the index changes.
  const fromIndex: MiddlewareHandler<AppEnv> = async (context, next) => {
    const tag = indexTag((await loadEngine()).data.manifest);
    const policy = { 'Cache-Control': 'private, no-cache', ETag: tag };
    if (matchesTag(context.req.header('if-none-match'), tag)) return context.body(null, 304, policy);
    await next();
    if (context.res.status === 200) for (const [name, value] of Object.entries(policy)) context.header(name, value);
  };

  // Cross-origin use of the API, from the widget on intranet pages, only from ALLOWED_ORIGINS.
  app.use('/api/*', async (context, next) => {
    const origin = context.req.header('origin');
    if (origin === undefined || origin === new URL(context.req.url).origin) return next();
    if (!allowedOrigins.has(origin)) throw new ApiError('ORIGIN_NOT_ALLOWED', origin);
    context.header('Access-Control-Allow-Origin', origin);
    context.header('Vary', 'Origin');
    if (context.req.method === 'OPTIONS') {
      context.header('Access-Control-Allow-Methods', 'GET, POST');
      context.header('Access-Control-Allow-Headers', 'Content-Type, Accept, Authorization');
      context.header('Access-Control-Max-Age', '600');
      return context.body(null, 204);
    }
    return next();
  });

  // Rate limiting before authentication, so a flood of bad tokens is limited too.
  if (deps.admit !== undefined) {
    const admit = deps.admit;
    app.use('/api/*', async (context, next) => {
      if (context.req.method === 'OPTIONS') return next();
      const decision = await admit(context);
      if (decision.allowed) return next();
      const error = new ApiError('RATE_LIMITED', String(decision.retryAfterSeconds));
      error.headers['Retry-After'] = String(decision.retryAfterSeconds);
      throw error;
    });
  }

  app.use('/api/*', async (context, next) => {
    if (apiToken === undefined) {
      context.set('authorized', true);
      return next();
    }
    if (context.req.method === 'OPTIONS') return next();
    const given = /^Bearer\s+(\S+)\s*$/iu.exec(context.req.header('authorization') ?? '')?.[1];
    const authorized = given !== undefined && equalDigests(await digest(given), await apiToken);
    context.set('authorized', authorized);
    // The health check answers without a token, saying only that the server is up.
    if (authorized || (context.req.path === '/api/health' && context.req.method === 'GET')) return next();
    const error = new ApiError(
      'UNAUTHORIZED',
      given === undefined ? 'This API needs an access token: send the header Authorization: Bearer <token>.' : 'The access token is not valid.',
    );
    error.headers['WWW-Authenticate'] = `Bearer realm="shiori"${given === undefined ? '' : ', error="invalid_token"'}`;
    throw error;
  });

  app.onError((error, context) => {
    if (error instanceof ApiError) return context.json({ error: { code: error.code, message: error.message } }, error.status, error.headers);
    logError(error);
    const internal = new ApiError('INTERNAL');
    return context.json({ error: { code: internal.code, message: internal.message } }, internal.status);
  });

  app.get('/api/health', async (context) => {
    if (!context.get('authorized')) return context.json({ status: 'ok' });
    const { manifest } = (await loadEngine()).data;
    return context.json({
      status: 'ok',
      index: { format: manifest.format, builtAt: manifest.builtAt, corpusHash: manifest.corpus.hash, tokenizer: manifest.tokenizer, counts: manifest.counts },
    });
  });

  app.get('/api/search', async (context) => {
    const params = parseInput(SearchParamsSchema, queryParameters(context.req.url), 'INVALID_PARAMETER');
    context.set('question', params.q);
    const engine = await loadEngine();
    if (params.doc !== undefined && engine.document(params.doc) === undefined) throw new ApiError('UNKNOWN_DOCUMENT', params.doc);
    const response = engine.search(params.q, { limit: params.limit ?? LIMITS.defaultResults, ...(params.doc ? { docId: params.doc } : {}) });
    return context.json({ query: response.query, terms: response.terms, searchedFor: response.searchedFor, found: response.found, results: response.results });
  });

  app.post('/api/chat', async (context) => {
    const request = parseInput(ChatRequestSchema, await jsonBody(context), 'INVALID_BODY');
    const { question, context: earlier } = interpretConversation(request.messages);
    context.set('question', question);
    const engine = await loadEngine();
    const response = engine.search(question, { limit: LIMITS.defaultResults, context: earlier });
    const reply: ChatReply = {
      found: response.found,
      text: response.found && response.answer !== null ? response.answer : NOT_FOUND_TEXT[questionLanguage(question)],
      terms: response.terms,
      searchedFor: response.searchedFor,
      results: response.found ? response.results : [],
    };
    if (!(context.req.header('accept') ?? '').includes('text/event-stream')) return context.json({ reply });
    return streamSSE(context, async (stream) => {
      // The answer first: it takes the space reserved for it, and the passages only grow below it.
      await stream.writeSSE({ event: 'meta', data: JSON.stringify({ found: reply.found, terms: reply.terms, searchedFor: reply.searchedFor, count: reply.results.length }) });
      await stream.writeSSE({ event: 'answer', data: JSON.stringify({ text: reply.text }) });
      for (const result of reply.results) await stream.writeSSE({ event: 'result', data: JSON.stringify(result) });
      await stream.writeSSE({ event: 'done', data: JSON.stringify({ reply }) });
    });
  });

  app.get('/api/documents', fromIndex, async (context) => {
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

  app.get('/api/documents/:id', fromIndex, async (context) => {
    const id = context.req.param('id');
    const document = (await loadEngine()).document(id);
    if (document === undefined) throw new ApiError('UNKNOWN_DOCUMENT', id);
    return context.json({ document });
  });

  app.get('/api/passages/:id', fromIndex, async (context) => {
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

  app.get('*', etag(), async (context) => {
    if (deps.assets === undefined) return context.text('Not found', 404);
    const path = context.req.path;
    const page = pageFile(path);
    const response = await deps.assets(page ?? path);
    if (response === undefined) return context.text('Not found', 404);
    const headers = new Headers(response.headers);
    const html = page !== undefined || (headers.get('content-type') ?? '').startsWith('text/html');
    if (html) headers.set('Content-Security-Policy', contentSecurityPolicy(path === '/embed' ? [...allowedOrigins] : []));
    headers.set('Cache-Control', cachePolicy(path, html));
    return new Response(response.body, { status: response.status, headers });
  });

  return app;
}

/**
 * How long browsers and proxies may keep a file: pages are revalidated every time (their ETag makes that
 * a 304), the page's scripts and styles carry a content hash in their names and never change, the
 * widget's script has a fixed URL that intranet pages reference, so it is revalidated after five minutes.
 */
export function cachePolicy(path: string, html: boolean): string {
  if (html) return 'no-cache';
  if (/^\/assets\/[^/]+-[A-Z0-9]{8}\.(?:js|css)$/u.test(path)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=300';
}

/** An entity tag naming one build of the index: its corpus and when it was built. */
export function indexTag(manifest: Pick<Manifest, 'builtAt' | 'corpus' | 'format'>): string {
  return `"${manifest.format}-${manifest.corpus.hash.slice(0, 16)}-${Date.parse(manifest.builtAt).toString(36)}"`;
}

/** Whether an If-None-Match header names `tag` (weak or strong, or `*`). */
function matchesTag(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => {
    const trimmed = candidate.trim();
    return trimmed === '*' || trimmed.replace(/^W\//u, '') === tag;
  });
}

/**
 * The query string as the URL standard decodes it (bytes that are not UTF-8 become U+FFFD, rather than
 * staying percent signs); a parameter given twice is an error, not a guess at which one was meant.
 */
function queryParameters(url: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URL(url).searchParams) {
    if (Object.hasOwn(parameters, name)) throw new ApiError('INVALID_PARAMETER', `${name}: given more than once`);
    parameters[name] = value;
  }
  return parameters;
}

/** SHA-256 of a secret, so comparing two takes the same time wherever they differ. */
async function digest(secret: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret)));
}

function equalDigests(first: Uint8Array, second: Uint8Array): boolean {
  let difference = first.length ^ second.length;
  for (let index = 0; index < first.length; index++) difference |= (first[index] as number) ^ (second[index] ?? 0);
  return difference === 0;
}

/**
 * The request body as JSON, or a 415 / 413 / 400 that says what is wrong with it.
 *
 * The size limit is enforced here rather than with `hono/body-limit`: for a body sent without
 * Content-Length (chunked), that middleware wraps the request in a new Request, and on Node 20 each
 * wrapped request kept ~1.8 KB alive (heap after GC grew 5.5 MB over 3,000 chunked chat requests;
 * flat with this reader). Both a declared and an actual size over the limit answer 413, and reading
 * stops at the limit, so a client cannot make the server buffer more than MAX_BODY_BYTES.
 */
async function jsonBody(context: Context): Promise<unknown> {
  const type = context.req.header('content-type') ?? '';
  if (!/^application\/json\b/iu.test(type)) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', type === '' ? 'no Content-Type' : type);
  const declared = Number(context.req.header('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE', String(MAX_BODY_BYTES));
  const text = await readText(context.req.raw.body, MAX_BODY_BYTES);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError('INVALID_JSON', error instanceof Error ? error.message : 'unreadable');
  }
}

/** A body stream as UTF-8 text, reading no more than `limit` bytes. */
async function readText(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  if (body === null) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new ApiError('PAYLOAD_TOO_LARGE', String(limit));
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError('INVALID_JSON', 'the body is not UTF-8');
  }
}
