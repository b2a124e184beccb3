/// <reference lib="dom" />
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../support/node-server';
import { ARTIFACTS, ask, hostPages, launchBrowser, openPage, seriousViolations, type PageOptions } from '../support/browser';

/**
 * The UI end to end: Debian's Chromium (playwright-core) against the real Node server. The widget runs on
 * host pages served from other origins: one listed in ALLOWED_ORIGINS, one not.
 */
const QUESTION = 'カンボジアは中国に施設の建設を認める代わりに、何を許したと報じられた？';

let shiori: RunningServer;
let browser: Browser;
let allowed: { origin: string; server: Server };
let refused: { origin: string; server: Server };
const allowedPages: Record<string, string> = {};
const refusedPages: Record<string, string> = {};

beforeAll(async () => {
  allowed = await hostPages(allowedPages);
  refused = await hostPages(refusedPages);
  shiori = await startNodeServer({ ALLOWED_ORIGINS: allowed.origin });
  const hostPage = (css: string): string => `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Intranet portal</title><link rel="icon" href="data:,">
<style>${css}</style>
<script src="${shiori.url}/embed.js" data-lang="ja" data-title="資料に質問する" data-shortcut="k" defer></script></head>
<body><h1>社内ポータル</h1><p>ポータルの本文です。</p></body></html>`;
  const hostile = `* { font-size: 40px !important; color: red !important; background: lime !important; line-height: 3 !important; font-family: serif !important; }
    button { all: unset !important; border: 10px dashed purple !important; }
    div, section, article { display: inline !important; padding: 30px !important; }
    html { font-size: 10px !important; } :root { --shiori-accent: red !important; }`;
  allowedPages['/plain.html'] = hostPage('body { font-family: sans-serif; }');
  allowedPages['/hostile.html'] = hostPage(hostile);
  allowedPages['/iframe.html'] = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Portal with iframe</title><link rel="icon" href="data:,"></head><body><iframe src="${shiori.url}/embed?lang=ja" title="shiori" width="600" height="500"></iframe></body></html>`;
  refusedPages['/plain.html'] = hostPage('body { font-family: sans-serif; }');
  refusedPages['/iframe.html'] = allowedPages['/iframe.html'];
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await shiori?.stop();
  allowed?.server.close();
  refused?.server.close();
});

const newPage = (options: PageOptions = {}): ReturnType<typeof openPage> => openPage(browser, options);


describe('the chat page', () => {
  it('answers a Japanese question with a cited passage whose source link opens in a new tab', async () => {
    const { context, page, requests, problems } = await newPage();
    await page.goto(`${shiori.url}/`);
    await ask(page, QUESTION);
    await expect.poll(() => page.locator('.shiori-quote').textContent()).toContain('リアム海軍基地へのアクセスを認めたとも報じられた。');
    const card = page.locator('.shiori-card').first();
    await expect.poll(() => card.locator('.shiori-card-meta').textContent()).toContain('8頁');
    const link = card.locator('.shiori-note-match a').first();
    expect(await link.getAttribute('href')).toBe('https://www.wsj.com/articles/secret-deal-for-chinese-naval-outpost-in-cambodia-raises-u-s-fears-of-beijings-ambitions-11563732482');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    // The machine is offline: the source site is answered locally, to see the link open it in a new tab.
    await context.route('https://www.wsj.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>source</title>' }));
    const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe('https://www.wsj.com/articles/secret-deal-for-chinese-naval-outpost-in-cambodia-raises-u-s-fears-of-beijings-ambitions-11563732482');
    expect(await popup.evaluate(() => window.opener)).toBeNull();
    await popup.close();
    expect(await card.locator('mark').count()).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith(shiori.url) && !url.includes('wsj.com'))).toEqual([]);
    expect(problems).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/chat-desktop.png` });
    await context.close();
  });

  it("answers its own example questions with the sentence that answers them, in both languages", async () => {
    const expected: Record<'ja' | 'en', string[]> = {
      // The example's order (web/src/i18n.ts): SEATO still in force, what Macron called NATO, the table's climate row.
      ja: ['同条約は法的には現在も失効していない', 'NATOを脳死と述べた', '気候変動：'],
      en: ['同条約は法的には現在も失効していない', 'NATOを脳死と述べた', '気候変動：'],
    };
    for (const lang of ['ja', 'en'] as const) {
      const { context, page } = await newPage({ locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
      await page.goto(`${shiori.url}/?lang=${lang}`);
      const examples = await page.locator('.shiori-empty .shiori-example').allTextContents();
      expect(examples.length).toBe(expected[lang].length);
      for (const [index, example] of examples.entries()) {
        if (index === 0) await page.locator('.shiori-empty .shiori-example').first().click();
        else await ask(page, example);
        const quote = page.locator('.shiori-quote').nth(index);
        await expect.poll(() => quote.textContent(), { message: example }).toContain(expected[lang][index]);
      }
      await context.close();
    }
  });

  it('reads a follow-up with the question before it, says so, and its chips open the notes of the passage it quotes', async () => {
    const { context, page } = await newPage();
    await page.goto(`${shiori.url}/`);
    await ask(page, 'クアッドの初の首脳会談はどのような形式で行われた？');
    await ask(page, 'それはいつ開かれた？');
    const turn = page.locator('.shiori-turn').nth(1);
    await expect.poll(() => turn.locator('.shiori-quote').textContent()).toContain('2021年3月には初の首脳会談');
    expect(await turn.locator('.shiori-context').textContent()).toBe('前の質問を踏まえて検索：クアッドの初の首脳会談はどのような形式で行われた？');
    expect(await page.locator('.shiori-turn').first().locator('.shiori-context').count()).toBe(0);
    // An answer quoted from the second passage: its chip goes to that passage's footnote, not the first's.
    await ask(page, 'アメリカが「アジア版NATO」って口にすればするほど、中国にとって好都合になるのはなぜ？');
    const chips = page.locator('.shiori-turn').last().locator('.shiori-quote .shiori-chip');
    await expect.poll(() => chips.count()).toBeGreaterThan(0);
    // The API says which result the answer is quoted from: the chips must open that card's notes.
    const { reply } = (await (
      await fetch(`${shiori.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: shiori.url },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'アメリカが「アジア版NATO」って口にすればするほど、中国にとって好都合になるのはなぜ？' }] }),
      })
    ).json()) as { reply: { answerResult: number } };
    for (let index = 0; index < (await chips.count()); index++) {
      await chips.nth(index).click();
      const focused = await page.evaluate(() => document.activeElement?.id ?? '');
      const n = ((await chips.nth(index).textContent()) ?? '').replace(/\D/gu, '');
      expect(focused).toMatch(new RegExp(`-r${reply.answerResult}-fn-${n}$`, 'u'));
      const card = page.locator(`#${focused}`).locator('xpath=ancestor::*[contains(@class, "shiori-card")]');
      const quoted = ((await page.locator('.shiori-turn').last().locator('.shiori-quote').textContent()) ?? '').replace(/\[\d+\]/gu, '').slice(0, 12);
      expect(((await card.textContent()) ?? '').replace(/\[\d+\]/gu, '')).toContain(quoted);
    }
    await context.close();
  });

  it('jumps from an answer chip to the footnote it cites', async () => {
    const { context, page } = await newPage();
    await page.goto(`${shiori.url}/`);
    await ask(page, QUESTION);
    await page.locator('.shiori-chip').first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/-r0-fn-45$/u);
    await context.close();
  });

  it('does not send while an IME composition is active, and sends with Enter once it is committed', async () => {
    const { context, page, requests } = await newPage();
    await page.goto(`${shiori.url}/`);
    const box = page.getByRole('textbox');
    await box.focus();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'まくろん', selectionStart: 4, selectionEnd: 4 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(requests.filter((url) => url.endsWith('/api/chat'))).toEqual([]);
    expect(await page.locator('.shiori-turn').count()).toBe(0);
    await cdp.send('Input.insertText', { text: 'マクロン大統領はNATOをどう評した？' });
    await box.fill('マクロン大統領はNATOをどう評した？');
    await box.press('Shift+Enter');
    expect(await box.inputValue()).toBe('マクロン大統領はNATOをどう評した？\n');
    await box.press('Enter');
    await page.locator('.shiori-card').first().waitFor();
    expect(requests.filter((url) => url.endsWith('/api/chat'))).toHaveLength(1);
    await context.close();
  });

  it('says plainly when the papers do not answer, and suggests rephrasing', async () => {
    const { context, page } = await newPage();
    await page.goto(`${shiori.url}/`);
    await page.getByRole('textbox').fill('今日の東京の天気はどうですか？');
    await page.getByRole('textbox').press('Enter');
    await page.locator('.shiori-not-found').waitFor();
    expect(await page.locator('.shiori-not-found').textContent()).toContain('見つかりませんでした');
    expect(await page.locator('.shiori-not-found .shiori-hint').textContent()).toContain('言い方を変える');
    expect(await page.locator('.shiori-card').count()).toBe(0);
    await expect.poll(() => page.locator('[role="status"]').textContent()).toContain('見つかりませんでした');
    await context.close();
  });

  it('declines a question for a fact the papers do not give, and shows the passages on its subject as related reading', async () => {
    const { context, page } = await newPage({ locale: 'en-US' });
    await page.goto(`${shiori.url}/?lang=en`);
    await page.getByRole('textbox').fill('How much did the first Quad summit cost?');
    await page.getByRole('textbox').press('Enter');
    await page.locator('.shiori-not-found').waitFor();
    expect(await page.locator('.shiori-not-found-text').textContent()).toBe('The papers discuss this, but do not state the answer.');
    expect(await page.locator('.shiori-quote').count()).toBe(0);
    await expect.poll(() => page.locator('.shiori-card').count()).toBeGreaterThan(0);
    expect(await page.locator('.shiori-results-heading').textContent()).toMatch(/^Related reading: passages on this subject \(\d+\)$/u);
    await context.close();
  });

  it('copies a ready-to-paste citation: the file name for a paper with no title, series, publisher, date, section, page and the quoted sentence with its footnote numbers', async () => {
    const { context, page } = await newPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shiori.url });
    await page.goto(`${shiori.url}/`);
    await ask(page, 'SEATOという組織はもう無くなったけど、土台になった条約のほうは今も生きてるの？');
    await page.locator('.shiori-card').first().getByRole('button', { name: '引用をコピー' }).click();
    await expect.poll(() => page.locator('.shiori-card').first().getByRole('button', { name: 'コピーしました' }).count()).toBe(1);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const [reference, quote] = copied.split('\n');
    expect(reference).toBe('「000_d62613a39113a7e6」『NIDSコメンタリー』（防衛研究所、2020年10月20日）、アジアにおける地域的な集団安全保障枠組み、3頁。');
    expect(quote).toMatch(/^「.*同条約は法的には現在も失効していない。.*」$/u);
    await context.close();
  });

  it('switches language, and remembers the choice', async () => {
    const { context, page } = await newPage();
    await page.goto(`${shiori.url}/`);
    expect(await page.getByRole('button', { name: 'Send' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('textbox').getAttribute('placeholder')).toBe('Ask a question (Enter to send, Shift+Enter for a new line)');
    await page.reload();
    expect(await page.getByRole('button', { name: 'Send' }).count()).toBe(1);
    await ask(page, 'Bloomberg: does the U.S. have better options than an Asian NATO?');
    expect(await page.locator('.shiori-results-heading').first().textContent()).toMatch(/^Relevant passages \(\d+\)$/u);
    await context.close();
  });

  it('answers an English question from the Japanese papers, showing what it searched for and labelling the Japanese', async () => {
    const { context, page, problems } = await newPage({ locale: 'en-US' });
    await page.goto(`${shiori.url}/`);
    await ask(page, "Why was the second foreign ministers' meeting of Australia, India and France cancelled?");
    await expect.poll(() => page.locator('.shiori-quote').textContent()).toContain('AUKUSの結成に反発したフランス');
    expect(await page.locator('.shiori-quote').getAttribute('lang')).toBe('ja');
    expect(await page.locator('.shiori-answer-heading').textContent()).toBe('Quoted from the papersIn Japanese');
    const searched = await page.locator('.shiori-searched').textContent();
    expect(searched).toMatch(/^Searched the papers for: /u);
    expect(searched).toContain('France → 仏、フランス');
    expect(searched).toContain('cancelled → キャンセル');
    expect(await page.locator('.shiori-searched span[lang="ja"]').count()).toBeGreaterThan(3);
    const card = page.locator('.shiori-card').first();
    expect(await card.locator('.shiori-card-meta .shiori-lang-tag').textContent()).toBe('In Japanese');
    expect(await card.locator('.shiori-excerpt').getAttribute('lang')).toBe('ja');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/chat-english.png` });
    await context.close();
  });

  it('shows a Japanese question no language labels', async () => {
    const { context, page } = await newPage();
    await page.goto(`${shiori.url}/`);
    await ask(page, QUESTION);
    expect(await page.locator('.shiori-lang-tag').count()).toBe(0);
    expect(await page.locator('.shiori-searched').count()).toBe(0);
    await context.close();
  });

  it('puts the first answer on screen without layout jumps', async () => {
    const { context, page } = await newPage();
    await page.goto(`${shiori.url}/`);
    await page.evaluate(() => {
      const shifts: number[] = [];
      (window as unknown as { shifts: number[] }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!entry.hadRecentInput) shifts.push(entry.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await ask(page, QUESTION);
    await page.waitForTimeout(500);
    const shift = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts.reduce((sum, value) => sum + value, 0));
    console.log(`cumulative layout shift while the first answer arrived: ${shift.toFixed(4)}`);
    expect(shift).toBeLessThan(0.1);
    await context.close();
  });

  it('works at 320 px wide and in dark mode, with no serious accessibility violations', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, page } = await newPage({ width: 320, height: 720, colorScheme });
      await page.goto(`${shiori.url}/`);
      await ask(page, QUESTION);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/chat-320-${colorScheme}.png` });
      await context.close();
    }
  });

  it('can be used with the keyboard alone', async () => {
    const { context, page } = await newPage();
    await page.goto(`${shiori.url}/`);
    await page.keyboard.type(QUESTION);
    await page.keyboard.press('Enter');
    await page.locator('.shiori-card').first().waitFor();
    const focused: string[] = [];
    for (let step = 0; step < 40; step++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.textContent?.slice(0, 12) ?? ''}`));
    }
    expect(focused.some((entry) => entry.startsWith('BUTTON:全文を表示'))).toBe(true);
    expect(focused.some((entry) => entry.startsWith('A:資料で開く'))).toBe(true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
    await context.close();
  });
});

describe('the reader', () => {
  it('opens at the passage, highlighted, with footnote links both ways and the table as a table', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(`${shiori.url}/`);
    await ask(page, 'SEATOという組織はもう無くなったけど、土台になった条約のほうは今も生きてるの？');
    await page.locator('.shiori-card').first().getByRole('link', { name: '資料で開く' }).click();
    await page.waitForURL(/\/documents\/000_d62613a39113a7e6#p-16$/u);
    const target = page.locator('#p-16');
    await expect.poll(() => target.getAttribute('class')).toContain('shiori-target');
    expect(await target.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('p-16');
    await target.locator('sup a').first().click();
    await page.waitForURL(/#fn-11$/u);
    await page.locator('#fn-11 .shiori-backref').click();
    await page.waitForURL(/#fnref-11-1$/u);
    expect(await page.locator('h2', { hasText: 'NATOの光と影' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/reader.png` });
    await page.goto(`${shiori.url}/documents/003_cd568db34d9aead0#t1`);
    await page.locator('table').waitFor();
    expect(await page.locator('table tbody tr').count()).toBe(12);
    expect(await page.locator('table thead th').count()).toBe(8);
    expect(await page.locator('table tbody tr', { hasText: '北朝鮮' }).locator('td').allTextContents()).toEqual(['◎', '〇', '〇', '〇', '-', '-', '-', '-']);
    await page.screenshot({ path: `${ARTIFACTS}/reader-table.png` });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the widget on an intranet page of another origin', () => {
  async function openWidget(page: Page): Promise<void> {
    await page.locator('shiori-widget').waitFor({ state: 'attached' });
    await page.locator('shiori-widget').getByRole('button', { name: '栞 shiori に質問する' }).click();
    await page.locator('shiori-widget').getByRole('dialog').waitFor();
  }

  it('answers a question from a page on an allowed origin', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(`${allowed.origin}/plain.html`);
    await openWidget(page);
    const widget = page.locator('shiori-widget');
    await widget.getByRole('textbox').fill(QUESTION);
    await widget.getByRole('textbox').press('Enter');
    await widget.locator('.shiori-card').first().waitFor();
    expect(await widget.locator('.shiori-quote').textContent()).toContain('リアム海軍基地へのアクセス');
    const reader = widget.locator('.shiori-card').first().getByRole('link', { name: '資料で開く' });
    expect(await reader.getAttribute('href')).toMatch(new RegExp(`^${shiori.url}/documents/000_d62613a39113a7e6#p-\\d+$`, 'u'));
    expect(await reader.getAttribute('target')).toBe('_blank');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/widget.png` });
    await widget.getByRole('dialog').press('Escape');
    await expect.poll(() => widget.getByRole('dialog').isVisible()).toBe(false);
    await page.keyboard.press('Control+k');
    await expect.poll(() => widget.getByRole('dialog').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('looks the same on a page with hostile global CSS', async () => {
    const shots: Buffer[] = [];
    for (const path of ['/plain.html', '/hostile.html']) {
      const { context, page } = await newPage();
      await page.goto(`${allowed.origin}${path}`);
      await openWidget(page);
      const panel = page.locator('shiori-widget').getByRole('dialog');
      // Inside the rounded border: outside it, the host page's own background shows through the corners.
      const box = await panel.boundingBox();
      if (box === null) throw new Error('the widget panel has no box');
      const clip = { x: box.x + 12, y: box.y + 12, width: box.width - 24, height: box.height - 24 };
      shots.push(await page.screenshot({ clip, path: `${ARTIFACTS}/widget-panel-${path.slice(1, -5)}.png` }));
      const launcher = page.locator('shiori-widget').getByRole('button', { name: '栞 shiori に質問する' });
      expect(await launcher.evaluate((element) => getComputedStyle(element).width)).toBe('56px');
      if (path === '/hostile.html') await page.screenshot({ path: `${ARTIFACTS}/widget-hostile-page.png` });
      await context.close();
    }
    expect(shots[1]?.equals(shots[0] as Buffer)).toBe(true);
  });

  it('is refused the API from an origin not in ALLOWED_ORIGINS', async () => {
    const { context, page } = await newPage();
    await page.goto(`${refused.origin}/plain.html`);
    await openWidget(page);
    const widget = page.locator('shiori-widget');
    await widget.getByRole('textbox').fill(QUESTION);
    await widget.getByRole('textbox').press('Enter');
    await widget.locator('.shiori-error').waitFor();
    expect(await widget.locator('.shiori-card').count()).toBe(0);
    const direct = await fetch(`${shiori.url}/api/search?q=NATO`, { headers: { origin: refused.origin } });
    expect(direct.status).toBe(403);
    expect(((await direct.json()) as { error: { code: string } }).error.code).toBe('ORIGIN_NOT_ALLOWED');
    const preflight = await fetch(`${shiori.url}/api/chat`, { method: 'OPTIONS', headers: { origin: allowed.origin, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(allowed.origin);
    await context.close();
  });

  it('shows the iframe on an allowed origin and not on another', async () => {
    const embed = await fetch(`${shiori.url}/embed`);
    expect(embed.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${allowed.origin}`);
    const home = await fetch(`${shiori.url}/`);
    expect(home.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(home.headers.get('content-security-policy')).not.toContain(allowed.origin);

    const { context, page } = await newPage();
    await page.goto(`${allowed.origin}/iframe.html`);
    const frame = page.frameLocator('iframe');
    await frame.getByRole('textbox').fill(QUESTION);
    await frame.getByRole('textbox').press('Enter');
    await frame.locator('.shiori-card').first().waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/iframe.png` });
    await page.goto(`${refused.origin}/iframe.html`);
    await page.waitForTimeout(1000);
    const child = page.frames().find((candidate) => candidate !== page.mainFrame());
    expect(await child?.locator('.shiori-chat').count().catch(() => 0)).toBe(0);
    await context.close();
  });
});

describe('the embed demo page', () => {
  it('shows both snippets and works', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(`${shiori.url}/embed-demo`);
    expect(await page.locator('pre code').count()).toBe(2);
    await page.locator('shiori-widget').getByRole('button', { name: '栞 shiori に質問する' }).click();
    await page.locator('shiori-widget').getByRole('dialog').waitFor();
    expect(await page.frameLocator('iframe').getByRole('textbox').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
