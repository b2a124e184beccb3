import { maxHeaderSize, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ApiError } from '../server/errors';
import type { FeedbackSink } from '../server/feedback';

/** The Node server's process concerns: who the client is, structured logs, and a graceful shutdown. */

/**
 * The client a request is counted against: the connection's address, or behind a trusted reverse proxy
 * the address the proxy appended last to X-Forwarded-For (earlier entries are whatever the client sent).
 */
export function clientAddress(context: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = (context.req.header('x-forwarded-for') ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
    const last = forwarded[forwarded.length - 1];
    if (last !== undefined) return last;
  }
  return getConnInfo(context).remote.address ?? 'unknown';
}

/** One JSON object per line on stdout (`{"time":…,"level":"info","event":"request",…}`), for log shippers. */
export function logLine(entry: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
}

/**
 * Feedback appended to `file` as JSON lines, one write at a time (appends of one line each, so a line is
 * never interleaved with another); a failed write is logged and rejects (the API answers 503).
 */
export function feedbackFile(file: string): FeedbackSink {
  let queue: Promise<unknown> = Promise.resolve();
  // The folder is made with the first entry (and again after a failed attempt), not before every one.
  let folder: Promise<unknown> | undefined;
  return (entry) => {
    const write = queue.then(async () => {
      folder ??= mkdir(dirname(file), { recursive: true }).catch((error: unknown) => {
        folder = undefined;
        throw error;
      });
      await folder;
      await appendFile(file, `${JSON.stringify(entry)}\n`, 'utf8');
    });
    queue = write.catch(() => undefined);
    return write.catch((error: unknown) => {
      logError(error);
      throw error;
    });
  };
}

/** An unexpected error, with its stack, for the operator's log only. */
export function logError(error: unknown): void {
  logLine({ level: 'error', event: 'error', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
}

/**
 * Requests may not dawdle: headers within 10 s, the whole request within 30 s (Node's defaults are 60 s
 * and 300 s), checked every second (Node checks every 30 s by default, which let a stalled request sit
 * for 27 s before its 408). For `createServer`, so they hold from the first connection.
 */
export const SLOW_CLIENT_LIMITS = { headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1_000 } as const;

/**
 * Requests Node refuses before the app sees them (headers over its 16 KiB limit, as a question URL that is
 * too long; a request that never finishes; bytes that are not HTTP) are answered like every other error,
 * `{ error: { code, message } }`, instead of Node's bare status line.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // As Node's own handler does: answer only while no response has started on this connection.
    const pending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent === true) {
      socket.destroy();
      return;
    }
    const answer =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? new ApiError('HEADERS_TOO_LARGE', String(maxHeaderSize))
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? new ApiError('REQUEST_TIMEOUT')
          : new ApiError('MALFORMED_REQUEST');
    const body = JSON.stringify({ error: { code: answer.code, message: answer.message } });
    socket.end(
      [
        `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`,
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Cache-Control: no-store',
        'X-Content-Type-Options: nosniff',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}

const GRACE_MS = 10_000;

/**
 * On SIGTERM or SIGINT: stop accepting connections, let requests in flight finish (at most GRACE_MS),
 * close idle keep-alive connections, then exit 0.
 */
export function shutDownGracefully(server: Server): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logLine({ level: 'info', event: 'shutdown', signal });
    server.close(() => {
      logLine({ level: 'info', event: 'stopped' });
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, GRACE_MS).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
