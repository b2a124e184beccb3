import type { MiddlewareHandler } from 'hono';
import { addressedBy } from '../addressed';
import { ApiError } from '../errors';

export interface CrossOriginOptions {
  /** Origins of intranet pages that may use the API (ALLOWED_ORIGINS). */
  allowedOrigins: readonly string[];
  /** The origin people reach shiori by, behind a proxy (PUBLIC_ORIGIN): same-origin, like the one addressed. */
  publicOrigin?: string | undefined;
  trustProxy: boolean;
}

/**
 * Who may call the API from a browser. Same-origin requests (shiori's own pages, at the origin the client
 * addressed or PUBLIC_ORIGIN) pass; other origins only from ALLOWED_ORIGINS, with CORS headers and
 * preflights. A browser request from another site that carries no Origin (an `<img>` or `<script>` pointed
 * at /api/…: Sec-Fetch-Site says cross-site) is refused too, before it can spend anyone's rate limit;
 * clients that are not browsers send neither header and pass.
 */
export function crossOrigin({ allowedOrigins, publicOrigin, trustProxy }: CrossOriginOptions): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  return async (context, next) => {
    const origin = context.req.header('origin');
    if (origin === undefined) {
      const site = context.req.header('sec-fetch-site');
      if (site === 'cross-site' || site === 'same-site') throw new ApiError('ORIGIN_NOT_ALLOWED', `a ${site} request without an Origin (${context.req.header('sec-fetch-dest') ?? 'unknown'})`);
      return next();
    }
    if (origin === publicOrigin || origin === addressedBy(context.req, trustProxy)?.origin) return next();
    if (!allowed.has(origin)) throw new ApiError('ORIGIN_NOT_ALLOWED', origin);
    context.header('Access-Control-Allow-Origin', origin);
    context.header('Vary', 'Origin');
    if (context.req.method === 'OPTIONS') {
      context.header('Access-Control-Allow-Methods', 'GET, POST');
      context.header('Access-Control-Allow-Headers', 'Content-Type, Accept, Authorization');
      context.header('Access-Control-Max-Age', '600');
      return context.body(null, 204);
    }
    return next();
  };
}
