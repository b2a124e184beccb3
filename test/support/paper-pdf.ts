import type { Browser } from 'playwright-core';
import type { Document, Paragraph } from '../../src/model/document';
import { layoutOf } from '../../src/ingest/layout';
import { splitSourceLines } from '../../src/ingest/lines';
import { normalizeSpacing } from '../../src/text/spacing';

/**
 * Papers whose truth is known, printed to PDF by Chromium (issue 16): a paper's parsed model (from its text
 * file) laid out as a publisher would — one PDF page per page of the source, the body in a serif face with
 * first-line indents, section headings larger and bold, `【…】` sub-headings bold at body size, summary
 * bullets in a box, footnote markers raised and smaller, each page's footnotes in smaller type at its foot
 * under a rule (their numbers raised too), long URLs broken where the line ends, the table ruled with its
 * caption and legend, the closing line set right, the disclaimer box at the end, and a running header and
 * a page number on every page. Reading the PDF back must give the model it was made from.
 */

const CSS = `
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'Noto Serif CJK JP', serif; font-size: 9.5pt; line-height: 1.55; color: #000; }
.page { width: 210mm; height: 297mm; padding: 9mm 18mm 8mm; display: flex; flex-direction: column; break-after: page; overflow: hidden; }
.page:last-child { break-after: auto; }
.header { font-size: 7pt; text-align: right; height: 7mm; color: #333; }
.body { flex: 1; overflow: hidden; }
.folio { font-size: 8pt; text-align: center; height: 5mm; padding-top: 1mm; }
p { margin: 0; text-indent: 1em; text-align: justify; }
p.cont { text-indent: 0; }
p.split { text-align-last: justify; }
h2 { font-family: 'Noto Sans CJK JP'; font-size: 12pt; font-weight: bold; margin: 0.7em 0 0.35em; line-height: 1.4; }
h3 { font-family: 'Noto Sans CJK JP'; font-size: 9.5pt; font-weight: bold; margin: 0.4em 0 0.1em; }
sup { font-size: 0.62em; line-height: 0; vertical-align: 0.55em; }
.box { border: 0.5pt solid #000; padding: 2.5mm 3.5mm; margin-bottom: 3mm; }
.box p { text-indent: -1.1em; padding-left: 1.1em; }
p.caption, p.legend { text-indent: 0; }
p.legend { font-size: 8pt; margin-bottom: 0.5em; }
table { border-collapse: collapse; font-size: 8pt; line-height: 1.3; margin: 0.3em 0; }
th, td { border: 0.5pt solid #000; padding: 1.2pt 3pt; vertical-align: top; text-align: center; font-weight: normal; }
th.label { text-align: left; }
p.closing { text-align: right; text-indent: 0; margin-top: 0.5em; }
.disclaimer { border: 0.5pt solid #000; margin-top: 3mm; padding: 1.5mm 3mm; }
.disclaimer div { white-space: pre; }
.notes { border-top: 0.5pt solid #000; margin-top: 2mm; padding-top: 1mm; font-size: 7pt; line-height: 1.35; }
.notes p { text-indent: 0; text-align: left; overflow-wrap: anywhere; }
`;

function escape(text: string): string {
  return text.replace(/[&<>"]/gu, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] as string);
}

/** `text[start, end)` with its footnote markers raised: those after `start` up to `end` (a marker where a page ends goes at that page's end), and at 0 in the first part. */
function withMarkers(paragraph: Paragraph, start: number, end: number): string {
  const grouped = new Map<number, number[]>();
  for (const ref of paragraph.refs) {
    if ((ref.offset > start || ref.offset === 0) && ref.offset >= start && ref.offset <= end) grouped.set(ref.offset, [...(grouped.get(ref.offset) ?? []), ref.n]);
  }
  let html = '';
  let at = start;
  for (const [offset, numbers] of [...grouped].sort((a, b) => a[0] - b[0])) {
    html += `${escape(paragraph.text.slice(at, offset))}<sup>${numbers.join(',')}</sup>`;
    at = offset;
  }
  return html + escape(paragraph.text.slice(at, end));
}

/**
 * Where each paragraph that runs across pages continues: for each later page, the offset in its text at
 * which that page's part starts, found from the source's lines (the first line of the paragraph on that
 * page, a marker that opens it left out).
 */
export function pageBreaks(document: Document, source: string): Map<string, Array<[offset: number, page: number]>> {
  const lines = splitSourceLines(source);
  const layout = layoutOf(lines, source);
  const { content } = layout.splitTrailer(lines);
  const pageOfLine = new Map<number, { page: number; text: string }>();
  for (const page of layout.pages(content)) for (const line of page.body) if (line.text.trim() !== '') pageOfLine.set(line.no, { page: page.no, text: line.text });
  const breaks = new Map<string, Array<[number, number]>>();
  for (const paragraph of [...document.summary, ...document.sections.flatMap((section) => section.paragraphs)]) {
    const parts: Array<[number, number]> = [];
    let page = paragraph.page;
    let from = 0;
    const numbers = [...pageOfLine.keys()].filter((no) => no >= paragraph.lines[0] && no <= paragraph.lines[1]).sort((a, b) => a - b);
    for (const [index, no] of numbers.entries()) {
      const line = pageOfLine.get(no) as { page: number; text: string };
      if (line.page <= page) continue;
      page = line.page;
      // Markers are digits in the source's lines and not in the text: both compared without digits.
      const following = numbers.slice(index, index + 3).map((next) => normalizeSpacing((pageOfLine.get(next) as { text: string }).text)).join('').replace(/\d/gu, '');
      const kept = paragraph.text.split('').flatMap((char, at) => (/\d/u.test(char) ? [] : [at]));
      const stripped = paragraph.text.replace(/\d/gu, '');
      const hit = stripped.indexOf(following.slice(0, 8), kept.findIndex((at) => at > from));
      if (hit <= 0) throw new Error(`${document.id} ${paragraph.id}: where page ${page} starts is not found`);
      let found = kept[hit] as number;
      while (found > from + 1 && /\d/u.test(paragraph.text[found - 1] as string)) found--;
      parts.push([found, page]);
      from = found;
    }
    if (parts.length > 0) breaks.set(paragraph.id, parts);
  }
  return breaks;
}

/** The paper as HTML pages for Chromium to print; `breaks` from {@link pageBreaks}. `headings: 'bold'` sets section headings bold at the body's size, as many papers do. */
export function paperHtml(document: Document, breaks: ReadonlyMap<string, ReadonlyArray<readonly [number, number]>>, { headings = 'larger' }: { headings?: 'larger' | 'bold' } = {}): string {
  const pages: string[][] = Array.from({ length: document.pages }, () => []);
  const put = (page: number, html: string): void => {
    (pages[page - 1] as string[]).push(html);
  };
  const paragraphHtml = (paragraph: Paragraph, className = ''): void => {
    const parts = [[0, paragraph.page] as const, ...(breaks.get(paragraph.id) ?? [])];
    parts.forEach(([start, page], index) => {
      const next = parts[index + 1];
      const end = next === undefined ? paragraph.text.length : next[0];
      const classes = [className, index > 0 ? 'cont' : '', next !== undefined ? 'split' : ''].filter((name) => name !== '').join(' ');
      put(page, `<p${classes === '' ? '' : ` class="${classes}"`}>${index === 0 && className === 'bullet' ? '■ ' : ''}${withMarkers(paragraph, start, end)}</p>`);
    });
  };

  if (document.summary.length > 0) {
    put(document.summary[0]?.page ?? 1, '<div class="box">');
    for (const paragraph of document.summary) paragraphHtml(paragraph, 'bullet');
    put(document.summary.at(-1)?.page ?? 1, '</div>');
  }
  for (const section of document.sections) {
    if (section.heading !== null) put(section.page, section.level === 1 ? `<h2>${escape(section.heading)}</h2>` : `<h3>${escape(section.heading)}</h3>`);
    const tablesAfter = (id: string | null): void => {
      for (const table of document.tables.filter((candidate) => candidate.sectionId === section.id && candidate.afterParagraphId === id)) {
        const header = `<tr><th class="label"></th>${table.columns.map((column) => `<th>${escape(column)}</th>`).join('')}</tr>`;
        const rows = table.rows.map((row) => `<tr><th class="label">${escape(row.label)}</th>${table.columns.map((column) => `<td>${escape(row.cells[column] ?? '')}</td>`).join('')}</tr>`).join('');
        put(table.page, `${table.caption === null ? '' : `<p class="caption">${escape(table.caption)}</p>`}<table>${header}${rows}</table>${table.legend === null ? '' : `<p class="legend">${escape(table.legend)}</p>`}`);
      }
    };
    tablesAfter(null);
    for (const paragraph of section.paragraphs) {
      paragraphHtml(paragraph);
      tablesAfter(paragraph.id);
    }
  }
  if (document.closing !== null) put(document.closing.page, `<p class="closing">${escape(document.closing.text)}</p>`);
  const disclaimer = document.boilerplate.filter((entry) => entry.kind === 'disclaimer');
  if (disclaimer.length > 0) put(document.pages, `<div class="disclaimer">${disclaimer.map((entry) => `<div>${escape(entry.text)}</div>`).join('')}</div>`);

  const html = pages.map((body, index) => {
    const notes = document.footnotes.filter((footnote) => footnote.page === index + 1);
    const foot = notes.length === 0 ? '' : `<div class="notes">${notes.map((footnote) => `<p><sup>${footnote.n}</sup> ${escape(footnote.text)}</p>`).join('')}</div>`;
    return `<div class="page"><div class="header">shiori test paper ${escape(document.id)}</div><div class="body">${body.join('')}</div>${foot}<div class="folio">${index + 1}</div></div>`;
  });
  const headingStyle = headings === 'bold' ? 'h2 { font-size: 9.5pt; margin: 0.5em 0 0.2em; }' : '';
  return `<!doctype html><html lang="${document.lang}"><head><meta charset="utf-8"><style>${CSS}${headingStyle}</style></head><body>${html.join('')}</body></html>`;
}

/** Prints `html` (from {@link paperHtml}) to PDF; throws when a page's body does not fit it (its text would be cut). */
export async function printPaper(browser: Browser, html: string): Promise<Uint8Array> {
  const page = await browser.newPage();
  try {
    await page.setContent(html);
    await page.evaluate(() => document.fonts.ready);
    const overflowing = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.page')).flatMap((sheet, index) => {
        const body = sheet.querySelector('.body') as HTMLElement;
        return body.scrollHeight > body.clientHeight + 1 ? [index + 1] : [];
      }),
    );
    if (overflowing.length > 0) throw new Error(`pages ${overflowing.join(', ')} do not fit their sheet`);
    return new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: false }));
  } finally {
    await page.close();
  }
}

/** The faces the papers are printed in: the body's (paragraphs, footnotes, tables) and the headings'. */
export type Face = 'body' | 'heading';
const FACES: Record<Face, string> = { body: "font-family: 'Noto Serif CJK JP'", heading: "font-family: 'Noto Sans CJK JP'; font-weight: bold" };

/**
 * What the printer writes for each character, by face: a PDF records glyphs, and where a font draws
 * several characters with one glyph (Noto Sans CJK JP Bold: `・` and `‧`), its producer names one of
 * them. A specimen of `characters` in each face, printed and read back, gives the character read for
 * each character written; round trips are exact up to this.
 */
export async function printedForms(browser: Browser, characters: Iterable<string>, read: (pdf: Uint8Array) => Promise<string[]>): Promise<Record<Face, Map<string, string>>> {
  const list = [...new Set(characters)].filter((char) => char.trim() !== '');
  const faces = Object.keys(FACES) as Face[];
  const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>p { margin: 0 0 4pt; font-size: 9.5pt; }</style></head><body>${faces
    .map((face) => `<p style="${FACES[face]}">${list.map((char) => escape(char)).join(' ')}</p>`)
    .join('')}</body></html>`;
  const page = await browser.newPage();
  await page.setContent(html);
  const pdf = new Uint8Array(await page.pdf({ format: 'A4' }));
  await page.close();
  const tokens = (await read(pdf)).join(' ').split(/\s+/u).filter((token) => token !== '');
  if (tokens.length !== list.length * faces.length) throw new Error(`specimen: ${tokens.length} characters read for ${list.length * faces.length}`);
  const forms = { body: new Map<string, string>(), heading: new Map<string, string>() };
  tokens.forEach((token, index) => {
    const char = list[index % list.length] as string;
    if (token !== char) forms[faces[Math.floor(index / list.length)] as Face].set(char, token);
  });
  return forms;
}
