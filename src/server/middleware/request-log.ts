import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { ApiError, type ApiErrorCode } from '../errors';

/** A request as logged: never the query string, and the question only when the operator asks for it. */
export interface RequestLog {
  method: string;
  path: string;
  status: number;
  /** Milliseconds until the response started (a streamed chat reply may go on a little longer). */
  ms: number;
  /** The error code, for a request answered with an error. */
  error?: ApiErrorCode;
  question?: string;
}

export interface RequestLogOptions {
  write: (entry: RequestLog) => void;
  /** Put the question's text in the entries (LOG_QUERIES). */
  questions: boolean;
}

/** One structured entry per request, written once the response has started. */
export function requestLog({ write, questions }: RequestLogOptions): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    const started = performance.now();
    await next();
    const entry: RequestLog = { method: context.req.method, path: context.req.path, status: context.res.status, ms: Math.round((performance.now() - started) * 10) / 10 };
    if (context.error instanceof ApiError) entry.error = context.error.code;
    const question = context.get('question');
    if (questions && question !== undefined) entry.question = question;
    write(entry);
  };
}
