import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildWorkerAssets } from './build-worker';
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
 */
export interface WorkerMeasurement {
  loopbackMedianMs: number;
  coldFirstMs: number;
  first: { medianMs: number; p99Ms: number };
  warm: { n: number; medianMs: number; p99Ms: number; maxMs: number };
  heap: { peakBytes: number; lastBytes: number };
  answers: Record<string, string>;
}

const WRANGLER = resolve('node_modules/.bin/wrangler');

/** A CDP call over the inspector's WebSocket (Node 20 needs --experimental-websocket for the global). */
async function inspectorHeap(port: number): Promise<number> {
  const Socket = (globalThis as { WebSocket?: new (url: string, init?: { headers: Record<string, string> }) => WebSocket }).WebSocket;
  if (Socket === undefined) throw new Error('run with node --experimental-websocket (Node 20) for the inspector');
  const socket = new Socket(`ws://127.0.0.1:${port}/ws`, { headers: { Origin: 'http://127.0.0.1' } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the inspector did not answer')), 10_000);
    socket.addEventListener('error', () => reject(new Error('the inspector refused the connection')));
    socket.addEventListener('open', () => socket.send(JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' })));
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: { usedSize: number } };
      if (message.id !== 1) return;
      clearTimeout(timer);
      socket.close();
      resolve(message.result?.usedSize ?? Number.NaN);
    });
  });
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

export async function measureWorker(indexDir: string, questions: readonly string[], rounds: number): Promise<WorkerMeasurement> {
  const work = await mkdtemp(join(tmpdir(), 'shiori-worker-'));
  const port = 21000 + Math.floor(Math.random() * 9000);
  const inspector = port + 1;
  let child: ChildProcess | undefined;
  try {
    const assets = join(work, 'assets');
    await buildWorkerAssets({ index: indexDir, out: assets });
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
        'LOG_REQUESTS = "false"',
        '',
      ].join('\n'),
    );
    let output = '';
    child = spawn(WRANGLER, ['dev', '--config', config, '--port', String(port), '--inspector-port', String(inspector), '--ip', '127.0.0.1', '--persist-to', join(work, 'state'), '--log-level', 'error'], {
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: '1' },
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
      const body = JSON.parse(search.body) as { found: boolean; results: Array<{ id: string; score: number }> };
      return { ms: search.ms, answer: JSON.stringify({ found: body.found, ids: body.results.map((result) => result.id), scores: body.results.map((result) => result.score) }) };
    };

    let peak = 0;
    const sample = async (): Promise<number> => {
      const used = await inspectorHeap(inspector);
      peak = Math.max(peak, used);
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
    for (let round = 0; round < rounds; round++) {
      for (const question of round % 2 === 0 ? questions : [...questions].reverse()) warm.push((await ask(question)).ms);
      await sample();
    }
    const last = await sample();
    const sortedWarm = [...warm].sort((a, b) => a - b);
    const sortedFirst = [...firstTimes].sort((a, b) => a - b);
    return {
      loopbackMedianMs: quantile([...loopback].sort((a, b) => a - b), 0.5),
      coldFirstMs: cold.ms,
      first: { medianMs: quantile(sortedFirst, 0.5), p99Ms: quantile(sortedFirst, 0.99) },
      warm: { n: warm.length, medianMs: quantile(sortedWarm, 0.5), p99Ms: quantile(sortedWarm, 0.99), maxMs: sortedWarm.at(-1) ?? Number.NaN },
      heap: { peakBytes: peak, lastBytes: last },
      answers,
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
