/**
 * Sentence spans of Japanese reading text. A sentence ends after 。！？ (or ASCII . ! ? followed by a
 * space, Japanese or the end), together with any closing brackets or quotes right after it (`…と述べた。」`). Inside
 * brackets only `。` that closes the quotation ends a sentence (`「…終わった。」次。`); a question or
 * exclamation there is embedded (`「…だろうか？」と題した記事`). If the brackets do not balance they
 * are ignored, rather than letting one stray `「` swallow the rest.
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
    // An ASCII stop ends a sentence before a space, the end, or Japanese (`2020.なお、` once spacing is normalized).
    const ends = TERMINAL.has(char) || (ASCII_TERMINAL.has(char) && (next === undefined || next === ' ' || /[\u3040-\u30ff\u3400-\u9fff]/u.test(next)));
    if (!ends) {
      index++;
      continue;
    }
    let end = index + 1;
    let depthAfter = depth;
    while (end < text.length && TRAILERS.has(text[end] as string)) {
      if (balanced && CLOSERS.has(text[end] as string)) depthAfter = Math.max(0, depthAfter - 1);
      end++;
    }
    // `「…終わった。」` closes a quoted sentence; `「…のか？」と題した` embeds a question in a longer one.
    const closesQuotedSentence = char === '。' && depthAfter === 0;
    if (depth === 0 || closesQuotedSentence) {
      depth = depthAfter;
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

/**
 * The span of the sentence containing UTF-16 offset `offset` (an offset at a boundary belongs to the
 * sentence before it). `spans`: the text's sentence spans, when the caller already has them.
 */
export function sentenceAt(text: string, offset: number, spans: readonly Span[] = sentenceSpans(text)): Span {
  for (const span of spans) {
    if (offset > span.start && offset <= span.end) return span;
  }
  return spans[0] ?? { start: 0, end: 0 };
}
