import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { allowedHostsOf, configWarnings, parseConfig } from '../config';
import { createApp } from '../server/app';
import { RateLimiter } from '../server/rate-limit';
import { corpusOriginals, fileAssets } from './node-assets';
import { IndexKeeper } from './node-index';
import { answerClientErrors, clientAddress, feedbackFile, logError, logLine, SLOW_CLIENT_LIMITS, shutDownGracefully } from './node-runtime';

/**
 * The Node server (`npm start`): serves the API and the UI in dist/web from the index it has, and rebuilds
 * index/ in the background when it is missing, stale or damaged (again on SIGHUP), swapping the new one in
 * when it is complete. A paper that cannot be indexed is left out and reported; with no index at all and
 * none to be built, it says why and exits 1.
 */
const config = parseConfig(process.env);
const keeper = new IndexKeeper({ corpusDir: config.CORPUS_DIR, indexDir: config.INDEX_DIR, buildMemoryMb: config.BUILD_MEMORY_MB, log: (line) => console.log(line) });
await keeper.loadServed();
const limiter = config.RATE_LIMIT > 0 ? new RateLimiter(config.RATE_LIMIT) : undefined;
const app = createApp({
  engine: keeper.engine,
  buildStatus: keeper.buildStatus,
  assets: fileAssets('dist/web'),
  originals: corpusOriginals(config.CORPUS_DIR),
  allowedOrigins: config.ALLOWED_ORIGINS,
  allowedHosts: allowedHostsOf(config),
  trustProxy: config.TRUST_PROXY,
  logError,
  logQuestions: config.LOG_QUERIES,
  feedback: feedbackFile(config.FEEDBACK_FILE),
  ...(config.PUBLIC_ORIGIN === undefined ? {} : { publicOrigin: config.PUBLIC_ORIGIN }),
  ...(config.API_TOKEN === undefined ? {} : { apiToken: config.API_TOKEN }),
  ...(limiter === undefined ? {} : { admit: async (context, scope) => limiter.take(`${scope} ${clientAddress(context, config.TRUST_PROXY)}`) }),
  ...(config.LOG_REQUESTS ? { logRequest: (entry) => logLine({ level: 'info', event: 'request', ...entry }) } : {}),
});
const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
const stale = await keeper.staleness();
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST, serverOptions: SLOW_CLIENT_LIMITS }, () => {
  const documents = keeper.serving?.manifest.counts.documents;
  const rebuilding = stale === undefined ? '' : `; rebuilding the index (${stale})`;
  console.log(documents === undefined ? `shiori is listening on ${url}; building the index (${stale ?? ''})` : `shiori is serving ${documents} documents on ${url}${rebuilding}`);
}) as Server; // serve() without a createServer option makes a node:http Server
answerClientErrors(server);
shutDownGracefully(server);
for (const warning of configWarnings(config)) logLine({ level: 'warn', event: 'config', message: warning });
process.on('SIGHUP', () => void keeper.refresh());
await keeper.refresh();
if (keeper.serving === undefined) process.exit(1);

