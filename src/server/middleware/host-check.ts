import type { MiddlewareHandler } from 'hono';
import { addressedBy } from '../addressed';
import { ApiError } from '../errors';

export interface HostCheckOptions {
  /** Host names, or `host:port` for one port only; `*` anywhere in the list allows every host. */
  allowedHosts: readonly string[];
  trustProxy: boolean;
}

/**
 * Serves only the host names shiori is known by. A page on another name that resolves to this server
 * (DNS rebinding: `evil.example` pointed at 127.0.0.1) would otherwise be same-origin with it and could
 * read the API; its requests carry its own name in Host and answer 421 HOST_NOT_ALLOWED.
 */
export function hostCheck({ allowedHosts, trustProxy }: HostCheckOptions): MiddlewareHandler {
  const any = allowedHosts.includes('*');
  const allowed = new Set(allowedHosts.map((host) => host.toLowerCase()));
  return async (context, next) => {
    if (any) return next();
    const addressed = addressedBy(context.req, trustProxy);
    if (addressed === undefined) throw new ApiError('HOST_NOT_ALLOWED', context.req.header('host') ?? '(none)');
    if (!allowed.has(addressed.host) && !allowed.has(addressed.hostname)) throw new ApiError('HOST_NOT_ALLOWED', addressed.host);
    return next();
  };
}

/** Names of this machine that no other site can claim. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];
