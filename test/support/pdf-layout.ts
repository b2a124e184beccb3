import { displayWidth } from '../../src/text/chars';

/**
 * Writes text the way the corpus's PDF extractor does, so fixtures can state pages, not mechanics:
 *  - every line is followed by an empty line;
 *  - a page's body, then (if it has footnotes) a line of 51 spaces directly followed by the footnotes,
 *    then the headings printed at the foot of the page;
 *  - the next page's first line follows the previous page's last line with no empty line between them
 *    and starts with a space.
 * Body lines are given as written, with trailing spaces where the extractor puts them (a paragraph's
 * last line ends `。␣`).
 */
export interface LayoutPage {
  body: string[];
  footnotes?: string[];
  headings?: string[];
}

export interface RenderOptions {
  lineEnding?: '\n' | '\r\n';
  bom?: boolean;
}

export const SEPARATOR = ' '.repeat(51);

export function renderLayout(pages: readonly LayoutPage[], options: RenderOptions = {}): string {
  const eol = options.lineEnding ?? '\n';
  let out = options.bom ? '\ufeff' : '';
  pages.forEach((page, pageIndex) => {
    const body = [...page.body];
    if (pageIndex > 0 && body.length > 0 && !/^\s/u.test(body[0] as string)) body[0] = ` ${body[0]}`;
    const footnotes = page.footnotes ?? [];
    const lines = [...body, ...(footnotes.length > 0 ? [SEPARATOR, ...footnotes] : []), ...(page.headings ?? [])];
    const isFinalPage = pageIndex === pages.length - 1;
    lines.forEach((line, index) => {
      const endsPage = index === lines.length - 1 && !isFinalPage;
      out += line + (endsPage || line === SEPARATOR ? eol : eol + eol);
    });
  });
  return out;
}

/**
 * Wraps a paragraph at `width` columns the way the extractor does: Japanese is cut anywhere, a Latin
 * word moves whole to the next line (leaving a trailing space), and the paragraph's last line ends
 * with a space.
 */
export function wrapParagraph(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const tokens = text.match(/[A-Za-z0-9.,:;'’“”\-/()]+ ?|[^A-Za-z0-9.,:;'’“”\-/()]/gu) ?? [];
  for (const token of tokens) {
    if (displayWidth(line + token) > width && line.trim() !== '') {
      lines.push(line);
      line = '';
    }
    line += token;
  }
  if (line !== '') lines.push(line);
  const last = lines.length - 1;
  lines[last] = `${(lines[last] as string).trimEnd()} `;
  return lines;
}
