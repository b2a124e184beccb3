import { request as httpRequest } from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';

/** The real Node server (`src/adapters/node.ts`) on a free port, for tests over HTTP. */
export interface RunningServer {
  url: string;
  /** What the server printed so far (stdout and stderr). */
  output(): string;
  /** The server's process, to signal it. */
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * `ready` (default): wait until the server serves an index and no rebuild is running; `listening`:
   * until it answers at all (it listens while its first index is built).
   */
  waitFor?: 'ready' | 'listening';
}

export async function startNodeServer(env: Record<string, string> = {}, { waitFor = 'ready' }: StartOptions = {}): Promise<RunningServer> {
  // A random port may be taken (other test files start servers too): try again on another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnPort(20000 + Math.floor(Math.random() * 20000), env, waitFor);
    } catch (error) {
      if (attempt >= 5 || !(error instanceof Error) || !error.message.includes('EADDRINUSE')) throw error;
    }
  }
}

async function startOnPort(port: number, env: Record<string, string>, waitFor: 'ready' | 'listening'): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/adapters/node.ts'], {
    // Tests send many requests from one address, and read logs only where they ask for them.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT: '0', LOG_REQUESTS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the Node server exited with ${child.exitCode}:\n${output}`);
    // Ready is what the server says it is doing (asking the health check would spend the API's rate limit).
    const listening = await fetch(`${url}/favicon.svg`).then(() => true, () => false);
    if (listening && (waitFor === 'listening' || serving(output))) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (Date.now() >= deadline) throw new Error(`the Node server did not start within 60 s:\n${output}`);
  return {
    url,
    output: () => output,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Whether the server's output says it serves an index and is not building another. */
function serving(output: string): boolean {
  const events = output.split('\n').filter((line) => /^(?:shiori is serving|shiori is listening|serving the new index|index build failed)/u.test(line));
  const last = events[events.length - 1] ?? '';
  const hasIndex = events.some((line) => line.startsWith('shiori is serving') || line.startsWith('serving the new index'));
  return hasIndex && !last.includes('rebuilding the index');
}

/**
 * One HTTP request with exactly these headers, `Host` included (fetch replaces Host with the URL's),
 * answered as a fetch Response.
 */
export function send(url: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) answerHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
        const status = response.statusCode ?? 0;
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: answerHeaders }));
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}
