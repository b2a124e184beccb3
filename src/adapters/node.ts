import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { parseConfig } from '../config';
import { ensureFreshIndex } from '../ingest/build-index';
import { isMissingFile } from '../ingest/read-corpus';
import { createSearchEngine } from '../search/engine';
import { loadIndex } from '../search/load-index';
import { createApp } from '../server/app';
import { RateLimiter } from '../server/rate-limit';
import { fileAssets } from './node-assets';
import { clientAddress, limitSlowClients, logError, logLine, shutDownGracefully } from './node-runtime';

/** The Node server (`npm start`): builds index/ when it is missing or stale, loads it, serves the API and the UI in dist/web. */
const config = parseConfig(process.env);
await ensureFreshIndex({ corpusDir: config.CORPUS_DIR, indexDir: config.INDEX_DIR, log: (line) => console.log(line) });
const readIndexFile = (name: string): Promise<string | undefined> =>
  readFile(join(config.INDEX_DIR, name), 'utf8').catch((error: unknown) => {
    if (isMissingFile(error)) return undefined;
    throw error;
  });
const engine = createSearchEngine(await loadIndex(readIndexFile));
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
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  console.log(`shiori is serving ${engine.data.manifest.counts.documents} documents on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${info.port}`);
}) as Server; // serve() without a createServer option makes a node:http Server
limitSlowClients(server);
shutDownGracefully(server);
