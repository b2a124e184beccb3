/**
 * Character classes for Japanese text as it comes out of PDF extraction.
 *
 * "CJK" here means a character that Japanese typesetting sets without spaces around it: kana, kanji,
 * Hangul, CJK punctuation (、。「」【】〜), full-width forms (（）：＊０-９) and the horizontal bar ―
 * used as a dash in titles. Latin letters, ASCII digits and ASCII punctuation are not CJK.
 */

const CJK_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x11ff], // Hangul Jamo
  [0x2015, 0x2015], // ― horizontal bar (a dash in Japanese titles)
  [0x2e80, 0x2fdf], // CJK radicals
  [0x3000, 0x303f], // CJK symbols and punctuation: 、。「」『』【】〜〇
  [0x3040, 0x30ff], // hiragana, katakana (incl. ー and ・)
  [0x3100, 0x31ff], // bopomofo, kanbun, katakana phonetic extensions
  [0x3200, 0x33ff], // enclosed CJK, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7af], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xffef], // half-width and full-width forms
  [0x20000, 0x3134f], // CJK extensions B–G
];

/** True when `char` (one code point) is set without surrounding spaces in Japanese text. */
export function isCjk(char: string): boolean {
  const code = char.codePointAt(0);
  if (code === undefined) return false;
  for (const [low, high] of CJK_RANGES) {
    if (code < low) return false;
    if (code <= high) return true;
  }
  return false;
}

/** Kana and kanji only: the characters that make a text Japanese rather than, say, English with （）. */
export function isKanaOrKanji(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff)
  );
}

/**
 * Columns a character takes in a monospaced rendering of the PDF line: 2 for wide (CJK) characters,
 * 1 otherwise. Half-width katakana (U+FF61–U+FF9F) are 1. Used to tell full (wrapped) lines from short ones.
 */
function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0xff61 && code <= 0xffdc) return 1;
  return isCjk(char) ? 2 : 1;
}

/** Display width of `text` in columns (see {@link charWidth}); surrounding whitespace is not counted. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.trim()) width += charWidth(char);
  return width;
}

export function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** `text` as a literal inside a regular expression. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
