/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, hostPages, launchBrowser, openPage } from '../support/browser';
import { startNodeServer, type RunningServer } from '../support/node-server';

/**
 * shiori as an intranet runs it, in Debian's Chromium: behind a reverse proxy that terminates TLS (a
 * Node https proxy with a self-signed certificate made here, which Chromium is told to accept), embedded
 * in a portal, with a paper whose footnote tries to spoof a link with bidi controls, and with URLs that
 * do not decode.
 */
const QUESTION = 'カンボジアは中国に施設の建設を認める代わりに、何を許したと報じられた？';
const SPOOF = '\u202e[https://evil.example/#moc.kniloc.www//:sptth]';

interface Proxy {
  origin: string;
  server: Server;
}

/** A TLS-terminating reverse proxy in front of `target`, as SECURITY.md prescribes; `forwarded`: as nginx's default (Host rewritten, X-Forwarded-*). */
async function startProxy(key: string, cert: string, port: number, target: () => string, forwarded: boolean): Promise<Proxy> {
  const server = createHttpsServer({ key, cert }, (request, response) => {
    const upstream = new URL(target());
    const headers = { ...request.headers };
    if (forwarded) {
      headers['x-forwarded-proto'] = 'https';
      headers['x-forwarded-host'] = request.headers.host ?? '';
      headers['x-forwarded-for'] = request.socket.remoteAddress ?? '';
      headers.host = upstream.host;
    }
    const proxied = httpRequest({ host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    proxied.on('error', () => response.destroy());
    request.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { origin: `https://localhost:${(server.address() as AddressInfo).port}`, server };
}

async function freePort(): Promise<number> {
  const probe = createHttpsServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

let browser: Browser;
let root: string;
const servers: RunningServer[] = [];
const proxies: Proxy[] = [];
let portal: { origin: string; server: Server };
const portalPages: Record<string, string> = {};
let publicOrigin: RunningServer;
let byHeaders: RunningServer;
let spoofed: RunningServer;
let viaPublicOrigin: Proxy;
let viaHeaders: Proxy;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'shiori-deploy-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(root, 'key.pem'), '-out', join(root, 'cert.pem')], { stdio: 'ignore' });
  const key = readFileSync(join(root, 'key.pem'), 'utf8');
  const cert = readFileSync(join(root, 'cert.pem'), 'utf8');
  portal = await hostPages(portalPages);

  // The proxy's public address is what the server must be told (PUBLIC_ORIGIN), so its port comes first.
  const [publicPort, headersPort] = await Promise.all([freePort(), freePort()]);
  const corpus = join(root, 'corpus');
  cpSync('test/fixtures/mda-commentary.txt', join(corpus, 'mda-commentary.txt'));
  const paper = readFileSync(join(corpus, 'mda-commentary.txt'), 'utf8').replace('1 外務省「第 2回日豪 MDA 対話の開催」、', `1 外務省「第 2回日豪 MDA 対話の開催」${SPOOF}、`);
  writeFileSync(join(corpus, 'mda-commentary.txt'), paper);
  [publicOrigin, byHeaders, spoofed] = await Promise.all([
    startNodeServer({ PUBLIC_ORIGIN: `https://localhost:${publicPort}`, ALLOWED_ORIGINS: portal.origin }),
    startNodeServer({ TRUST_PROXY: 'true' }),
    startNodeServer({ CORPUS_DIR: corpus, INDEX_DIR: join(root, 'index'), ALLOWED_ORIGINS: portal.origin }),
  ]);
  servers.push(publicOrigin, byHeaders, spoofed);
  viaPublicOrigin = await startProxy(key, cert, publicPort, () => publicOrigin.url, false);
  viaHeaders = await startProxy(key, cert, headersPort, () => byHeaders.url, true);
  proxies.push(viaPublicOrigin, viaHeaders);
  portalPages['/proxied.html'] = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Portal</title><link rel="icon" href="data:,">
<script src="${viaPublicOrigin.origin}/embed.js" data-lang="ja" defer></script></head><body><h1>ポータル</h1></body></html>`;
  portalPages['/spoofed.html'] = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Portal</title><link rel="icon" href="data:,">
<script src="${spoofed.url}/embed.js" data-lang="ja" data-token="not-a-real-token-0123456789" defer></script></head><body><h1>ポータル</h1></body></html>`;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => server.stop()));
  for (const proxy of proxies) proxy.server.close();
  portal?.server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('behind a TLS-terminating reverse proxy', () => {
  it.each([
    ['PUBLIC_ORIGIN names the proxy', () => viaPublicOrigin],
    ['TRUST_PROXY takes X-Forwarded-Proto and X-Forwarded-Host from it', () => viaHeaders],
  ])('answers a question in the chat UI when %s', async (_name, proxy) => {
    const { context, page, problems } = await openPage(browser, { ignoreHttpsErrors: true });
    await page.goto(`${proxy().origin}/`);
    expect(page.url().startsWith('https://')).toBe(true);
    await ask(page, QUESTION);
    await expect.poll(() => page.locator('.shiori-quote').textContent()).toContain('リアム海軍基地へのアクセス');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('serves the widget to a portal in ALLOWED_ORIGINS, through the proxy', async () => {
    const { context, page, problems } = await openPage(browser, { ignoreHttpsErrors: true });
    await page.goto(`${portal.origin}/proxied.html`);
    const widget = page.locator('shiori-widget');
    await widget.getByRole('button', { name: '栞 shiori に質問する' }).click();
    await widget.getByRole('textbox').fill(QUESTION);
    await widget.getByRole('textbox').press('Enter');
    await expect.poll(() => widget.locator('.shiori-quote').textContent()).toContain('リアム海軍基地へのアクセス');
    expect(problems).toEqual([]);
    await context.close();
  });
});

/** The x position of each character of the element's text, in the order the text stores them. */
function characterPositions(element: Element): number[] {
  const positions: number[] = [];
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (let index = 0; index < text.length; index++) {
      const range = element.ownerDocument.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + 1);
      positions.push(range.getBoundingClientRect().left);
    }
  }
  return positions;
}

describe('a footnote that spoofs a link with a right-to-left override', () => {
  const expectHonestLabel = async (label: Locator): Promise<void> => {
    expect(await label.textContent()).toBe('https://evil.example/#moc.kniloc.www//:sptth');
    const positions = await label.evaluate(characterPositions);
    // Read left to right as stored: every character right of the one before it.
    expect(positions.every((x, index) => index === 0 || x > (positions[index - 1] as number))).toBe(true);
  };

  it('shows the address as it is stored, left to right, in the chat, the reader and the widget', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${spoofed.url}/`);
    await ask(page, '日豪の第2回MDA対話ではどんなことで一致した？');
    const card = page.locator('.shiori-card').first();
    await expectHonestLabel(card.locator('a[href^="https://evil.example/"]').first());
    await page.goto(`${spoofed.url}/documents/mda-commentary#fn-1`);
    await expectHonestLabel(page.locator('#fn-1 a[href^="https://evil.example/"]'));
    await page.goto(`${portal.origin}/spoofed.html`);
    const widget = page.locator('shiori-widget');
    await widget.getByRole('button', { name: '栞 shiori に質問する' }).click();
    await widget.getByRole('textbox').fill('日豪の第2回MDA対話ではどんなことで一致した？');
    await widget.getByRole('textbox').press('Enter');
    await widget.locator('.shiori-card').first().waitFor();
    await expectHonestLabel(widget.locator('.shiori-card a[href^="https://evil.example/"]').first());
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the widget\'s token', () => {
  it('is taken off the script tag once read, as well as off the widget element, so the portal\'s other scripts do not find it', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${portal.origin}/spoofed.html`);
    const widget = page.locator('shiori-widget');
    await widget.getByRole('button', { name: '栞 shiori に質問する' }).waitFor();
    expect(await page.locator('script[src$="/embed.js"]').getAttribute('data-token')).toBeNull();
    expect(await page.locator('script[src$="/embed.js"]').getAttribute('data-lang')).toBe('ja');
    expect(await widget.getAttribute('token')).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('addresses that do not decode', () => {
  it('shows the reader\'s "not found" for /documents/%E0%A4 and the chat for /#token=%E0%A4, with no script error', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${spoofed.url}/documents/%E0%A4`);
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('この資料は見つかりませんでした。');
    await page.goto(`${spoofed.url}/#token=%E0%A4`);
    await page.getByRole('textbox').waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('');
    await ask(page, '日豪の第2回MDA対話ではどんなことで一致した？');
    expect(problems).toEqual([]);
    await context.close();
  });
});
