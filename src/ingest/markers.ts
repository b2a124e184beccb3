import type { FootnoteRef } from '../model/document';
import { normalizeSpacingWithOffsets } from '../text/spacing';

/**
 * Footnote markers are bare digits glued to the text (`クアッド（Quad）1及び`, `述べた3。`) next to real
 * numbers (`12か国`, `2019年 1月`, `第 2回`). A digit run is taken as a marker only when
 *  - it is the next footnote number in sequence: markers are cited in ascending order, so a digit that
 *    breaks the sequence is text;
 *  - it is glued to the word before it (the extractor puts a space before real numbers after Japanese);
 *  - it is not part of a number, date, range or ordinal, and no counter or unit follows it (`か国`, `年`, `つ`).
 * Where a marker is missing from the body, the next one or two footnote numbers are accepted in a
 * strict context only (followed by `。`, `、` or a closing bracket), and the gap is reported.
 */

/** Characters that cannot precede a marker: digits and numeric punctuation, opening brackets, ordinal and approximation prefixes. */
const NOT_BEFORE = /[0-9０-９.,:/+\-–—~〜～#＃第約計（(「『【〔［[<＜]/u;
/** Counters and units that make a preceding digit run a quantity. */
const COUNTERS = new Set(Array.from('年月日時分秒週か箇ヶケカ个個つ回号頁巻章節条項人名国社件点割倍位次期度歳隻機基億万千百周世代番線軒冊枚台発門輌両%％'));
/** Separators inside numbers (`2.0`, `12–14`, `2+2`, `3/4`) when a digit follows them. */
const NUMBER_JOINERS = /[.,:/+\-–—~〜～・]/u;
/** What may follow a marker in the strict context. */
const STRICT_AFTER = /^(?:[。、，．,.)）」』】]|\s|$)/u;

export interface MarkerScan {
  /** The text with markers removed and spacing normalized. */
  text: string;
  refs: FootnoteRef[];
}

/** Walks texts in reading order, matching markers against the document's footnote numbers in sequence. */
export class MarkerMatcher {
  private readonly numbers: readonly number[];
  private cursor = 0;
  private readonly skipped: number[] = [];

  constructor(footnoteNumbers: readonly number[]) {
    this.numbers = footnoteNumbers;
  }

  /** Removes the markers from `raw` (text as joined from its lines) and normalizes its spacing. */
  scan(raw: string): MarkerScan {
    const found: Array<{ start: number; end: number; n: number }> = [];
    for (const match of raw.matchAll(/\d{1,3}(?!\d)/gu)) {
      const start = match.index;
      const end = start + match[0].length;
      if (start > 0 && /\d/u.test(raw[start - 1] as string)) continue;
      const value = Number(match[0]);
      const position = this.positionOf(value);
      if (position === undefined) continue;
      const strict = position > this.cursor;
      if (!isMarkerContext(raw, start, end, strict)) continue;
      this.skipped.push(...this.numbers.slice(this.cursor, position));
      this.cursor = position + 1;
      found.push({ start, end, n: value });
    }

    let stripped = '';
    let previousEnd = 0;
    const strippedOffsets: number[] = [];
    for (const marker of found) {
      stripped += raw.slice(previousEnd, marker.start);
      strippedOffsets.push(stripped.length);
      previousEnd = marker.end;
    }
    stripped += raw.slice(previousEnd);

    const normalized = normalizeSpacingWithOffsets(stripped);
    return {
      text: normalized.text,
      refs: found.map((marker, index) => ({ n: marker.n, offset: normalized.offsetOf(strippedOffsets[index] as number) })),
    };
  }

  /** Footnote numbers no marker was found for, in order. */
  unmatched(): number[] {
    return [...this.skipped, ...this.numbers.slice(this.cursor)];
  }

  /** Index in the sequence of `value` if it is the expected number or one of the two after it. */
  private positionOf(value: number): number | undefined {
    for (let position = this.cursor; position < Math.min(this.numbers.length, this.cursor + 3); position++) {
      if (this.numbers[position] === value) return position;
    }
    return undefined;
  }
}

function isMarkerContext(raw: string, start: number, end: number, strict: boolean): boolean {
  const before = raw[start - 1];
  if (before === undefined || /\s/u.test(before) || NOT_BEFORE.test(before)) return false;
  const after = raw[end];
  if (after !== undefined) {
    if (/[0-9０-９A-Za-z]/u.test(after) || COUNTERS.has(after)) return false;
    if (NUMBER_JOINERS.test(after) && /[0-9０-９]/u.test(raw[end + 1] ?? '')) return false;
  }
  const afterLatin = /[A-Za-z]/u.test(before);
  if (strict || afterLatin) return STRICT_AFTER.test(raw.slice(end));
  return true;
}
