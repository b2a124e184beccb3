/// <reference lib="dom" />
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../support/node-server';
import { ARTIFACTS, ask, hostPages, launchBrowser, openPage } from '../support/browser';

/**
 * Security in a real browser (Debian's Chromium): a paper whose text and footnotes carry markup and
 * script URLs shows them as text and runs nothing; a server with API_TOKEN is usable from its own pages
 * (token from a #token= link or typed in) and from the widget (data-token), and says so when the token is
 * missing.
 */
const TOKEN = 'browser-suite-token-0123456789';
const QUESTION = 'カンボジアは中国に施設の建設を認める代わりに、何を許したと報じられた？';
const MARKUP = '<script>window.__shioriXss = 1</script><img src=x onerror="window.__shioriXss = 2">';

let browser: Browser;
let hostile: RunningServer;
let guarded: RunningServer;
let portal: { origin: string; server: Server };
const portalPages: Record<string, string> = {};

beforeAll(async () => {
  // The fixture paper, with markup in a paragraph and in a footnote, and a javascript: URL beside the real one.
  const root = mkdtempSync(join(tmpdir(), 'shiori-hostile-'));
  const corpus = join(root, 'corpus');
  cpSync('test/fixtures/mda-commentary.txt', join(corpus, 'mda-commentary.txt'));
  const paper = readFileSync(join(corpus, 'mda-commentary.txt'), 'utf8')
    .replace('衛星データの共有を拡大することで一致した1。', `衛星データの共有を拡大することで一致した${MARKUP}1。`)
    .replace('1 外務省「第 2回日豪 MDA 対話の開催」、', `1 外務省「第 2回日豪 MDA 対話の開催」${MARKUP} javascript:alert(1) `);
  writeFileSync(join(corpus, 'mda-commentary.txt'), paper);
  portal = await hostPages(portalPages);
  [hostile, guarded] = await Promise.all([
    startNodeServer({ CORPUS_DIR: corpus, INDEX_DIR: join(root, 'index') }),
    startNodeServer({ API_TOKEN: TOKEN, ALLOWED_ORIGINS: portal.origin }),
  ]);
  const widgetPage = (token: string): string => `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Portal</title><link rel="icon" href="data:,">
<script src="${guarded.url}/embed.js" data-lang="ja"${token === '' ? '' : ` data-token="${token}"`} defer></script></head><body><h1>ポータル</h1></body></html>`;
  portalPages['/with-token.html'] = widgetPage(TOKEN);
  portalPages['/without-token.html'] = widgetPage('');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([hostile?.stop(), guarded?.stop()]);
  portal?.server.close();
});

describe('a paper with markup in its text', () => {
  it('shows the markup as text in answers, cards, footnotes and the reader, and runs none of it', async () => {
    const { context, page, problems } = await openPage(browser);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${hostile.url}/`);
    await ask(page, '日豪の第2回MDA対話ではどんなことで一致した？');
    await expect.poll(() => page.locator('.shiori-quote').textContent()).toContain(MARKUP);
    const card = page.locator('.shiori-card').first();
    await card.getByRole('button', { name: '全文を表示' }).click();
    expect(await card.locator('.shiori-excerpt').textContent()).toContain(MARKUP);
    expect(await card.locator('.shiori-notes').textContent()).toContain(MARKUP);
    expect(await card.locator('.shiori-notes').textContent()).toContain('javascript:alert(1)');
    const hrefs = await page.locator('.shiori-thread a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(?:https?:\/\/|\/documents\/)/u);
    expect(await page.locator('.shiori-thread img, .shiori-thread script').count()).toBe(0);
    await page.goto(`${hostile.url}/documents/mda-commentary#p-3`);
    await page.locator('#p-3').waitFor();
    expect(await page.locator('#p-3').textContent()).toContain(MARKUP);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __shioriXss?: number }).__shioriXss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('a server with API_TOKEN', () => {
  it('works from a #token= link, which leaves the address bar and is kept for the tab', async () => {
    const { context, page, requests, problems } = await openPage(browser);
    await page.goto(`${guarded.url}/#token=${TOKEN}`);
    expect(await page.evaluate(() => location.hash)).toBe('');
    await ask(page, QUESTION);
    await expect.poll(() => page.locator('.shiori-quote').textContent()).toContain('リアム海軍基地へのアクセス');
    expect(requests.every((url) => !url.includes(TOKEN))).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('asks for the token when it has none, then answers with the one typed in', async () => {
    const { context, page } = await openPage(browser, { locale: 'en-US' });
    await page.goto(`${guarded.url}/`);
    await page.getByRole('textbox', { name: 'Question' }).fill(QUESTION);
    await page.getByRole('textbox', { name: 'Question' }).press('Enter');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('This shiori needs an access token. Enter the token your administrator gave you.');
    await page.screenshot({ path: `${ARTIFACTS}/token-prompt.png` });
    await page.getByLabel('Access token').fill(TOKEN);
    await page.getByRole('button', { name: 'Use' }).click();
    await expect.poll(() => page.locator('.shiori-quote').textContent()).toContain('リアム海軍基地へのアクセス');
    await context.close();
  });

  it('works in the widget with data-token, and says the page needs one without it', async () => {
    for (const [path, works] of [['/with-token.html', true], ['/without-token.html', false]] as const) {
      const { context, page, problems } = await openPage(browser);
      await page.goto(`${portal.origin}${path}`);
      const widget = page.locator('shiori-widget');
      await widget.getByRole('button', { name: '栞 shiori に質問する' }).click();
      expect(await widget.getAttribute('token')).toBeNull();
      await widget.getByRole('textbox').fill(QUESTION);
      await widget.getByRole('textbox').press('Enter');
      if (works) await expect.poll(() => widget.locator('.shiori-quote').textContent()).toContain('リアム海軍基地へのアクセス');
      else await expect.poll(() => widget.getByRole('alert').first().textContent()).toBe('この窓口はアクセストークンがないと使えません。ページの管理者にお知らせください。');
      expect(problems.filter((problem) => !problem.includes('401'))).toEqual([]);
      await context.close();
    }
  });
});
