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

/**
 * Column names from the header lines: white-space separated names, with a parenthesized name joined to
 * the one before it (`日米豪印` `(QUAD)` → `日米豪印(QUAD)`).
 */
function headerColumns(lines: readonly SourceLine[]): string[] {
  const columns: string[] = [];
  for (const token of lines.flatMap((line) => line.text.trim().split(/\s+/u)).filter(Boolean)) {
    const previous = columns[columns.length - 1];
    if (/^[（(].*[）)]$/u.test(token) && previous !== undefined) columns[columns.length - 1] = normalizeSpacing(`${previous} ${token}`);
    else columns.push(token);
  }
  return columns;
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
  const columns = headerColumns(header);
  const width = Math.max(...rows.map((row) => row.marks.length));
  if (columns.length !== width) {
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
