import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/ingest/errors';
import { readPdfText, undecodableShare, unifiedIdeographs } from '../../src/ingest/pdf-text';
import { launchBrowser } from '../support/browser';
import { encryptedPdf, undecodablePdf } from '../support/pdf-fixtures';

/**
 * PDFs read with PDF.js (issue 16, the first piece: positioned text and the bad-PDF classes). The fixtures
 * are made here: printed to PDF by Debian's Chromium from HTML whose layout is known, and, for what a
 * browser does not write (an encrypted file), written by hand.
 */
let browser: Browser;
const printed: Record<string, Uint8Array> = {};

async function print(html: string): Promise<Uint8Array> {
  const page = await browser.newPage();
  await page.setContent(html);
  const pdf = await page.pdf({ format: 'A4', margin: { top: '20mm', bottom: '20mm', left: '20mm', right: '20mm' } });
  await page.close();
  return new Uint8Array(pdf);
}

const paperHtml = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>
body { font-family: 'Noto Sans CJK JP', 'IPAPGothic', sans-serif; font-size: 10.5pt; }
h2 { font-size: 14pt; } .notes { position: fixed; bottom: 0; font-size: 8pt; }
</style></head><body><h2>1．はじめに</h2><p>本文の段落である<sup>1</sup>。次の文。</p>
<div class="notes">1 脚注の本文 https://example.org/a</div></body></html>`;

beforeAll(async () => {
  browser = await launchBrowser();
  printed.paper = await print(paperHtml);
  // Ten pages of body text, for the time a PDF takes to read.
  printed.long = await print(`<!doctype html><html lang="ja"><body style="font-family: 'Noto Sans CJK JP'">${Array.from({ length: 10 }, (_, page) => `<section style="page-break-after: always">${'<p>安全保障の協力は深化を続けている。'.repeat(12)}${page + 1}頁目。</p></section>`).join('')}</body></html>`);
  // A page with only a picture of text: what a scan is.
  printed.scan = await print(`<!doctype html><html><body><svg width="400" height="200"><rect width="400" height="200" fill="#eee"/><path d="M10 10 L390 190" stroke="black"/></svg></body></html>`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function refusal(promise: Promise<unknown>): Promise<IngestError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof IngestError)) throw new Error(`expected an IngestError, got ${String(error)}`);
  return error;
}

describe('reading a PDF\'s text', () => {
  it('gives each run of glyphs its page, place, size and font: a raised, smaller marker, smaller footnotes at the foot, a larger heading', async () => {
    const [page] = await readPdfText(printed.paper as Uint8Array, 'paper.pdf');
    if (page === undefined) throw new Error('no page');
    expect(page.number).toBe(1);
    const text = page.runs.map((run) => run.text).join('');
    // Chromium writes 文 as the Kangxi radical ⽂: read back as the ideograph.
    expect(text).toContain('本文の段落である');
    expect(text).not.toContain('⽂');
    const body = page.runs.find((run) => run.text.includes('段'));
    const marker = page.runs.find((run) => run.text === '1' && body !== undefined && run.y > body.y && run.y - body.y < body.size);
    const heading = page.runs.find((run) => run.text.includes('はじめに'));
    const note = page.runs.find((run) => run.text.includes('https://example.org/a'));
    if (!body || !marker || !heading || !note) throw new Error(`runs missing: ${JSON.stringify(page.runs.map((run) => run.text))}`);
    expect(marker.size).toBeLessThan(body.size);
    expect(marker.x).toBeGreaterThan(body.x);
    expect(heading.size).toBeGreaterThan(body.size);
    expect(note.size).toBeLessThan(body.size);
    expect(note.y).toBeLessThan(page.height / 4);
    expect(heading.y).toBeGreaterThan(body.y);
  });

  it('reads all ten pages of a ten-page paper', async () => {
    const pages = await readPdfText(printed.long as Uint8Array, 'long.pdf');
    expect(pages).toHaveLength(10);
    expect(pages.map((page) => page.runs.map((run) => run.text).join('')).every((text, index) => text.includes(`${index + 1}頁目`))).toBe(true);
  });
});

describe('a PDF shiori cannot read', () => {
  it('says a scan needs OCR', async () => {
    const error = await refusal(readPdfText(printed.scan as Uint8Array, 'scan.pdf'));
    expect(error.code).toBe('PDF_NO_TEXT');
    expect(error.message).toBe('scan.pdf: the PDF has no text layer (a scan?): it needs OCR before shiori can read it');
  });

  it('says an encrypted one needs its password removed', async () => {
    const encrypted = encryptedPdf();
    const error = await refusal(readPdfText(encrypted, 'locked.pdf'));
    expect(error.code).toBe('PDF_ENCRYPTED');
    expect(error.message).toBe('locked.pdf: the PDF is encrypted (it needs a password); save it without protection');
  });

  it('says a damaged one cannot be read, and which', async () => {
    for (const [name, bytes] of [['cut.pdf', (printed.paper as Uint8Array).slice(0, 400)], ['text.pdf', new Uint8Array(Buffer.from('this is not a PDF at all'))]] as const) {
      const error = await refusal(readPdfText(bytes, name));
      expect(error.code, name).toMatch(/^PDF_(DAMAGED|NO_TEXT)$/u);
      expect(error.message.startsWith(`${name}: the PDF`)).toBe(true);
    }
    expect((await refusal(readPdfText(new Uint8Array(Buffer.from('this is not a PDF at all')), 'text.pdf'))).code).toBe('PDF_DAMAGED');
  });

  it('refuses one over the size limit before reading it', async () => {
    const error = await refusal(readPdfText(printed.paper as Uint8Array, 'big.pdf', { maxBytes: 1000 }));
    expect(error.code).toBe('PDF_TOO_LARGE');
    expect(error.message).toBe(`big.pdf: the PDF is ${(printed.paper as Uint8Array).length.toLocaleString('en')} bytes; the limit is 1,000`);
  });

  it('says one whose fonts have no Unicode map cannot be read as text', async () => {
    const error = await refusal(readPdfText(undecodablePdf(), 'symbols.pdf'));
    expect(error.code).toBe('PDF_NO_UNICODE');
    expect(error.message).toBe("symbols.pdf: the PDF's text does not decode (100 % of its characters are private-use or replacement characters: its fonts lack a Unicode map); export it again with embedded Unicode fonts, or extract its text");
  });

  it('measures text that does not decode (glyphs without a Unicode map read as private-use characters)', () => {
    expect(undecodableShare('本文の段落である。')).toBeUndefined();
    expect(undecodableShare('\uE001\uE002\uE003本文')).toBe('60 %');
    expect(undecodableShare('本文\uFFFD'.repeat(3))).toBe('33 %');
    expect(undecodableShare(`${'本'.repeat(99)}\uE000`)).toBeUndefined();
  });

  it('reads the CJK look-alikes some producers write as the ideographs they are, and leaves the rest as printed', () => {
    expect(unifiedIdeographs('⽂書の⾒直し')).toBe('文書の見直し');
    expect(unifiedIdeographs('２０２０年（ＡＳＥＡＮ）')).toBe('２０２０年（ＡＳＥＡＮ）');
  });
});
