import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { parseConfig } from '../config';
import { isMissingFile } from '../ingest/corpus-files';
import { IngestError } from '../ingest/errors';
import { ensureFreshIndex } from '../ingest/index-status';
import { createSearchEngine } from '../search/engine';
import { IndexError, loadIndex } from '../search/load-index';
import { createApp } from '../server/app';
import { RateLimiter } from '../server/rate-limit';
import { fileAssets } from './node-assets';
import { clientAddress, logError, logLine, SLOW_CLIENT_LIMITS, shutDownGracefully } from './node-runtime';

/**
 * The Node server (`npm start`): builds index/ when it is missing or stale, loads it, serves the API and
 * the UI in dist/web. A corpus file that cannot be read or parsed does not take the service down: the
 * build stops with `file:line: reason` and the server goes on with the index it had, if this code can
 * read it; with no usable index it says how to rebuild and exits 1.
 */
const config = parseConfig(process.env);
try {
  await ensureFreshIndex({ corpusDir: config.CORPUS_DIR, indexDir: config.INDEX_DIR, log: (line) => console.log(line) });
} catch (error) {
  if (!(error instanceof IngestError)) throw error;
  console.error(`index build failed: ${error.message}\nthe previous index in ${config.INDEX_DIR}, if there is one, is unchanged and will be served; fix the file, then restart or run npm run build:index`);
}
const readIndexFile = (name: string): Promise<string | undefined> =>
  readFile(join(config.INDEX_DIR, name), 'utf8').catch((error: unknown) => {
    if (isMissingFile(error)) return undefined;
    throw error;
  });
const engine = createSearchEngine(
  await loadIndex(readIndexFile).catch((error: unknown) => {
    if (!(error instanceof IndexError)) throw error;
    console.error(error.message);
    process.exit(1);
  }),
);
const limiter = config.RATE_LIMIT > 0 ? new RateLimiter(config.RATE_LIMIT) : undefined;
const app = createApp({
  engine: async () => engine,
  assets: fileAssets('dist/web'),
  allowedOrigins: config.ALLOWED_ORIGINS,
  logError,
  logQuestions: config.LOG_QUERIES,
  ...(config.API_TOKEN === undefined ? {} : { apiToken: config.API_TOKEN }),
  ...(limiter === undefined ? {} : { admit: async (context) => limiter.take(clientAddress(context, config.TRUST_PROXY)) }),
  ...(config.LOG_REQUESTS ? { logRequest: (entry) => logLine({ level: 'info', event: 'request', ...entry }) } : {}),
});
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST, serverOptions: SLOW_CLIENT_LIMITS }, (info) => {
  console.log(`shiori is serving ${engine.data.manifest.counts.documents} documents on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${info.port}`);
}) as Server; // serve() without a createServer option makes a node:http Server
shutDownGracefully(server);
