import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

/**
 * `npm run loadtest`: the Node server (npm start's, built index and UI) on loopback under autocannon:
 * runs of 30 s at 50 connections, three of them, asking the evaluation sets' questions in Japanese and
 * English (nine searches for every chat). Reports throughput, latency percentiles and errors per run, and
 * the server's memory after each run, as the run left it and after a full garbage collection (the server
 * runs under scripts/loadtest-server.ts for that); fails when any request errs or memory after a full GC
 * following the last run is more than 10% above the same after the first. The server runs as configured for production (request
 * logs on, to /dev/null here) except for the per-client rate limit, which one load generator would hit.
 *
 *   npm run loadtest -- [--duration 30] [--connections 50] [--runs 3] [--out loadtest.json]
 */
const { values } = parseArgs({
  options: { duration: { type: 'string', default: '30' }, connections: { type: 'string', default: '50' }, runs: { type: 'string', default: '3' }, out: { type: 'string' } },
});
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const RUNS = Number(values.runs);
const MEMORY_GROWTH_LIMIT = 0.1;

interface Question {
  question: string;
  lang: string;
  kind: string;
}

async function questions(): Promise<Question[]> {
  const sets = await Promise.all(['dev', 'probe', 'holdout'].map(async (set) => JSON.parse(await readFile(`test/eval/${set}.json`, 'utf8')) as Question[]));
  return sets.flat();
}

interface Memory {
  /** Resident set size as the run left it, garbage included. */
  residentMiB: number;
  /** Resident set size and live heap after a full garbage collection: what the server really holds. */
  residentAfterGcMiB: number;
  heapAfterGcMiB: number;
}

interface Server {
  measure(): Promise<Memory>;
  stop(): void;
}

async function startServer(port: number): Promise<Server> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'scripts/loadtest-server.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT: '0', LOG_REQUESTS: 'true' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((response) => response.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    measure: () =>
      new Promise<Memory>((resolve) => {
        child.once('message', (message) => resolve(message as Memory));
        child.send('measure');
      }),
    stop: () => child.kill('SIGTERM'),
  };
}

async function main(): Promise<void> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const items = await questions();
  const japanese = items.filter((item) => item.lang === 'ja');
  const english = items.filter((item) => item.lang === 'en');
  // Alternate the languages; every tenth request is a chat (POST, JSON body), the rest searches.
  const mixed = Array.from({ length: Math.max(japanese.length, english.length) * 2 }, (_, index) => (index % 2 === 0 ? japanese : english)[Math.floor(index / 2) % (index % 2 === 0 ? japanese.length : english.length)] as Question);
  const requests = mixed.map((item, index) =>
    index % 10 === 9
      ? { method: 'POST' as const, path: '/api/chat', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: item.question }] }) }
      : { method: 'GET' as const, path: `/api/search?${new URLSearchParams({ q: item.question, limit: '10' })}` },
  );

  const server = await startServer(port);
  const runs: Array<Record<string, number>> = [];
  try {
    const idle = await server.measure();
    console.log(`server on 127.0.0.1:${port}, ${idle.residentAfterGcMiB} MiB resident (heap ${idle.heapAfterGcMiB} MiB) before load; ${RUNS} runs of ${DURATION} s at ${CONNECTIONS} connections, ${requests.length} distinct requests (${japanese.length} Japanese and ${english.length} English questions)`);
    for (let run = 1; run <= RUNS; run++) {
      const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: DURATION, requests });
      const memory = await server.measure();
      const summary = {
        run,
        requests: result.requests.total,
        throughputPerSecond: Math.round(result.requests.average * 10) / 10,
        latencyP50Ms: result.latency.p50,
        latencyP90Ms: result.latency.p90,
        latencyP99Ms: result.latency.p99,
        latencyMaxMs: result.latency.max,
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        ...memory,
      };
      runs.push(summary);
      console.log(
        `run ${run}: ${summary.requests} requests, ${summary.throughputPerSecond} req/s; latency p50 ${summary.latencyP50Ms} ms, p90 ${summary.latencyP90Ms} ms, p99 ${summary.latencyP99Ms} ms, max ${summary.latencyMaxMs} ms; ` +
          `errors ${summary.errors}, timeouts ${summary.timeouts}, non-2xx ${summary.non2xx}; ` +
          `${memory.residentMiB} MiB resident after, ${memory.residentAfterGcMiB} MiB after a full GC (heap ${memory.heapAfterGcMiB} MiB)`,
      );
    }
  } finally {
    server.stop();
  }

  const growth = (key: keyof Memory): number => {
    const first = runs[0]?.[key] ?? 0;
    const last = runs.at(-1)?.[key] ?? 0;
    return first === 0 ? 0 : (last - first) / first;
  };
  const percent = (value: number): string => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
  const memoryGrowth = { resident: growth('residentMiB'), residentAfterGc: growth('residentAfterGcMiB'), heapAfterGc: growth('heapAfterGcMiB') };
  const failed = runs.reduce((sum, run) => sum + (run.errors ?? 0) + (run.timeouts ?? 0) + (run.non2xx ?? 0), 0);
  console.log(
    `memory after the last run vs after the first: after a full GC ${percent(memoryGrowth.residentAfterGc)} resident, ${percent(memoryGrowth.heapAfterGc)} heap (limit +${MEMORY_GROWTH_LIMIT * 100}%); ` +
      `as left by the run, before GC, ${percent(memoryGrowth.resident)} (garbage not yet collected moves this either way); failed requests: ${failed}`,
  );
  if (values.out) await writeFile(values.out, `${JSON.stringify({ node: process.version, duration: DURATION, connections: CONNECTIONS, runs, memoryGrowth }, null, 2)}\n`);
  if (failed > 0 || memoryGrowth.residentAfterGc > MEMORY_GROWTH_LIMIT || memoryGrowth.heapAfterGc > MEMORY_GROWTH_LIMIT) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
