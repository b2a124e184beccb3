import type { FootnoteRef } from '../model/document';
import { normalizeSpacingWithOffsets } from '../text/spacing';
import { longestChain } from './sequence';

/**
 * Footnote markers are bare digits glued to the text (`クアッド（Quad）1及び`, `述べた3。`) next to real
 * numbers (`12か国`, `2019年 1月`, `第 2回`). A digit run is a candidate marker only when
 *  - its value is one of the document's footnote numbers;
 *  - it is glued to the word before it (the extractor puts a space before real numbers after Japanese);
 *  - it is not part of a number, date, range or ordinal, and no counter or unit follows it (`か国`, `年`, `つ`);
 *  - after a Latin letter, it is followed by punctuation, a space or the end (`…SEATO12。`, not `G7`).
 * Markers are cited in ascending order, so the markers are the longest run of candidates whose values
 * increase through the document; among runs of equal length the one with more consecutive numbers,
 * starting from the first footnote, wins. A digit that breaks the sequence is therefore text, and a
 * marker missing from the text costs only its own footnote.
 */

/** Characters that cannot precede a marker: digits and numeric punctuation, opening brackets, ordinal and approximation prefixes. */
const NOT_BEFORE = /[0-9０-９.,:/+\-–—~〜～#＃第約計（(「『【〔［[<＜]/u;
/** Counters and units that make a preceding digit run a quantity. */
const COUNTERS = new Set(Array.from('年月日時分秒週か箇ヶケカ个個つ回号頁巻章節条項人名国社件点割倍位次期度歳隻機基億万千百周世代番線軒冊枚台発門輌両%％'));
/** Separators inside numbers (`2.0`, `12–14`, `2+2`, `3/4`) when a digit follows them. */
const NUMBER_JOINERS = /[.,:/+\-–—~〜～・]/u;
/** What may follow a marker glued to a Latin word. */
const AFTER_LATIN = /^(?:[。、，．,.)）」』】]|\s|$)/u;

export interface MarkerScan {
  /** The text with markers removed and spacing normalized. */
  text: string;
  refs: FootnoteRef[];
}

export interface MarkerExtraction {
  /** One result per input text, in the same order. */
  scans: MarkerScan[];
  /** Footnote numbers no marker was found for, in order. */
  unmatched: number[];
  /** Markers of footnotes the paper does not have (`missingNumbers`), with the index of the text they are in. */
  orphans: Array<{ n: number; text: number }>;
}

interface Candidate {
  text: number;
  start: number;
  end: number;
  n: number;
}

/**
 * Takes the footnote markers out of `raws` (texts in reading order, as joined from their lines).
 * `missingNumbers` are numbers the paper's footnotes skip: markers for them are found and taken out like
 * the others (their digits are no part of the text), and reported as `uncited`.
 */
export function extractMarkers(raws: readonly string[], footnoteNumbers: readonly number[], missingNumbers: readonly number[] = []): MarkerExtraction {
  const known = new Set([...footnoteNumbers, ...missingNumbers]);
  const candidates: Candidate[] = [];
  raws.forEach((raw, text) => {
    for (const match of raw.matchAll(/(?<!\d)\d{1,3}(?!\d)/gu)) {
      const n = Number(match[0]);
      const start = match.index;
      const end = start + match[0].length;
      if (known.has(n) && isMarkerContext(raw, start, end)) candidates.push({ text, start, end, n });
    }
  });

  const chosen = longestChain(candidates.map((candidate) => ({ value: candidate.n, mayJump: true, mayStart: true })), footnoteNumbers[0]).map((index) => candidates[index] as Candidate);
  const cited = new Set(chosen.map((candidate) => candidate.n));
  const scans = raws.map((raw, text) => removeMarkers(raw, chosen.filter((candidate) => candidate.text === text)));
  const missing = new Set(missingNumbers);
  const orphans = chosen.filter((candidate) => missing.has(candidate.n)).map((candidate) => ({ n: candidate.n, text: candidate.text }));
  return { scans, unmatched: footnoteNumbers.filter((n) => !cited.has(n)), orphans };
}

function removeMarkers(raw: string, markers: readonly Candidate[]): MarkerScan {
  let stripped = '';
  let previousEnd = 0;
  const strippedOffsets: number[] = [];
  for (const marker of markers) {
    stripped += raw.slice(previousEnd, marker.start);
    strippedOffsets.push(stripped.length);
    previousEnd = marker.end;
  }
  stripped += raw.slice(previousEnd);
  const normalized = normalizeSpacingWithOffsets(stripped);
  return {
    text: normalized.text,
    refs: markers.map((marker, index) => ({ n: marker.n, offset: normalized.offsetOf(strippedOffsets[index] as number) })),
  };
}

/** Whether the digit run `raw[start, end)` stands where a footnote marker can (see the rules above). */
export function isMarkerContext(raw: string, start: number, end: number): boolean {
  const before = raw[start - 1];
  if (before === undefined || /\s/u.test(before) || NOT_BEFORE.test(before)) return false;
  const after = raw[end];
  if (after !== undefined) {
    if (/[0-9０-９A-Za-z]/u.test(after) || COUNTERS.has(after)) return false;
    if (NUMBER_JOINERS.test(after) && /[0-9０-９]/u.test(raw[end + 1] ?? '')) return false;
  }
  return /[A-Za-z]/u.test(before) ? AFTER_LATIN.test(raw.slice(end)) : true;
}
