import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (no browser download). A missing browser fails the test:
 * CI installs the `chromium` package (see .ci/run).
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = 'artifacts/screenshots';

export function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A web server for host pages on its own origin: `pages` maps paths to HTML. */
export async function hostPages(pages: Record<string, string>): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    const html = pages[(request.url ?? '/').split('?')[0] as string];
    response.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return { origin: `http://localhost:${address.port}`, server };
}

export interface PageOptions {
  width?: number;
  height?: number;
  locale?: string;
  colorScheme?: 'light' | 'dark';
  /** Accept the self-signed certificate of a test's TLS proxy. */
  ignoreHttpsErrors?: boolean;
}

/** A fresh browser context and page, recording every request and every script error or console error. */
export async function openPage(browser: Browser, options: PageOptions = {}): Promise<{ context: BrowserContext; page: Page; requests: string[]; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1100, height: options.height ?? 900 },
    locale: options.locale ?? 'ja-JP',
    colorScheme: options.colorScheme ?? 'light',
    ignoreHTTPSErrors: options.ignoreHttpsErrors ?? false,
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  return { context, page, requests, problems };
}

/** Types a question into the page's chat and waits for its own turn's reply, answer and passages (not an earlier turn's). */
export async function ask(page: Page, question: string): Promise<void> {
  const turns = await page.locator('.shiori-turn').count();
  await page.getByRole('textbox').fill(question);
  await page.getByRole('textbox').press('Enter');
  const turn = page.locator('.shiori-turn').nth(turns);
  await turn.locator('.shiori-answer:not(.shiori-pending)').waitFor();
  // The reply is complete, its passages all drawn, when the composer takes questions again.
  await page.locator('.shiori-send:not([disabled])').waitFor();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is. axe is evaluated through the DevTools protocol: shiori's CSP rightly refuses inline scripts. */
export async function seriousViolations(page: Page): Promise<Array<{ id: string; impact: string; nodes: number }>> {
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length }));
}
