import type { Boilerplate, Footnote } from '../model/document';
import { JoinedLines, normalizeSpacing } from '../text/spacing';
import type { SourceLine } from './lines';
import type { Page } from './pages';
import { endsFootnote, footnoteNumberAt } from './patterns';
import { longestChain } from './sequence';

export interface ParsedFootnotes {
  footnotes: Footnote[];
  /** Numbers the footnotes skip (`1, 2, 4`: 3), in order. */
  missing: number[];
  /** Footnote-area lines that belong to no footnote (text before the first one). */
  unplaced: Boilerplate[];
  /** The source line each footnote starts on, by number. */
  startLines: Map<number, number>;
  warnings: string[];
}

export interface FootnoteOptions {
  /**
   * Numbers that stand in the body where a footnote marker can (see markers.ts): evidence that a
   * footnote so numbered exists, for a number that does not follow the one before it.
   */
  bodyMarkers?: ReadonlySet<number>;
}

/** A footnote-area line that begins with a number, which may start a footnote. */
interface Opening {
  /** Index of the line among all footnote-area lines, in order. */
  line: number;
  printed: number;
  /** The footnote-area line before it ends a footnote (`。`, `.`, `]`), or there is none. */
  afterEnd: boolean;
}

/**
 * Parses the footnote areas of all pages. Footnotes are numbered 1, 2, 3… in order; a line that begins
 * with a number is where one starts only when its number fits that sequence:
 *  - the next number starts a footnote on any line (the first footnote being 1, or up to 3 when the
 *    extraction lost the first ones, with a warning);
 *  - a larger number (a jump: the paper skips numbers, or misprints one) only right after a finished
 *    footnote, and only when the numbering goes on from it or the body cites it, so that
 *    `45 (2020), pp. 1–20.` after `…Vol.` still continues the footnote before it;
 *  - a number that breaks the sequence where exactly as many numbers are missing as such lines stand
 *    there (`1, 2, 7, 4`) is a misprint, read as the missing number, with a warning.
 * Every other line continues the open footnote (a footnote running onto the next page is merged); text
 * before the first footnote is set aside. A gap in the numbering is a warning naming both footnotes and
 * their lines, and never merges one footnote into another.
 */
export function parseFootnotes(pages: readonly Page[], { bodyMarkers = new Set() }: FootnoteOptions = {}): ParsedFootnotes {
  const lines = pages.flatMap((page) => page.foot.map((line) => ({ line, page: page.no })));
  const openings: Opening[] = [];
  lines.forEach(({ line }, index) => {
    const printed = footnoteNumberAt(line);
    const before = lines[index - 1]?.line;
    if (printed !== undefined) openings.push({ line: index, printed, afterEnd: before === undefined || endsFootnote(before) });
  });

  const numbers = new Map<number, number>();
  const warnings: string[] = [];
  const chain = confirmedChain(openings, bodyMarkers);
  for (const opening of chain) numbers.set(opening.line, opening.printed);
  // Misprints: unchained openings after a finished footnote, in a gap of the chain with numbers to spare
  // (after the last footnote, the numbers the body goes on to cite).
  const last = chain[chain.length - 1];
  let tail = last?.printed ?? 0;
  while (bodyMarkers.has(tail + 1)) tail++;
  const gaps = chain.map((after, index) => ({ before: chain[index - 1] ?? { line: -1, printed: 0 }, after: { line: after.line, printed: after.printed } }));
  if (last !== undefined) gaps.push({ before: last, after: { line: Infinity, printed: tail + 1 } });
  // Openings and gaps are both in line order: one pass hands each unchained opening to its gap.
  const unchained = openings.filter((opening) => opening.afterEnd && !numbers.has(opening.line));
  let next = 0;
  for (const { before, after } of gaps) {
    while (next < unchained.length && (unchained[next] as Opening).line < before.line) next++;
    const inside: Opening[] = [];
    while (next < unchained.length && (unchained[next] as Opening).line < after.line) inside.push(unchained[next++] as Opening);
    const free = after.printed - before.printed - 1;
    if (inside.length === 0) continue;
    if (inside.length > free) {
      if (free > 0 && before.printed > 0) for (const opening of inside) warnings.push(`line ${lineOf(lines, opening.line)}: a line beginning with ${opening.printed} after a finished footnote is read as part of footnote ${before.printed}`);
      continue;
    }
    inside.forEach((opening, offset) => {
      const n = before.printed + 1 + offset;
      numbers.set(opening.line, n);
      const between = Number.isFinite(after.line) ? `between footnotes ${before.printed} and ${after.printed}` : `after footnote ${before.printed}, where the text cites ${n}`;
      warnings.push(`line ${lineOf(lines, opening.line)}: a footnote numbered ${opening.printed} stands ${between}; read as footnote ${n}`);
    });
  }

  const open: Array<{ n: number; page: number; line: number; raw: JoinedLines }> = [];
  const unplaced: Boilerplate[] = [];
  lines.forEach(({ line, page }, index) => {
    const n = numbers.get(index);
    const current = open[open.length - 1];
    if (n !== undefined) {
      if (current === undefined && n !== 1) warnings.push(`footnotes start at ${n}, not 1`);
      open.push({ n, page, line: line.no, raw: new JoinedLines('wrap', stripNumber(line)) });
    } else if (current !== undefined) {
      current.raw.append(line.text);
    } else {
      unplaced.push({ kind: 'unplaced', text: line.text.trim(), page, line: line.no });
      warnings.push(`line ${line.no}: text in the footnote area before any numbered footnote`);
    }
  });

  const missing: number[] = [];
  open.forEach((note, index) => {
    const before = open[index - 1];
    if (before === undefined || note.n === before.n + 1) return;
    for (let n = before.n + 1; n < note.n; n++) missing.push(n);
    const skipped = note.n === before.n + 2 ? `footnote ${before.n + 1} is` : `footnotes ${before.n + 1}–${note.n - 1} are`;
    warnings.push(`line ${note.line}: ${skipped} missing: footnote ${before.n} (line ${before.line}) is followed by footnote ${note.n}`);
  });

  const footnotes = open.map(({ n, page, raw }) => {
    const text = normalizeSpacing(raw.toString());
    return { n, page, text, urls: extractUrls(text) };
  });
  return { footnotes, missing, unplaced, warnings, startLines: new Map(open.map((note) => [note.n, note.line])) };
}

/**
 * The openings that start footnotes: the best increasing chain (steps anywhere, jumps only after a
 * finished footnote, a start only at 1–3), less each jump that nothing confirms: neither the next number
 * after it nor a marker for it in the body.
 */
function confirmedChain(openings: readonly Opening[], bodyMarkers: ReadonlySet<number>): Opening[] {
  let chain = longestChain(openings.map((opening) => ({ value: opening.printed, mayJump: opening.afterEnd, mayStart: opening.printed <= 3 })), 1).map(
    (index) => openings[index] as Opening,
  );
  for (;;) {
    const unconfirmed = chain.findIndex((opening, index) => {
      const before = chain[index - 1];
      if (before === undefined || opening.printed === before.printed + 1) return false;
      return chain[index + 1]?.printed !== opening.printed + 1 && !bodyMarkers.has(opening.printed);
    });
    if (unconfirmed === -1) return chain;
    chain = chain.filter((_, index) => index !== unconfirmed);
  }
}

function lineOf(lines: ReadonlyArray<{ line: SourceLine }>, index: number): number {
  return (lines[index] as { line: SourceLine }).line.no;
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
