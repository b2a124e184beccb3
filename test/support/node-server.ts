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

export async function startNodeServer(env: Record<string, string> = {}): Promise<RunningServer> {
  // A random port may be taken (other test files start servers too): try again on another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnPort(20000 + Math.floor(Math.random() * 20000), env);
    } catch (error) {
      if (attempt >= 5 || !(error instanceof Error) || !error.message.includes('EADDRINUSE')) throw error;
    }
  }
}

async function startOnPort(port: number, env: Record<string, string>): Promise<RunningServer> {
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
    // The server listens once its index is loaded, so any answer means ready; a page leaves the API's rate limit untouched.
    const ready = await fetch(`${url}/favicon.svg`).then(() => true, () => false);
    if (ready) break;
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
