import { isCjk } from './chars';

export interface NormalizedText {
  text: string;
  /** Maps a UTF-16 offset of the input to the offset of the same position in `text`. */
  offsetOf(inputOffset: number): number;
}

/**
 * Clean reading text from PDF-extracted Japanese: every run of white space (including U+3000 and line
 * breaks) becomes one space, a space touching a CJK character on either side is dropped
 * (`2020 年 8 月 31 日` → `2020年8月31日`, `副長官が NATO を` → `副長官がNATOを`), spaces between
 * Latin words stay (`Southeast Asia Treaty Organization`), and the ends are trimmed.
 *
 * Only white space is ever removed, so every other character of the input survives in order.
 * Idempotent: `normalizeSpacing(normalizeSpacing(s)) === normalizeSpacing(s)`.
 */
export function normalizeSpacing(text: string): string {
  return normalizeSpacingWithOffsets(text).text;
}

/** {@link normalizeSpacing}, also mapping input offsets to output offsets (for footnote markers and highlights). */
export function normalizeSpacingWithOffsets(text: string): NormalizedText {
  const outputOffsets = new Array<number>(text.length + 1);
  let out = '';
  let index = 0;
  while (index < text.length) {
    if (!/\s/u.test(text[index] as string)) {
      outputOffsets[index] = out.length;
      out += text[index];
      index++;
      continue;
    }
    let runEnd = index;
    while (runEnd < text.length && /\s/u.test(text[runEnd] as string)) runEnd++;
    const atEdge = index === 0 || runEnd === text.length;
    const keepSpace = !atEdge && !isCjk(codePointBefore(text, index)) && !isCjk(codePointAt(text, runEnd));
    for (let offset = index; offset < runEnd; offset++) outputOffsets[offset] = out.length;
    if (keepSpace) out += ' ';
    index = runEnd;
  }
  outputOffsets[text.length] = out.length;
  return {
    text: out,
    offsetOf: (inputOffset) => outputOffsets[Math.max(0, Math.min(text.length, inputOffset))] as number,
  };
}

function codePointBefore(text: string, index: number): string {
  const low = text.charCodeAt(index - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  return text.slice(start, index);
}

function codePointAt(text: string, index: number): string {
  const code = text.codePointAt(index);
  return code === undefined ? '' : String.fromCodePoint(code);
}

/**
 * Joins two wrapped lines of a PDF extraction. The extractor leaves a trailing space where it wrapped
 * at a word boundary (`possibilities ␣` / `and challenges`) and none where it cut a word or URL
 * (`…/order-from-` / `chaos/2020/…`, `ク` / `アッド`), so the trailing space decides whether a space
 * goes between them. A space that lands next to a CJK character is removed later by
 * {@link normalizeSpacing}.
 */
export function joinWrappedLines(first: string, second: string): string {
  if (first === '') return second.trimStart();
  const head = first.trimEnd();
  const wrappedAtSpace = head.length < first.length;
  return head + (wrappedAtSpace ? ' ' : '') + second.trimStart();
}

/**
 * Lines joined one at a time, as {@link joinWrappedLines} joins them (`wrap`) or always with a space
 * (`space`, after trimming both sides), in time linear in their total length: joining onto one growing
 * string would copy it at every line (a footnote area of 2 MiB in one footnote took minutes).
 */
export class JoinedLines {
  private readonly pieces: string[] = [];
  private size = 0;

  /** `first`: the first line, kept as it is (a page's first line keeps its leading space). */
  constructor(
    private readonly mode: 'wrap' | 'space' = 'wrap',
    first?: string,
  ) {
    if (first !== undefined) this.push(first);
  }

  /** Adds a line; returns the offset at which its text (leading white space trimmed) starts in the joined text. */
  append(line: string): number {
    let trimmed = false;
    while (this.pieces.length > 0) {
      const last = this.pieces[this.pieces.length - 1] as string;
      const head = last.trimEnd();
      if (head.length < last.length) trimmed = true;
      this.size -= last.length - head.length;
      if (head !== '') {
        this.pieces[this.pieces.length - 1] = head;
        break;
      }
      this.pieces.pop();
    }
    const hadText = trimmed || this.pieces.length > 0;
    if (hadText && (this.mode === 'space' || trimmed)) this.push(' ');
    const start = this.size;
    this.push(line.trimStart());
    return start;
  }

  /** The length of the joined text so far. */
  get length(): number {
    return this.size;
  }

  toString(): string {
    return this.pieces.join('');
  }

  private push(piece: string): void {
    this.pieces.push(piece);
    this.size += piece.length;
  }
}
