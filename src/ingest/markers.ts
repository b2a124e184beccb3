import type { FootnoteRef } from '../model/document';
import { normalizeSpacingWithOffsets } from '../text/spacing';

/**
 * Footnote markers are digits glued to the text (`クアッド（Quad）1及び`, `述べた3。`), and also to a number
 * or a name with digits (`TB2` + 1 reads `TB21`, `ランセット 3` + 7 reads `ランセット 37`, `2.0` + 19 reads
 * `2.019`), among real numbers (`12か国`, `2019年 1月`, `第 2回`). What decides is the layout's own
 * constraint: the footnotes at a page's foot are the notes that page cites, in the order it cites them.
 * So the markers are found by aligning, in reading order, the document's footnotes (ascending) with the
 * digit runs where a marker can stand, each near the page of its footnote:
 *  - a whole digit run is a candidate when it is glued to the word before it (the extractor puts a space
 *    before real numbers after Japanese), is not part of a number, date, range or ordinal, no counter or
 *    unit follows it (`か国`, `年`, `つ`), and after a Latin letter only punctuation, a space or the end;
 *  - the last one to three digits of a run are a candidate when the run ends a word or number (`TB21 で`,
 *    `2.019 も`, `1368 を`) and what follows could follow a marker, and so is a run glued to a Latin word
 *    (`SEATO12。`, `Brave1 の`): these cost more than a run glued to Japanese, and less when the word without
 *    the digits stands elsewhere in the paper (`マグラ V5 が` makes `V513` read V5 + 13) and more when the word
 *    with them does (`Brave1` elsewhere makes `Brave1 の` a name), and less again when the footnote names
 *    what is left (`マグラ V5 は…`), so a word is taken apart only where the page's footnotes need it and the
 *    paper's own words agree;
 *  - a candidate on the footnote's own page costs nothing more, one a page before or after a little (a
 *    marker at the foot of a page whose footnote begins on the next), one further is not considered;
 *  - a footnote left without a marker costs much more than any candidate, so each gets its marker
 *    wherever one can stand, and markers keep the footnotes' order.
 * The best alignment (least cost; ties to the earlier candidate) is found by dynamic programming over a
 * Pareto frontier of (last digit run used, cost), linear in the candidates for papers of normal size.
 * Footnote numbers the paper skips are aligned too, at no cost when missing: a marker found for one is
 * taken out of the text and reported.
 */

/** Characters that cannot precede a marker: digits and numeric punctuation, opening brackets, the ordinal prefix. */
const NOT_BEFORE = /[0-9０-９.,:/+\-–—~〜～#＃第（(「『【〔［[<＜]/u;
/**
 * Approximation prefixes (`約17`, `計3`): a number after them is more often a quantity, yet they also end
 * words a marker follows (`制約17。`, `合計3。`), and the extractor sets a space before real numbers after
 * Japanese; so a marker may stand there, at a cost (COST.approximate).
 */
const APPROXIMATE_BEFORE = /[約計]/u;
/** Counters and units that make a preceding digit run a quantity. */
const COUNTERS = new Set(Array.from('年月日時分秒週か箇ヶケカ个個つ回号頁巻章節条項人名国社件点割倍位次期度歳隻機基億万千百周世代番線軒冊枚台発門輌両%％'));
/** Separators inside numbers (`2.0`, `12–14`, `2+2`, `3/4`) when a digit follows them. */
const NUMBER_JOINERS = /[.,:/+\-–—~〜～・]/u;
/** What may follow a marker glued to a Latin word or a number. */
const AFTER_WORD = /^(?:[。、，．,.)）」』】]|\s|$)/u;

/** Costs of the alignment (see above). */
const COST = { split: 1, splitUnseen: 2, splitNamed: 3, approximate: 2, namedInNote: -0.5, nearPage: 3, unmarked: 10, missingFound: -0.5 } as const;

/** Latin words and numbers as the paper writes them (`V5`, `Mi-8`, `2.0`, `136`), for the evidence above. */
const WORD = /[A-Za-z0-9][A-Za-z0-9.\-]*/gu;

/** How often each word stands in `texts`; a number followed by a counter (`931 人`) is a quantity, not a word. */
function wordCounts(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const match of text.matchAll(WORD)) {
      const word = match[0].replace(/[.\-]+$/u, '');
      const next = /^\s*(\S)/u.exec(text.slice(match.index + match[0].length, match.index + match[0].length + 4))?.[1];
      if (/^[\d.]+$/u.test(word) && next !== undefined && COUNTERS.has(next)) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return counts;
}

export interface MarkerText {
  /** The text as joined from its lines, markers still in it. */
  raw: string;
  /** Where each page's text begins in `raw` (ascending offsets, the first at 0). */
  pageStarts: ReadonlyArray<readonly [number, number]>;
}

export interface NoteOnPage {
  n: number;
  /** The footnote's text: a footnote on a name often names it (`マグラ V5 は…`), evidence for taking it apart. */
  text?: string;
  /** The page whose foot it begins on; for a number the paper skips, the first page it could be on. */
  page: number;
  /** For a number the paper skips, the last page it could be on. */
  lastPage?: number;
}

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
  /** Markers of footnotes the paper does not have (`missing`), with the index of the text they are in. */
  orphans: Array<{ n: number; text: number }>;
}

interface Candidate {
  /** Index of the digit run among all runs, in reading order. */
  run: number;
  text: number;
  start: number;
  end: number;
  n: number;
  page: number;
  cost: number;
}

/**
 * Takes the footnote markers out of `texts` (in reading order). `otherTexts` (the footnotes' texts) only
 * count as evidence of the paper's words.
 */
export function extractMarkers(texts: readonly MarkerText[], footnotes: readonly NoteOnPage[], missing: readonly NoteOnPage[] = [], otherTexts: readonly string[] = []): MarkerExtraction {
  const wanted = new Map<number, { page: number; lastPage: number; missing: boolean }>();
  for (const note of missing) wanted.set(note.n, { page: note.page, lastPage: note.lastPage ?? note.page, missing: true });
  for (const note of footnotes) wanted.set(note.n, { page: note.page, lastPage: note.page, missing: false });
  const noteWords = new Map(footnotes.map((note) => [note.n, wordCounts([note.text ?? ''])]));
  const candidates = findCandidates(texts, wanted, wordCounts([...texts.map((text) => text.raw), ...otherTexts]), noteWords);
  const chosen = align([...wanted].map(([n, note]) => ({ n, ...note })).sort((a, b) => a.n - b.n), candidates);
  const scans = texts.map((text, index) => removeMarkers(text.raw, chosen.filter((candidate) => candidate.text === index)));
  const cited = new Set(chosen.map((candidate) => candidate.n));
  return {
    scans,
    unmatched: footnotes.map((note) => note.n).filter((n) => !cited.has(n)).sort((a, b) => a - b),
    orphans: chosen.filter((candidate) => wanted.get(candidate.n)?.missing === true).map((candidate) => ({ n: candidate.n, text: candidate.text })),
  };
}

function findCandidates(
  texts: readonly MarkerText[],
  wanted: ReadonlyMap<number, { page: number }>,
  words: ReadonlyMap<string, number>,
  noteWords: ReadonlyMap<number, ReadonlyMap<string, number>>,
): Candidate[] {
  const candidates: Candidate[] = [];
  let run = 0;
  texts.forEach(({ raw, pageStarts }, text) => {
    for (const match of raw.matchAll(/\d+/gu)) {
      const start = match.index;
      const end = start + match[0].length;
      const page = pageAt(pageStarts, start);
      const whole = Number(match[0]);
      const word = wordEndingAt(raw, end);
      const gluedToLatin = /[A-Za-z]/u.test(raw[start - 1] ?? '');
      // A run glued to Japanese is a marker at no cost (after 約 or 計, at COST.approximate); one glued to a Latin word is the end of that word taken apart.
      const context = match[0].length <= 3 && wanted.has(whole) ? markerContextCost(raw, start, end) : undefined;
      if (context !== undefined) {
        candidates.push({ run, text, start, end, n: whole, page, cost: context + (gluedToLatin ? splitCost(word, match[0].length, words, noteWords.get(whole)) : 0) });
      }
      if (endsWord(raw, end)) {
        for (let digits = 1; digits <= 3 && digits < match[0].length; digits++) {
          const suffix = match[0].slice(-digits);
          if (suffix.startsWith('0') || !wanted.has(Number(suffix))) continue;
          candidates.push({ run, text, start: end - digits, end, n: Number(suffix), page, cost: splitCost(word, digits, words, noteWords.get(Number(suffix))) });
        }
      }
      run++;
    }
  });
  return candidates;
}

/** The Latin word or number that ends at `end` (`TB21`, `2.019`, `1368`). */
function wordEndingAt(raw: string, end: number): string {
  let start = end;
  while (start > 0 && /[A-Za-z0-9.\-]/u.test(raw[start - 1] as string)) start--;
  return raw.slice(start, end).replace(/^[.\-]+/u, '');
}

/**
 * What taking the last `digits` digits off `word` as a marker costs, by what the paper's words say, and
 * less when the footnote itself names what is left (`V5` in the footnote of `V513`).
 */
function splitCost(word: string, digits: number, words: ReadonlyMap<string, number>, noteWords: ReadonlyMap<string, number> | undefined): number {
  const rest = word.slice(0, -digits).replace(/[.\-]+$/u, '');
  const named = rest !== '' && (noteWords?.get(rest) ?? 0) > 0 ? COST.namedInNote : 0;
  if ((words.get(word) ?? 0) > 1) return COST.splitNamed + named;
  return (rest !== '' && (words.get(rest) ?? 0) > 0 ? COST.split : COST.splitUnseen) + named;
}

/** The page that `offset` of a text is on. */
function pageAt(pageStarts: ReadonlyArray<readonly [number, number]>, offset: number): number {
  let page = pageStarts[0]?.[1] ?? 1;
  for (const [start, startPage] of pageStarts) {
    if (start > offset) break;
    page = startPage;
  }
  return page;
}

/**
 * A digit run ending at `end` ends a word or a number, and what follows it could follow a marker: not a
 * counter or unit, even after the space the extractor sets between a number and Japanese (`1834 か国`).
 */
function endsWord(raw: string, end: number): boolean {
  const after = raw[end];
  if (after !== undefined && NUMBER_JOINERS.test(after) && /[0-9０-９]/u.test(raw[end + 1] ?? '')) return false;
  const next = /^\s*(\S)/u.exec(raw.slice(end, end + 8))?.[1];
  if (next !== undefined && COUNTERS.has(next)) return false;
  return AFTER_WORD.test(raw.slice(end, end + 1));
}

interface Step {
  candidate: Candidate;
  previous: Step | undefined;
}
interface State {
  /** The last digit run used, -1 for none. */
  run: number;
  cost: number;
  steps: Step | undefined;
}

/** The least-cost assignment of candidates to `notes` (ascending), in reading order, one digit run each. */
function align(notes: ReadonlyArray<{ n: number; page: number; lastPage: number; missing: boolean }>, candidates: readonly Candidate[]): Candidate[] {
  const byNumber = new Map<number, Candidate[]>();
  for (const candidate of candidates) {
    const list = byNumber.get(candidate.n) ?? [];
    list.push(candidate);
    byNumber.set(candidate.n, list);
  }
  // The frontier: states by ascending run with strictly falling cost; any other state is never better.
  let frontier: State[] = [{ run: -1, cost: 0, steps: undefined }];
  notes.forEach((note, index) => {
    // Leaving an earlier footnote unmarked costs a trifle more, so that of two equal alignments the one
    // that marks footnote 1 rather than 2 wins (`計画は2。実施は1。` cites 1).
    const unmarked = note.missing ? 0 : COST.unmarked + (notes.length - index) * 1e-6;
    const next: State[] = frontier.map((state) => ({ ...state, cost: state.cost + unmarked }));
    let pointer = 0;
    let best: State | undefined;
    for (const candidate of byNumber.get(note.n) ?? []) {
      const distance = candidate.page < note.page ? note.page - candidate.page : Math.max(0, candidate.page - note.lastPage);
      if (distance > 1) continue;
      while (pointer < frontier.length && (frontier[pointer] as State).run < candidate.run) {
        const state = frontier[pointer] as State;
        if (best === undefined || state.cost < best.cost) best = state;
        pointer++;
      }
      if (best === undefined) continue;
      const cost = best.cost + candidate.cost + (distance === 1 ? COST.nearPage : 0) + (note.missing ? COST.missingFound : 0);
      next.push({ run: candidate.run, cost, steps: { candidate, previous: best.steps } });
    }
    frontier = paretoFrontier(next);
  });
  const last = frontier.reduce<State | undefined>((best, state) => (best === undefined || state.cost < best.cost ? state : best), undefined);
  const chosen: Candidate[] = [];
  for (let step = last?.steps; step !== undefined; step = step.previous) chosen.push(step.candidate);
  return chosen.reverse();
}

/** The states no other state beats (an earlier or equal run at a lower or equal cost), by ascending run. */
function paretoFrontier(states: readonly State[]): State[] {
  const sorted = [...states].sort((a, b) => a.run - b.run || a.cost - b.cost);
  const frontier: State[] = [];
  for (const state of sorted) {
    const last = frontier[frontier.length - 1];
    if (last === undefined || state.cost < last.cost) frontier.push(state);
  }
  return frontier;
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

/** Whether the digit run `raw[start, end)` stands where a footnote marker can, taken whole (see the rules above). */
export function isMarkerContext(raw: string, start: number, end: number): boolean {
  return markerContextCost(raw, start, end) !== undefined;
}

/** What the digit run `raw[start, end)` costs as a marker taken whole by its context; undefined where none can stand. */
function markerContextCost(raw: string, start: number, end: number): number | undefined {
  const before = raw[start - 1];
  if (before === undefined || /\s/u.test(before) || NOT_BEFORE.test(before)) return undefined;
  const after = raw[end];
  if (after !== undefined) {
    if (/[0-9０-９A-Za-z]/u.test(after)) return undefined;
    if (NUMBER_JOINERS.test(after) && /[0-9０-９]/u.test(raw[end + 1] ?? '')) return undefined;
  }
  // A counter makes the run a quantity, also after the space the extractor sets before it (`3 年`).
  const next = /^\s*(\S)/u.exec(raw.slice(end, end + 8))?.[1];
  if (next !== undefined && COUNTERS.has(next)) return undefined;
  if (/[A-Za-z]/u.test(before) && !AFTER_WORD.test(raw.slice(end))) return undefined;
  return APPROXIMATE_BEFORE.test(before) ? COST.approximate : 0;
}
