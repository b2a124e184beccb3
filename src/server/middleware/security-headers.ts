import type { MiddlewareHandler } from 'hono';

/**
 * On every answer, API, pages and files alike: no content sniffing (an answer is never taken for HTML),
 * and no Referer, so that following a source link does not tell the outside world an intranet address.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (context, next) => {
    await next();
    context.res.headers.set('X-Content-Type-Options', 'nosniff');
    context.res.headers.set('Referrer-Policy', 'no-referrer');
  };
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
