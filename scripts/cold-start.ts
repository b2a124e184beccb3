import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildIndex } from '../src/ingest/build-index';
import { quantile } from './quantile';

const run = promisify(execFile);

/**
 * What a user waits for before the first answer, for `npm run bench` (which measures index load itself):
 *  - index build: `buildIndex` from the corpus into a fresh folder, kuromoji's dictionary load included;
 *  - Node time to first answer: from spawning the server (as `npm start` runs it after building the UI,
 *    with the index already built) to the first 200 from /api/search, median of several;
 *  - Worker bundle: `wrangler deploy --dry-run --outdir`, the upload's raw and gzipped size as wrangler
 *    reports it, and the modules it is made of.
 */
export interface ColdStart {
  indexBuildMs: number[];
  nodeFirstAnswerMs: { runs: number; medianMs: number; maxMs: number; samples: number[] };
  worker: { uploadKiB: number; gzipKiB: number; modules: Array<{ name: string; bytes: number; gzipBytes: number }> } | { error: string };
}

const median = (values: readonly number[]): number => quantile([...values].sort((a, b) => a - b), 0.5);
const round = (value: number): number => Math.round(value * 10) / 10;

export async function measureColdStart(options: { corpusDir: string; indexDir: string; builds?: number; starts?: number }): Promise<ColdStart> {
  const indexBuildMs: number[] = [];
  for (let build = 0; build < (options.builds ?? 2); build++) {
    const folder = await mkdtemp(join(tmpdir(), 'shiori-build-'));
    try {
      // A fresh process would also pay for loading the modules; kuromoji's dictionary is loaded per build.
      const started = performance.now();
      await buildIndex({ corpusDir: options.corpusDir, indexDir: join(folder, 'index') });
      indexBuildMs.push(round(performance.now() - started));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  const starts: number[] = [];
  for (let start = 0; start < (options.starts ?? 5); start++) starts.push(round(await timeToFirstAnswer(options.indexDir)));

  return {
    indexBuildMs,
    nodeFirstAnswerMs: { runs: starts.length, medianMs: median(starts), maxMs: Math.max(...starts), samples: starts },
    worker: await workerBundle(),
  };
}

/** Milliseconds from spawning the Node server to its first answer to a search. */
async function timeToFirstAnswer(indexDir: string): Promise<number> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/adapters/node.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', INDEX_DIR: indexDir, LOG_REQUESTS: 'false' },
    stdio: 'ignore',
  });
  try {
    const url = `http://127.0.0.1:${port}/api/search?q=${encodeURIComponent('クアッド')}`;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      const ok = await fetch(url).then((response) => response.status === 200, () => false);
      if (ok) return performance.now() - started;
      if (performance.now() - started > 60_000) throw new Error('no answer within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGKILL');
  }
}

async function workerBundle(): Promise<ColdStart['worker']> {
  const folder = await mkdtemp(join(tmpdir(), 'shiori-worker-'));
  try {
    const { stdout, stderr } = await run('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', folder], {
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
      timeout: 120_000,
    });
    const total = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/u.exec(stdout + stderr);
    if (total === null) return { error: 'wrangler printed no upload size' };
    const modules = [];
    for (const name of (await readdir(folder)).filter((file) => !file.endsWith('.map') && !file.endsWith('.md'))) {
      const bytes = await readFile(join(folder, name));
      modules.push({ name: name.replace(/^[0-9a-f]{40}-/u, ''), bytes: (await stat(join(folder, name))).size, gzipBytes: gzipSync(bytes).length });
    }
    return { uploadKiB: Number(total[1]), gzipKiB: Number(total[2]), modules };
  } catch (error) {
    return { error: error instanceof Error ? error.message.split('\n')[0] ?? 'wrangler failed' : String(error) };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
