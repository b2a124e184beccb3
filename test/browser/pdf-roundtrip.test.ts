import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/model/document';
import { parseDocument } from '../../src/ingest/parse-document';
import { parsePdf } from '../../src/ingest/parse-pdf';
import { readPdfText } from '../../src/ingest/pdf-text';
import { normalizeSpacing } from '../../src/text/spacing';
import { launchBrowser } from '../support/browser';
import { pageBreaks, paperHtml, printedForms, printPaper, type Face } from '../support/paper-pdf';

/**
 * Issue 16's round trip: papers whose truth is known — the two seeds and the three new papers, parsed
 * from their text files — printed to PDF by Chromium as a publisher would set them (test/support/
 * paper-pdf.ts), and read back by the positioned layout. Every paragraph (text, page, markers at their
 * offsets), heading, footnote (text, URLs, page), table cell, the closing line and the page count must
 * be the text file's, up to the characters the printer itself names differently (one glyph, two
 * characters: see printedForms).
 */
const SHARED = '../shared';
const PAPERS = [
  `${SHARED}/corpus/000_d62613a39113a7e6.txt`,
  `${SHARED}/corpus/003_cd568db34d9aead0.txt`,
  `${SHARED}/corpus-new/m02.txt`,
  `${SHARED}/corpus-new/m03.txt`,
  `${SHARED}/corpus-new/m05.txt`,
];

let browser: Browser;
const truth = new Map<string, Document>();
const read = new Map<string, Document>();
let forms: Record<Face, Map<string, string>> = { body: new Map(), heading: new Map() };

beforeAll(async () => {
  browser = await launchBrowser();
  for (const path of PAPERS) {
    const name = path.split('/').pop() as string;
    const source = readFileSync(path, 'utf8');
    const document = parseDocument(source, { sourceFile: name });
    truth.set(name, document);
    const pdf = await printPaper(browser, paperHtml(document, pageBreaks(document, source)));
    read.set(name, await parsePdf(pdf, { sourceFile: name.replace(/\.txt$/u, '.pdf') }));
  }
  const characters = [...truth.values()].flatMap((document) => [...JSON.stringify(document)]);
  forms = await printedForms(browser, characters, async (pdf) => (await readPdfText(pdf, 'specimen.pdf')).flatMap((page) => page.runs.map((run) => run.text)));
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

/** `text` as the printer names its characters in `face`. */
function printed(text: string, face: Face = 'body'): string {
  return normalizeSpacing([...text].map((char) => forms[face].get(char) ?? char).join(''));
}

function paragraphsOf(document: Document) {
  return [...document.summary, ...document.sections.flatMap((section) => section.paragraphs)].map((paragraph) => ({ text: paragraph.text, page: paragraph.page, refs: paragraph.refs }));
}

describe('a paper printed to PDF reads back as the model of its text file', () => {
  for (const path of PAPERS) {
    const name = path.split('/').pop() as string;
    it(`${name}: paragraphs, markers, headings, footnotes, tables, closing line and pages`, () => {
      const want = truth.get(name) as Document;
      const got = read.get(name) as Document;
      expect(got.pages).toBe(want.pages);
      expect(got.summary.length).toBe(want.summary.length);
      expect(got.sections.map((section) => [section.heading, section.level, section.page, section.paragraphs.length])).toEqual(
        want.sections.map((section) => [section.heading === null ? null : printed(section.heading, 'heading'), section.level, section.page, section.paragraphs.length]),
      );
      expect(paragraphsOf(got)).toEqual(paragraphsOf(want).map((paragraph) => ({ ...paragraph, text: printed(paragraph.text) })));
      expect(got.footnotes).toEqual(want.footnotes.map((footnote) => ({ ...footnote, text: printed(footnote.text), urls: footnote.urls.map((url) => printed(url)) })));
      const table = (document: Document, map: (text: string) => string) =>
        document.tables.map((entry) => ({
          ...entry,
          caption: entry.caption === null ? null : map(entry.caption),
          legend: entry.legend === null ? null : map(entry.legend),
          columns: entry.columns.map(map),
          rows: entry.rows.map((row) => ({ label: map(row.label), cells: Object.fromEntries(Object.entries(row.cells).map(([column, cell]) => [map(column), map(cell)])) })),
        }));
      expect(table(got, (text) => text)).toEqual(table(want, (text) => printed(text)));
      expect(got.closing).toEqual(want.closing === null ? null : { ...want.closing, text: printed(want.closing.text) });
      expect([got.title, got.titleSource, got.date, got.lang]).toEqual([printed(want.title), want.titleSource, want.date, want.lang]);
      expect(got.boilerplate.filter((entry) => entry.kind === 'disclaimer').length).toBe(want.boilerplate.filter((entry) => entry.kind === 'disclaimer').length);
      expect(got.warnings).toEqual([]);
    });
  }

  it('the printer names few characters differently, and none of the letters, digits or kana', () => {
    const changed = [...forms.body, ...forms.heading].map(([from, to]) => `${from}→${to}`);
    expect(changed.length, changed.join(' ')).toBeLessThan(20);
    for (const change of changed) expect(change).not.toMatch(/[\p{L}\p{N}]/u);
  });
});
