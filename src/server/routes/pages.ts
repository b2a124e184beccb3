import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { contentSecurityPolicy } from '../middleware/security-headers';

export interface PageOptions {
  /** The web UI's files by path (`/assets/app.js`), or undefined when there is no such file. */
  assets?: ((path: string) => Promise<Response | undefined>) | undefined;
  /** Origins that may frame /embed (ALLOWED_ORIGINS). */
  frameAncestors: readonly string[];
}

/** Page routes of the single-page UI, and the demo page. */
function pageFile(path: string): string | undefined {
  if (path === '/' || path === '/embed' || path === '/library' || /^\/documents\/[^/]+$/u.test(path)) return '/index.html';
  if (path === '/embed-demo') return '/embed-demo.html';
  return undefined;
}

/**
 * shiori's pages and static files, each with its cache policy and, for pages, its Content-Security-Policy.
 * Their ETag covers the policy as well as the bytes, and a 304 repeats it: a browser that kept /embed
 * must not go on framing it with a policy the server no longer sends (an origin taken out of
 * ALLOWED_ORIGINS changes the tag, so the page is fetched anew with the new policy).
 */
export function pageRoutes({ assets, frameAncestors }: PageOptions): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();
  pages.get('*', async (context) => {
    if (assets === undefined) return context.text('Not found', 404);
    const path = context.req.path;
    const page = pageFile(path);
    const file = await assets(page ?? path);
    if (file === undefined) return context.text('Not found', 404);
    const headers = new Headers(file.headers);
    const html = page !== undefined || (headers.get('content-type') ?? '').startsWith('text/html');
    if (html) headers.set('Content-Security-Policy', contentSecurityPolicy(path === '/embed' ? frameAncestors : []));
    headers.set('Cache-Control', cachePolicy(path, html));
    if (file.status !== 200) return new Response(file.body, { status: file.status, headers });
    const body = new Uint8Array(await file.arrayBuffer());
    const tag = await entityTag(body, headers.get('Content-Security-Policy') ?? '');
    headers.set('ETag', tag);
    if (matchesTag(context.req.header('if-none-match'), tag)) {
      const kept = new Headers();
      for (const name of ['ETag', 'Cache-Control', 'Content-Security-Policy', 'Vary']) {
        const value = headers.get(name);
        if (value !== null) kept.set(name, value);
      }
      return new Response(null, { status: 304, headers: kept });
    }
    return new Response(body, { status: 200, headers });
  });
  return pages;
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

/** A strong tag over the bytes and the security policy they are served with. */
async function entityTag(body: Uint8Array, policy: string): Promise<string> {
  const policyBytes = new TextEncoder().encode(`\n${policy}`);
  const joined = new Uint8Array(body.byteLength + policyBytes.byteLength);
  joined.set(body);
  joined.set(policyBytes, body.byteLength);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
  return `"${Array.from(digest.subarray(0, 12), (byte) => byte.toString(16).padStart(2, '0')).join('')}"`;
}

/** Whether an If-None-Match header names `tag` (weak or strong, or `*`). */
export function matchesTag(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => {
    const trimmed = candidate.trim();
    return trimmed === '*' || trimmed.replace(/^W\//u, '') === tag;
  });
}
