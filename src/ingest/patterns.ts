import { isBlank } from '../text/chars';
import { isFullLine, type SourceLine } from './lines';

/**
 * Line-level signals of the PDF layout, each measured on the seed corpus (see DESIGN.md, "Ingestion").
 */

/** The line of spaces between a page's body and its footnotes (51 spaces in the seeds). */
export function isSeparator(line: SourceLine): boolean {
  return isBlank(line.text) && line.text.length >= 10;
}

/** A white-space-only line that is not a separator: one marks a soft break, two in a row a heading slot. */
export function isGap(line: SourceLine): boolean {
  return isBlank(line.text) && !isSeparator(line);
}

/**
 * The extractor ends a paragraph's last line with a space after the closing punctuation (`…高まった。␣`);
 * a line that merely wraps at `。` has none. A trailing space after Latin text or digits is a word space.
 */
export function endsParagraph(line: SourceLine): boolean {
  return /[。．！？」』）】][ \t\u3000]+$/u.test(line.text);
}

/** A footnote line that closes a citation: it ends with `。` or `.`, possibly after a bracket (`…seato].`). */
export function endsFootnote(line: SourceLine): boolean {
  return /(?:[。．.][」』）)\]”"]*|\])\s*$/u.test(line.text);
}

/** `12 text…`: the number of a footnote that starts on this line, or undefined. */
export function footnoteNumberAt(line: SourceLine): number | undefined {
  const match = /^\s*(\d{1,3})[ \t\u3000]+\S/u.exec(line.text);
  return match ? Number(match[1]) : undefined;
}

/** Inline sub-headings such as `【米 国】` or `【インド】` on a line of their own. */
export function isSubheading(line: SourceLine): boolean {
  return /^\s*【[^】]{1,30}】\s*$/u.test(line.text);
}

/**
 * Lead-box bullets: Symbol-font glyphs that PDF extraction maps to the private use area (U+F06C in the
 * seeds), and common bullet characters.
 */
export const BULLET = /^\s*([\uf000-\uf0ff•●■◆◇▪►▶])\s*/u;

/**
 * Could this line be a section heading printed at the foot of a page? Headings are one line that does
 * not reach the wrap width, with no sentence-final or continuing punctuation at its end, no closing
 * punctuation at its start (that is a wrapped line's tail), no URL and no footnote number.
 */
export function looksLikeHeading(line: SourceLine, wrapWidth: number): boolean {
  const text = line.text.trim();
  if (text === '' || isSubheading(line) || BULLET.test(line.text)) return false;
  if (footnoteNumberAt(line) !== undefined || text.startsWith('[') || /https?:\/\//.test(text)) return false;
  if (/[。．.、，,:：;；]$/u.test(text) || /^[。．、，）」』】〕]/u.test(text)) return false;
  return !isFullLine(line, wrapWidth);
}

/**
 * Lines of the disclaimer block that closes some papers: contact numbers, e-mail, notices about views
 * and reproduction.
 */
export function isNoticeLine(line: SourceLine): boolean {
  return /\d{2,5}[-‐－]\d{2,4}[-‐－]\d{3,4}|e-?mail|tel\b|fax\b|F\s*A\s*X|電話|連絡先|問い?合わせ|無断転載|複製|著作権|copyright|©|見解[^。]*ものではありません/iu.test(
    line.text,
  );
}

/** `（2020年10月20日脱稿、…修正）`: a dated closing line. */
export function isClosingLine(text: string): boolean {
  const trimmed = text.trim();
  return /^[（(].*[）)]$/u.test(trimmed) && /\d{4}\s*年|脱稿|擱筆/u.test(trimmed);
}

/** `表：…` / `表1：…` / `表 2. …`: a table caption. */
export function isTableCaption(text: string): boolean {
  return /^表\s*[0-9０-９]*\s*[：:.．]/u.test(text.trim());
}

/** Cell marks used in the papers' comparison tables. */
export const TABLE_MARKS = new Set(['◎', '〇', '○', '●', '△', '▲', '×', '✕', '✓', '-', '－', '―', '—', '–']);

/** `＊〇は…` / `※…` / `注：…`: a table legend. */
export function isLegend(text: string): boolean {
  return /^\s*(?:[＊*※]|注[：:\s])/u.test(text);
}
