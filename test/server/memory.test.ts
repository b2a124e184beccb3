import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Heap after GC, measured in a child process with --expose-gc (see test/support/chat-heap.ts). */
async function heapGrowth(mode: 'chunked' | 'sized', requests: number): Promise<number> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/support/chat-heap.ts', mode, String(requests)], { timeout: 60_000 });
  const { warm, after } = JSON.parse(stdout) as { warm: number; after: number };
  return after - warm;
}

describe('memory under repeated chat requests', () => {
  // hono/body-limit re-wraps a request sent without a length and kept ~2 KB per request (8 MB over
  // 4,000 on Node 20); the bounded reader in app.ts keeps the heap within a few hundred KB.
  it('keeps the heap flat over 1,500 chat requests whose bodies come without a length', async () => {
    const growth = await heapGrowth('chunked', 1500);
    expect(growth).toBeLessThan(1024 * 1024);
  }, 60_000);
});
