import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/ingest/build-index';
import { INGEST_LIMITS } from '../../src/ingest/limits';
import { parseDocument } from '../../src/ingest/parse-document';
import { createSearchEngine } from '../../src/search/engine';
import { openIndex } from '../../src/search/store';
import { launchBrowser } from '../support/browser';
import { encryptedPdf, undecodablePdf } from '../support/pdf-fixtures';
import { pageBreaks, paperHtml, printPaper } from '../support/paper-pdf';

/**
 * PDFs in the corpus folder (issue 16): indexed beside the text files, each bad one left out with
 * `file: reason` while the rest are indexed, and a paper whose PDF broke kept in its last good version.
 */
let root: string;
let paper: Uint8Array;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'shiori-pdf-corpus-'));
  const browser = await launchBrowser();
  try {
    const source = readFileSync('../shared/corpus-new/m03.txt', 'utf8');
    const document = parseDocument(source, { sourceFile: 'm03.txt' });
    paper = await printPaper(browser, paperHtml(document, pageBreaks(document, source)));
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
});
