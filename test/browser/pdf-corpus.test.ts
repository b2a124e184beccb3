import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/ingest/build-index';
import { INGEST_LIMITS } from '../../src/ingest/limits';
import { parseDocument } from '../../src/ingest/parse-document';
import { createSearchEngine } from '../../src/search/engine';
import { openIndex } from '../../src/search/store';
import { ask, launchBrowser, openPage } from '../support/browser';
import { send, startNodeServer } from '../support/node-server';
import { encryptedPdf, undecodablePdf } from '../support/pdf-fixtures';
import { pageBreaks, paperHtml, printPaper } from '../support/paper-pdf';

/**
 * PDFs in the corpus folder (issue 16): indexed beside the text files, each bad one left out with
 * `file: reason` while the rest are indexed, and a paper whose PDF broke kept in its last good version.
 */
let root: string;
let paper: Uint8Array;
let pageCount = 0;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'shiori-pdf-corpus-'));
  const browser = await launchBrowser();
  try {
    const source = readFileSync('test/fixtures/new-papers/m03.txt', 'utf8');
    const document = parseDocument(source, { sourceFile: 'm03.txt' });
    paper = await printPaper(browser, paperHtml(document, pageBreaks(document, source)));
    pageCount = document.pages;
    const page = await browser.newPage();
    await page.setContent('<svg width="400" height="200"><rect width="400" height="200" fill="#ddd"/></svg>');
    writeFileSync(join(root, 'scan.pdf'), await page.pdf({ format: 'A4' }));
    await page.close();
  } finally {
    await browser.close();
  }
}, 120_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

async function engineOf(indexDir: string) {
  return createSearchEngine(await openIndex(async (name) => readFileSync(join(indexDir, name), 'utf8')));
}

describe('a corpus with PDFs', () => {
  it('indexes a PDF beside a text file, and leaves out each PDF it cannot read with what is wrong with it', async () => {
    const corpus = join(root, 'corpus');
    const index = join(root, 'index');
    cpSync('test/fixtures/mda-commentary.txt', join(corpus, 'mda-commentary.txt'));
    writeFileSync(join(corpus, 'critical-minerals.pdf'), paper);
    cpSync(join(root, 'scan.pdf'), join(corpus, 'scan.pdf'));
    writeFileSync(join(corpus, 'locked.pdf'), encryptedPdf());
    writeFileSync(join(corpus, 'symbols.pdf'), undecodablePdf());
    writeFileSync(join(corpus, 'cut.pdf'), paper.slice(0, 2000));
    writeFileSync(join(corpus, 'huge.pdf'), '');
    truncateSync(join(corpus, 'huge.pdf'), INGEST_LIMITS.maxPdfBytes + 1);
    const lines: string[] = [];
    const manifest = await buildIndex({ corpusDir: corpus, indexDir: index, log: (line) => lines.push(line) });

    expect(manifest.counts.documents).toBe(2);
    expect(manifest.problems.map(({ file, code, kept }) => ({ file, code, kept }))).toEqual([
      { file: 'cut.pdf', code: 'PDF_DAMAGED', kept: false },
      { file: 'huge.pdf', code: 'PDF_TOO_LARGE', kept: false },
      { file: 'locked.pdf', code: 'PDF_ENCRYPTED', kept: false },
      { file: 'scan.pdf', code: 'PDF_NO_TEXT', kept: false },
      { file: 'symbols.pdf', code: 'PDF_NO_UNICODE', kept: false },
    ]);
    const messages = Object.fromEntries(manifest.problems.map((problem) => [problem.file, problem.message]));
    expect(messages['scan.pdf']).toBe('scan.pdf: the PDF has no text layer (a scan?): it needs OCR before shiori can read it');
    expect(messages['locked.pdf']).toBe('locked.pdf: the PDF is encrypted (it needs a password); save it without protection');
    expect(messages['huge.pdf']).toBe(`huge.pdf: the PDF is ${(INGEST_LIMITS.maxPdfBytes + 1).toLocaleString('en')} bytes; the limit is ${INGEST_LIMITS.maxPdfBytes.toLocaleString('en')}`);
    expect(messages['cut.pdf']).toMatch(/^cut\.pdf: the PDF cannot be read: /u);
    expect(messages['symbols.pdf']).toMatch(/^symbols\.pdf: the PDF's text does not decode \(100 %/u);
    expect(lines).toContainEqual(expect.stringMatching(/scan\.pdf: the PDF has no text layer.*\(left out of the index\)$/u));

    const engine = await engineOf(index);
    const hit = (await engine.search('ガリウムとゲルマニウムの輸出管理', { limit: 1 })).results[0];
    expect(hit?.docId).toBe('critical-minerals');
    expect(hit?.page).toBeGreaterThan(1);
    expect((await engine.search('オーストラリアの北部の監視能力', { limit: 1 })).results[0]?.docId).toBe('mda-commentary');
  }, 120_000);

  it('keeps the last good version of a paper whose PDF is replaced by a damaged one', async () => {
    const corpus = join(root, 'replaced');
    const index = join(root, 'replaced-index');
    cpSync('test/fixtures/mda-commentary.txt', join(corpus, 'mda-commentary.txt'));
    writeFileSync(join(corpus, 'critical-minerals.pdf'), paper);
    await buildIndex({ corpusDir: corpus, indexDir: index });
    writeFileSync(join(corpus, 'critical-minerals.pdf'), paper.slice(0, paper.length / 3));
    const manifest = await buildIndex({ corpusDir: corpus, indexDir: index });
    expect(manifest.problems).toEqual([expect.objectContaining({ file: 'critical-minerals.pdf', code: 'PDF_DAMAGED', kept: true })]);
    expect(manifest.counts.documents).toBe(2);
    expect((await (await engineOf(index)).search('ガリウムとゲルマニウムの輸出管理', { limit: 1 })).results[0]?.docId).toBe('critical-minerals');
  }, 120_000);

  it("serves each paper's PDF under the API's rules, and the reader and the answers link each passage to its page", async () => {
    const corpus = join(root, 'served');
    const index = join(root, 'served-index');
    cpSync('test/fixtures/mda-commentary.txt', join(corpus, 'mda-commentary.txt'));
    writeFileSync(join(corpus, 'critical-minerals.pdf'), paper);
    await buildIndex({ corpusDir: corpus, indexDir: index });
    const token = 'a-long-enough-test-token-0123456789';
    const locked = await startNodeServer({ CORPUS_DIR: corpus, INDEX_DIR: index, API_TOKEN: token });
    try {
      const auth = { authorization: `Bearer ${token}` };
      const listed = (await (await send(`${locked.url}/api/documents`, { headers: auth })).json()) as { documents: Array<{ id: string; pdf: boolean }> };
      expect(Object.fromEntries(listed.documents.map((entry) => [entry.id, entry.pdf]))).toEqual({ 'critical-minerals': true, 'mda-commentary': false });
      const served = await send(`${locked.url}/api/documents/critical-minerals/pdf`, { headers: auth });
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(paper))).toBe(true);
      expect((await send(`${locked.url}/api/documents/critical-minerals/pdf`)).status).toBe(401);
      const text = await send(`${locked.url}/api/documents/mda-commentary/pdf`, { headers: auth });
      expect(text.status).toBe(404);
      expect(((await text.json()) as { error: { code: string } }).error.code).toBe('NO_ORIGINAL');
      expect(((await (await send(`${locked.url}/api/documents/nothing/pdf`, { headers: auth })).json()) as { error: { code: string } }).error.code).toBe('UNKNOWN_DOCUMENT');
      const link = await fetch(`${locked.url}/documents/critical-minerals/pdf`, { redirect: 'manual' });
      expect([link.status, link.headers.get('location')]).toEqual([302, '/api/documents/critical-minerals/pdf']);
    } finally {
      await locked.stop();
    }

    const open = await startNodeServer({ CORPUS_DIR: corpus, INDEX_DIR: index });
    const browser = await launchBrowser();
    try {
      const { page, problems } = await openPage(browser);
      await page.goto(`${open.url}/documents/critical-minerals`);
      const links = page.locator('.shiori-paragraph .shiori-page-link');
      await links.first().waitFor();
      const pages = (await page.locator('.shiori-paragraph').evaluateAll((elements) =>
        elements.map((element) => [element.querySelector('.shiori-page-link')?.getAttribute('href') ?? null, element.textContent ?? '']),
      )) as Array<[string | null, string]>;
      // Every paragraph links to the page it starts on; the link is not part of the quotable text's selection.
      expect(pages.every(([href]) => href !== null && /^\/documents\/critical-minerals\/pdf#page=\d+$/u.test(href))).toBe(true);
      const numbers = pages.map(([href]) => Number((href as string).split('=')[1]));
      expect(Math.max(...numbers)).toBeLessThanOrEqual(pageCount);
      expect(new Set(numbers).size).toBeGreaterThan(3);
      expect(await links.first().evaluate((element) => getComputedStyle(element).userSelect)).toBe('none');
      const fetched = await page.evaluate(async (href) => {
        const response = await fetch(href);
        return [response.status, response.headers.get('content-type'), (await response.arrayBuffer()).byteLength];
      }, pages[0]?.[0] as string);
      expect(fetched).toEqual([200, 'application/pdf', paper.length]);
      expect(await page.locator('.shiori-original-link').getAttribute('href')).toBe('/documents/critical-minerals/pdf');

      await page.goto(open.url);
      await ask(page, 'ガリウムとゲルマニウムの輸出管理はいつ始まったか');
      const card = page.locator('.shiori-card').filter({ hasText: 'ガリウム' }).first();
      const pdf = card.getByRole('link', { name: /PDFの\d+頁を開く/u });
      const href = await pdf.getAttribute('href');
      const meta = await card.locator('.shiori-card-meta').textContent();
      expect(href).toMatch(/\/documents\/critical-minerals\/pdf#page=\d+$/u);
      expect(meta).toContain(`${(href as string).split('=')[1]}頁`);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      await open.stop();
    }
  }, 180_000);
});
