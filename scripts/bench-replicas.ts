import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest, Agent, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { parseConfig } from '../src/config';
import { ensureFreshIndex } from '../src/ingest/index-status';

/**
 * `npm run bench:replicas`: the Node server as stateless replicas over one immutable index (issue 14, item
 * 5). The index is built once; then, on loopback, one server alone and two servers behind a small
 * round-robin proxy are loaded side by side by autocannon with the evaluation questions (GET /api/search),
 * and every question is asked of both replicas to check they give byte-identical answers. The proxy is a
 * stand-in for the intranet's reverse proxy (nginx, HAProxy): the replicas share nothing but the index
 * folder, read-only.
 *
 *   npm run bench:replicas -- [--duration 15] [--connections 32]
 */
const { values } = parseArgs({ options: { duration: { type: 'string', default: '15' }, connections: { type: 'string', default: '32' } } });
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/adapters/node.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT: '0', LOG_REQUESTS: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server on ${port} exited with ${child.exitCode}`);
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((response) => response.ok, () => false)) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server on ${port} did not start`);
}

/** A round-robin HTTP proxy on `port` to the `targets` ports, with keep-alive to each. */
function roundRobin(port: number, targets: readonly number[]): Promise<Server> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const target = targets[next++ % targets.length] as number;
    const forwarded = httpRequest({ host: '127.0.0.1', port: target, method: incoming.method, path: incoming.url, headers: incoming.headers, agent }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forwarded.on('error', () => {
      outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(forwarded);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  await ensureFreshIndex({ corpusDir: config.CORPUS_DIR, indexDir: config.INDEX_DIR });
  const items = (await Promise.all(['dev', 'probe', 'holdout'].map(async (set) => JSON.parse(await readFile(`test/eval/${set}.json`, 'utf8')) as Array<{ question: string }>))).flat();
  const requests = items.map((item) => ({ method: 'GET' as const, path: `/api/search?${new URLSearchParams({ q: item.question, limit: '10' })}` }));
  const base = 20000 + Math.floor(Math.random() * 20000);
  const [first, second, proxyPort] = [base, base + 1, base + 2];
  const servers = [await startServer(first), await startServer(second)];
  const proxy = await roundRobin(proxyPort, [first, second]);
  try {
    // The same answers from each replica, byte for byte.
    let different = 0;
    for (const { path } of requests) {
      const [a, b] = await Promise.all([first, second].map((port) => fetch(`http://127.0.0.1:${port}${path}`).then((response) => response.text())));
      if (a !== b) different++;
    }
    console.log(`${requests.length} questions asked of both replicas: ${different} answers differ`);
    const run = async (name: string, port: number): Promise<void> => {
      const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: DURATION, requests });
      console.log(
        `${name.padEnd(40)} ${String(Math.round(result.requests.average)).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  errors ${result.errors + result.timeouts + result.non2xx}`,
      );
    };
    // Side by side, twice each, alternating: the machine is shared.
    for (let round = 1; round <= 2; round++) {
      await run(`round ${round}: one server`, first);
      await run(`round ${round}: two replicas behind the proxy`, proxyPort);
    }
  } finally {
    proxy.close();
    for (const server of servers) server.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
