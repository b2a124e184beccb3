/**
 * Run with `node --expose-gc --import tsx test/support/chat-heap.ts <chunked|sized>`: sends chat requests
 * through the real app and index in this process and prints, as JSON, the heap after GC following a
 * warm-up and again after many more requests. test/server/memory.test.ts reads it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSearchEngine } from '../../src/search/engine';
import { openIndex } from '../../src/search/store';
import { createApp } from '../../src/server/app';

const chunked = process.argv[2] === 'chunked';
const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('run with node --expose-gc');

const engine = createSearchEngine(await openIndex((name) => readFile(join('index', name), 'utf8').catch(() => undefined)));
const app = createApp({ engine: async () => engine });
const questions = ['マクロン大統領はNATOを何と評した？', 'What is minilateralism?', '日豪の安全保障協力', 'Which countries joined the Quad?'];

async function send(count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    const text = JSON.stringify({ messages: [{ role: 'user', content: questions[index % questions.length] }] });
    const bytes = new TextEncoder().encode(text);
    // A stream body has no length, as with Transfer-Encoding: chunked over HTTP.
    const body = chunked ? new Blob([bytes]).stream() : bytes;
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': String(bytes.byteLength) }) };
    const response = await app.request('/api/chat', { method: 'POST', headers, body, ...(chunked ? { duplex: 'half' } : {}) } as RequestInit);
    if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  }
}

const heap = (): number => {
  collect();
  return process.memoryUsage().heapUsed;
};
await send(300);
const warm = heap();
await send(Number(process.argv[3] ?? 1500));
console.log(JSON.stringify({ warm, after: heap() }));
