/// <reference lib="dom" />
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../support/node-server';
import { ARTIFACTS, ask, hostPages, launchBrowser, openPage } from '../support/browser';

/**
 * The UI as a research tool (issue 15), in Debian's Chromium against the real Node server: the thread
 * survives the reader, Back and a reload; the reader opens beside the chat on a wide screen; the iframe
 * takes no focus from its portal; Chinese in footnotes is drawn with real glyphs.
 */
const SEATO = 'SEATOという組織はもう無くなったけど、土台になった条約のほうは今も生きてるの？';
const SEATO_QUOTE = '同条約は法的には現在も失効していない';

let shiori: RunningServer;
let browser: Browser;
let portal: { origin: string; server: Server };
const portalPages: Record<string, string> = {};

beforeAll(async () => {
  portal = await hostPages(portalPages);
  shiori = await startNodeServer({ ALLOWED_ORIGINS: portal.origin });
  // A portal with its own Ctrl+K, and the iframe below its first screen.
  portalPages['/portal.html'] = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Portal</title><link rel="icon" href="data:,"></head>
<body><h1>社内ポータル</h1><input id="portal-search" aria-label="ポータル検索"><div style="height: 1400px">お知らせ</div>
<iframe src="${shiori.url}/embed?lang=ja" title="shiori" width="600" height="500"></iframe>
<script>window.portalShortcuts = 0; document.addEventListener('keydown', (event) => { if ((event.ctrlKey || event.metaKey) && event.key === 'k') { event.preventDefault(); window.portalShortcuts++; document.getElementById('portal-search').focus(); } });</script>
</body></html>`;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await shiori?.stop();
  portal?.server.close();
});

const questions = (page: Page): Promise<string[]> => page.locator('.shiori-question').allTextContents();

describe('the conversation', () => {
  it('survives the reader, Back and a reload on a phone, and "New conversation" starts an empty one', async () => {
    const { context, page, problems } = await openPage(browser, { width: 375, height: 740 });
    await page.goto(`${shiori.url}/`);
    await ask(page, SEATO);
    await expect.poll(() => page.locator('.shiori-quote').textContent()).toContain(SEATO_QUOTE);
    await ask(page, 'それはいつ解体された？');
    const before = { questions: await questions(page), quotes: await page.locator('.shiori-quote').allTextContents(), cards: await page.locator('.shiori-card').count() };
    expect(before.questions).toHaveLength(2);

    // A narrow screen opens the reader as a page of its own.
    await page.locator('.shiori-card').first().getByRole('link', { name: '資料で開く' }).click();
    await page.waitForURL(/\/documents\/[^#]+#p-\d+$/u);
    await page.locator('.shiori-target').waitFor();
    await page.goBack();
    await page.waitForURL(`${shiori.url}/`);
    await page.locator('.shiori-quote').first().waitFor();
    expect(await questions(page)).toEqual(before.questions);
    // A reload draws the kept thread from the tab's storage, not from the browser's page cache.
    await page.reload();
    await page.locator('.shiori-quote').first().waitFor();
    expect(await questions(page)).toEqual(before.questions);
    expect(await page.locator('.shiori-quote').allTextContents()).toEqual(before.quotes);
    expect(await page.locator('.shiori-card').count()).toBe(before.cards);
    await page.screenshot({ path: `${ARTIFACTS}/thread-restored-375.png`, fullPage: false });

    // The kept thread is the conversation: a follow-up is still read with the question before it.
    await ask(page, 'それはどこで結ばれた？');
    await expect.poll(() => page.locator('.shiori-context').last().textContent()).toContain('それはいつ解体された？');

    await page.getByRole('button', { name: '新しい会話' }).click();
    expect(await page.locator('.shiori-turn').count()).toBe(0);
    expect(await page.locator('.shiori-example').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: '新しい会話' }).isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.reload();
    await page.locator('.shiori-example').first().waitFor();
    expect(await page.locator('.shiori-turn').count()).toBe(0);
    // The first question of the new conversation stands alone.
    await ask(page, 'それはどこで結ばれた？');
    expect(await page.locator('.shiori-context').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('draws nothing from a kept thread it did not write, and still answers', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${shiori.url}/`);
    await page.evaluate(() => sessionStorage.setItem('shiori-thread', JSON.stringify({ version: 1, turns: [{ question: 'x', lang: 'ja', reply: { found: 'yes' } }] })));
    await page.reload();
    await page.locator('.shiori-example').first().waitFor();
    expect(await page.locator('.shiori-turn').count()).toBe(0);
    await ask(page, SEATO);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the reader beside the chat', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`opens at the passage next to the thread at 1280 px (${colorScheme}), and closes with Escape`, async () => {
      const { context, page, problems } = await openPage(browser, { width: 1280, height: 800, locale: 'en-US', colorScheme });
      await page.goto(`${shiori.url}/?lang=en`);
      await ask(page, 'Is the SEATO treaty still in force?');
      const link = page.locator('.shiori-card').first().getByRole('link', { name: 'Open in the paper' });
      const href = (await link.getAttribute('href')) ?? '';
      await link.click();
      const panel = page.getByRole('complementary', { name: 'Paper', exact: true });
      await panel.locator('.shiori-target').waitFor();
      expect(page.url()).toBe(`${shiori.url}/?lang=en`);
      const anchor = href.slice(href.indexOf('#') + 1);
      expect(await panel.locator('.shiori-target').getAttribute('id')).toBe(anchor);
      expect(await page.evaluate(() => document.activeElement?.closest('.shiori-reader-panel') !== null)).toBe(true);
      // Side by side: the thread stays on screen, left of the paper.
      const [chat, reader] = await Promise.all([page.locator('.shiori-chat').boundingBox(), panel.boundingBox()]);
      if (chat === null || reader === null) throw new Error('no boxes');
      expect(chat.x + chat.width).toBeLessThanOrEqual(reader.x + 1);
      expect(await page.locator('.shiori-quote').isVisible()).toBe(true);
      expect(await panel.getByRole('link', { name: 'Open as a page' }).getAttribute('href')).toBe(href);
      await page.screenshot({ path: `${ARTIFACTS}/reader-panel-1280-${colorScheme}.png` });
      await page.keyboard.press('Escape');
      await expect.poll(() => panel.isVisible()).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Open in the paper');
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});

describe('/embed in a portal', () => {
  it('takes no focus on load: the portal stays where it was and keeps its Ctrl+K', async () => {
    const { context, page, problems } = await openPage(browser, { width: 1280, height: 800 });
    await page.goto(`${portal.origin}/portal.html`);
    const frame = page.frameLocator('iframe');
    await frame.locator('.shiori-example').first().waitFor();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
    await page.keyboard.press('Control+k');
    expect(await page.evaluate(() => (window as unknown as { portalShortcuts: number }).portalShortcuts)).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('portal-search');
    // Asking in the frame scrolls the frame, not the portal around it.
    await page.locator('iframe').scrollIntoViewIfNeeded();
    const scrolled = await page.evaluate(() => window.scrollY);
    await frame.getByRole('textbox').fill(SEATO);
    await frame.getByRole('textbox').press('Enter');
    await frame.locator('.shiori-quote').waitFor();
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('Chinese in footnotes', () => {
  it('is drawn with real glyphs, not boxes, in the fonts CI installs (fonts-noto-cjk)', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${shiori.url}/documents/000_d62613a39113a7e6#fn-4`);
    const note = page.locator('#fn-4');
    await note.waitFor();
    expect(await note.textContent()).toContain('美“印太战略”损害东亚和平与发展前景');
    // Each character drawn in the note's own font, against the box drawn for a code point no font has.
    const missing = await note.evaluate((element) => {
      const canvas = document.createElement('canvas');
      canvas.width = 48;
      canvas.height = 48;
      const context2d = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
      const style = getComputedStyle(element);
      context2d.font = `40px ${style.fontFamily}`;
      const draw = (character: string): string => {
        context2d.clearRect(0, 0, 48, 48);
        context2d.fillText(character, 4, 40);
        return Array.from(context2d.getImageData(0, 0, 48, 48).data).join(',');
      };
      const box = draw('\u0378');
      const absent = draw('\u0379') === box;
      const characters = [...new Set([...(element.textContent ?? '')].filter((character) => /\p{Script=Han}/u.test(character)))];
      return { absent, missing: characters.filter((character) => draw(character) === box) };
    });
    // The probe can fail: an unassigned code point is drawn as the same box.
    expect(missing.absent).toBe(true);
    expect(missing.missing).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
