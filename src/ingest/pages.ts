import { isBlank, isKanaOrKanji } from '../text/chars';
import type { SourceLine } from './lines';
import {
  endsFootnote,
  endsParagraph,
  footnoteNumberAt,
  isClosingLine,
  isGap,
  isLegend,
  isNoticeLine,
  isSeparator,
  isTableCaption,
  looksLikeHeading,
} from './patterns';
import { splitTableRow } from './table';

/**
 * One page of the PDF layout: the body, the separator, the footnotes, and the section headings the
 * extractor printed after them. A heading printed at the foot of a page belongs to a section that
 * starts on that page: at a heading slot (two white-space-only lines) or, with no slot, at the top.
 */
export interface Page {
  no: number;
  /** Body lines in order, white-space-only lines (gaps) included. */
  body: SourceLine[];
  /** Footnote lines in order (text lines only). */
  foot: SourceLine[];
  /** Headings printed at the end of the page, top to bottom. */
  headings: SourceLine[];
}

/**
 * Splits off the disclaimer block that closes some papers (`本欄における見解は…`, contact numbers): the
 * run of self-contained lines at the very end of the file (each follows a blank line, a finished line
 * or another notice line; none is a URL or a numbered footnote), taken only when it holds a contact or
 * notice line, so a document that simply ends with a short line keeps it.
 */
export function splitTrailer(lines: readonly SourceLine[]): { content: SourceLine[]; trailer: SourceLine[] } {
  let end = lines.length;
  while (end > 0 && isBlank((lines[end - 1] as SourceLine).text)) end--;
  let start = end;
  while (start > 0 && isTrailerLine(lines[start - 1] as SourceLine, lines[start - 2])) start--;
  const trailer = lines.slice(start, end);
  if (trailer.length === 0 || !trailer.some(isNoticeLine)) return { content: [...lines], trailer: [] };
  return { content: [...lines.slice(0, start), ...lines.slice(end)], trailer };
}

function isTrailerLine(line: SourceLine, previous: SourceLine | undefined): boolean {
  const text = line.text.trim();
  if (text === '' || /https?:\/\//u.test(text) || text.startsWith('[') || footnoteNumberAt(line) !== undefined) return false;
  return previous === undefined || isBlank(previous.text) || endsFootnote(previous) || endsParagraph(previous) || isNoticeLine(previous);
}

/**
 * Splits the lines into pages. In the PDF layout a page's first line follows the previous page's last
 * line with no empty line between them and starts with a space (measured: every page start of both
 * seeds, and nothing else): a text line, or the first white-space line of a heading slot when the page
 * opens with a section (a single white-space line that follows a line directly is the break in a table's
 * header, or the end of the file). A form feed also starts a page. The plain layout only knows form feeds.
 */
export function splitPages(lines: readonly SourceLine[], pdfLayout: boolean): SourceLine[][] {
  const pages: SourceLine[][] = [[]];
  lines.forEach((line, index) => {
    const previous = lines[index - 1];
    const startsPage =
      previous !== undefined &&
      (line.formFeed || (pdfLayout && line.adjacent && /^\s/u.test(line.text) && !isSeparator(line) && !isSeparator(previous) && (!isBlank(line.text) || opensSlot(lines, index))));
    const current = pages[pages.length - 1] as SourceLine[];
    if (startsPage && current.length > 0) pages.push([line]);
    else current.push(line);
  });
  return pages;
}

/** Whether the white-space line at `index` is the first of a heading slot: another white-space line, then text, follow. */
function opensSlot(lines: readonly SourceLine[], index: number): boolean {
  const next = lines[index + 1];
  return next !== undefined && isGap(next) && lines.slice(index + 2).some((line) => !isBlank(line.text));
}

/** Indices into `body` of the first gap of each heading slot: two or more gaps followed by text on the page. */
export function findSlots(body: readonly SourceLine[]): number[] {
  const slots: number[] = [];
  let index = 0;
  while (index < body.length) {
    if (!isGap(body[index] as SourceLine)) {
      index++;
      continue;
    }
    let end = index;
    while (end < body.length && isGap(body[end] as SourceLine)) end++;
    const textFollows = body.slice(end).some((line) => !isBlank(line.text));
    if (end - index >= 2 && textFollows) slots.push(index);
    index = end;
  }
  return slots;
}

/**
 * Builds a page from its lines: body up to the separator, footnotes after it, and the headings printed
 * at the end. A last line is a heading when it looks like one and
 *  - a heading slot on the page is still waiting for it (this is what tells the heading after footnote
 *    24's unfinished first line in doc 000 from a continuation), or
 *  - it follows a finished footnote, or
 *  - it ends a page's body but cannot be body text: a justified line that is short yet does not end a
 *    paragraph (doc 003, page 2).
 */
export interface PageOptions {
  wrapWidth: number;
  isLastPage: boolean;
  /** The paper is in Japanese: a heading has kana or kanji. */
  japanese: boolean;
}

export function structurePage(lines: readonly SourceLine[], no: number, { wrapWidth, isLastPage, japanese }: PageOptions): Page {
  const separatorIndex = lines.findIndex(isSeparator);
  const body = separatorIndex === -1 ? [...lines] : lines.slice(0, separatorIndex);
  const foot = separatorIndex === -1 ? [] : lines.slice(separatorIndex + 1).filter((line) => !isBlank(line.text));
  const slots = findSlots(body).length;
  const headings: SourceLine[] = [];

  const inFoot = foot.length > 0;
  const region = inFoot ? foot : body;
  while (true) {
    const lastIndex = lastTextIndex(region);
    if (lastIndex === -1) break;
    const last = region[lastIndex] as SourceLine;
    const slotWaiting = headings.length < slots;
    // A heading that fills a slot may be as wide as any line; one without a slot must be narrower than the body.
    if (!looksLikeHeading(last, slotWaiting ? Infinity : wrapWidth) || looksLikeTableOrClosing(last) || (japanese && !Array.from(last.text).some(isKanaOrKanji))) break;
    const previous = region[lastTextIndex(region, lastIndex)];
    const firstWithoutSlot = headings.length === 0;
    const afterFinishedFootnote = inFoot && (previous === undefined || endsFootnote(previous));
    const notBodyText = !inFoot && !isLastPage && previous !== undefined && !endsParagraph(last);
    if (!slotWaiting && !(firstWithoutSlot && (afterFinishedFootnote || notBodyText))) break;
    headings.unshift(last);
    region.splice(lastIndex, 1);
  }
  return { no, body, foot, headings };
}

function lastTextIndex(lines: readonly SourceLine[], before = lines.length): number {
  for (let index = before - 1; index >= 0; index--) {
    if (!isBlank((lines[index] as SourceLine).text)) return index;
  }
  return -1;
}

function looksLikeTableOrClosing(line: SourceLine): boolean {
  const text = line.text.trim();
  return splitTableRow(text) !== undefined || isTableCaption(text) || isLegend(text) || isClosingLine(text);
}
