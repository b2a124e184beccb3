import { sentenceSpans, type Span } from '../text/sentences';
import type { FootnoteRef } from '../model/document';
import type { Passage } from './index-format';

/**
 * The excerpt of a passage: its best sentence, verbatim, joined by a neighbouring sentence when it is
 * short (under 40 characters) or when the neighbour holds query terms the best sentence lacks. At most
 * two sentences. Offsets are UTF-16 offsets, end exclusive.
 */
export interface Excerpt {
  snippet: string;
  /** Where `snippet` starts in the passage's text. */
  start: number;
  /** Matched query terms in `snippet`, relative to it. */
  highlights: Array<[number, number]>;
  /** Matched query terms in the whole passage text. */
  textHighlights: Array<[number, number]>;
}

const SHORT_SENTENCE = 40;

/** `spans`: the passage's sentence spans, when the caller already has them (the engine caches them). */
export function excerptOf(passage: Passage, best: Span, matched: ReadonlySet<string>, spans: readonly Span[] = sentenceSpans(passage.text)): Excerpt {
  const textHighlights = passage.tokens.filter(([term]) => matched.has(term)).map(([, from, to]): [number, number] => [from, to]);
  if (best.start <= 0 && best.end >= passage.text.length) return { snippet: passage.text, start: 0, highlights: textHighlights, textHighlights };
  const position = Math.max(0, spans.findIndex((span) => span.start === best.start && span.end === best.end));
  const termsIn = (span: Span): Set<string> =>
    new Set(passage.tokens.filter(([term, start, end]) => matched.has(term) && start >= span.start && end <= span.end).map(([term]) => term));
  const own = termsIn(best);
  const adds = (span: Span | undefined): number => (span === undefined ? -1 : [...termsIn(span)].filter((term) => !own.has(term)).length);

  let span: Span = best;
  const next = spans[position + 1];
  const previous = spans[position - 1];
  const bestNeighbour = adds(next) >= adds(previous) ? next : previous;
  if (bestNeighbour !== undefined && (best.end - best.start < SHORT_SENTENCE || adds(bestNeighbour) > 0)) {
    span = { start: Math.min(best.start, bestNeighbour.start), end: Math.max(best.end, bestNeighbour.end) };
  }
  const raw = passage.text.slice(span.start, span.end);
  const start = span.start + (raw.length - raw.trimStart().length);
  const snippet = raw.trim();

  const highlights = textHighlights
    .filter(([from, to]) => from >= start && to <= start + snippet.length)
    .map(([from, to]): [number, number] => [from - start, to - start]);
  return { snippet, start, highlights, textHighlights };
}

/**
 * `text` (a span of a passage starting at `offset`) with its footnote markers written in as `[n]`, as
 * the extractive answer quotes it.
 */
export function withMarkers(text: string, offset: number, refs: readonly FootnoteRef[]): string {
  const inside = refs.filter((ref) => ref.offset >= offset && ref.offset <= offset + text.length).sort((a, b) => b.offset - a.offset || b.n - a.n);
  let out = text;
  for (const ref of inside) {
    const at = ref.offset - offset;
    out = `${out.slice(0, at)}[${ref.n}]${out.slice(at)}`;
  }
  return out;
}
