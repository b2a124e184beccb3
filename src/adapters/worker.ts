import type { ExecutionContext } from 'hono';
import { ConfigError, parseConfig, type Config } from '../config';
import { d1Source, type D1Like } from './d1-index';
import { createSearchEngine, type SearchEngine } from '../search/engine';
import { INDEX_ASSET_PATH, ORIGINALS_ASSET_PATH } from '../search/index-layout';
import { IndexError } from '../search/load-index';
import { openIndex, WORKER_STORE_LIMITS } from '../search/store';
import { createApp } from '../server/app';
import { ApiError } from '../server/errors';

/**
 * The Cloudflare Worker: the prebuilt index lies in its static assets under INDEX_PATH, beside the UI's
 * files (`npm run build:worker` puts both in dist/worker; wrangler.toml), so the script carries no corpus:
 * its core is read once per isolate, on the first request, and the postings and passages a question needs
 * when it is asked, into bounded caches (store.ts); with an INDEX_DB binding, from D1 instead, a batch of
 * files in one query (d1-index.ts: the design for a large corpus). kuromoji never loads here. Rate limiting uses the
 * RATE_LIMITER binding; API_TOKEN is a secret (`wrangler secret put`).
 */
export interface WorkerEnv {
  ASSETS: { fetch(request: Request): Promise<Response> };
  /** The index in D1 instead of the static assets (for a large corpus: DESIGN.md, "The Worker at 300×"; d1-index.ts). */
  INDEX_DB?: D1Like;
  RATE_LIMITER?: { limit(options: { key: string }): Promise<{ success: boolean }> };
  ALLOWED_ORIGINS?: string;
  ALLOWED_HOSTS?: string;
  PUBLIC_ORIGIN?: string;
  API_TOKEN?: string;
  LOG_REQUESTS?: string;
  LOG_QUERIES?: string;
}

/** The RATE_LIMITER binding's period (wrangler.toml): a refused client may try again after it. */
const RATE_PERIOD_SECONDS = 60;

/** Where the index's files are among the static assets; never served to a client (see appFor). */
const INDEX_PATH = INDEX_ASSET_PATH;

/** Analyses kept by the engine in an isolate (engine.ts's caches; the Node server keeps 4,096). */
const WORKER_CACHE_ENTRIES = 1024;

/**
 * The engine over the index in the assets (or in D1 when INDEX_DB is bound), opened on the first request (a Worker may not read its bindings
 * at startup). An index this code cannot read is not an error at deployment: every request answers it with
 * 503 and how to rebuild; a failed opening is tried again on the next request.
 */
function engineOver(assets: WorkerEnv['ASSETS'], db: D1Like | undefined): () => Promise<SearchEngine> {
  let opening: Promise<SearchEngine> | undefined;
  const read = async (name: string): Promise<string | undefined> => {
    const response = await assets.fetch(new Request(new URL(INDEX_PATH + name, 'https://assets.invalid')));
    if (response.status === 404) return undefined;
    if (!response.ok) throw new IndexError('INDEX_CORRUPT', `the index file ${name} could not be read (${response.status})`);
    return response.text();
  };
  const open = async (): Promise<SearchEngine> => {
    const store = await openIndex(db === undefined ? read : d1Source(db), WORKER_STORE_LIMITS);
    return createSearchEngine(store, { cacheEntries: WORKER_CACHE_ENTRIES });
  };
  return () => {
    opening ??= open();
    opening.catch(() => {
      opening = undefined;
    });
    return opening;
  };
}

type Fetch = (request: Request, env: WorkerEnv, context: ExecutionContext) => Response | Promise<Response>;
/** One app per set of bindings (one per isolate when deployed), made on the first request, when the bindings are known. */
const apps = new WeakMap<WorkerEnv, Fetch>();

function log(level: 'info' | 'warn' | 'error', entry: Record<string, unknown>): void {
  console[level === 'info' ? 'log' : level](JSON.stringify({ level, ...entry }));
}

/**
 * The app for these bindings. Settings that cannot be parsed (an API_TOKEN secret that is too short)
 * never run the API open: every request is answered `500 MISCONFIGURED` in JSON and the reason goes to
 * the log; a missing RATE_LIMITER binding is logged as a warning.
 */
function appFor(env: WorkerEnv): Fetch {
  let config: Config;
  try {
    config = parseConfig({ ALLOWED_ORIGINS: env.ALLOWED_ORIGINS, ALLOWED_HOSTS: env.ALLOWED_HOSTS, PUBLIC_ORIGIN: env.PUBLIC_ORIGIN, API_TOKEN: env.API_TOKEN, LOG_REQUESTS: env.LOG_REQUESTS, LOG_QUERIES: env.LOG_QUERIES });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    log('error', { event: 'config', message: `${error.message}; every request is refused until this is fixed` });
    const refusal = new ApiError('MISCONFIGURED');
    return () => Response.json({ error: { code: refusal.code, message: refusal.message } }, { status: refusal.status, headers: { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } });
  }
  const limiter = env.RATE_LIMITER;
  if (limiter === undefined) log('warn', { event: 'config', message: 'no RATE_LIMITER binding: the API has no rate limit (add the [[ratelimits]] block of wrangler.toml)' });
  const allowedHosts = config.ALLOWED_HOSTS ?? (config.PUBLIC_ORIGIN === undefined ? undefined : [new URL(config.PUBLIC_ORIGIN).host]);
  const app = createApp({
    engine: engineOver(env.ASSETS, env.INDEX_DB),
    assets: async (path) => {
      if (path.startsWith(INDEX_PATH) || path.startsWith(ORIGINALS_ASSET_PATH)) return undefined;
      const response = await env.ASSETS.fetch(new Request(new URL(path, 'https://assets.invalid')));
      return response.status === 404 ? undefined : response;
    },
    // The corpus's PDFs, copied into the assets by build-worker.ts, reach a client only through the API.
    originals: async (sourceFile) => {
      const response = await env.ASSETS.fetch(new Request(new URL(ORIGINALS_ASSET_PATH + encodeURIComponent(sourceFile), 'https://assets.invalid')));
      return response.status === 200 ? new Uint8Array(await response.arrayBuffer()) : undefined;
    },
    allowedOrigins: config.ALLOWED_ORIGINS,
    logQuestions: config.LOG_QUERIES,
    // The Worker has no disk: feedback goes to its log (`wrangler tail --format json | npm run feedback -- -`).
    feedback: async (entry) => log('info', { event: 'feedback', ...entry }),
    logError: (error) => log('error', { event: 'error', message: error instanceof Error ? error.message : String(error) }),
    ...(allowedHosts === undefined ? {} : { allowedHosts }),
    ...(config.PUBLIC_ORIGIN === undefined ? {} : { publicOrigin: config.PUBLIC_ORIGIN }),
    ...(config.API_TOKEN === undefined ? {} : { apiToken: config.API_TOKEN }),
    ...(limiter === undefined
      ? {}
      : {
          admit: async (requestContext, scope) => {
            const { success } = await limiter.limit({ key: `${scope} ${requestContext.req.header('cf-connecting-ip') ?? 'unknown'}` });
            return { allowed: success, retryAfterSeconds: RATE_PERIOD_SECONDS };
          },
        }),
    ...(config.LOG_REQUESTS ? { logRequest: (entry) => log('info', { event: 'request', ...entry }) } : {}),
  });
  return (request, bindings, context) => app.fetch(request, bindings, context);
}

export default {
  fetch(request: Request, env: WorkerEnv, context: ExecutionContext): Response | Promise<Response> {
    let app = apps.get(env);
    if (app === undefined) {
      app = appFor(env);
      apps.set(env, app);
    }
    return app(request, env, context);
  },
};
