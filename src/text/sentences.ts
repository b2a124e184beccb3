/**
 * Sentence spans of Japanese reading text. A sentence ends after 。！？ (or ASCII . ! ? followed by a
 * space or the end), together with any closing brackets or quotes right after it (`…と述べた。」`). A
 * terminal inside brackets (`「…だろうか？」と題した記事`) does not end the sentence; if the text's
 * brackets do not balance, brackets are ignored rather than letting one stray `「` swallow the rest.
 */
export interface Span {
  /** UTF-16 offset of the first character, inclusive. */
  start: number;
  /** UTF-16 offset after the last character, exclusive. */
  end: number;
}

const TERMINAL = new Set(['。', '！', '？', '．']);
const ASCII_TERMINAL = new Set(['.', '!', '?']);
const OPENERS = new Set(['「', '『', '（', '(', '【', '〈', '《', '“']);
const CLOSERS = new Set(['」', '』', '）', ')', '】', '〉', '》', '”']);
/** What may trail a terminal and still belong to its sentence. */
const TRAILERS = new Set([...CLOSERS, '’', '"']);

/** Splits `text` into sentence spans that cover it exactly, in order; white space stays inside spans. */
export function sentenceSpans(text: string): Span[] {
  const balanced = bracketsBalance(text);
  const spans: Span[] = [];
  let start = 0;
  let depth = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (balanced && OPENERS.has(char)) depth++;
    else if (balanced && CLOSERS.has(char)) depth = Math.max(0, depth - 1);
    const next = text[index + 1];
    const ends = TERMINAL.has(char) || (ASCII_TERMINAL.has(char) && (next === undefined || next === ' '));
    if (ends && depth === 0) {
      let end = index + 1;
      while (end < text.length && TRAILERS.has(text[end] as string)) end++;
      spans.push({ start, end });
      start = end;
      index = end;
      continue;
    }
    index++;
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}

function bracketsBalance(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (OPENERS.has(char)) depth++;
    else if (CLOSERS.has(char) && --depth < 0) return false;
  }
  return depth === 0;
}

/** The span of the sentence containing UTF-16 offset `offset` (an offset at a boundary belongs to the sentence before it). */
export function sentenceAt(text: string, offset: number): Span {
  const spans = sentenceSpans(text);
  for (const span of spans) {
    if (offset > span.start && offset <= span.end) return span;
  }
  return spans[0] ?? { start: 0, end: 0 };
}
