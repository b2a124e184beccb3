import type { ExecutionContext } from 'hono';
import indexData from '../../index/index.json.txt';
import { parseConfig } from '../config';
import { createSearchEngine, type SearchEngine } from '../search/engine';
import { parseIndex } from '../search/load-index';
import { createApp } from '../server/app';

/**
 * The Cloudflare Worker: the prebuilt index is bundled as a text module (`npm run build:index` runs
 * before `wrangler dev` and `deploy`) and loaded once per isolate, at startup; the UI's files
 * come from the assets binding (wrangler.toml). kuromoji never loads here. Rate limiting uses the
 * RATE_LIMITER binding when wrangler.toml declares it; API_TOKEN is a secret (`wrangler secret put`).
 */
interface Env {
  ASSETS: { fetch(request: Request): Promise<Response> };
  RATE_LIMITER?: { limit(options: { key: string }): Promise<{ success: boolean }> };
  ALLOWED_ORIGINS?: string;
  API_TOKEN?: string;
  LOG_REQUESTS?: string;
  LOG_QUERIES?: string;
}

/** The RATE_LIMITER binding's period (wrangler.toml): a refused client may try again after it. */
const RATE_PERIOD_SECONDS = 60;

/**
 * The index is parsed when the isolate starts (global scope, which Cloudflare allows 1 s), not on the
 * first request, whose CPU time the free plan caps at 10 ms. An index this code cannot read is not an
 * error at startup (that would fail the deployment): every request answers it with 503 and how to rebuild.
 */
const engine = ((): Promise<SearchEngine> => {
  try {
    return Promise.resolve(createSearchEngine(parseIndex(indexData)));
  } catch (error) {
    const failed = Promise.reject(error);
    failed.catch(() => undefined);
    return failed;
  }
})();
let app: ReturnType<typeof createApp> | undefined;

export default {
  fetch(request: Request, env: Env, context: ExecutionContext): Response | Promise<Response> {
    if (app === undefined) {
      const config = parseConfig({ ALLOWED_ORIGINS: env.ALLOWED_ORIGINS, API_TOKEN: env.API_TOKEN, LOG_REQUESTS: env.LOG_REQUESTS, LOG_QUERIES: env.LOG_QUERIES });
      const limiter = env.RATE_LIMITER;
      app = createApp({
        engine: () => engine,
        assets: async (path) => {
          const response = await env.ASSETS.fetch(new Request(new URL(path, 'https://assets.invalid')));
          return response.status === 404 ? undefined : response;
        },
        allowedOrigins: config.ALLOWED_ORIGINS,
        logQuestions: config.LOG_QUERIES,
        logError: (error) => console.error(JSON.stringify({ level: 'error', event: 'error', message: error instanceof Error ? error.message : String(error) })),
        ...(config.API_TOKEN === undefined ? {} : { apiToken: config.API_TOKEN }),
        ...(limiter === undefined
          ? {}
          : {
              admit: async (requestContext) => {
                const { success } = await limiter.limit({ key: requestContext.req.header('cf-connecting-ip') ?? 'unknown' });
                return { allowed: success, retryAfterSeconds: RATE_PERIOD_SECONDS };
              },
            }),
        ...(config.LOG_REQUESTS ? { logRequest: (entry) => console.log(JSON.stringify({ level: 'info', event: 'request', ...entry })) } : {}),
      });
    }
    return app.fetch(request, env, context);
  },
};
