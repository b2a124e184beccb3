import type { HonoRequest } from 'hono';

/**
 * The scheme and host a client addressed. Normally those of the request URL (the Host header; the Node
 * server speaks plain HTTP). Behind a trusted reverse proxy that terminates TLS, the proxy says what the
 * client used in X-Forwarded-Proto and X-Forwarded-Host; the last entry of each is the one the nearest
 * proxy wrote (earlier ones are whatever the client sent). Never trusted unless TRUST_PROXY says so.
 */
export interface Addressed {
  /** `https://shiori.example.jp`. */
  origin: string;
  /** `shiori.example.jp:8443`, lower case, without a default port. */
  host: string;
  /** `shiori.example.jp`; an IPv6 address in brackets. */
  hostname: string;
}

export function addressedBy(request: HonoRequest, trustProxy: boolean): Addressed | undefined {
  const url = new URL(request.url);
  let protocol = url.protocol;
  let host = request.header('host') ?? url.host;
  if (trustProxy) {
    const forwardedProto = lastEntry(request.header('x-forwarded-proto'))?.toLowerCase();
    if (forwardedProto === 'http' || forwardedProto === 'https') protocol = `${forwardedProto}:`;
    host = lastEntry(request.header('x-forwarded-host')) ?? host;
  }
  try {
    const parsed = new URL(`${protocol}//${host}`);
    if (parsed.username !== '' || parsed.password !== '' || parsed.pathname !== '/' || parsed.search !== '' || parsed.hash !== '') return undefined;
    return { origin: parsed.origin, host: parsed.host, hostname: parsed.hostname };
  } catch {
    return undefined;
  }
}

function lastEntry(header: string | undefined): string | undefined {
  const entries = (header ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  return entries[entries.length - 1];
}
