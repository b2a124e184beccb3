import type { Context, MiddlewareHandler } from 'hono';
import { granted, type AppEnv } from '../context';
import { ApiError } from '../errors';
import type { RateDecision } from '../rate-limit';

/**
 * Whose budget a request spends: requests let in (an open API, or the right token) spend the client's;
 * requests without a valid token, where one is required, spend a separate budget of that address, so a
 * flood of them (a page on another site, a token guesser) is limited without using up the budget of the
 * people at that address who have the token.
 */
export type RateScope = 'client' | 'unauthenticated';

/** Whether the client of a request may make another API request now, counted in `scope`. */
export type Admit = (context: Context, scope: RateScope) => Promise<RateDecision>;

/** After identifyClient, before requireAccess. Preflights are free: browsers send them on their own. */
export function rateLimit(admit: Admit): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    if (context.req.method === 'OPTIONS') return next();
    const decision = await admit(context, granted(context.get('access')) ? 'client' : 'unauthenticated');
    if (decision.allowed) return next();
    const error = new ApiError('RATE_LIMITED', String(decision.retryAfterSeconds));
    error.headers['Retry-After'] = String(decision.retryAfterSeconds);
    throw error;
  };
}
