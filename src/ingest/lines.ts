import { displayWidth, isBlank } from '../text/chars';

/** One non-empty line of a source file. White-space-only lines are kept: in the PDF layout they carry meaning. */
export interface SourceLine {
  /** 1-based line number in the file, for messages and provenance. */
  no: number;
  /** The line as written, without its line break. */
  text: string;
  /** No empty line between this line and the previous non-empty one. In the PDF layout that marks a block boundary. */
  adjacent: boolean;
  /** A form feed preceded this line: an explicit page break. */
  formFeed: boolean;
}

/**
 * Splits decoded text into lines (CRLF, CR and LF all end a line) and drops the empty ones, remembering
 * for each line whether an empty line preceded it.
 */
export function splitSourceLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let previousEmpty = true;
  let formFeed = false;
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    let body = raw;
    if (body.includes('\f')) {
      formFeed = true;
      body = body.replaceAll('\f', '');
    }
    if (body === '') {
      previousEmpty = true;
      return;
    }
    lines.push({ no: index + 1, text: body, adjacent: lines.length > 0 && !previousEmpty, formFeed });
    previousEmpty = false;
    formFeed = false;
  });
  return lines;
}

/**
 * `pdf`: the extractor's layout, where every text line is followed by an empty line and lines are
 * wrapped at the page width. `plain`: anything else; paragraphs are separated by empty lines.
 */
export type Layout = 'pdf' | 'plain';

export interface LayoutProfile {
  layout: Layout;
  /** Width, in columns, at which body lines wrap: full lines are about this wide. */
  wrapWidth: number;
}

/** Lines within this many columns of the wrap width count as full (wrapped) lines. */
const FULL_LINE_SLACK = 6;

export function profileLayout(lines: readonly SourceLine[]): LayoutProfile {
  const textLines = lines.filter((line) => !isBlank(line.text));
  const wrapWidth = densestWidth(textLines.map((line) => displayWidth(line.text)));
  const fullLines = textLines.filter((line) => isFullLine(line, wrapWidth)).length;
  // Page starts (no empty line before, indented) are the PDF layout's own exception; leave them out.
  const followers = lines.slice(1).filter((line) => !(line.adjacent && /^\s/u.test(line.text) && !isBlank(line.text)));
  const separated = followers.filter((line) => !line.adjacent).length / Math.max(1, followers.length);
  const wrapped = fullLines >= 3 && fullLines / Math.max(1, textLines.length) >= 0.25;
  return { layout: separated >= 0.6 && wrapped ? 'pdf' : 'plain', wrapWidth };
}

/** A line that reaches the wrap width (within FULL_LINE_SLACK columns): it was wrapped, not ended. */
export function isFullLine(line: SourceLine, wrapWidth: number): boolean {
  return displayWidth(line.text) >= wrapWidth - FULL_LINE_SLACK;
}

/**
 * The width W that the most lines are just under (within FULL_LINE_SLACK columns): the body's wrap
 * width. Footnotes, set smaller and wider, spread over more widths and do not win.
 */
function densestWidth(widths: readonly number[]): number {
  let best = 0;
  let bestCount = 0;
  for (const candidate of new Set(widths)) {
    const count = widths.filter((width) => width <= candidate && width >= candidate - FULL_LINE_SLACK).length;
    if (count > bestCount || (count === bestCount && candidate > best)) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}
