/**
 * What a request carries through the middleware chain: how it was let in (`access`), the question it
 * asks (for the request log, only when LOG_QUERIES is on) and a route's own cache policy.
 */
export type Access =
  /** No API_TOKEN is set: the API is open. */
  | 'open'
  /** The request carries the API_TOKEN. */
  | 'token'
  /** A token is required and the request has none. */
  | 'missing'
  /** A token is required and the request's is wrong. */
  | 'invalid';

export type AppEnv = {
  Variables: {
    access: Access;
    question: string;
    /** Cache-Control of an API answer when not `no-store` (documents and passages: see routes/api.ts). */
    cacheControl: string;
  };
};

/** Whether a request may read the API's data: an open API, or the right token. */
export function granted(access: Access | undefined): boolean {
  return access === 'open' || access === 'token';
}
