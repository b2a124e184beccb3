import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

/**
 * `npm run loadtest`: the Node server (npm start's, built index and UI) on loopback under autocannon:
 * runs of 30 s at 50 connections, three of them, asking the evaluation sets' questions in Japanese and
 * English (nine searches for every chat). Reports throughput, latency percentiles and errors per run, and
 * the server's resident memory after each run; fails when any request errs or memory after the last run
 * is more than 10% above memory after the first. The server runs as configured for production (request
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

/** The server's resident set size in MiB, from /proc (Linux). */
async function residentMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+)\s+kB/mu.exec(status)?.[1]);
  return Math.round((kib / 1024) * 10) / 10;
}

async function startServer(port: number): Promise<{ pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/adapters/node.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT: '0', LOG_REQUESTS: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((response) => response.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (child.pid === undefined) throw new Error('the server did not start');
  return { pid: child.pid, stop: () => child.kill('SIGTERM') };
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
    const idle = await residentMiB(server.pid);
    console.log(`server on 127.0.0.1:${port}, ${idle} MiB resident before load; ${RUNS} runs of ${DURATION} s at ${CONNECTIONS} connections, ${requests.length} distinct requests (${japanese.length} Japanese and ${english.length} English questions)`);
    for (let run = 1; run <= RUNS; run++) {
      const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: DURATION, requests });
      const memory = await residentMiB(server.pid);
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
        residentMiB: memory,
      };
      runs.push(summary);
      console.log(
        `run ${run}: ${summary.requests} requests, ${summary.throughputPerSecond} req/s; latency p50 ${summary.latencyP50Ms} ms, p90 ${summary.latencyP90Ms} ms, p99 ${summary.latencyP99Ms} ms, max ${summary.latencyMaxMs} ms; ` +
          `errors ${summary.errors}, timeouts ${summary.timeouts}, non-2xx ${summary.non2xx}; ${memory} MiB resident after`,
      );
    }
  } finally {
    server.stop();
  }

  const first = runs[0]?.residentMiB ?? 0;
  const last = runs.at(-1)?.residentMiB ?? 0;
  const growth = first === 0 ? 0 : (last - first) / first;
  const failed = runs.reduce((sum, run) => sum + (run.errors ?? 0) + (run.timeouts ?? 0) + (run.non2xx ?? 0), 0);
  console.log(`memory after the last run is ${(growth * 100).toFixed(1)}% ${growth >= 0 ? 'above' : 'below'} memory after the first (limit +${MEMORY_GROWTH_LIMIT * 100}%); failed requests: ${failed}`);
  if (values.out) await writeFile(values.out, `${JSON.stringify({ node: process.version, duration: DURATION, connections: CONNECTIONS, runs, memoryGrowth: growth }, null, 2)}\n`);
  if (failed > 0 || growth > MEMORY_GROWTH_LIMIT) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
