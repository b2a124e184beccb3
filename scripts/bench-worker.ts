import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildWorkerAssets } from './build-worker';
import { writeD1Sql } from './d1-index';
import { quantile } from './quantile';

/**
 * The Worker inside workerd (`wrangler dev`, local, offline) over an index folder, for `npm run bench:scale`:
 * its static assets made from the index as `npm run build:worker` makes them, then, over loopback HTTP:
 *  - cold: the first question of a fresh isolate (the core read and parsed, the question's files read);
 *  - the first pass over the questions, then warm rounds;
 *  - the isolate's V8 heap (Runtime.getHeapUsage over the inspector), sampled through the run: the peak
 *    and the last value, against the 128 MB limit;
 *  - each question's answer (ids, found, the quoted text), to compare with Node's.
 * Latency is measured by the client, so it includes wrangler's local proxy: an upper bound of the Worker's
 * own time (Workers' clocks do not advance during computation, so the Worker cannot time itself). The
 * loopback cost alone is measured too, on a request the Worker answers without the index (a 404 page).
 * The server-side time of each warm question comes from the Worker's own request log (LOG_REQUESTS: the
 * time from the request to the response, by performance.now(), which in workerd advances at I/O: the
 * reads of the index are in it, computation between two reads may not be).
 */
export interface WorkerMeasurement {
  loopbackMedianMs: number;
  coldFirstMs: number;
  first: { medianMs: number; p99Ms: number };
  warm: { n: number; medianMs: number; p99Ms: number; maxMs: number };
  /** The warm questions as the Worker timed them itself (its request log). */
  server: { n: number; medianMs: number; p99Ms: number };
  /** The isolate's V8 heap after a full collection: the largest sampled, the last, and every sample in order (after the cold question, the first pass, each round). */
  heap: { peakBytes: number; lastBytes: number; samples: number[] };
  answers: Record<string, string>;
  /** Each question's results as the API gave them, for scoring. */
  results: Record<string, WorkerHit[]>;
  /** D1 only: loading the index into the local database (wrangler d1 execute). */
  loadMs?: number;
}

export interface WorkerHit {
  docId: string;
  text: string;
  citations: Array<{ text: string; urls: string[] }>;
}

/** Where the Worker reads its index: static assets (the default design) or D1 (src/adapters/d1-index.ts). */
export type WorkerStore = 'assets' | 'd1';

const WRANGLER = resolve('node_modules/.bin/wrangler');
const run = promisify(execFile);

/** One connection to the isolate's inspector (Node 20 needs --experimental-websocket for the global), kept for the run. */
async function openInspector(port: number, wake: () => Promise<unknown>): Promise<{ heap(): Promise<number>; close(): void }> {
  const Socket = (globalThis as { WebSocket?: new (url: string, init?: { headers: Record<string, string> }) => WebSocket }).WebSocket;
  if (Socket === undefined) throw new Error('run with node --experimental-websocket (Node 20) for the inspector');
  const socket = new Socket(`ws://127.0.0.1:${port}/ws`, { headers: { Origin: 'http://127.0.0.1' } });
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new Error('the inspector refused the connection')));
  });
  socket.send(JSON.stringify({ id: 0, method: 'HeapProfiler.enable' }));
  let next = 0;
  const waiting = new Map<number, (used: number) => void>();
  const call = (method: string, timeoutMs: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const id = ++next;
      const timer = setTimeout(() => reject(new Error(`the inspector did not answer ${method} in ${timeoutMs / 1000} s`)), timeoutMs);
      waiting.set(id, (used) => {
        clearTimeout(timer);
        resolve(used);
      });
      socket.send(JSON.stringify({ id, method }));
    });
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: { usedSize?: number } };
    const done = message.id === undefined ? undefined : waiting.get(message.id);
    if (done === undefined || message.id === undefined) return;
    waiting.delete(message.id);
    done(message.result?.usedSize ?? Number.NaN);
  });
  return {
    // After a full collection (what the isolate holds, not its garbage). workerd answers collectGarbage
    // only once the isolate runs again: requests wake it until it has answered, and the heap is read after the answer (read
    // before it, as this did until issue 14's sixth session, the samples held garbage: 58, 94, 93, 40 MB).
    heap: async () => {
      let answered = false;
      const collected = call('HeapProfiler.collectGarbage', 30_000).then(() => {
        answered = true;
      });
      while (!answered) await Promise.race([collected, wake().then(() => new Promise((done) => setTimeout(done, 100)))]);
      return call('Runtime.getHeapUsage', 60_000);
    },
    close: () => socket.close(),
  };
}

async function waitFor(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev stopped: ${log().slice(-2000)}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 250));
    }
  }
  throw new Error(`wrangler dev did not start: ${log().slice(-2000)}`);
}

export async function measureWorker(indexDir: string, questions: readonly string[], rounds: number, store: WorkerStore = 'assets'): Promise<WorkerMeasurement> {
  const work = await mkdtemp(join(tmpdir(), 'shiori-worker-'));
  const port = 21000 + Math.floor(Math.random() * 9000);
  const inspector = port + 1;
  let child: ChildProcess | undefined;
  try {
    const assets = join(work, 'assets');
    // The D1 design serves only the UI from the assets; the index is in the database.
    if (store === 'assets') await buildWorkerAssets({ index: indexDir, out: assets });
    else await cp('dist/web', assets, { recursive: true });
    const config = join(work, 'wrangler.toml');
    await writeFile(
      config,
      [
        'name = "shiori-bench"',
        `main = ${JSON.stringify(resolve('src/adapters/worker.ts'))}`,
        'compatibility_date = "2026-04-26"',
        '[assets]',
        `directory = ${JSON.stringify(assets)}`,
        'binding = "ASSETS"',
        'run_worker_first = true',
        'html_handling = "none"',
        'not_found_handling = "none"',
        '[vars]',
        'LOG_REQUESTS = "true"',
        ...(store === 'd1' ? ['[[d1_databases]]', 'binding = "INDEX_DB"', 'database_name = "shiori-index"', 'database_id = "00000000-0000-4000-8000-000000000000"'] : []),
        '',
      ].join('\n'),
    );
    const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: '1' };
    let loadMs: number | undefined;
    if (store === 'd1') {
      const sql = join(work, 'index.sql');
      const started = performance.now();
      await writeD1Sql(indexDir, sql);
      await run(WRANGLER, ['d1', 'execute', 'shiori-index', '--local', '--persist-to', join(work, 'state'), '--config', config, '--file', sql, '-y'], { env, maxBuffer: 64 * 1024 * 1024 });
      loadMs = performance.now() - started;
    }
    let output = '';
    child = spawn(WRANGLER, ['dev', '--config', config, '--port', String(port), '--inspector-port', String(inspector), '--ip', '127.0.0.1', '--persist-to', join(work, 'state'), '--log-level', 'log'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/no-such-page`, child, () => output);

    const timed = async (path: string, init?: RequestInit): Promise<{ ms: number; body: string; status: number }> => {
      const started = performance.now();
      const response = await fetch(`${base}${path}`, init);
      const body = await response.text();
      return { ms: performance.now() - started, body, status: response.status };
    };
    const loopback: number[] = [];
    for (let index = 0; index < 30; index++) loopback.push((await timed('/no-such-page')).ms);
    const ask = async (question: string): Promise<{ ms: number; answer: string }> => {
      const search = await timed(`/api/search?${new URLSearchParams({ q: question, limit: '10' })}`);
      if (search.status !== 200) throw new Error(`the Worker answered ${search.status} to ${question}: ${search.body.slice(0, 300)}`);
      const body = JSON.parse(search.body) as { found: boolean; results: Array<WorkerHit & { id: string; score: number }> };
      results[question] ??= body.results.map(({ docId, text, citations }) => ({ docId, text, citations }));
      return { ms: search.ms, answer: JSON.stringify({ found: body.found, ids: body.results.map((result) => result.id), scores: body.results.map((result) => result.score) }) };
    };
    const results: Record<string, WorkerHit[]> = {};

    let peak = 0;
    const samples: number[] = [];
    const probe = await openInspector(inspector, () => timed('/no-such-page'));
    const sample = async (): Promise<number> => {
      const used = await probe.heap();
      peak = Math.max(peak, used);
      samples.push(used);
      return used;
    };
    const cold = await ask(questions[0] ?? 'NATO');
    await sample();
    const firstTimes: number[] = [cold.ms];
    const answers: Record<string, string> = {};
    for (const question of questions.slice(1)) {
      const { ms, answer } = await ask(question);
      firstTimes.push(ms);
      answers[question] = answer;
    }
    answers[questions[0] ?? 'NATO'] = (await ask(questions[0] ?? 'NATO')).answer;
    await sample();
    const warm: number[] = [];
    const logged = output.length;
    for (let round = 0; round < rounds; round++) {
      for (const question of round % 2 === 0 ? questions : [...questions].reverse()) warm.push((await ask(question)).ms);
      await sample();
    }
    const last = await sample();
    probe.close();
    const server = [...output.slice(logged).matchAll(/"path":"\/api\/search","status":200,"ms":([\d.]+)/gu)].map((match) => Number(match[1])).sort((a, b) => a - b);
    if (server.length !== warm.length) throw new Error(`the Worker logged ${server.length} of the ${warm.length} warm questions: ${output.slice(-500)}`);
    const sortedWarm = [...warm].sort((a, b) => a - b);
    const sortedFirst = [...firstTimes].sort((a, b) => a - b);
    return {
      loopbackMedianMs: quantile([...loopback].sort((a, b) => a - b), 0.5),
      coldFirstMs: cold.ms,
      first: { medianMs: quantile(sortedFirst, 0.5), p99Ms: quantile(sortedFirst, 0.99) },
      warm: { n: warm.length, medianMs: quantile(sortedWarm, 0.5), p99Ms: quantile(sortedWarm, 0.99), maxMs: sortedWarm.at(-1) ?? Number.NaN },
      server: { n: server.length, medianMs: quantile(server, 0.5), p99Ms: quantile(server, 0.99) },
      heap: { peakBytes: peak, lastBytes: last, samples },
      answers,
      results,
      ...(loadMs === undefined ? {} : { loadMs }),
    };
  } finally {
    // wrangler runs workerd as a child of its own: stop the whole group.
    if (child?.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    }
    await rm(work, { recursive: true, force: true });
  }
}
