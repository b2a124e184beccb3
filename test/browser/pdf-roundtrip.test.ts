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
import { pdfLibForms, writePaperPdf } from '../support/paper-pdf-lib';

/**
 * Issue 16's round trip: papers whose truth is known — the two seeds and the three new papers, parsed
 * from their text files — printed to PDF by Chromium as a publisher would set them (test/support/
 * paper-pdf.ts), and read back by the positioned layout. Every paragraph (text, page, markers at their
 * offsets), heading, footnote (text, URLs, page), table cell, the closing line and the page count must
 * be the text file's, up to the characters the printer itself names differently (one glyph, two
 * characters: see printedForms). Three of the papers are also written by a second producer, pdf-lib
 * (test/support/paper-pdf-lib.ts), which sets type its own way.
 */
/** The bundled seeds and the repository's copies of ../shared/corpus-new (byte-identical): the tests need nothing beside the clone. */
const SEEDS = 'corpus';
const NEW_PAPERS = 'test/fixtures/new-papers';
const PAPERS = [
  `${SEEDS}/000_d62613a39113a7e6.txt`,
  `${SEEDS}/003_cd568db34d9aead0.txt`,
  `${NEW_PAPERS}/m02.txt`,
  `${NEW_PAPERS}/m03.txt`,
  `${NEW_PAPERS}/m05.txt`,
];

/** The papers written by pdf-lib too: its face (IPAGothic) lacks the Simplified Chinese of the other two's footnotes. */
const SECOND_PRODUCER = ['003_cd568db34d9aead0.txt', 'm02.txt', 'm05.txt'];

let browser: Browser;
const truth = new Map<string, Document>();
const read = new Map<string, Document>();
const written = new Map<string, Document>();
/** m05 printed again with its section headings bold at the body's size: told from the body by weight alone. */
let boldHeadings: Document;
let forms: Record<Face, Map<string, string>> = { body: new Map(), heading: new Map() };
let libForms = new Map<string, string>();

beforeAll(async () => {
  browser = await launchBrowser();
  for (const path of PAPERS) {
    const name = path.split('/').pop() as string;
    const source = readFileSync(path, 'utf8');
    const document = parseDocument(source, { sourceFile: name });
    truth.set(name, document);
    const pdf = await printPaper(browser, paperHtml(document, pageBreaks(document, source)));
    read.set(name, await parsePdf(pdf, { sourceFile: name.replace(/\.txt$/u, '.pdf') }));
    if (SECOND_PRODUCER.includes(name)) written.set(name, await parsePdf(await writePaperPdf(document, pageBreaks(document, source)), { sourceFile: name.replace(/\.txt$/u, '.pdf') }));
  }
  const m05 = readFileSync(`${NEW_PAPERS}/m05.txt`, 'utf8');
  const m05Model = truth.get('m05.txt') as Document;
  boldHeadings = await parsePdf(await printPaper(browser, paperHtml(m05Model, pageBreaks(m05Model, m05), { headings: 'bold' })), { sourceFile: 'm05.pdf' });
  const characters = [...truth.values()].flatMap((document) => [...JSON.stringify(document)]);
  const runsOf = async (pdf: Uint8Array): Promise<string[]> => (await readPdfText(pdf, 'specimen.pdf')).flatMap((page) => page.runs.map((run) => run.text));
  forms = await printedForms(browser, characters, runsOf);
  libForms = await pdfLibForms(SECOND_PRODUCER.flatMap((name) => [...JSON.stringify(truth.get(name))]), runsOf);
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

/** The checks of the round trip: `got` read from the PDF of `want`, `printed` naming characters as its producer does. */
function expectSameModel(got: Document, want: Document, printed: (text: string, face?: Face) => string): void {
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
}

describe('a paper printed to PDF reads back as the model of its text file', () => {
  for (const path of PAPERS) {
    const name = path.split('/').pop() as string;
    it(`${name} printed by Chromium: paragraphs, markers, headings, footnotes, tables, closing line and pages`, () => {
      expectSameModel(read.get(name) as Document, truth.get(name) as Document, printed);
    });
  }
  it('m05 with its headings bold at the body size: the same', () => {
    expectSameModel(boldHeadings, truth.get('m05.txt') as Document, printed);
  });

  for (const name of SECOND_PRODUCER) {
    it(`${name} written by pdf-lib: the same`, () => {
      expectSameModel(written.get(name) as Document, truth.get(name) as Document, (text) => normalizeSpacing([...text].map((char) => libForms.get(char) ?? char).join('')));
    });
  }

  it('the printer names few characters differently, and none of the letters, digits or kana', () => {
    const changed = [...forms.body, ...forms.heading, ...libForms].map(([from, to]) => `${from}→${to}`);
    expect(changed.length, changed.join(' ')).toBeLessThan(20);
    for (const change of changed) expect(change).not.toMatch(/[\p{L}\p{N}]/u);
  });
});
