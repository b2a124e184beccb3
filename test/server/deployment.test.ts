import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileAssets } from '../../src/adapters/node-assets';
import { createSearchEngine } from '../../src/search/engine';
import { openIndex } from '../../src/search/store';
import { createApp } from '../../src/server/app';
import { send, startNodeServer, type RunningServer } from '../support/node-server';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * shiori as deployed: behind a TLS-terminating proxy, beside other intranet sites, with a token and a
 * rate limit. The real Node server over HTTP, with the headers a proxy, a browser or an attacker's page
 * would send.
 */
const TOKEN = 'deployment-test-token-0123456789';
let plain: RunningServer;
let behindProxy: RunningServer;
let trusting: RunningServer;
let guarded: RunningServer;
let limited: RunningServer;
beforeAll(async () => {
  [plain, behindProxy, trusting, guarded, limited] = await Promise.all([
    startNodeServer(),
    startNodeServer({ PUBLIC_ORIGIN: 'https://shiori.example.jp' }),
    startNodeServer({ TRUST_PROXY: 'true', ALLOWED_HOSTS: 'shiori.example.jp' }),
    startNodeServer({ API_TOKEN: TOKEN, RATE_LIMIT: '3' }),
    startNodeServer({ RATE_LIMIT: '3' }),
  ]);
});
afterAll(async () => {
  await Promise.all([plain, behindProxy, trusting, guarded, limited].map((server) => server?.stop()));
});

const chat = (server: RunningServer, headers: Record<string, string>): Promise<Response> =>
  send(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'クアッドとは' }] }),
  });
const errorCode = async (response: Response): Promise<string> => ((await response.json()) as { error: { code: string } }).error.code;

describe('behind a reverse proxy that terminates TLS', () => {
  it('refuses the https origin when the server has not been told about the proxy, as before', async () => {
    const port = new URL(plain.url).port;
    const response = await chat(plain, { origin: `https://127.0.0.1:${port}` });
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('with PUBLIC_ORIGIN: takes it as its own origin, and serves its host', async () => {
    expect((await chat(behindProxy, { origin: 'https://shiori.example.jp' })).status).toBe(200);
    expect((await chat(behindProxy, { origin: 'https://shiori.example.jp', host: 'shiori.example.jp' })).status).toBe(200);
    // Not the plain-http twin of that origin, nor another site.
    expect((await chat(behindProxy, { origin: 'http://shiori.example.jp' })).status).toBe(403);
    expect((await chat(behindProxy, { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('with TRUST_PROXY: takes the address the client used from X-Forwarded-Proto and X-Forwarded-Host', async () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shiori.example.jp', origin: 'https://shiori.example.jp' };
    expect((await chat(trusting, forwarded)).status).toBe(200);
    // The last entry is the one the proxy wrote; what the client put before it counts for nothing.
    expect((await chat(trusting, { ...forwarded, 'x-forwarded-host': 'evil.example, shiori.example.jp' })).status).toBe(200);
    expect((await chat(trusting, { ...forwarded, 'x-forwarded-host': 'shiori.example.jp, evil.example' })).status).toBe(421);
    // Without TRUST_PROXY the same headers are ignored.
    const port = new URL(plain.url).port;
    expect((await chat(plain, { ...forwarded, 'x-forwarded-host': `127.0.0.1:${port}`, origin: `https://127.0.0.1:${port}` })).status).toBe(403);
  });
});

describe('host names (DNS rebinding)', () => {
  it('answers 421 HOST_NOT_ALLOWED in JSON for a host name it does not serve, on pages and the API alike', async () => {
    const port = new URL(plain.url).port;
    for (const path of ['/api/search?q=NATO', '/', '/embed.js']) {
      const response = await send(`${plain.url}${path}`, { headers: { host: `rebind.evil.example:${port}` } });
      expect(response.status, path).toBe(421);
      expect(await errorCode(response)).toBe('HOST_NOT_ALLOWED');
    }
    // A same-origin request from the rebinding page carries the evil origin, and is refused by the host check first.
    const rebound = await chat(plain, { host: `rebind.evil.example:${port}`, origin: `http://rebind.evil.example:${port}` });
    expect(rebound.status).toBe(421);
  });

  it('serves the loopback names by default, and the names ALLOWED_HOSTS or PUBLIC_ORIGIN give', async () => {
    const port = new URL(plain.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) expect((await send(`${plain.url}/api/health`, { headers: { host } })).status).toBe(200);
    expect((await send(`${behindProxy.url}/api/health`, { headers: { host: 'shiori.example.jp' } })).status).toBe(200);
    expect((await send(`${behindProxy.url}/api/health`, { headers: { host: 'other.example.jp' } })).status).toBe(421);
  });
});

describe('whose rate limit a request spends', () => {
  it('requests without the token spend a budget of their own, not that of the token holders at the same address', async () => {
    const statuses: number[] = [];
    for (let request = 0; request < 5; request++) statuses.push((await fetch(`${guarded.url}/api/search?q=NATO`)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const withToken: number[] = [];
    for (let request = 0; request < 3; request++) withToken.push((await fetch(`${guarded.url}/api/search?q=NATO`, { headers: { authorization: `Bearer ${TOKEN}` } })).status);
    expect(withToken).toEqual([200, 200, 200]);
  });

  it('a page on another site cannot spend anyone\'s budget with <img src=/api/…>: cross-site requests without CORS are refused first', async () => {
    const imageRequest = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' };
    for (let request = 0; request < 5; request++) {
      const response = await fetch(`${limited.url}/api/search?q=NATO`, { headers: imageRequest });
      expect(response.status).toBe(403);
      expect(await errorCode(response)).toBe('ORIGIN_NOT_ALLOWED');
    }
    const own: number[] = [];
    for (let request = 0; request < 3; request++) own.push((await fetch(`${limited.url}/api/search?q=NATO`, { headers: { 'sec-fetch-site': 'same-origin' } })).status);
    expect(own).toEqual([200, 200, 200]);
  });
});

describe('answers that must not be kept', () => {
  it('streams chat answers with Cache-Control: no-store, as JSON answers are', async () => {
    const response = await chat(plain, { accept: 'text/event-stream' });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-store');
    await response.text();
  });
});

describe('requests Node refuses before the app sees them', () => {
  it('answers a question URL too long for the header limit with a JSON 431', async () => {
    const response = await fetch(`${plain.url}/api/search?q=${'ア'.repeat(6000)}`);
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await errorCode(response)).toBe('HEADERS_TOO_LARGE');
  });

  it('answers bytes that are not HTTP with a JSON 400', async () => {
    const url = new URL(plain.url);
    const socket = connect(Number(url.port), url.hostname);
    await once(socket, 'connect');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.write('NOT HTTP AT ALL\r\n\r\n');
    await once(socket, 'close');
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'MALFORMED_REQUEST' } });
  });
});

describe('/embed and its Content-Security-Policy', () => {
  const engine = async () => createSearchEngine(await openIndex((name) => readFile(join('index', name), 'utf8').catch(() => undefined)));
  const portal = 'https://portal.example.jp';
  const appWith = (allowedOrigins: string[]) => createApp({ engine, assets: fileAssets('dist/web'), allowedOrigins });

  it('repeats the policy on a 304, and a tag from before an origin was removed no longer matches', async () => {
    const before = appWith([portal]);
    const first = await before.request('/embed');
    const tag = first.headers.get('etag') as string;
    expect(first.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${portal}`);
    const revalidated = await before.request('/embed', { headers: { 'if-none-match': tag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${portal}`);
    expect(revalidated.headers.get('x-content-type-options')).toBe('nosniff');

    const after = appWith([]);
    const refreshed = await after.request('/embed', { headers: { 'if-none-match': tag } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('etag')).not.toBe(tag);
    expect(refreshed.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(refreshed.headers.get('content-security-policy')).not.toContain(portal);
  });
});

describe('the Worker as wrangler.toml deploys it', () => {
  it('has no workers.dev address or preview URLs, which would bypass Cloudflare Access, and declares its rate limit', async () => {
    const toml = await readFile('wrangler.toml', 'utf8');
    expect(toml).toMatch(/^workers_dev = false$/mu);
    expect(toml).toMatch(/^preview_urls = false$/mu);
    expect(toml).toMatch(/^\[\[ratelimits\]\]\nname = "RATE_LIMITER"$/mu);
  });
});
