import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/server/rate-limit';
import { startNodeServer } from '../support/node-server';

/** What operators rely on: request logs, graceful shutdown, caching, and the rate limiter's arithmetic. */

const requestLines = (output: string): Array<Record<string, unknown>> =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes('"event":"request"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('request logs', () => {
  it('write one JSON line per request: method, path, status, duration, error code; never the question by default', async () => {
    const server = await startNodeServer({ LOG_REQUESTS: 'true' });
    try {
      await fetch(`${server.url}/api/search?q=${encodeURIComponent('社外秘の質問 NATO')}`);
      await fetch(`${server.url}/api/search?q=`);
      await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: '社外秘の質問 ASEAN' }] }) });
      await expect.poll(() => requestLines(server.output()).length).toBeGreaterThanOrEqual(3);
      const [search, invalid, chat] = requestLines(server.output()).filter((line) => String(line.path).startsWith('/api/'));
      expect(search).toMatchObject({ level: 'info', event: 'request', method: 'GET', path: '/api/search', status: 200 });
      expect(typeof search?.ms).toBe('number');
      expect(Date.parse(String(search?.time))).not.toBeNaN();
      expect(invalid).toMatchObject({ path: '/api/search', status: 400, error: 'INVALID_PARAMETER' });
      expect(chat).toMatchObject({ method: 'POST', path: '/api/chat', status: 200 });
      expect(server.output()).not.toContain('社外秘');
      expect(server.output()).not.toContain('q=');
    } finally {
      await server.stop();
    }
  });

  it('carry the question when LOG_QUERIES=true, and nothing when LOG_REQUESTS=false', async () => {
    const [withQuestions, silent] = await Promise.all([startNodeServer({ LOG_REQUESTS: 'true', LOG_QUERIES: 'true' }), startNodeServer({ LOG_REQUESTS: 'false' })]);
    try {
      await Promise.all([withQuestions, silent].map((server) => fetch(`${server.url}/api/search?q=${encodeURIComponent('SEATOの条約は今も有効？')}`)));
      await expect.poll(() => requestLines(withQuestions.output()).find((line) => line.path === '/api/search')?.question).toBe('SEATOの条約は今も有効？');
      expect(requestLines(silent.output())).toEqual([]);
    } finally {
      await Promise.all([withQuestions.stop(), silent.stop()]);
    }
  });
});

describe('shutdown', () => {
  it('on SIGTERM finishes what is in flight, logs it, exits 0 and takes no new connections', async () => {
    const server = await startNodeServer({ LOG_REQUESTS: 'true' });
    const inFlight = fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'マクロン大統領はNATOを何と評した？' }] }),
    });
    await expect.poll(() => requestLines(server.output()).some((line) => line.path === '/api/chat')).toBe(true);
    server.process.kill('SIGTERM');
    const [code] = (await once(server.process, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(await (await inFlight).text()).toContain('event: done');
    expect(server.output()).toMatch(/"event":"shutdown","signal":"SIGTERM"/u);
    expect(server.output()).toMatch(/"event":"stopped"/u);
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });
});

describe('caching', () => {
  it('keeps hashed page assets for good, revalidates pages and the widget script, never stores answers', async () => {
    const server = await startNodeServer();
    try {
      const page = await fetch(`${server.url}/`);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      const etag = page.headers.get('etag');
      expect(etag).toMatch(/^"[0-9a-f]+"$/u);
      const again = await fetch(`${server.url}/`, { headers: { 'if-none-match': etag as string } });
      expect(again.status).toBe(304);
      const html = await page.text();
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/app-[A-Z0-9]{8}\.(?:js|css))"/gu)].map((match) => match[1] as string);
      expect(assets).toHaveLength(2);
      for (const asset of assets) expect((await fetch(`${server.url}${asset}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      for (const path of ['/', assets[0] as string, '/embed.js', '/nothing-here']) {
        const response = await fetch(`${server.url}${path}`);
        expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      }
      expect((await fetch(`${server.url}/embed.js`)).headers.get('cache-control')).toBe('public, max-age=300');
      expect((await fetch(`${server.url}/api/search?q=NATO`)).headers.get('cache-control')).toBe('no-store');
      expect((await fetch(`${server.url}/api/nothing`)).headers.get('cache-control')).toBe('no-store');
    } finally {
      await server.stop();
    }
  });

  it('tags documents and passages with the index they come from, answering 304 until it changes', async () => {
    const server = await startNodeServer();
    try {
      const health = (await (await fetch(`${server.url}/api/health`)).json()) as { index: { corpusHash: string } };
      const list = await fetch(`${server.url}/api/documents`);
      const tag = list.headers.get('etag') as string;
      expect(list.headers.get('cache-control')).toBe('private, no-cache');
      expect(tag).toContain(health.index.corpusHash.slice(0, 16));
      const { documents } = (await list.json()) as { documents: Array<{ id: string }> };
      const document = await fetch(`${server.url}/api/documents/${documents[0]?.id}`);
      expect(document.headers.get('etag')).toBe(tag);
      const { results } = (await (await fetch(`${server.url}/api/search?q=NATO&limit=1`)).json()) as { results: Array<{ id: string }> };
      const passage = await fetch(`${server.url}/api/passages/${results[0]?.id}`);
      expect(passage.status).toBe(200);
      expect(passage.headers.get('etag')).toBe(tag);

      for (const header of [tag, `W/${tag}`, `"other", ${tag}`, '*']) {
        const revalidated = await fetch(`${server.url}/api/documents`, { headers: { 'if-none-match': header } });
        expect(revalidated.status).toBe(304);
        expect(revalidated.headers.get('etag')).toBe(tag);
        expect(await revalidated.text()).toBe('');
      }
      expect((await fetch(`${server.url}/api/documents`, { headers: { 'if-none-match': '"an-older-index"' } })).status).toBe(200);
      // Errors are not cached, and a tag does not turn a missing document into a 304.
      const missing = await fetch(`${server.url}/api/documents/nothing-here`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('cache-control')).toBe('no-store');
      expect(missing.headers.get('etag')).toBeNull();
    } finally {
      await server.stop();
    }
  });
});

describe('RateLimiter', () => {
  it('lets a client make a minute’s worth at once, then one per interval, and says when to come back', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let request = 0; request < 60; request++) expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').allowed).toBe(true);
    now += 1_000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('rounds the wait up to whole seconds for slow limits', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    now += 29_000;
    expect(limiter.take('a').allowed).toBe(false);
    now += 1_000;
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('remembers a bounded number of clients however many there are', () => {
    let now = 0;
    const limiter = new RateLimiter(10, () => now);
    for (let client = 0; client < 25_000; client++) {
      limiter.take(`client-${client}`);
      now += 1;
    }
    expect(limiter.clients).toBeLessThanOrEqual(10_000);
  });
});

describe('slow clients', () => {
  it('answers 408 and closes the connection of a client that never finishes its headers, within seconds of the 10 s limit', async () => {
    const server = await startNodeServer();
    try {
      const url = new URL(server.url);
      const socket = connect(Number(url.port), url.hostname);
      await once(socket, 'connect');
      const started = Date.now();
      socket.write('GET /api/health HTTP/1.1\r\nHost: shiori\r\n');
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      await once(socket, 'close');
      const seconds = (Date.now() - started) / 1000;
      expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
      // Node's own check runs every 30 s unless told otherwise: a stalled request would hold on for up to 40 s.
      expect(seconds).toBeGreaterThanOrEqual(9);
      expect(seconds).toBeLessThan(15);
      // The server still answers others.
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 40_000);
});
