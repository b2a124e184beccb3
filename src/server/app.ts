import { Hono } from 'hono';
import type { SearchEngine } from '../search/engine';
import type { AppEnv } from './context';
import { ApiError } from './errors';
import { apiCachePolicy } from './middleware/api-cache';
import { identifyClient, requireAccess } from './middleware/bearer-token';
import { crossOrigin } from './middleware/cross-origin';
import { hostCheck } from './middleware/host-check';
import { rateLimit, type Admit } from './middleware/rate-limit';
import { requestLog, type RequestLog } from './middleware/request-log';
import { securityHeaders } from './middleware/security-headers';
import { apiRoutes, type Originals } from './routes/api';
import { pageRoutes } from './routes/pages';
import type { FeedbackSink } from './feedback';
import type { BuildStatus } from './wire';

export type { RequestLog } from './middleware/request-log';

/**
 * The shiori app, the same on Node and on the Worker: the runtime adapters pass in how to get the search
 * engine and the web UI's files, and their settings; everything runtime-specific stays with them.
 */
export interface AppDependencies {
  /** The search engine being served; an IndexError from it becomes a 503 that says how to rebuild. */
  engine: () => Promise<SearchEngine>;
  /** The web UI's files by path (`/assets/app.js`), or undefined when there is no such file. */
  assets?: (path: string) => Promise<Response | undefined>;
  /** Origins of intranet pages that may call the API (CORS) and frame /embed. */
  allowedOrigins?: readonly string[];
  /** The origin people reach shiori by behind a reverse proxy (PUBLIC_ORIGIN). */
  publicOrigin?: string;
  /** Host names requests may address (ALLOWED_HOSTS); absent: any (the Worker, reached only by its routes). */
  allowedHosts?: readonly string[];
  /** Trust X-Forwarded-Proto and X-Forwarded-Host (TRUST_PROXY). */
  trustProxy?: boolean;
  /** Where unexpected errors are reported (never to the client). */
  logError?: (error: unknown) => void;
  /** When set, /api/* needs `Authorization: Bearer <apiToken>`, but for a bare health check (see API_TOKEN). */
  apiToken?: string;
  /** Whether the client of a request may make another API request now (rate limiting); absent: always. */
  admit?: Admit;
  /** One structured entry per request; absent: no request log. */
  logRequest?: (entry: RequestLog) => void;
  /** Put the question's text in request log entries (LOG_QUERIES). */
  logQuestions?: boolean;
  /** What the server is doing about its index (Node), for the health check. */
  buildStatus?: () => BuildStatus;
  /** Where readers' feedback goes (Node: FEEDBACK_FILE; the Worker: its log); absent: POST /api/feedback answers 503. */
  feedback?: FeedbackSink;
  /** The corpus's PDFs by file name, served at /api/documents/:id/pdf (issue 16); absent: none. */
  originals?: Originals;
}

/**
 * Order matters: the request log sees every answer; the host check comes before anything is served; for
 * the API, the origin is judged before the client's identity, and the rate limit is counted once the
 * client is identified (so that requests without the token spend a budget of their own) but before it is
 * refused, so that guessing tokens is limited too.
 */
export function createApp(deps: AppDependencies): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const logError = deps.logError ?? ((error: unknown) => console.error(error));
  const trustProxy = deps.trustProxy ?? false;

  if (deps.logRequest !== undefined) app.use('*', requestLog({ write: deps.logRequest, questions: deps.logQuestions === true }));
  app.use('*', securityHeaders());
  if (deps.allowedHosts !== undefined) app.use('*', hostCheck({ allowedHosts: deps.allowedHosts, trustProxy }));

  app.use('/api/*', apiCachePolicy());
  app.use('/api/*', crossOrigin({ allowedOrigins: deps.allowedOrigins ?? [], publicOrigin: deps.publicOrigin, trustProxy }));
  app.use('/api/*', identifyClient(deps.apiToken));
  if (deps.admit !== undefined) app.use('/api/*', rateLimit(deps.admit));
  app.use('/api/*', requireAccess());

  app.onError((error, context) => {
    if (error instanceof ApiError) return context.json({ error: { code: error.code, message: error.message } }, error.status, error.headers);
    logError(error);
    const internal = new ApiError('INTERNAL');
    return context.json({ error: { code: internal.code, message: internal.message } }, internal.status);
  });

  app.route('/api', apiRoutes({ engine: deps.engine, buildStatus: deps.buildStatus, feedback: deps.feedback, keepUnanswered: deps.logQuestions === true, originals: deps.originals }));
  // The reader's link to a paper's PDF: the API answers it, under the API's rules (token, origin, rate);
  // a redirect keeps the link's `#page=N`.
  app.get('/documents/:id/pdf', (context) => context.redirect(`/api/documents/${encodeURIComponent(context.req.param('id'))}/pdf`, 302));
  app.route('/', pageRoutes({ assets: deps.assets, frameAncestors: deps.allowedOrigins ?? [] }));
  return app;
}
