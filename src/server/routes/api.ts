import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { streamSSE } from 'hono/streaming';
import { interpretConversation, questionLanguage } from '../../search/conversation';
import type { SearchEngine, SearchResponse } from '../../search/engine';
import { followUpQuestions } from '../../search/suggestions';
import { shownSearchedFor } from '../../search/searched-for';
import type { Manifest } from '../../search/index-format';
import { IndexError } from '../../search/load-index';
import { granted, type AppEnv } from '../context';
import { ApiError } from '../errors';
import { readJsonBody } from '../json-body';
import type { FeedbackEntry, FeedbackSink } from '../feedback';
import { ChatRequestSchema, FeedbackRequestSchema, LIMITS, parseInput, SearchParamsSchema } from '../schemas';
import type { BuildStatus, ChatReply, DocumentSummary, HealthResponse, ReplyEventName, ReplyEvents, SearchResponseBody } from '../wire';
import { matchesTag } from './pages';

export interface ApiOptions {
  /** The search engine being served; an IndexError from it becomes a 503 that says how to rebuild. */
  engine: () => Promise<SearchEngine>;
  /** What the server is doing about its index (Node); absent: it serves what it was deployed with. */
  buildStatus?: (() => BuildStatus) | undefined;
  /** Where readers' feedback goes (feedback.ts); absent: POST /api/feedback answers 503. */
  feedback?: FeedbackSink | undefined;
  /** Keep the questions the papers did not answer in the feedback (LOG_QUERIES: questions can be confidential). */
  keepUnanswered?: boolean | undefined;
  /** The PDF a paper was read from, by its file name in the corpus (Node: the corpus folder; the Worker: its assets); absent: none is served. */
  originals?: Originals | undefined;
}

/** The bytes of a corpus PDF by its file name (a Document's sourceFile), or undefined when there is no such file here. */
export type Originals = (sourceFile: string) => Promise<Uint8Array | undefined>;

const NOT_FOUND_TEXT = {
  ja: '資料の中に、この質問に答える記述は見つかりませんでした。言い方を変えるか、より具体的な語（人名・組織名・年など）を含めてお試しください。',
  en: 'The papers do not answer this question. Try rephrasing it, or name a person, organization or year.',
} as const;
/** When the papers discuss the question's subject without stating what it asks (response.related). */
const RELATED_TEXT = {
  ja: '資料はこの話題を扱っていますが、質問に答える記述は見つかりませんでした。関連する箇所を示します。',
  en: 'The papers discuss this, but do not state the answer. Related passages are shown.',
} as const;

/** Follow-up questions for a found answer (suggestions.ts). */
function followUpsOf(question: string, response: SearchResponse, engine: SearchEngine): string[] {
  const quoted = response.answerResult === null ? undefined : response.results[response.answerResult];
  if (!response.found || response.answer === null || quoted === undefined) return [];
  return followUpQuestions({ question, lang: questionLanguage(question), quoted, results: response.results, aliases: engine.core.aliases });
}

/** Seconds a client is told to wait while the first index is built. */
const BUILDING_RETRY_SECONDS = 5;

interface Route {
  method: 'GET' | 'POST';
  path: string;
  /** Answers that depend only on the index: tagged with it, and 304 while it is unchanged. */
  fromIndex?: true;
  handler: (context: Context<AppEnv>) => Promise<Response>;
}

/** The API, mounted at /api: one table of routes, from which the 405 answers are made too. */
export function apiRoutes({ engine, buildStatus, feedback, keepUnanswered = false, originals }: ApiOptions): Hono<AppEnv> {
  /** Feedback kept, or a 503 that says it was not (never the error's detail). */
  const keep = async (entry: FeedbackEntry): Promise<void> => {
    if (feedback === undefined) throw new ApiError('FEEDBACK_UNAVAILABLE');
    await feedback(entry).catch(() => {
      throw new ApiError('FEEDBACK_UNAVAILABLE');
    });
  };
  /** The index's own errors, at loading or at reading a file of it later (a shard damaged since), as 503s. */
  const fromIndexStore = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof IndexError)) throw error;
      const unavailable = new ApiError('INDEX_UNAVAILABLE', error.message);
      if (error.code === 'INDEX_BUILDING') unavailable.headers['Retry-After'] = String(BUILDING_RETRY_SECONDS);
      throw unavailable;
    }
  };
  const loadEngine = (): Promise<SearchEngine> => fromIndexStore(engine);
  /** The PDF a paper of the index was read from (issue 16), shown inline: the reader opens it at a page (`#page=N`). */
  const originalPdf = async (context: Context<AppEnv>, id: string): Promise<Response> => {
    const current = await loadEngine();
    const document = current.documents().find((summary) => summary.id === id);
    if (document === undefined) throw new ApiError('UNKNOWN_DOCUMENT', id);
    if (!/\.pdf$/iu.test(document.sourceFile)) throw new ApiError('NO_ORIGINAL', id, `it was read from ${document.sourceFile}`);
    const bytes = originals === undefined ? undefined : await originals(document.sourceFile);
    if (bytes === undefined) throw new ApiError('NO_ORIGINAL', id, `${document.sourceFile} is not available on this server`);
    context.set('cacheControl', 'private, no-cache');
    return context.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${document.sourceFile.replace(/[^\x20-\x7e]|["\\]/gu, '_')}"`,
      'X-Content-Type-Options': 'nosniff',
    });
  };

  // Documents and passages change only when the index is rebuilt, so the index's identity is their ETag:
  // a browser keeps them (never a shared cache: with API_TOKEN they are not public) and revalidates each
  // use, which costs a 304 and no body until the index changes.
  const fromIndex: MiddlewareHandler<AppEnv> = async (context, next) => {
    const tag = indexTag((await loadEngine()).manifest);
    context.set('cacheControl', 'private, no-cache');
    if (matchesTag(context.req.header('if-none-match'), tag)) return context.body(null, 304, { ETag: tag });
    await next();
    if (context.res.status === 200) context.res.headers.set('ETag', tag);
  };

  const routes: Route[] = [
    {
      method: 'GET',
      path: '/health',
      handler: async (context) => {
        let unavailable: IndexError | undefined;
        const current = await engine().catch((error: unknown) => {
          if (!(error instanceof IndexError)) throw error;
          unavailable = error;
          return undefined;
        });
        const build = buildStatus?.();
        const status = current !== undefined ? 'ok' : unavailable?.code === 'INDEX_BUILDING' ? 'starting' : 'unavailable';
        const health: HealthResponse = { status, rebuilding: build?.state === 'building' };
        if (granted(context.get('access'))) {
          if (unavailable !== undefined) health.reason = unavailable.message;
          if (current !== undefined) {
            const { manifest } = current;
            health.index = { format: manifest.format, builtAt: manifest.builtAt, corpusHash: manifest.corpus.hash, tokenizer: manifest.tokenizer, counts: manifest.counts, problems: manifest.problems };
          }
          if (build !== undefined) health.build = build;
        }
        return context.json(health, current === undefined ? 503 : 200);
      },
    },
    {
      method: 'GET',
      path: '/search',
      handler: async (context) => {
        const params = parseInput(SearchParamsSchema, queryParameters(context.req.url), 'INVALID_PARAMETER');
        context.set('question', params.q);
        const current = await loadEngine();
        if (params.doc !== undefined && !current.hasDocument(params.doc)) throw new ApiError('UNKNOWN_DOCUMENT', params.doc);
        const response = await fromIndexStore(() => current.search(params.q, { limit: params.limit ?? LIMITS.defaultResults, ...(params.doc ? { docId: params.doc } : {}) }));
        const body: SearchResponseBody = { query: response.query, terms: response.terms, searchedFor: response.searchedFor, found: response.found, results: response.results, shown: response.shown };
        return context.json(body);
      },
    },
    {
      method: 'POST',
      path: '/chat',
      handler: async (context) => {
        const request = parseInput(ChatRequestSchema, await readJsonBody(context), 'INVALID_BODY');
        const { question, context: earlier, refersBack, previousAnswer } = interpretConversation(request.messages);
        context.set('question', question);
        const current = await loadEngine();
        if (request.doc !== undefined && !current.hasDocument(request.doc)) throw new ApiError('UNKNOWN_DOCUMENT', request.doc);
        const response = await fromIndexStore(() =>
          current.search(question, { limit: LIMITS.defaultResults, context: earlier, refersBack, ...(previousAnswer === undefined ? {} : { previousAnswer }), ...(request.doc === undefined ? {} : { docId: request.doc }) }),
        );
        const related = !response.found && response.related && response.results.length > 0;
        const shownResults = response.found || related ? response.results : [];
        const reply: ChatReply = {
          found: response.found,
          related,
          text: response.found && response.answer !== null ? response.answer : (related ? RELATED_TEXT : NOT_FOUND_TEXT)[questionLanguage(question)],
          terms: response.terms,
          searchedFor: shownSearchedFor(response.searchedFor, shownResults, questionLanguage(question) === 'ja'),
          results: shownResults,
          answerResult: response.found && response.answer !== null && response.answerResult !== null && response.answerResult < response.results.length ? response.answerResult : null,
          shown: response.found || related ? response.shown : 0,
          suggestions: followUpsOf(question, response, current),
          context: earlier[0] ?? null,
        };
        // An unanswered question is kept for the operator only if they keep questions; losing it never fails the reply.
        if (!reply.found && keepUnanswered) void keep({ time: new Date().toISOString(), kind: 'unanswered', question, found: false, ...(request.doc === undefined ? {} : { doc: request.doc }) }).catch(() => undefined);
        if (!(context.req.header('accept') ?? '').includes('text/event-stream')) return context.json({ reply });
        return streamSSE(context, async (stream) => {
          const send = <E extends ReplyEventName>(event: E, data: ReplyEvents[E]) => stream.writeSSE({ event, data: JSON.stringify(data) });
          // The answer first: it takes the space reserved for it, and the passages only grow below it.
          await send('meta', { found: reply.found, related: reply.related, terms: reply.terms, searchedFor: reply.searchedFor, count: reply.results.length, shown: reply.shown, context: reply.context });
          await send('answer', { text: reply.text, result: reply.answerResult });
          for (const result of reply.results) await send('result', result);
          await send('done', { reply });
        });
      },
    },
    {
      method: 'GET',
      path: '/documents',
      fromIndex: true,
      handler: async (context) => {
        const current = await loadEngine();
        const problems = new Map(current.manifest.problems.map((problem) => [problem.file, problem]));
        const documents: DocumentSummary[] = current.documents().map(({ sourceFile, firstPassage: _first, passages: _passages, ...summary }) => ({ ...summary, pdf: /\.pdf$/iu.test(sourceFile), problem: problems.get(sourceFile) ?? null }));
        return context.json({ documents });
      },
    },
    {
      method: 'GET',
      path: '/documents/:id',
      fromIndex: true,
      handler: async (context) => {
        const id = context.req.param('id') ?? '';
        const current = await loadEngine();
        const document = await fromIndexStore(() => current.document(id));
        if (document === undefined) throw new ApiError('UNKNOWN_DOCUMENT', id);
        return context.json({ document });
      },
    },
    {
      method: 'GET',
      path: '/documents/:id/pdf',
      handler: async (context) => originalPdf(context, context.req.param('id') ?? ''),
    },
    {
      method: 'POST',
      path: '/feedback',
      handler: async (context) => {
        const request = parseInput(FeedbackRequestSchema, await readJsonBody(context), 'INVALID_BODY');
        // Only what the index has is kept: a paper and a passage's paper must exist.
        const current = await loadEngine();
        if (request.doc !== undefined && !current.hasDocument(request.doc)) throw new ApiError('UNKNOWN_DOCUMENT', request.doc);
        if (request.passage !== undefined && !current.hasDocument(request.passage.slice(0, request.passage.indexOf(':')))) throw new ApiError('UNKNOWN_PASSAGE', request.passage);
        await keep({ time: new Date().toISOString(), kind: 'rating', ...request });
        return context.json({ ok: true }, 202);
      },
    },
    {
      method: 'GET',
      path: '/passages/:id',
      fromIndex: true,
      handler: async (context) => {
        const id = context.req.param('id') ?? '';
        const current = await loadEngine();
        const passage = await fromIndexStore(() => current.passage(id));
        if (passage === undefined) throw new ApiError('UNKNOWN_PASSAGE', id);
        return context.json({ passage });
      },
    },
  ];

  const api = new Hono<AppEnv>();
  const passThrough: MiddlewareHandler<AppEnv> = (_context, next) => next();
  for (const route of routes) api.on(route.method, route.path, route.fromIndex ? fromIndex : passThrough, route.handler);
  for (const route of routes) {
    api.all(route.path, (context) => {
      throw new ApiError('METHOD_NOT_ALLOWED', context.req.method, context.req.path, route.method);
    });
  }
  api.all('*', (context) => {
    throw new ApiError('NOT_FOUND', context.req.path);
  });
  return api;
}

/** An entity tag naming one build of the index: its corpus and when it was built. */
export function indexTag(manifest: Pick<Manifest, 'builtAt' | 'corpus' | 'format'>): string {
  return `"${manifest.format}-${manifest.corpus.hash.slice(0, 16)}-${Date.parse(manifest.builtAt).toString(36)}"`;
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
