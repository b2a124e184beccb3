import { cp, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INDEX_ASSET_PATH } from '../src/search/index-layout';

/**
 * `npm run build:worker`: the Worker's static assets in dist/worker (wrangler.toml's [assets] directory):
 * the UI as `npm run build:web` built it (dist/web) and the index (index/) under INDEX_ASSET_PATH, which the
 * Worker reads and never serves. Made in a fresh folder and swapped in.
 *
 *   tsx scripts/build-worker.ts [--web dist/web] [--index index] [--out dist/worker]
 */
export async function buildWorkerAssets({ web = 'dist/web', index = 'index', out = 'dist/worker' }: { web?: string; index?: string; out?: string } = {}): Promise<void> {
  for (const [what, folder] of [['the UI (npm run build:web)', web], ['the index (npm run build:index)', index]] as const) {
    if (!(await stat(folder).then((info) => info.isDirectory(), () => false))) throw new Error(`${folder} is missing: build ${what} first`);
  }
  const fresh = `${out}.new-${process.pid}`;
  await rm(fresh, { recursive: true, force: true });
  await mkdir(fresh, { recursive: true });
  await cp(web, fresh, { recursive: true });
  await cp(index, join(fresh, INDEX_ASSET_PATH), { recursive: true });
  await rm(out, { recursive: true, force: true });
  await rename(fresh, out);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name: string): string | undefined => {
    const at = process.argv.indexOf(`--${name}`);
    return at === -1 ? undefined : process.argv[at + 1];
  };
  const web = option('web');
  const index = option('index');
  const out = option('out');
  await buildWorkerAssets({ ...(web === undefined ? {} : { web }), ...(index === undefined ? {} : { index }), ...(out === undefined ? {} : { out }) });
}
