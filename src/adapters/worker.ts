import indexData from '../../index/index.json.txt';
import { createSearchEngine, type SearchEngine } from '../search/engine';
import { DATA_FILE } from '../search/index-format';
import { loadIndex } from '../search/load-index';
import { createApp } from '../server/app';

/**
 * The Cloudflare Worker: the prebuilt index is bundled as a text module (`npm run build:index` runs
 * before `wrangler dev` and `deploy`) and loaded once per isolate, on the first request; static files are served by the
 * assets layer (wrangler.toml) before the Worker runs. kuromoji never loads here.
 */
let engine: Promise<SearchEngine> | undefined;
const app = createApp({ engine: () => (engine ??= loadIndex(async (name) => (name === DATA_FILE ? indexData : undefined)).then(createSearchEngine)) });

export default { fetch: app.fetch };
