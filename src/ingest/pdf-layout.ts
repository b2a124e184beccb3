import type { Boilerplate, FootnoteRef, Paragraph, Section, Table, TableRow } from '../model/document';
import { isCjk } from '../text/chars';
import { normalizeSpacing, normalizeSpacingWithOffsets } from '../text/spacing';
import { parseFootnotes } from './footnotes';
import type { SourceLine } from './lines';
import type { Page } from './pages';
import { BULLET, isClosingLine, isLegend, isNoticeLine, isSubheading, isTableCaption } from './patterns';
import type { PdfPage, TextRun } from './pdf-text';
import type { DocumentParts } from './parse-document';

/**
 * The positioned-text layout (issue 16): a PDF's glyph runs (pdf-text.ts) read into the parts of the
 * document model by what the page shows, not by an extractor's habits. Pure: no IO.
 *
 * Principles, each a ratio of the type size so that no producer's units are assumed:
 *  - lines are runs that share a baseline; a run set smaller and raised above its line is a superscript
 *    (a footnote marker in the body, a footnote's number at the foot);
 *  - the body's type size is the size most characters are set in; footnotes are the lines in smaller
 *    type below a page's last body-size line;
 *  - a running header or page number is a line in the page's top or bottom band that is only a number,
 *    or whose text (digits aside) repeats on other pages at the same height;
 *  - a heading is a line set larger than the body, or wholly bold; `【…】` on its own is a sub-heading;
 *  - a paragraph starts at an indented line, after a line that stops short of the column's right edge
 *    after closing punctuation, or after a wider gap than the lines' pitch; a page's first line
 *    continues the paragraph before unless one of these says otherwise;
 *  - a table follows its caption (`表：…`): its columns are where its runs leave the page's width empty,
 *    its rows where the gap between its lines is wider than the gap inside a cell;
 *  - the closing line and the disclaimer block are read as in the text layout (patterns.ts).
 */
export const PDF_LAYOUT = {
  /** Runs whose baselines differ by at most this share of the smaller size are on one line. */
  sameBaseline: 0.3,
  /** A run at most this share of its line's size… */
  superscriptSize: 0.85,
  /** …whose baseline is raised by more than this share of the line's size is a superscript; */
  superscriptRaise: 0.12,
  /** …and a line of such runs joins the line below it when raised by at most this share of that line's size. */
  superscriptReach: 0.8,
  /** A gap between two runs wider than this share of the size is a space. */
  spaceGap: 0.15,
  /** Lines under this share of the body size are small type (footnotes, tables, legends). */
  smallType: 0.9,
  /** Lines at least this share of the body size are set larger: headings. */
  largeType: 1.12,
  /** A line starting this many ems right of the column's left edge is indented. */
  indent: 0.5,
  /** A line ending this many ems before the column's right edge stops short. */
  shortLine: 1.5,
  /** A gap between baselines this many times the body's pitch separates paragraphs. */
  paragraphGap: 1.5,
  /** The top and bottom share of a page where running headers and page numbers stand. */
  furnitureBand: 0.12,
  /** Table rows: a gap between lines this many times the smallest gap in the table starts a row. */
  rowGap: 1.15,
} as const;

/** One piece of a line: a run's text, where it stands, and whether it is raised (a superscript). */
interface Piece {
  text: string;
  x: number;
  right: number;
  size: number;
  bold: boolean;
  raised: boolean;
}

/** A line of a page: runs that share a baseline, in reading order. */
export interface PdfLine {
  page: number;
  /** 1-based, in reading order across the document (its `lines` in the model). */
  no: number;
  y: number;
  x: number;
  right: number;
  /** The size most of its characters are set in, raised ones aside. */
  size: number;
  bold: boolean;
  pieces: Piece[];
  /** Its text, superscript numbers left out (they are in `markers`), spaces where the runs leave gaps. */
  text: string;
  /** Superscript numbers and where they stand in `text`. */
  markers: Array<{ offset: number; numbers: number[] }>;
}

/** What the positioned layout reads from a PDF (the parts a text layout reads too), for parse-document.ts to finish into a Document. */
export type PdfParts = DocumentParts;

const SENTENCE_END = /[。．！？」』）)】.!?]$/u;
const MARKER = /^\d{1,3}(?:[,，、]\s*\d{1,3})*$/u;

function mode(values: readonly number[], weights?: readonly number[]): number {
  const counts = new Map<number, number>();
  values.forEach((value, index) => counts.set(value, (counts.get(value) ?? 0) + (weights?.[index] ?? 1)));
  let best = values[0] ?? 0;
  for (const [value, count] of counts) if (count > (counts.get(best) ?? 0)) best = value;
  return best;
}

const round = (value: number, step = 0.25): number => Math.round(value / step) * step;

/** The runs of `page` grouped into lines, top to bottom, superscripts joined to the line they are raised above. */
export function linesOf(page: PdfPage): Array<Omit<PdfLine, 'no'>> {
  const runs = page.runs.filter((run) => run.text.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: Array<{ y: number; size: number; runs: TextRun[] }> = [];
  for (const run of runs) {
    let group: { y: number; size: number; runs: TextRun[] } | undefined;
    for (let index = groups.length - 1; index >= 0; index--) {
      const candidate = groups[index] as { y: number; size: number; runs: TextRun[] };
      if (candidate.y - run.y > Math.max(candidate.size, run.size)) break;
      if (Math.abs(candidate.y - run.y) <= PDF_LAYOUT.sameBaseline * Math.min(candidate.size, run.size)) group = candidate;
    }
    if (group === undefined) groups.push({ y: run.y, size: run.size, runs: [run] });
    else {
      group.runs.push(run);
      group.size = Math.max(group.size, run.size);
    }
  }
  // A line of nothing but small numbers just above another line: that line's superscripts.
  const merged = groups.filter((group, index) => {
    const text = group.runs.map((run) => run.text).join('').replace(/\s/gu, '');
    if (!MARKER.test(text)) return true;
    const left = Math.min(...group.runs.map((run) => run.x));
    const host = groups.slice(index + 1).find((below) => {
      const raise = group.y - below.y;
      if (raise <= 0 || raise > PDF_LAYOUT.superscriptReach * below.size || group.size > PDF_LAYOUT.superscriptSize * below.size) return false;
      const from = Math.min(...below.runs.map((run) => run.x)) - below.size;
      const to = Math.max(...below.runs.map((run) => run.x + run.width)) + below.size;
      return left >= from && left <= to;
    });
    if (host === undefined) return true;
    host.runs.push(...group.runs);
    return false;
  });
  return merged.map((group) => lineOfRuns(page.number, group.runs));
}

function lineOfRuns(page: number, runs: TextRun[]): Omit<PdfLine, 'no'> {
  const sorted = [...runs].sort((a, b) => a.x - b.x);
  const sizes = sorted.map((run) => round(run.size));
  // Weighed by width: a raised marker and the `。` after it (`²⁹。`) are a line in body type.
  const size = mode(sizes, sorted.map((run) => run.width));
  const baseline = mode(sorted.filter((run) => round(run.size) === size).map((run) => round(run.y, 0.5)));
  const pieces: Piece[] = sorted.map((run) => ({
    text: run.text,
    x: run.x,
    right: run.x + run.width,
    size: run.size,
    bold: run.bold,
    raised: run.size <= PDF_LAYOUT.superscriptSize * size && run.y - baseline > PDF_LAYOUT.superscriptRaise * size,
  }));
  let text = '';
  const markers: Array<{ offset: number; numbers: number[] }> = [];
  let previousRight: number | undefined;
  for (const piece of pieces) {
    if (previousRight !== undefined && piece.x - previousRight > PDF_LAYOUT.spaceGap * size && !/\s$/u.test(text) && !/^\s/u.test(piece.text)) text += ' ';
    previousRight = Math.max(previousRight ?? piece.right, piece.right);
    const digits = piece.text.replace(/\s/gu, '');
    if (piece.raised && MARKER.test(digits)) {
      markers.push({ offset: text.length, numbers: digits.split(/[,，、]/u).map(Number) });
      continue;
    }
    text += piece.text;
  }
  const body = pieces.filter((piece) => !piece.raised && piece.text.trim() !== '');
  return {
    page,
    y: baseline,
    // A marker the line wrapped before (`³。中国政府は…`) stands where the line starts.
    x: Math.min(...pieces.map((piece) => piece.x)),
    right: Math.max(...pieces.map((piece) => piece.right)),
    size,
    bold: body.length > 0 && body.every((piece) => piece.bold),
    pieces,
    text,
    markers,
  };
}

/** Running headers and page numbers: in the page's top or bottom band, a bare number or text repeated on other pages at the same height. */
function isFurniture(line: Omit<PdfLine, 'no'>, height: number, repeated: ReadonlyMap<string, number>): boolean {
  const band = PDF_LAYOUT.furnitureBand * height;
  if (line.y < height - band && line.y > band) return false;
  const text = line.text.trim();
  if (/^[-–—‐(（[]?\s*(?:p\.\s*)?\d{1,4}\s*(?:\/\s*\d{1,4})?\s*[-–—‐)）\]]?$/iu.test(text)) return true;
  return (repeated.get(furnitureKey(line)) ?? 0) >= 2;
}

function furnitureKey(line: Omit<PdfLine, 'no'>): string {
  return `${Math.round(line.y / 3)}|${line.text.replace(/\d+/gu, '#').replace(/\s+/gu, ' ').trim()}`;
}

/**
 * How line `before` runs on into `after`: with a space, or without one where a URL or a hyphenated word
 * was broken because the rest did not fit (the room left on `before` is narrower than `after`'s first
 * word). `inUrl`: `before` itself continues a broken URL. Spaces next to CJK are dropped later.
 */
export function lineJoin(before: PdfLine, after: PdfLine, columnRight: number, inUrl: boolean): { space: boolean; inUrl: boolean } {
  const head = before.text.trimEnd();
  const lastToken = trailingWord(head);
  const firstToken = leadingWord(after.text.trimStart());
  if (lastToken === '' || firstToken === '') return { space: true, inUrl: false };
  const first = after.pieces.find((piece) => piece.text.trim() !== '' && !piece.raised);
  const firstWidth = first === undefined ? 0 : (first.right - first.x) * Math.min(1, firstToken.length / Math.max(1, first.text.trim().length));
  const wrapped = columnRight - before.right < firstWidth + PDF_LAYOUT.shortLine * before.size;
  const url = (inUrl || /https?:\/\/|www\./u.test(lastToken)) && !/[\])}>"”'’][.,;:]?$|[.,;:]$/u.test(lastToken);
  if (wrapped && url) return { space: false, inUrl: true };
  // A line broken after a hyphen or dash inside a word or a range (`Indo-` / `Pacific`, `23–` / `45`).
  if (wrapped && /[\p{L}\p{N}][-‐‑‒–—]$/u.test(lastToken)) return { space: false, inUrl: false };
  return { space: true, inUrl: false };
}

/** The word (characters other than white space and CJK) that ends `text`. */
function trailingWord(text: string): string {
  const chars = Array.from(text);
  let start = chars.length;
  while (start > 0 && !/\s/u.test(chars[start - 1] as string) && !isCjk(chars[start - 1] as string)) start--;
  return chars.slice(start).join('');
}

function leadingWord(text: string): string {
  const chars = Array.from(text);
  let end = 0;
  while (end < chars.length && !/\s/u.test(chars[end] as string) && !isCjk(chars[end] as string)) end++;
  return chars.slice(0, end).join('');
}

/** A paragraph being read: its text with markers, from its lines. */
class PdfParagraph {
  raw = '';
  markers: Array<{ offset: number; n: number }> = [];
  first: PdfLine;
  last: PdfLine;
  bullet: boolean;
  private inUrl = false;

  constructor(line: PdfLine, text: string, skipped: number, bullet: boolean) {
    this.first = line;
    this.last = line;
    this.bullet = bullet;
    this.take(line, text, skipped);
  }

  append(line: PdfLine, columnRight: number): void {
    const join = lineJoin(this.last, line, columnRight, this.inUrl);
    this.inUrl = join.inUrl;
    this.raw = this.raw.trimEnd() + (join.space ? ' ' : '');
    this.last = line;
    this.take(line, line.text, 0);
  }

  private take(line: PdfLine, text: string, skipped: number): void {
    const start = this.raw.length;
    this.raw += text;
    for (const marker of line.markers) for (const n of marker.numbers) this.markers.push({ offset: start + Math.max(0, marker.offset - skipped), n });
  }

  finish(id: string): Paragraph {
    const normalized = normalizeSpacingWithOffsets(this.raw);
    const refs: FootnoteRef[] = this.markers.map((marker) => ({ n: marker.n, offset: normalized.offsetOf(marker.offset) }));
    return { id, text: normalized.text, page: this.first.page, refs, lines: [this.first.no, this.last.no] };
  }
}

/** Reads the positioned text of a PDF's pages into the parts of the document model. */
export function layOutPdf(pdfPages: readonly PdfPage[]): PdfParts {
  const perPage = pdfPages.map((page) => linesOf(page));
  const repeated = new Map<string, number>();
  for (const lines of perPage) for (const key of new Set(lines.map(furnitureKey))) repeated.set(key, (repeated.get(key) ?? 0) + 1);
  let no = 0;
  const pages = perPage.map((lines, index) => {
    const height = (pdfPages[index] as PdfPage).height;
    return lines.filter((line) => !isFurniture(line, height, repeated)).map((line): PdfLine => ({ ...line, no: ++no }));
  });
  const all = pages.flat();
  const bodySize = bodySizeOf(all);
  const bodyLines = all.filter((line) => Math.abs(line.size - bodySize) < 0.5);
  const columnLeft = mode(bodyLines.map((line) => Math.round(line.x)));
  const columnRight = mode(bodyLines.map((line) => Math.round(line.right)));
  const pitches = bodyLines.slice(1).flatMap((line, index) => {
    const before = bodyLines[index] as PdfLine;
    return before.page === line.page && before.y > line.y ? [round(before.y - line.y, 0.5)] : [];
  });
  const pitch = mode(pitches) || bodySize * 1.5;

  // Each page: its tables (after a caption), then its footnotes (small type below the last body-size line), then the body.
  const flow: Array<{ kind: 'line'; line: PdfLine } | { kind: 'table'; caption: PdfLine; rows: PdfLine[]; legend: PdfLine[] }> = [];
  const footPages: Page[] = [];
  const warnings: string[] = [];
  for (const [index, lines] of pages.entries()) {
    const inTable = new Set<PdfLine>();
    const tables = new Map<PdfLine, { caption: PdfLine; rows: PdfLine[]; legend: PdfLine[] }>();
    for (let at = 0; at < lines.length; at++) {
      const caption = lines[at] as PdfLine;
      if (!isTableCaption(caption.text)) continue;
      const rows: PdfLine[] = [];
      let next = at + 1;
      while (next < lines.length) {
        const line = lines[next] as PdfLine;
        if (isLegend(line.text) || !isTableLine(line, bodySize)) break;
        rows.push(line);
        next++;
      }
      const legend: PdfLine[] = [];
      if (next < lines.length && isLegend((lines[next] as PdfLine).text)) {
        legend.push(lines[next++] as PdfLine);
        while (next < lines.length) {
          const line = lines[next] as PdfLine;
          const before = legend.at(-1) as PdfLine;
          if (Math.abs(line.size - before.size) > 0.5 || before.right < columnRight - PDF_LAYOUT.shortLine * before.size || before.y - line.y > PDF_LAYOUT.paragraphGap * before.size * 1.5) break;
          legend.push(line);
          next++;
        }
      }
      if (rows.length < 2) continue;
      tables.set(caption, { caption, rows, legend });
      for (const line of [caption, ...rows, ...legend]) inTable.add(line);
      at = next - 1;
    }
    const rest = lines.filter((line) => !inTable.has(line));
    let lastBody = -1;
    rest.forEach((line, at) => {
      if (line.size >= PDF_LAYOUT.smallType * bodySize) lastBody = at;
    });
    const foot = rest.slice(lastBody + 1).filter((line) => line.size < PDF_LAYOUT.smallType * bodySize);
    footPages.push({ no: index + 1, body: [], foot: footLines(foot, columnRight), headings: [] });
    const footSet = new Set(foot);
    for (const line of lines) {
      const table = tables.get(line);
      if (table !== undefined) flow.push({ kind: 'table', ...table });
      else if (!inTable.has(line) && !footSet.has(line)) flow.push({ kind: 'line', line });
    }
  }

  // The disclaimer: the last page's trailing short lines, when they hold a notice line.
  const boilerplate: Boilerplate[] = [];
  const lastPage = pages.length;
  let trailerStart = flow.length;
  while (trailerStart > 0) {
    const event = flow[trailerStart - 1];
    if (event === undefined || event.kind !== 'line' || event.line.page !== lastPage || isClosingLine(event.line.text)) break;
    if (event.line.right >= columnRight - PDF_LAYOUT.shortLine * event.line.size && !isNoticeLine({ no: 0, text: event.line.text, adjacent: false, formFeed: false })) break;
    trailerStart--;
  }
  const trailer = flow.slice(trailerStart).map((event) => (event as { line: PdfLine }).line);
  if (trailer.some((line) => isNoticeLine({ no: line.no, text: line.text, adjacent: false, formFeed: false }))) {
    flow.splice(trailerStart);
    for (const line of trailer) boilerplate.push({ kind: 'disclaimer', text: line.text.trim(), page: line.page, line: line.no });
  }

  const bodyMarkers = new Set(flow.flatMap((event) => (event.kind === 'line' ? event.line.markers.flatMap((marker) => marker.numbers) : [])));
  const notes = parseFootnotes(footPages, { bodyMarkers });
  warnings.push(...notes.warnings);

  // The title: the first line of the first page, set larger than every heading.
  const isHeading = (line: PdfLine): boolean =>
    line.size >= PDF_LAYOUT.largeType * bodySize || (line.bold && mayBeBoldHeading(line, bodySize)) || isSubheading({ no: 0, text: line.text, adjacent: false, formFeed: false });
  let titleLine: { text: string; no: number } | undefined;
  const firstEvent = flow[0];
  if (firstEvent?.kind === 'line' && firstEvent.line.page === 1) {
    const largestOther = Math.max(0, ...flow.slice(1).flatMap((event) => (event.kind === 'line' && isHeading(event.line) ? [event.line.size] : [])));
    if (firstEvent.line.size >= PDF_LAYOUT.largeType * bodySize && firstEvent.line.size > PDF_LAYOUT.largeType * Math.max(largestOther, bodySize)) {
      titleLine = { text: normalizeSpacing(firstEvent.line.text), no: firstEvent.line.no };
      flow.shift();
    }
  }

  const summary: PdfParagraph[] = [];
  const sections: Array<{ heading: string | null; level: 1 | 2; page: number; paragraphs: PdfParagraph[] }> = [];
  const tables: Array<{ table: Omit<Table, 'id' | 'sectionId' | 'afterParagraphId'>; section: number; after: PdfParagraph | null }> = [];
  let summaryMode = flow[0]?.kind === 'line' && BULLET.test(flow[0].line.text);
  let open: PdfParagraph | undefined;
  let heading: { lines: PdfLine[]; level: 1 | 2 } | undefined;
  const currentSection = (page: number): (typeof sections)[number] => {
    if (sections.length === 0) sections.push({ heading: null, level: 1, page, paragraphs: [] });
    return sections.at(-1) as (typeof sections)[number];
  };
  const flush = (): void => {
    if (open !== undefined) {
      if (summaryMode && open.bullet) summary.push(open);
      else currentSection(open.first.page).paragraphs.push(open);
    }
    open = undefined;
  };
  const closeHeading = (): void => {
    if (heading === undefined) return;
    const first = heading.lines[0] as PdfLine;
    sections.push({ heading: normalizeSpacing(heading.lines.map((line) => line.text).join(' ')), level: heading.level, page: first.page, paragraphs: [] });
    heading = undefined;
  };
  let previous: PdfLine | undefined;
  for (const event of flow) {
    if (event.kind === 'table') {
      closeHeading();
      flush();
      summaryMode = false;
      const section = currentSection(event.caption.page);
      tables.push({ table: readTable(event.caption, event.rows, event.legend), section: sections.indexOf(section), after: section.paragraphs.at(-1) ?? null });
      previous = undefined;
      continue;
    }
    const { line } = event;
    if (isHeading(line)) {
      flush();
      const level = isSubheading({ no: 0, text: line.text, adjacent: false, formFeed: false }) ? 2 : 1;
      const before = heading?.lines.at(-1);
      const continues = heading !== undefined && before !== undefined && level === heading.level && Math.abs(before.size - line.size) < 0.5 && before.bold === line.bold && before.page === line.page && before.right >= columnRight - 3 * before.size;
      if (!continues) {
        closeHeading();
        heading = { lines: [], level };
      }
      heading?.lines.push(line);
      summaryMode = false;
      previous = line;
      continue;
    }
    closeHeading();
    const bullet = BULLET.exec(line.text);
    const startsNew =
      open === undefined ||
      previous === undefined ||
      (summaryMode && bullet !== null) ||
      (!open.bullet && line.x - columnLeft >= PDF_LAYOUT.indent * line.size) ||
      (previous.right < columnRight - PDF_LAYOUT.shortLine * previous.size && SENTENCE_END.test(previous.text.trim())) ||
      (previous.page === line.page && previous.y - line.y > PDF_LAYOUT.paragraphGap * pitch);
    if (startsNew) {
      flush();
      if (summaryMode && bullet === null) summaryMode = false;
      if (summaryMode && bullet !== null) {
        boilerplate.push({ kind: 'bullet', text: bullet[1] as string, page: line.page, line: line.no });
        open = new PdfParagraph(line, line.text.slice(bullet[0].length), bullet[0].length, true);
      } else open = new PdfParagraph(line, line.text, 0, false);
    } else (open as PdfParagraph).append(line, columnRight);
    previous = line;
  }
  closeHeading();
  flush();

  // The closing line: the last paragraph, when it is dated in parentheses.
  let closing: { text: string; page: number } | null = null;
  const lastSection = [...sections].reverse().find((section) => section.paragraphs.length > 0);
  const lastParagraph = lastSection?.paragraphs.at(-1);
  if (lastSection !== undefined && lastParagraph !== undefined && isClosingLine(normalizeSpacing(lastParagraph.raw))) {
    lastSection.paragraphs.pop();
    closing = { text: normalizeSpacing(lastParagraph.raw), page: lastParagraph.first.page };
  }

  let count = 0;
  const ids = new Map<PdfParagraph, Paragraph>();
  const finish = (paragraph: PdfParagraph): Paragraph => {
    const done = paragraph.finish(`p${++count}`);
    ids.set(paragraph, done);
    return done;
  };
  const summaryParagraphs = summary.map(finish);
  const finishedSections: Section[] = sections.map((section, index) => ({ id: `s${index + 1}`, heading: section.heading, level: section.level, page: section.page, paragraphs: section.paragraphs.map(finish) }));
  const finishedTables: Table[] = tables.map(({ table, section, after }, index) => ({
    id: `t${index + 1}`,
    ...table,
    sectionId: `s${section + 1}`,
    afterParagraphId: after === null ? null : (ids.get(after) as Paragraph).id,
  }));
  return {
    summary: summaryParagraphs,
    sections: finishedSections,
    footnotes: notes.footnotes,
    tables: finishedTables,
    closing,
    boilerplate: [...boilerplate, ...notes.unplaced],
    warnings,
    pages: Math.max(1, pdfPages.length),
    text: all.map((line) => line.text).join('\n'),
    titleLine,
  };
}

/** The size most characters are set in. */
function bodySizeOf(lines: ReadonlyArray<Pick<PdfLine, 'size' | 'text'>>): number {
  return mode(lines.map((line) => line.size), lines.map((line) => line.text.length));
}

/** A line that is a heading if it is bold: in body type, short, not a sentence's end. */
function mayBeBoldHeading(line: Pick<PdfLine, 'size' | 'text'>, bodySize: number): boolean {
  const text = line.text.trim();
  return line.size >= PDF_LAYOUT.smallType * bodySize && !/[。．]$/u.test(text) && !/^\d+$/u.test(text) && Array.from(text).length <= 80;
}

/**
 * The pages where a font's weight can decide something (readPdfText's `weighed`): those with a line
 * that is a heading if bold, which stops short of the column's right edge (a heading that wraps ends
 * in such a line). Naming a page's fonts is the dearest part of reading it.
 */
export function pagesWhereWeightMatters(pages: readonly PdfPage[]): Set<number> {
  const lines = pages.map((page) => linesOf(page));
  const all = lines.flat();
  const bodySize = bodySizeOf(all);
  const columnRight = mode(all.filter((line) => Math.abs(line.size - bodySize) < 0.5).map((line) => Math.round(line.right)));
  // A heading, or a heading's last line, stops short of the right edge.
  const candidate = (line: Omit<PdfLine, 'no'>): boolean =>
    line.size < PDF_LAYOUT.largeType * bodySize && line.right < columnRight - PDF_LAYOUT.shortLine * line.size && mayBeBoldHeading(line, bodySize);
  return new Set(pages.filter((_, index) => (lines[index] ?? []).some(candidate)).map((page) => page.number));
}

/** A line of a table's body: small type, or runs standing apart like cells. */
function isTableLine(line: PdfLine, bodySize: number): boolean {
  if (line.size < PDF_LAYOUT.smallType * bodySize) return true;
  return line.pieces.some((piece, index) => index > 0 && piece.x - (line.pieces[index - 1] as Piece).right > 1.5 * line.size);
}

/** The footnote-area lines as the footnote parser reads them: a raised number at a line's start written as `n `, a trailing space where the next line runs on with one. */
function footLines(lines: readonly PdfLine[], columnRight: number): SourceLine[] {
  let inUrl = false;
  return lines.map((line, index) => {
    const first = line.pieces[0];
    const lead = line.markers[0]?.offset === 0 && first?.raised ? `${(line.markers[0] as { numbers: number[] }).numbers.join(',')} ` : '';
    const next = lines[index + 1];
    const join = next === undefined ? { space: true, inUrl: false } : lineJoin(line, next, columnRight, inUrl);
    inUrl = join.inUrl;
    const space = join.space;
    return { no: line.no, text: `${lead}${line.text.trimEnd()}${space ? ' ' : ''}`, adjacent: true, formFeed: false };
  });
}

/** A table from its caption, the lines of its grid and its legend: columns where the runs leave the width empty, rows where the line gap widens. */
function readTable(caption: PdfLine, rows: readonly PdfLine[], legend: readonly PdfLine[]): Omit<Table, 'id' | 'sectionId' | 'afterParagraphId'> {
  const pieces = rows.flatMap((line) => line.pieces.filter((piece) => piece.text.trim() !== '').map((piece) => ({ ...piece, line })));
  const spans = pieces.map((piece) => [piece.x, piece.right] as [number, number]).sort((a, b) => a[0] - b[0]);
  const columns: Array<[number, number]> = [];
  for (const [from, to] of spans) {
    const last = columns.at(-1);
    if (last !== undefined && from <= last[1] + 0.3 * (rows[0]?.size ?? 8)) last[1] = Math.max(last[1], to);
    else columns.push([from, to]);
  }
  const gaps = rows.slice(1).map((line, index) => (rows[index] as PdfLine).y - line.y);
  // Gaps of two widths: inside a cell and between rows; of one width: every line is a row.
  const smallest = Math.min(...gaps.filter((gap) => gap > 0));
  const uniform = gaps.every((gap) => gap <= PDF_LAYOUT.rowGap * smallest);
  const grouped: PdfLine[][] = [];
  rows.forEach((line, index) => {
    if (index === 0 || uniform || (gaps[index - 1] as number) > PDF_LAYOUT.rowGap * smallest) grouped.push([line]);
    else (grouped.at(-1) as PdfLine[]).push(line);
  });
  const cellsOf = (lines: readonly PdfLine[]): string[] =>
    columns.map(([from, to]) =>
      normalizeSpacing(
        lines
          .map((line) => line.pieces.filter((piece) => piece.x >= from - 0.5 && piece.right <= to + 0.5).map((piece) => piece.text).join(''))
          .join(' '),
      ),
    );
  const [header, ...body] = grouped.map(cellsOf);
  const names = (header ?? []).slice(1);
  const tableRows: TableRow[] = body
    .filter((cells) => (cells[0] ?? '') !== '')
    .map((cells) => ({ label: cells[0] as string, cells: Object.fromEntries(names.map((name, index) => [name, cells[index + 1] ?? ''])) }));
  return {
    caption: normalizeSpacing(caption.text),
    legend: legend.length === 0 ? null : normalizeSpacing(legend.map((line) => line.text).join(' ')),
    columns: names,
    rows: tableRows,
    page: caption.page,
  };
}
