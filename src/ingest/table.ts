import { joinWrappedLines, normalizeSpacing } from '../text/spacing';
import type { SourceLine } from './lines';
import { endsParagraph, isLegend, TABLE_MARKS } from './patterns';

/**
 * A comparison table as the extractor prints it: a caption (`表：…`), header lines whose column names
 * are split over several lines (`日米豪印` / `(QUAD)`), rows of a label followed by one mark per column
 * (`海洋安全保障 〇 ◎ ◎ 〇 - ◎ ◎ ◎`), and a legend (`＊〇は…`).
 */
export interface ParsedTable {
  caption: string | null;
  legend: string | null;
  columns: string[];
  rows: Array<{ label: string; cells: Record<string, string> }>;
  /** Source lines the table consumed, in order. */
  lines: SourceLine[];
  warnings: string[];
}

/** `海洋安全保障 〇 ◎ ◎ 〇 - ◎ ◎ ◎`: a label followed by two or more cell marks; undefined for any other line. */
export function splitTableRow(text: string): { label: string; marks: string[] } | undefined {
  const tokens = text.trim().split(/\s+/u);
  let count = 0;
  while (count < tokens.length && TABLE_MARKS.has(tokens[tokens.length - 1 - count] as string)) count++;
  if (count < 2 || count === tokens.length) return undefined;
  return { label: normalizeSpacing(tokens.slice(0, tokens.length - count).join(' ')), marks: tokens.slice(tokens.length - count) };
}

/** A fragment that asks to be continued (`権益の`, `代替・`), or that continues the one before it (`(QUAD)`, `の確保`). */
const CONTINUES = /(?:[\p{Script=Hiragana}・･、，,&＆/／\-–(（]|及び|並びに)$/u;
const CONTINUATION = /^[\p{Script=Hiragana}・･ー)）(（]/u;

/**
 * Column names from the header lines, for `count` columns (the cells per row). The extractor prints a
 * header row whose names wrap line by line, so one name may be broken into fragments on several lines
 * (`権益の` / `確保`, `日米豪印` / `(QUAD)`), and a line holds fragments of several columns, left to right.
 * Every assignment of fragments to columns that keeps each line's fragments in column order, gives every
 * column a fragment and opens the columns in order is scored by its joins: joining onto a fragment that
 * asks to be continued, or with one that continues, is plausible (+2), joining two complete words is not
 * (−1), and of equally plausible columns the one continued most recently wins; a column's name is its
 * fragments in reading order.
 * Undefined when no assignment gives `count` columns.
 */
export function headerColumns(lines: readonly SourceLine[], count: number): string[] | undefined {
  const fragments = lines.flatMap((line, index) => line.text.trim().split(/\s+/u).filter(Boolean).map((text) => ({ text, line: index })));
  if (fragments.length < count || count === 0) return undefined;
  interface Best {
    score: number;
    columns: number[];
  }
  const memo = new Map<string, Best | null>();
  // From fragment `index` on, with `opened` columns begun, `lastOnLine` the column of the line's previous
  // fragment (-1 at a line's start) and `tails[c]` the last fragment of column c: the best way to go on.
  const search = (index: number, opened: number, lastOnLine: number, tails: readonly number[]): Best | null => {
    if (index === fragments.length) return opened === count ? { score: 0, columns: [] } : null;
    const fragment = fragments[index] as { text: string; line: number };
    const onLine = index > 0 && (fragments[index - 1] as { line: number }).line === fragment.line ? lastOnLine : -1;
    if (count - opened > fragments.length - index) return null;
    const key = `${index}|${opened}|${onLine}|${tails.join(',')}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let best: Best | null = null;
    const consider = (column: number, gain: number): void => {
      const nextTails = [...tails];
      nextTails[column] = index;
      const rest = search(index + 1, Math.max(opened, column + 1), column, nextTails);
      if (rest === null) return;
      const score = gain + rest.score;
      if (best === null || score > best.score) best = { score, columns: [column, ...rest.columns] };
    };
    for (let column = onLine + 1; column < opened; column++) {
      const tail = fragments[tails[column] as number] as { text: string };
      // Of equally plausible columns, the one continued most recently (`(QUAD)` goes with the name just before it).
      consider(column, (CONTINUES.test(tail.text) || CONTINUATION.test(fragment.text) ? 2 : -1) - 0.001 * (index - (tails[column] as number)));
    }
    if (opened < count && opened > onLine) consider(opened, 0);
    memo.set(key, best);
    return best;
  };
  if (fragments.length > 24 || count > 12) return undefined;
  const best = search(0, 0, -1, []) as Best | null;
  if (best === null) return undefined;
  const names = Array.from({ length: count }, () => '');
  best.columns.forEach((column, index) => {
    names[column] = joinFragments(names[column] as string, (fragments[index] as { text: string }).text);
  });
  return names;
}

/** `日米豪印` + `(QUAD)` reads `日米豪印(QUAD)`; Latin words keep a space between them. */
function joinFragments(name: string, fragment: string): string {
  return name === '' ? fragment : normalizeSpacing(`${name} ${fragment}`);
}

/**
 * Parses a table from `lines` (text lines only, gaps removed), starting at its caption (or, with
 * `caption` false, at its first header line). Returns undefined when fewer than two rows follow.
 */
export function parseTable(lines: readonly SourceLine[], hasCaption: boolean): ParsedTable | undefined {
  let index = 0;
  const caption = hasCaption ? (lines[index++] as SourceLine) : undefined;
  const header: SourceLine[] = [];
  while (index < lines.length && splitTableRow((lines[index] as SourceLine).text) === undefined && header.length < 12) {
    header.push(lines[index++] as SourceLine);
  }
  const rowLines: SourceLine[] = [];
  const rows: Array<{ label: string; marks: string[] }> = [];
  while (index < lines.length) {
    const row = splitTableRow((lines[index] as SourceLine).text);
    if (row === undefined) break;
    rows.push(row);
    rowLines.push(lines[index++] as SourceLine);
  }
  if (rows.length < 2) return undefined;

  const legendLines: SourceLine[] = [];
  if (index < lines.length && isLegend((lines[index] as SourceLine).text)) {
    legendLines.push(lines[index++] as SourceLine);
    while (index < lines.length && !endsParagraph(legendLines[legendLines.length - 1] as SourceLine) && !isLegend((lines[index] as SourceLine).text)) {
      legendLines.push(lines[index++] as SourceLine);
    }
  }

  const warnings: string[] = [];
  const width = Math.max(...rows.map((row) => row.marks.length));
  const assigned = headerColumns(header, width);
  const columns = assigned ?? header.flatMap((line) => line.text.trim().split(/\s+/u)).filter(Boolean);
  if (assigned === undefined) {
    warnings.push(`table "${caption?.text.trim() ?? columns.join(' ')}": ${columns.length} column names for ${width} cells per row`);
  }
  // Cells are keyed by column name; a missing or repeated name gets its position, so no cell overwrites another.
  const keyOf = (position: number): string => {
    const name = columns[position];
    return name !== undefined && columns.indexOf(name) === position ? name : `${name ?? ''}#${position + 1}`;
  };
  return {
    caption: caption === undefined ? null : normalizeSpacing(caption.text),
    legend: legendLines.length === 0 ? null : normalizeSpacing(legendLines.reduce((text, line) => joinWrappedLines(text, line.text), '')),
    columns,
    rows: rows.map((row) => ({
      label: row.label,
      cells: Object.fromEntries(row.marks.map((mark, position) => [keyOf(position), mark])),
    })),
    lines: [...(caption ? [caption] : []), ...header, ...rowLines, ...legendLines],
    warnings,
  };
}
