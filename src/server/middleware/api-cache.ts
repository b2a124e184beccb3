import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';

/**
 * API answers depend on the question, the conversation and (with API_TOKEN) on who asks: `no-store`,
 * streamed replies included (Hono's SSE helper sets `no-cache`, which lets a cache keep the answer), unless
 * a route names its own policy in `cacheControl` (documents and passages) for its 200 and 304 answers.
 */
export function apiCachePolicy(): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    await next();
    const routePolicy = context.res.status === 200 || context.res.status === 304 ? context.get('cacheControl') : undefined;
    context.res.headers.set('Cache-Control', routePolicy ?? 'no-store');
  };
}
