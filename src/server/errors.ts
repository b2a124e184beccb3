import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Every error the API answers with: a code, an HTTP status and a message template. One `app.onError`
 * turns an ApiError into `{ error: { code, message } }`; anything else is logged and answered with a
 * plain 500 that reveals nothing of the server.
 */
export const API_ERRORS = {
  INVALID_PARAMETER: [400, '%s'],
  INVALID_BODY: [400, '%s'],
  INVALID_JSON: [400, 'The request body is not valid JSON: %s'],
  UNAUTHORIZED: [401, '%s'],
  ORIGIN_NOT_ALLOWED: [403, 'Requests from %s are not allowed. Add the origin to ALLOWED_ORIGINS on the server.'],
  HOST_NOT_ALLOWED: [421, 'This server does not serve the host %s. Add it to ALLOWED_HOSTS (or set PUBLIC_ORIGIN) on the server.'],
  UNKNOWN_DOCUMENT: [404, 'There is no document "%s". GET /api/documents lists them.'],
  UNKNOWN_PASSAGE: [404, 'There is no passage "%s".'],
  NO_ORIGINAL: [404, 'The document "%s" was not read from a PDF, or its PDF is not served here (%s).'],
  NOT_FOUND: [404, 'There is no API endpoint %s. See the README for the API.'],
  METHOD_NOT_ALLOWED: [405, '%s is not allowed on %s; use %s.'],
  PAYLOAD_TOO_LARGE: [413, 'The request body is larger than %s bytes.'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Send the request body as application/json (got %s).'],
  HEADERS_TOO_LARGE: [431, 'The request line and headers are larger than %s bytes; a question is at most 1,000 characters.'],
  RATE_LIMITED: [429, 'Too many requests from this client; try again in %s seconds.'],
  INDEX_UNAVAILABLE: [503, '%s'],
  FEEDBACK_UNAVAILABLE: [503, 'Feedback cannot be kept right now; the answer was not affected.'],
  MALFORMED_REQUEST: [400, 'The request is not valid HTTP.'],
  REQUEST_TIMEOUT: [408, 'The request took too long to arrive.'],
  INTERNAL: [500, 'Something went wrong on the server.'],
  MISCONFIGURED: [500, 'The server is misconfigured and answers nothing until its operator fixes it (the reason is in its log).'],
} as const satisfies Record<string, readonly [ContentfulStatusCode, string]>;

export type ApiErrorCode = keyof typeof API_ERRORS;

const MAX_DETAIL = 120;
/** Codes whose details the server writes itself (how to rebuild the index), not echoes of a request. */
const SERVER_WRITTEN: ReadonlySet<ApiErrorCode> = new Set(['INDEX_UNAVAILABLE']);

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: ContentfulStatusCode;
  /** Headers the answer carries (`Retry-After` of a 429, `WWW-Authenticate` of a 401). */
  readonly headers: Record<string, string> = {};

  constructor(
    readonly code: ApiErrorCode,
    ...details: string[]
  ) {
    const [status, template] = API_ERRORS[code];
    let message: string = template;
    // Details echo what the client sent (a path, an id, a header): never more than a line of it.
    for (const detail of details) message = message.replace('%s', detail.length > MAX_DETAIL && !SERVER_WRITTEN.has(code) ? `${detail.slice(0, MAX_DETAIL)}…` : detail);
    super(message);
    this.status = status;
  }
}
