/// <reference lib="dom" />
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../support/node-server';
import { ARTIFACTS, ask, hostPages, launchBrowser, openPage, seriousViolations } from '../support/browser';

/**
 * The UI as a research tool (issue 15), in Debian's Chromium against the real Node server: the thread
 * survives the reader, Back and a reload; the reader opens beside the chat on a wide screen; the iframe
 * takes no focus from its portal; Chinese in footnotes is drawn with real glyphs.
 */
const SEATO = 'SEATOという組織はもう無くなったけど、土台になった条約のほうは今も生きてるの？';
const SEATO_QUOTE = '同条約は法的には現在も失効していない';
const SIDECAR = { title: '「アジア版NATO」の論点', author: '試験太郎', series: 'NIDSコメンタリー', number: '999', publisher: '防衛研究所', date: '2020-10-20', sourceUrl: 'https://example.org/commentary999.pdf' };
const NOTE_13 = '1962年のタナット・ラスク共同声明、2012年の米タイ防衛同盟のための共同ビジョン声明と共に、同条約の締約国であることが米国のタイへの安全保障関与の基礎を構成しているとする。The US DOS, “U.S. Relations With Thailand,” [https://history.state.gov/milestones/1953-1960/seato].';
const NOTE_14 = '「東南アジア集団防衛条約、通称「マニラ条約」、1954年9月8日調印；本条約により設立された軍事組織である東南アジア条約機構（SEATO）は1977年に解散しましたが、本条約は現在も効力を有します」とある。フランス国防省『フランスおよびアジア太平洋地域の安全保障』、8頁。';

let shiori: RunningServer;
/** A server over one seed paper whose sidecar states everything a citation can give. */
let described: RunningServer;
let describedRoot: string;
let browser: Browser;
let portal: { origin: string; server: Server };
const portalPages: Record<string, string> = {};

beforeAll(async () => {
  portal = await hostPages(portalPages);
  describedRoot = mkdtempSync(join(tmpdir(), 'shiori-cite-'));
  const corpus = join(describedRoot, 'corpus');
  cpSync('corpus/000_d62613a39113a7e6.txt', join(corpus, '000_d62613a39113a7e6.txt'));
  // Test data: the seed's text with a made-up sidecar, so that every field of a citation shows.
  writeFileSync(join(corpus, '000_d62613a39113a7e6.meta.json'), JSON.stringify(SIDECAR));
  [shiori, described] = await Promise.all([
    startNodeServer({ ALLOWED_ORIGINS: portal.origin, FEEDBACK_FILE: join(describedRoot, 'feedback.jsonl') }),
    startNodeServer({ CORPUS_DIR: corpus, INDEX_DIR: join(describedRoot, 'index') }),
  ]);
  // A portal with its own Ctrl+K, and the iframe below its first screen.
  portalPages['/portal.html'] = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Portal</title><link rel="icon" href="data:,"></head>
<body><h1>社内ポータル</h1><input id="portal-search" aria-label="ポータル検索"><div style="height: 1400px">お知らせ</div>
<iframe src="${shiori.url}/embed?lang=ja" title="shiori" width="600" height="500"></iframe>
<script>window.portalShortcuts = 0; document.addEventListener('keydown', (event) => { if ((event.ctrlKey || event.metaKey) && event.key === 'k') { event.preventDefault(); window.portalShortcuts++; document.getElementById('portal-search').focus(); } });</script>
</body></html>`;
  const widgetPage = (attributes: string, body: string): string => `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Portal widget</title><link rel="icon" href="data:,">
<script src="${shiori.url}/embed.js" data-lang="ja" ${attributes} defer></script></head>
<body><h1>社内ポータル</h1>${body}<p>ポータルの本文です。</p></body></html>`;
  // Tall enough to scroll: the widget must not scroll it.
  portalPages['/widget-chat.html'] = widgetPage('', '<div style="height: 2400px">お知らせ</div>');
  portalPages['/widget-search.html'] = widgetPage('data-mode="search" data-target="#search-here"', '<div id="search-here"></div>');
  portalPages['/widget-inline.html'] = widgetPage('data-mode="inline" data-target="#chat-here"', '<div style="height: 300px">お知らせ</div><div id="chat-here" style="max-width: 40em"></div>');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await shiori?.stop();
  await described?.stop();
  if (describedRoot) rmSync(describedRoot, { recursive: true, force: true });
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
    await ask(page, 'その条約の締約国は？');
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
    await ask(page, 'その条約の締約国は？');
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
      expect(await seriousViolations(page)).toEqual([]);
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
    await page.screenshot({ path: `${ARTIFACTS}/embed-in-portal-1280.png` });
    // /embed itself, on a phone.
    const phone = await openPage(browser, { width: 375, height: 740, colorScheme: 'dark' });
    await phone.page.goto(`${shiori.url}/embed?lang=ja`);
    await phone.page.locator('.shiori-example').first().waitFor();
    expect(await phone.page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
    await ask(phone.page, SEATO);
    expect(await seriousViolations(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: `${ARTIFACTS}/embed-375-dark.png` });
    await phone.context.close();
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

describe('copied citations', () => {
  /** What the first card's button `name` put on the clipboard, as text and as HTML. */
  async function copied(page: Page, name: string): Promise<{ text: string; html: string }> {
    const button = await page.locator('.shiori-card').first().getByRole('button', { name, exact: true }).elementHandle();
    if (button === null) throw new Error(`no button ${name}`);
    await button.click();
    await page.waitForFunction((element) => /^(コピーしました|Copied)$/u.test(element.textContent ?? ''), button);
    return page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      if (!item) throw new Error('the clipboard is empty');
      return { text: await (await item.getType('text/plain')).text(), html: await (await item.getType('text/html')).text() };
    });
  }

  it('gives a paragraph answer in the Japanese note style and the Chicago style, with the notes it cites and its permalink', async () => {
    const { context, page, problems } = await openPage(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: described.url });
    await page.goto(`${described.url}/`);
    await ask(page, 'SEATOの条約は今も有効？');
    const quote = '組織としてのSEATOは1977年に公式に解体された一方、同条約は法的には現在も失効していない。実際、米国もタイとの関係の根拠として挙げているほか[13]、フランスも同地域への関与に関する文書で同条約が現在も有効である点を強調している[14]。';
    const permalink = `${described.url}/documents/000_d62613a39113a7e6#p-16`;
    const ja = await copied(page, '引用をコピー');
    expect(ja.text).toBe(
      [
        '試験太郎「「アジア版NATO」の論点」『NIDSコメンタリー』第999号（防衛研究所、2020年10月20日）、アジアにおける地域的な集団安全保障枠組み、3頁。',
        `「${quote}」`,
        `注13 ${NOTE_13}`,
        `注14 ${NOTE_14}`,
        'https://example.org/commentary999.pdf',
        permalink,
      ].join('\n'),
    );
    expect(ja.html).toContain(`<a href="${permalink}">`);
    expect(ja.html).toContain('<a href="https://history.state.gov/milestones/1953-1960/seato">');
    const en = await copied(page, '英文（Chicago）でコピー');
    expect(en.text.split('\n')).toEqual([
      '試験太郎, “「アジア版NATO」の論点,” NIDSコメンタリー, no. 999 (防衛研究所, October 20, 2020), アジアにおける地域的な集団安全保障枠組み, p. 3.',
      `“${quote}”`,
      `Note 13: ${NOTE_13}`,
      `Note 14: ${NOTE_14}`,
      'https://example.org/commentary999.pdf',
      permalink,
    ]);
    // The permalink opens the reader at the quoted passage.
    await page.goto(permalink);
    await expect.poll(() => page.locator('.shiori-target').getAttribute('id')).toBe('p-16');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('gives an answer taken from a footnote as that footnote\'s text, at its note, in English too', async () => {
    const { context, page, problems } = await openPage(browser, { locale: 'en-US' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: described.url });
    await page.goto(`${described.url}/?lang=en`);
    await ask(page, '同志社アメリカ研究に載った西田竜也の論文の題名は？');
    const note = '西田竜也「東南アジア条約機構（SEATO）の起源―米英の戦略の狭間で―」『同志社アメリカ研究』同志社大学アメリカ研究所、第50号、2014年3月、23–45頁。';
    const en = await copied(page, 'Copy citation');
    expect(en.text).toBe(
      [
        '試験太郎, “「アジア版NATO」の論点,” NIDSコメンタリー, no. 999 (防衛研究所, October 20, 2020), アジアにおける地域的な集団安全保障枠組み, p. 3, n. 11.',
        `“${note}”`,
        'https://example.org/commentary999.pdf',
        `${described.url}/documents/000_d62613a39113a7e6#p-16`,
      ].join('\n'),
    );
    const ja = await copied(page, 'Copy in Japanese note style');
    expect(ja.text.split('\n').slice(0, 2)).toEqual([
      '試験太郎「「アジア版NATO」の論点」『NIDSコメンタリー』第999号（防衛研究所、2020年10月20日）、アジアにおける地域的な集団安全保障枠組み、3頁、注11。',
      `「${note}」`,
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('compact cards', () => {
  it('puts the footnote markers in the excerpt, previews a note on hover, focus and tap, and gives each note one line with its link once', async () => {
    const { context, page, problems } = await openPage(browser, { width: 1280, height: 800 });
    await page.goto(`${shiori.url}/`);
    await ask(page, SEATO);
    const card = page.locator('.shiori-card').first();
    await card.getByRole('button', { name: '全文を表示' }).click();
    const markers = card.locator('.shiori-excerpt .shiori-marker');
    expect(await markers.allTextContents()).toEqual(['[11]', '[12]', '[13]', '[14]']);
    const preview = card.locator('.shiori-preview');
    const marker = markers.nth(2);
    // Hover.
    await marker.hover();
    await expect.poll(() => preview.isVisible()).toBe(true);
    expect(await preview.textContent()).toContain(NOTE_13.slice(0, 30));
    await page.mouse.move(5, 5);
    await expect.poll(() => preview.isVisible()).toBe(false);
    // Focus.
    await marker.focus();
    await expect.poll(() => preview.isVisible()).toBe(true);
    await marker.evaluate((element) => (element as HTMLElement).blur());
    await expect.poll(() => preview.isVisible()).toBe(false);
    // A press (a tap on a phone) keeps it open, with its link to follow, until pressed again or Escape.
    await marker.click();
    await page.mouse.move(5, 5);
    expect(await preview.isVisible()).toBe(true);
    expect(await preview.locator('a').getAttribute('href')).toBe('https://history.state.gov/milestones/1953-1960/seato');
    await page.screenshot({ path: `${ARTIFACTS}/card-preview-1280.png` });
    await marker.press('Escape');
    await expect.poll(() => preview.isVisible()).toBe(false);

    // Each footnote on one line, its address a link once; the note that answers is whole.
    const notes = card.locator('.shiori-note');
    for (let index = 0; index < (await notes.count()); index++) {
      const note = notes.nth(index);
      const urls = new Set((await note.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))));
      expect(await note.locator('a').count()).toBe(urls.size);
      if ((await note.getAttribute('class'))?.includes('shiori-open')) continue;
      const { height, line } = await note.locator('.shiori-note-text').evaluate((element) => ({ height: element.getBoundingClientRect().height, line: parseFloat(getComputedStyle(element).lineHeight) }));
      expect(height).toBeLessThanOrEqual(line * 1.2);
    }
    // "…" only on a note cut short (every card shown: some notes, `Ibid., pp. 575, 583–587.`, fit their line).
    const everyNote = page.locator('.shiori-card:visible .shiori-note:not(.shiori-open)');
    const seen = { cut: 0, whole: 0 };
    for (let index = 0; index < (await everyNote.count()); index++) {
      const note = everyNote.nth(index);
      const cut = await note.locator('.shiori-note-text').evaluate((element) => element.scrollWidth > element.clientWidth);
      seen[cut ? 'cut' : 'whole']++;
      expect(await note.locator('.shiori-note-toggle').isVisible()).toBe(cut);
    }
    expect(seen.cut).toBeGreaterThan(0);
    expect(seen.whole).toBeGreaterThan(0);
    const first = notes.first();
    const closed = await first.locator('.shiori-note-text').evaluate((element) => element.getBoundingClientRect().height);
    await first.getByRole('button', { name: '脚注11を全文表示' }).click();
    expect(await first.locator('.shiori-note-text').evaluate((element) => element.getBoundingClientRect().height)).toBeGreaterThan(closed * 1.5);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says what each card is: a paragraph, a table row with its table\'s caption and legend, a summary bullet, a footnote that answers', async () => {
    const { context, page, problems } = await openPage(browser, { width: 375, height: 740 });
    await page.goto(`${shiori.url}/`);
    await ask(page, '北朝鮮の脅威認識は？');
    const more = page.getByRole('button', { name: /^ほかの\d+件を表示$/u });
    if ((await more.count()) > 0) await more.click();
    const metas = await page.locator('.shiori-card-meta').allTextContents();
    expect(metas.some((meta) => meta.startsWith('本文 · '))).toBe(true);
    expect(metas.some((meta) => meta.startsWith('要旨 · '))).toBe(true);
    const row = page.locator('.shiori-card', { has: page.locator('.shiori-card-meta', { hasText: /^表の行 · / }) }).first();
    expect(await row.locator('.shiori-card-table').textContent()).toBe('表：インド太平洋地域における主要なミニラテラルの安全保障枠組みとその協力内容 — ＊〇は共同声明等で言及された問題。◎は近年特に力を入れている問題。筆者による調査に基づく。');
    await row.screenshot({ path: `${ARTIFACTS}/card-table-row-375.png` });
    await ask(page, '同志社アメリカ研究に載った西田竜也の論文の題名は？');
    const answered = page.locator('.shiori-turn').last().locator('.shiori-card').first();
    expect(await answered.locator('.shiori-card-meta').textContent()).toMatch(/^脚注11 · /u);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the passages that clear the relevance cut, and the others behind "more"', async () => {
    const { context, page, problems } = await openPage(browser, { width: 1280, height: 800, colorScheme: 'dark' });
    await page.goto(`${shiori.url}/`);
    await ask(page, SEATO);
    const reply = await (await fetch(`${shiori.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: SEATO }] }) })).json() as { reply: { shown: number; results: unknown[] } };
    expect(reply.reply.shown).toBeLessThan(reply.reply.results.length);
    await expect.poll(() => page.locator('.shiori-card:visible').count()).toBe(reply.reply.shown);
    const more = page.getByRole('button', { name: `ほかの${reply.reply.results.length - reply.reply.shown}件を表示` });
    await page.screenshot({ path: `${ARTIFACTS}/cards-cut-1280-dark.png`, fullPage: true });
    await more.click();
    expect(await page.locator('.shiori-card:visible').count()).toBe(reply.reply.results.length);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('shiori-card'))).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the library', () => {
  for (const [width, colorScheme] of [[1280, 'light'], [375, 'dark']] as const) {
    it(`lists the papers with what each holds, asks one paper alone, and opens a reader with its contents (${width} px, ${colorScheme})`, async () => {
      const { context, page, problems } = await openPage(browser, { width, height: 800, colorScheme });
      await page.goto(`${shiori.url}/`);
      await ask(page, SEATO);
      await page.getByRole('link', { name: '資料一覧' }).click();
      await page.waitForURL(`${shiori.url}/library`);
      const papers = page.locator('.shiori-paper');
      await papers.first().waitFor();
      const listed = (await (await fetch(`${shiori.url}/api/documents`)).json()) as { documents: Array<{ id: string; title: string; pages: number; sections: number; footnotes: number; tables: number }> };
      expect(await papers.count()).toBe(listed.documents.length);
      const tabled = listed.documents.find((paper) => paper.tables > 0);
      if (tabled === undefined) throw new Error('no paper with a table');
      const card = papers.filter({ hasText: tabled.title });
      expect(await card.locator('.shiori-card-meta').last().textContent()).toBe(`${tabled.pages}頁 · ${tabled.sections}節 · 脚注${tabled.footnotes} · 表${tabled.tables}`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/library-${width}-${colorScheme}.png`, fullPage: true });

      await card.getByRole('link', { name: 'この資料だけに質問' }).click();
      await page.waitForURL(`${shiori.url}/?doc=${tabled.id}`);
      await expect.poll(() => page.locator('.shiori-scope').textContent()).toContain(tabled.title);
      // A question of one paper is not read with the earlier questions of all papers.
      await ask(page, 'それはいつ？');
      expect(await page.locator('.shiori-turn').last().locator('.shiori-context').count()).toBe(0);
      await ask(page, 'クアッドとは？');
      const cards = page.locator('.shiori-turn').last().locator('.shiori-card');
      const readerLinks = await cards.getByRole('link', { name: '資料で開く' }).evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      expect(readerLinks.length).toBeGreaterThan(0);
      expect(readerLinks.every((href) => href.startsWith(`/documents/${tabled.id}#`))).toBe(true);
      await page.screenshot({ path: `${ARTIFACTS}/chat-scoped-${width}-${colorScheme}.png` });
      // Back to all papers: the address loses ?doc= and the next question reaches both papers.
      await page.getByRole('button', { name: 'すべての資料に戻す' }).click();
      expect(page.url()).toBe(`${shiori.url}/`);
      await ask(page, 'クアッドとは？');
      const later = await page.locator('.shiori-turn').last().locator('.shiori-card').getByRole('link', { name: '資料で開く' }).evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      expect(new Set(later.map((href) => href.split('#')[0])).size).toBe(2);

      // The reader's contents lead to each section.
      await page.goto(`${shiori.url}/documents/${tabled.id}`);
      const toc = page.getByRole('navigation', { name: '目次' });
      await toc.waitFor();
      const entries = toc.getByRole('link');
      expect(await entries.count()).toBeGreaterThan(1);
      const second = entries.nth(1);
      const target = ((await second.getAttribute('href')) ?? '').slice(1);
      await second.click();
      await page.waitForURL(new RegExp(`#${target}$`, 'u'));
      expect(await page.locator(`[id="${target}"]`).evaluate((element) => element.getBoundingClientRect().top < window.innerHeight)).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});

describe('the reader\'s table on a phone', () => {
  it('keeps the caption whole, the row labels in view while the columns scroll, and the column headers legible', async () => {
    const { context, page, problems } = await openPage(browser, { width: 375, height: 740 });
    await page.goto(`${shiori.url}/documents/003_cd568db34d9aead0#t1`);
    const region = page.getByRole('region', { name: /^表：インド太平洋地域における/u });
    await region.waitFor();
    const caption = page.locator('.shiori-table-caption');
    const box = await caption.boundingBox();
    if (box === null) throw new Error('no caption box');
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(await caption.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    // The table is wider than the phone: it scrolls in its box, by keyboard too.
    expect(await region.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    const label = page.locator('tbody th[scope="row"]').first();
    const before = await label.boundingBox();
    await region.focus();
    await region.evaluate((element) => element.scrollBy(200, 0));
    const after = await label.boundingBox();
    expect(await region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(100);
    expect(Math.abs((after?.x ?? 0) - (before?.x ?? -1))).toBeLessThan(1);
    for (const header of await page.locator('thead th[scope="col"]').all()) {
      expect(await header.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
    }
    await page.screenshot({ path: `${ARTIFACTS}/reader-table-375.png` });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('feedback', () => {
  it('sends a rating of the answer and the passage that answered, which the operator finds in the feedback file', async () => {
    const { context, page, problems } = await openPage(browser, { width: 375, height: 740 });
    await page.goto(`${shiori.url}/`);
    await ask(page, SEATO);
    const turn = page.locator('.shiori-turn').last();
    const group = turn.getByRole('group', { name: 'この回答は役に立ちましたか？' });
    await group.getByRole('button', { name: '役に立たなかった' }).click();
    await expect.poll(() => group.locator('.shiori-feedback-said').textContent()).toBe('ありがとうございます。運用担当に届きました');
    expect(await group.getByRole('button', { name: '役に立った' }).isDisabled()).toBe(true);
    const card = turn.locator('.shiori-card').nth(1);
    await card.getByRole('button', { name: 'この箇所が答え' }).click();
    await expect.poll(() => card.locator('.shiori-mark-answer').textContent()).toBe('ありがとうございます。運用担当に届きました');
    const lines = readFileSync(join(describedRoot, 'feedback.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const passageId = await (await fetch(`${shiori.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: SEATO }] }) })).json().then((body: { reply: { results: Array<{ id: string }> } }) => body.reply.results[1]?.id);
    expect(lines).toEqual([
      expect.objectContaining({ kind: 'rating', question: SEATO, rating: 'unhelpful' }),
      expect.objectContaining({ kind: 'rating', question: SEATO, passage: passageId }),
    ]);
    await page.screenshot({ path: `${ARTIFACTS}/feedback-375.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the widget\'s modes on a portal of another origin', () => {
  for (const width of [375, 1280]) {
    it(`chat: a launcher and a panel that fits the screen (${width} px)`, async () => {
      const { context, page, problems } = await openPage(browser, { width, height: 740 });
      await page.goto(`${portal.origin}/widget-chat.html`);
      const widget = page.locator('shiori-widget');
      await widget.getByRole('button', { name: '栞 shiori に質問する' }).click();
      const dialog = widget.getByRole('dialog');
      await dialog.waitFor();
      const box = await dialog.boundingBox();
      if (box === null) throw new Error('no panel box');
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      await widget.getByRole('textbox').fill(SEATO);
      await widget.getByRole('textbox').press('Enter');
      await widget.locator('.shiori-quote').waitFor();
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/widget-chat-${width}.png` });
      expect(problems).toEqual([]);
      await context.close();
    });

    it(`search: a bar where the portal puts it, and Ctrl+K, open ranked cited passages with no chat (${width} px)`, async () => {
      const { context, page, problems } = await openPage(browser, { width, height: 740, colorScheme: width === 375 ? 'dark' : 'light' });
      await page.goto(`${portal.origin}/widget-search.html`);
      const widget = page.locator('#search-here shiori-widget');
      const bar = widget.getByRole('button', { name: /^資料を検索/u });
      await bar.waitFor();
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
      await page.keyboard.press('Control+k');
      const dialog = widget.getByRole('dialog', { name: '資料を検索' });
      await dialog.waitFor();
      const box = widget.getByRole('searchbox');
      expect(await box.evaluate((element) => element === (element.getRootNode() as ShadowRoot).activeElement)).toBe(true);
      await box.fill('SEATO 条約');
      await box.press('Enter');
      await widget.locator('.shiori-card').first().waitFor();
      expect(await widget.locator('.shiori-card').count()).toBeGreaterThan(1);
      expect(await widget.locator('.shiori-quote').count()).toBe(0);
      expect(await widget.locator('.shiori-card .shiori-note').count()).toBeGreaterThan(0);
      expect(await widget.locator('.shiori-card').first().getByRole('link', { name: '資料で開く' }).getAttribute('href')).toMatch(new RegExp(`^${shiori.url}/documents/`, 'u'));
      const panel = await dialog.boundingBox();
      if (panel === null) throw new Error('no dialog box');
      expect(panel.x).toBeGreaterThanOrEqual(0);
      expect(panel.x + panel.width).toBeLessThanOrEqual(width);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/widget-search-${width}.png` });
      await dialog.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);
      expect(await bar.evaluate((element) => element === (element.getRootNode() as ShadowRoot).activeElement)).toBe(true);
      await bar.click();
      await expect.poll(() => dialog.isVisible()).toBe(true);
      expect(problems).toEqual([]);
      await context.close();
    });

    it(`inline: the chat drawn in the portal's container, taking no focus (${width} px)`, async () => {
      const { context, page, problems } = await openPage(browser, { width, height: 740 });
      await page.goto(`${portal.origin}/widget-inline.html`);
      const widget = page.locator('#chat-here shiori-widget');
      await widget.locator('.shiori-example').first().waitFor();
      expect(await page.evaluate(() => ({ y: window.scrollY, focus: document.activeElement?.tagName }))).toEqual({ y: 0, focus: 'BODY' });
      expect(await widget.getByRole('button', { name: '栞 shiori に質問する' }).count()).toBe(0);
      const [container, chat] = await Promise.all([page.locator('#chat-here').boundingBox(), widget.locator('.shiori-inline').boundingBox()]);
      if (container === null || chat === null) throw new Error('no boxes');
      expect(chat.x).toBeGreaterThanOrEqual(container.x - 1);
      expect(chat.x + chat.width).toBeLessThanOrEqual(container.x + container.width + 1);
      await widget.getByRole('textbox').fill(SEATO);
      await widget.getByRole('textbox').press('Enter');
      await expect.poll(() => widget.locator('.shiori-quote').textContent()).toContain(SEATO_QUOTE);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/widget-inline-${width}.png`, fullPage: true });
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});

describe('what to ask next', () => {
  it('suggests follow-ups from the corpus\'s own words, answers one as a follow-up, and keeps the examples at hand', async () => {
    const { context, page, problems } = await openPage(browser, { width: 1280, height: 800 });
    await page.goto(`${shiori.url}/`);
    await ask(page, SEATO);
    const suggestions = page.locator('.shiori-turn').last().getByRole('group', { name: '次に聞く：' });
    const offered = await suggestions.getByRole('button').allTextContents();
    const reply = await (await fetch(`${shiori.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: SEATO }] }) })).json() as { reply: { suggestions: string[] } };
    expect(offered).toEqual(reply.reply.suggestions);
    expect(offered.length).toBeGreaterThan(0);
    await suggestions.getByRole('button').first().click();
    await expect.poll(() => page.locator('.shiori-turn').count()).toBe(2);
    await page.locator('.shiori-send:not([disabled])').waitFor();
    const second = page.locator('.shiori-turn').last();
    expect(await second.locator('.shiori-question').textContent()).toContain(offered[0]);
    expect(await second.locator('.shiori-quote').count()).toBe(1);
    // The examples after the first question.
    await page.getByText('質問の例').click();
    const examples = page.locator('.shiori-examples-menu .shiori-example');
    expect(await examples.count()).toBeGreaterThan(0);
    const example = (await examples.first().textContent()) ?? '';
    await examples.first().click();
    await expect.poll(() => page.locator('.shiori-question').last().textContent()).toContain(example);
    await page.screenshot({ path: `${ARTIFACTS}/suggestions-1280.png` });
    expect(problems).toEqual([]);
    await context.close();
  });
});
