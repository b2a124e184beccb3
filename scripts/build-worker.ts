import { cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INDEX_ASSET_PATH, ORIGINALS_ASSET_PATH } from '../src/search/index-layout';

/** Cloudflare's limit on one static asset: a larger PDF is not served by the Worker (the reader says so). */
const MAX_ASSET_BYTES = 25 * 1024 * 1024;

/**
 * `npm run build:worker`: the Worker's static assets in dist/worker (wrangler.toml's [assets] directory):
 * the UI as `npm run build:web` built it (dist/web), the index (index/) under INDEX_ASSET_PATH, which the
 * Worker reads and never serves, and the corpus's PDFs under ORIGINALS_ASSET_PATH, which it serves only
 * through /api/documents/:id/pdf. Made in a fresh folder and swapped in.
 *
 *   tsx scripts/build-worker.ts [--web dist/web] [--index index] [--corpus corpus] [--out dist/worker]
 */
export async function buildWorkerAssets({ web = 'dist/web', index = 'index', corpus = 'corpus', out = 'dist/worker', log = console.log }: { web?: string; index?: string; corpus?: string; out?: string; log?: (line: string) => void } = {}): Promise<void> {
  for (const [what, folder] of [['the UI (npm run build:web)', web], ['the index (npm run build:index)', index]] as const) {
    if (!(await stat(folder).then((info) => info.isDirectory(), () => false))) throw new Error(`${folder} is missing: build ${what} first`);
  }
  const fresh = `${out}.new-${process.pid}`;
  await rm(fresh, { recursive: true, force: true });
  await mkdir(fresh, { recursive: true });
  await cp(web, fresh, { recursive: true });
  await cp(index, join(fresh, INDEX_ASSET_PATH), { recursive: true });
  const pdfs = (await readdir(corpus).catch(() => [] as string[])).filter((name) => /\.pdf$/iu.test(name));
  if (pdfs.length > 0) await mkdir(join(fresh, ORIGINALS_ASSET_PATH), { recursive: true });
  for (const name of pdfs) {
    const size = (await stat(join(corpus, name))).size;
    if (size > MAX_ASSET_BYTES) log(`${join(corpus, name)}: ${size.toLocaleString('en')} bytes is over the Worker's asset limit; the Worker will not serve this PDF (its text is indexed)`);
    else await cp(join(corpus, name), join(fresh, ORIGINALS_ASSET_PATH, name));
  }
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
  const corpus = option('corpus') ?? process.env.CORPUS_DIR;
  await buildWorkerAssets({ ...(web === undefined ? {} : { web }), ...(index === undefined ? {} : { index }), ...(corpus === undefined ? {} : { corpus }), ...(out === undefined ? {} : { out }) });
}
