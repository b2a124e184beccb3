import manifest from '../../index/manifest.json';
import indexData from '../../index/index.json.txt';
import { createSearchEngine, type SearchEngine } from '../search/engine';
import { DATA_FILE, MANIFEST_FILE } from '../search/index-format';
import { loadIndex } from '../search/load-index';
import { createApp } from '../server/app';

/**
 * The Cloudflare Worker: the prebuilt index is bundled (`npm run build:index` runs before `wrangler dev`
 * and `deploy`) and loaded once per isolate, on the first request; static files are served by the
 * assets layer (wrangler.toml) before the Worker runs. kuromoji never loads here.
 */
const files: Record<string, string> = { [MANIFEST_FILE]: JSON.stringify(manifest), [DATA_FILE]: indexData };
let engine: Promise<SearchEngine> | undefined;
const app = createApp({ engine: () => (engine ??= loadIndex(async (name) => files[name]).then(createSearchEngine)) });

export default { fetch: app.fetch };
