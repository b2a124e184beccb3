import type { MiddlewareHandler } from 'hono';
import { granted, type AppEnv } from '../context';
import { ApiError } from '../errors';

/**
 * The API token (API_TOKEN), in two steps so that rate limiting can sit between them: `identifyClient`
 * says how a request is let in (`access`), `requireAccess` refuses it with 401 when it is not — but for a
 * bare health check, which answers without a token and says only that the server is up.
 */
export function identifyClient(token: string | undefined): MiddlewareHandler<AppEnv> {
  const expected = token === undefined ? undefined : digest(token);
  return async (context, next) => {
    if (expected === undefined) {
      context.set('access', 'open');
      return next();
    }
    const given = /^Bearer\s+(\S+)\s*$/iu.exec(context.req.header('authorization') ?? '')?.[1];
    if (given === undefined) context.set('access', 'missing');
    else context.set('access', equalDigests(await digest(given), await expected) ? 'token' : 'invalid');
    return next();
  };
}

export function requireAccess(): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    const access = context.get('access');
    if (granted(access) || context.req.method === 'OPTIONS' || (context.req.path === '/api/health' && context.req.method === 'GET')) return next();
    const error = new ApiError(
      'UNAUTHORIZED',
      access === 'missing' ? 'This API needs an access token: send the header Authorization: Bearer <token>.' : 'The access token is not valid.',
    );
    error.headers['WWW-Authenticate'] = `Bearer realm="shiori"${access === 'missing' ? '' : ', error="invalid_token"'}`;
    throw error;
  };
}

/** SHA-256 of a secret, so comparing two takes the same time wherever they differ. */
async function digest(secret: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret)));
}

function equalDigests(first: Uint8Array, second: Uint8Array): boolean {
  let difference = first.length ^ second.length;
  for (let index = 0; index < first.length; index++) difference |= (first[index] as number) ^ (second[index] ?? 0);
  return difference === 0;
}
