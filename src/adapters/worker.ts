import type { ExecutionContext } from 'hono';
import indexData from '../../index/index.json.txt';
import { parseConfig } from '../config';
import { createSearchEngine, type SearchEngine } from '../search/engine';
import { DATA_FILE } from '../search/index-format';
import { loadIndex } from '../search/load-index';
import { createApp } from '../server/app';

/**
 * The Cloudflare Worker: the prebuilt index is bundled as a text module (`npm run build:index` runs
 * before `wrangler dev` and `deploy`) and loaded once per isolate, on the first request; the UI's files
 * come from the assets binding (wrangler.toml). kuromoji never loads here.
 */
interface Env {
  ASSETS: { fetch(request: Request): Promise<Response> };
  ALLOWED_ORIGINS?: string;
}

let engine: Promise<SearchEngine> | undefined;
let app: ReturnType<typeof createApp> | undefined;

export default {
  fetch(request: Request, env: Env, context: ExecutionContext): Response | Promise<Response> {
    app ??= createApp({
      engine: () => (engine ??= loadIndex(async (name) => (name === DATA_FILE ? indexData : undefined)).then(createSearchEngine)),
      assets: async (path) => {
        const response = await env.ASSETS.fetch(new Request(new URL(path, 'https://assets.invalid')));
        return response.status === 404 ? undefined : response;
      },
      allowedOrigins: parseConfig({ ALLOWED_ORIGINS: env.ALLOWED_ORIGINS }).ALLOWED_ORIGINS,
    });
    return app.fetch(request, env, context);
  },
};
