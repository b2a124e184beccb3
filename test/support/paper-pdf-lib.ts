import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Document, Paragraph } from '../../src/model/document';

/**
 * A second producer for issue 16's round trip, so that Chromium's habits are not the only ones the PDF
 * layout is tried on: pdf-lib writes the PDF directly, in one face (IPAGothic, a TrueType subset with its
 * own ToUnicode map), with its own simple typesetting — ragged right, sizes alone telling headings apart
 * (no bold), footnote numbers in plain type, `●` bullets without a box, tables as positioned text without
 * rules, page numbers `n / N` at the top right and no running header.
 */
const FONT_FILE = '/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf';
const PAGE = { width: 595.28, height: 841.89, left: 56, right: 56, top: 64, bottom: 48 };
const BODY = { size: 10, pitch: 16 };
const HEADING = { size: 13, pitch: 20, before: 10, after: 4 };
const NOTE = { size: 7.5, pitch: 10.5 };
const TABLE = { size: 8.5, pitch: 14 };
const MARKER = { scale: 0.6, raise: 0.38 };
/** Characters that may not start a line: they hang at the end of the one before. */
const NO_START = /^[、。，．）」』】〕！？：；ー]/u;

interface Atom {
  text: string;
  /** A raised footnote marker. */
  marker: boolean;
}

/** A text cut into what a line may break between: CJK characters one by one, Latin words with their space; markers stay with what precedes them. */
function atomsOf(text: string, markers: ReadonlyArray<{ offset: number; numbers: number[] }>): Atom[] {
  const atoms: Atom[] = [];
  const byOffset = new Map(markers.map((marker) => [marker.offset, marker.numbers]));
  let at = 0;
  const pushMarker = (offset: number): void => {
    const numbers = byOffset.get(offset);
    if (numbers !== undefined) atoms.push({ text: numbers.join(','), marker: true });
  };
  pushMarker(0);
  for (const match of text.matchAll(/[!-~]+ ?|\s|[^\s!-~]/gu)) {
    const piece = match[0];
    // A marker inside a Latin word splits it there.
    const cuts = [...byOffset.keys()].filter((offset) => offset > match.index && offset < match.index + piece.length).sort((a, b) => a - b);
    let start = 0;
    for (const cut of cuts) {
      atoms.push({ text: piece.slice(start, cut - match.index), marker: false });
      pushMarker(cut);
      start = cut - match.index;
    }
    atoms.push({ text: piece.slice(start), marker: false });
    at = match.index + piece.length;
    pushMarker(at);
  }
  return atoms.filter((atom) => atom.text !== '');
}

interface Line {
  atoms: Atom[];
  x: number;
}

/** Breaks atoms into lines of `width` (the first `indent` narrower), a too-long word broken by characters. */
function breakLines(atoms: readonly Atom[], font: PDFFont, size: number, width: number, indent: number, hanging = 0): Line[] {
  const lines: Line[] = [];
  let current: Atom[] = [];
  let used = 0;
  const room = (): number => width - (lines.length === 0 ? indent : hanging);
  const widthOf = (atom: Atom): number => font.widthOfTextAtSize(atom.text, atom.marker ? size * MARKER.scale : size);
  const queue = [...atoms];
  while (queue.length > 0) {
    const atom = queue.shift() as Atom;
    const w = widthOf(atom);
    if (!atom.marker && w > room()) {
      // A word longer than a line (a URL): as many characters as fit, the rest on the next line.
      let fit = 1;
      while (fit < atom.text.length && used + font.widthOfTextAtSize(atom.text.slice(0, fit + 1), size) <= room()) fit++;
      if (used + font.widthOfTextAtSize(atom.text.slice(0, fit), size) <= room()) {
        current.push({ text: atom.text.slice(0, fit), marker: false });
        queue.unshift({ text: atom.text.slice(fit), marker: false });
      } else queue.unshift(atom);
      lines.push({ atoms: current, x: lines.length === 0 ? indent : hanging });
      current = [];
      used = 0;
      continue;
    }
    const fits = used + w - (/ $/u.test(atom.text) ? font.widthOfTextAtSize(' ', size) : 0) <= room();
    if (fits || atom.marker || current.length === 0 || NO_START.test(atom.text)) {
      current.push(atom);
      used += w;
      continue;
    }
    lines.push({ atoms: current, x: lines.length === 0 ? indent : hanging });
    current = [atom];
    used = w;
  }
  if (current.length > 0) lines.push({ atoms: current, x: lines.length === 0 ? indent : hanging });
  return lines;
}

/** A paper as pdf-lib sets it: one PDF page per page of the source; `breaks` from paper-pdf.ts's pageBreaks. */
export async function writePaperPdf(document: Document, breaks: ReadonlyMap<string, ReadonlyArray<readonly [number, number]>>): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(readFileSync(FONT_FILE), { subset: true });
  const width = PAGE.width - PAGE.left - PAGE.right;
  const pages: PDFPage[] = Array.from({ length: document.pages }, () => pdf.addPage([PAGE.width, PAGE.height]));
  const cursor = pages.map(() => PAGE.height - PAGE.top);
  // Each page's footnotes are set first, from the bottom up, so that the body knows where to stop.
  const floor = pages.map((page, index) => {
    const notes = document.footnotes.filter((footnote) => footnote.page === index + 1);
    const lines = notes.flatMap((footnote) => breakLines(atomsOf(`${footnote.n} ${footnote.text}`, []), font, NOTE.size, width, 0));
    let y = PAGE.bottom + NOTE.pitch * (lines.length - 1);
    const top = y + NOTE.pitch;
    for (const line of lines) {
      page.drawText(line.atoms.map((atom) => atom.text).join(''), { x: PAGE.left + line.x, y, size: NOTE.size, font });
      y -= NOTE.pitch;
    }
    return lines.length === 0 ? PAGE.bottom : top + 6;
  });
  const room = (page: number, height: number): number => {
    const y = (cursor[page - 1] as number) - height;
    if (y < (floor[page - 1] as number)) throw new Error(`${document.id}: page ${page} is full`);
    cursor[page - 1] = y;
    return y;
  };
  const drawLines = (page: number, lines: readonly Line[], size: number, pitch: number, align: 'left' | 'right' = 'left'): void => {
    for (const line of lines) {
      const y = room(page, pitch);
      let x = PAGE.left + line.x;
      if (align === 'right') x = PAGE.left + width - line.atoms.reduce((sum, atom) => sum + font.widthOfTextAtSize(atom.text, size), 0);
      // Runs of one style are drawn together; a marker is drawn smaller and raised.
      let run = '';
      const flush = (): void => {
        if (run === '') return;
        pages[page - 1]?.drawText(run, { x, y, size, font });
        x += font.widthOfTextAtSize(run, size);
        run = '';
      };
      for (const atom of line.atoms) {
        if (!atom.marker) {
          run += atom.text;
          continue;
        }
        flush();
        pages[page - 1]?.drawText(atom.text, { x, y: y + size * MARKER.raise, size: size * MARKER.scale, font });
        x += font.widthOfTextAtSize(atom.text, size * MARKER.scale);
      }
      flush();
    }
  };
  const paragraph = (item: Paragraph, bullet: boolean): void => {
    const parts = [[0, item.page] as const, ...(breaks.get(item.id) ?? [])];
    parts.forEach(([start, page], index) => {
      const end = parts[index + 1]?.[0] ?? item.text.length;
      const markers = [...new Set(item.refs.map((ref) => ref.offset))]
        .filter((offset) => (offset > start || offset === 0) && offset >= start && offset <= end)
        .map((offset) => ({ offset: offset - start, numbers: item.refs.filter((ref) => ref.offset === offset).map((ref) => ref.n) }));
      const text = (bullet && index === 0 ? '● ' : '') + item.text.slice(start, end);
      const shifted = bullet && index === 0 ? markers.map((marker) => ({ ...marker, offset: marker.offset + 2 })) : markers;
      const first = index > 0 ? 0 : bullet ? 0 : BODY.size;
      drawLines(page, breakLines(atomsOf(text, shifted), font, BODY.size, width, first, bullet ? BODY.size : 0), BODY.size, BODY.pitch);
    });
  };

  for (const item of document.summary) paragraph(item, true);
  if (document.summary.length > 0) room(document.summary.at(-1)?.page ?? 1, BODY.pitch);
  for (const section of document.sections) {
    if (section.heading !== null) {
      const big = section.level === 1;
      if (big) room(section.page, HEADING.before);
      drawLines(section.page, breakLines(atomsOf(section.heading, []), font, big ? HEADING.size : BODY.size, width, 0), big ? HEADING.size : BODY.size, big ? HEADING.pitch : BODY.pitch);
      if (big) room(section.page, HEADING.after);
    }
    const tables = (after: string | null): void => {
      for (const table of document.tables.filter((entry) => entry.sectionId === section.id && entry.afterParagraphId === after)) {
        if (table.caption !== null) drawLines(table.page, breakLines(atomsOf(table.caption, []), font, BODY.size, width, 0), BODY.size, BODY.pitch);
        const labelWidth = Math.max(...table.rows.map((row) => font.widthOfTextAtSize(row.label, TABLE.size))) + 14;
        const columnWidths = table.columns.map((column) => Math.max(font.widthOfTextAtSize(column, TABLE.size), TABLE.size * 2) + 14);
        const rowOf = (label: string, cells: readonly string[]): void => {
          const y = room(table.page, TABLE.pitch);
          const page = pages[table.page - 1] as PDFPage;
          if (label !== '') page.drawText(label, { x: PAGE.left, y, size: TABLE.size, font });
          let x = PAGE.left + labelWidth;
          cells.forEach((cell, index) => {
            const columnWidth = columnWidths[index] as number;
            if (cell !== '') page.drawText(cell, { x: x + (columnWidth - font.widthOfTextAtSize(cell, TABLE.size)) / 2, y, size: TABLE.size, font });
            x += columnWidth;
          });
        };
        rowOf('', table.columns);
        for (const row of table.rows) rowOf(row.label, table.columns.map((column) => row.cells[column] ?? ''));
        if (table.legend !== null) drawLines(table.page, breakLines(atomsOf(table.legend, []), font, 8, width, 0), 8, 12);
        room(table.page, 6);
      }
    };
    tables(null);
    for (const item of section.paragraphs) {
      paragraph(item, false);
      tables(item.id);
    }
  }
  if (document.closing !== null) drawLines(document.closing.page, breakLines(atomsOf(document.closing.text, []), font, BODY.size, width, 0), BODY.size, BODY.pitch, 'right');
  const disclaimer = document.boilerplate.filter((entry) => entry.kind === 'disclaimer');
  if (disclaimer.length > 0) {
    room(document.pages, BODY.pitch);
    for (const entry of disclaimer) drawLines(document.pages, [{ atoms: [{ text: entry.text, marker: false }], x: 0 }], BODY.size, BODY.pitch);
  }
  pages.forEach((page, index) => {
    const folio = `${index + 1} / ${pages.length}`;
    page.drawText(folio, { x: PAGE.width - PAGE.right - font.widthOfTextAtSize(folio, 8), y: PAGE.height - 36, size: 8, font });
  });
  return pdf.save();
}

/** What pdf-lib's ToUnicode map names each of `characters` as (see paper-pdf.ts's printedForms): a specimen page, read back with `read`. */
export async function pdfLibForms(characters: Iterable<string>, read: (pdf: Uint8Array) => Promise<string[]>): Promise<Map<string, string>> {
  const list = [...new Set(characters)].filter((char) => char.trim() !== '');
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(readFileSync(FONT_FILE), { subset: true });
  let page = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.top;
  for (let start = 0; start < list.length; start += 30) {
    if (y < PAGE.bottom) {
      page = pdf.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - PAGE.top;
    }
    page.drawText(list.slice(start, start + 30).join(' '), { x: PAGE.left, y, size: 10, font });
    y -= 14;
  }
  const tokens = (await read(await pdf.save())).join(' ').split(/\s+/u).filter((token) => token !== '');
  if (tokens.length !== list.length) throw new Error(`specimen: ${tokens.length} characters read for ${list.length}`);
  const forms = new Map<string, string>();
  tokens.forEach((token, index) => {
    if (token !== list[index]) forms.set(list[index] as string, token);
  });
  return forms;
}
