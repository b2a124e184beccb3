import type { Boilerplate, Footnote } from '../model/document';
import { joinWrappedLines, normalizeSpacing } from '../text/spacing';
import type { SourceLine } from './lines';
import type { Page } from './pages';
import { footnoteNumberAt } from './patterns';

export interface ParsedFootnotes {
  footnotes: Footnote[];
  /** Footnote-area lines that belong to no footnote (text before the first one). */
  unplaced: Boilerplate[];
  warnings: string[];
}

/**
 * Parses the footnote areas of all pages. A line starts footnote N only when N is the next number in
 * sequence (so `45 (2020), pp. 1–20.` continues the footnote before it), the first footnote being 1 (or up
 * to 3, with a warning, when the extraction lost the first ones); any other line,
 * including the first lines of a page's footnote area, continues the open footnote, which is how a
 * footnote that runs over onto the next page is merged.
 */
export function parseFootnotes(pages: readonly Page[]): ParsedFootnotes {
  const open: Array<{ n: number; page: number; raw: string }> = [];
  const unplaced: Boilerplate[] = [];
  const warnings: string[] = [];

  for (const page of pages) {
    for (const line of page.foot) {
      const number = footnoteNumberAt(line);
      const current = open[open.length - 1];
      const expected = current === undefined ? undefined : current.n + 1;
      const starts = number !== undefined && (expected === undefined ? number <= 3 : number === expected);
      if (starts) {
        if (current === undefined && number !== 1) warnings.push(`footnotes start at ${number}, not 1`);
        open.push({ n: number, page: page.no, raw: stripNumber(line) });
      } else if (current !== undefined) {
        current.raw = joinWrappedLines(current.raw, line.text);
      } else {
        unplaced.push({ kind: 'unplaced', text: line.text.trim(), page: page.no, line: line.no });
        warnings.push(`line ${line.no}: text in the footnote area before any numbered footnote`);
      }
    }
  }

  const footnotes = open.map(({ n, page, raw }) => {
    const text = normalizeSpacing(raw);
    return { n, page, text, urls: extractUrls(text) };
  });
  return { footnotes, unplaced, warnings };
}

/** The footnote's text after its number, with the line's trailing space kept (it tells how the next line joins). */
function stripNumber(line: SourceLine): string {
  return line.text.replace(/^\s*\d{1,3}[ \t\u3000]+/u, '');
}

/**
 * http(s) URLs in a footnote, whole: URLs are printable ASCII and end at white space, a bracket or
 * non-ASCII text; trailing sentence punctuation is not part of them.
 */
export function extractUrls(text: string): string[] {
  const urls: string[] = [];
  for (const match of text.matchAll(/https?:\/\/[!-Z\\^-~]+/gu)) {
    urls.push(match[0].replace(/[.,;:!?'")]+$/u, ''));
  }
  return urls;
}
