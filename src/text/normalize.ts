/**
 * Search normalization, applied identically to indexed text and to queries:
 *  - NFKC (`ＡＳＥＡＮ` → `ASEAN`, `２０２０` → `2020`, `（` → `(`, half-width katakana → full width);
 *  - lower case;
 *  - the iteration mark 々 spelled out (`様々` → `様様`), so either spelling matches;
 *  - `・` between kana dropped (`クアッド・プラス` → `クアッドプラス`, also when spelled in hiragana).
 * Long-vowel variants (`サーバー` / `サーバ`) are unified per term (see normalizeTerm).
 *
 * The result keeps a map back to the input, so matches found in normalized text can be highlighted in
 * the original.
 */
export interface SearchText {
  text: string;
  /** For each UTF-16 offset of `text`, where its source character starts in the input; one extra entry for the end. */
  origin: number[];
  /** For each UTF-16 offset of `text`, where its source character ends in the input (NFKC can expand one into several). */
  originEnd: number[];
}

export function normalizeForSearch(input: string): SearchText {
  const origin: number[] = [];
  const originEnd: number[] = [];
  const text = normalizeInto(input, origin, originEnd);
  origin.push(input.length);
  return { text, origin, originEnd };
}

/** normalizeForSearch's text alone, without the map back to the input. */
export function searchNormalized(input: string): string {
  return normalizeInto(input);
}

/** NFKC and lower case of one character (with its combining marks), remembered for single code units: every text is normalized a character at a time. */
const unitNormalized = new Map<string, string>();
function normalizedUnit(unit: string): string {
  const known = unitNormalized.get(unit);
  if (known !== undefined) return known;
  const normalized = unit.normalize('NFKC').toLowerCase();
  if (unit.length === 1) unitNormalized.set(unit, normalized);
  return normalized;
}

/** A combining (semi-)voiced sound mark, which is normalized with the character before it. */
function isCombiningVoiceMark(code: number): boolean {
  return code === 0x3099 || code === 0x309a || code === 0xff9e || code === 0xff9f;
}

/**
 * Per UTF-16 code unit: 1 when normalization leaves it as it is wherever it stands (its NFKC and lower
 * case are itself, it is no surrogate, combining mark, 々 or ・), 2 when not, 0 until first met.
 * Most of a paper's characters are such units, and they are copied in runs instead of one at a time.
 */
const unitKind = new Uint8Array(0x10000);
function isPlainUnit(code: number): boolean {
  let kind = unitKind[code] as number;
  if (kind === 0) {
    const unit = String.fromCharCode(code);
    const special = (code >= 0xd800 && code <= 0xdfff) || isCombiningVoiceMark(code) || unit === '々' || unit === '・';
    unitKind[code] = kind = special || normalizedUnit(unit) !== unit ? 2 : 1;
  }
  return kind === 1;
}

function normalizeInto(input: string, origin?: number[], originEnd?: number[]): string {
  let text = '';
  // Where the run of plain units not yet added to `text` begins.
  let run = 0;
  let index = 0;
  while (index < input.length) {
    const start = index;
    const code = input.charCodeAt(index);
    if (isPlainUnit(code) && !(index + 1 < input.length && isCombiningVoiceMark(input.charCodeAt(index + 1)))) {
      index++;
      if (origin !== undefined && originEnd !== undefined) {
        origin.push(start);
        originEnd.push(index);
      }
      continue;
    }
    text += input.slice(run, start);
    // One code point with the combining marks after it.
    index += (input.codePointAt(index) as number) > 0xffff ? 2 : 1;
    while (index < input.length && isCombiningVoiceMark(input.charCodeAt(index))) index++;
    let normalized = normalizedUnit(input.slice(start, index));
    run = index;
    if (normalized === '々' && text.length > 0 && isKanji(lastChar(text))) normalized = lastChar(text);
    if (normalized === '・' && isKana(lastChar(text)) && isKana(codePointFrom(input, index).normalize('NFKC'))) continue;
    if (origin !== undefined && originEnd !== undefined) {
      for (let position = 0; position < normalized.length; position++) {
        origin.push(start);
        originEnd.push(index);
      }
    }
    text += normalized;
  }
  return text + input.slice(run);
}

/** The code point at `index` as a string ('' past the end). */
function codePointFrom(input: string, index: number): string {
  const code = input.codePointAt(index);
  return code === undefined ? '' : String.fromCodePoint(code);
}

/**
 * A term as stored in the index: katakana words of four or more characters lose a final long-vowel mark
 * (`コンピューター` = `コンピュータ`, as Lucene's katakana stemmer does); everything else is unchanged.
 */
export function normalizeTerm(term: string): string {
  if (term.length >= 4 && term.endsWith('ー') && /^[\u30a0-\u30ff]+$/u.test(term)) return term.slice(0, -1);
  return term;
}

/** `くあっど` → `クアッド`: hiragana to katakana, other characters unchanged. */
export function toKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096]/gu, (char) => String.fromCharCode(char.charCodeAt(0) + 0x60));
}

/** The hiragana spelling of katakana (ァ–ヶ; others unchanged): toKatakana's inverse. */
export function toHiragana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/gu, (char) => String.fromCharCode(char.charCodeAt(0) - 0x60));
}

export function isKatakana(char: string): boolean {
  // /^[\u30a1-\u30fa\u30fc]$/u, by code (it runs per character): one code unit in the range.
  const code = char.charCodeAt(0);
  return char.length === 1 && ((code >= 0x30a1 && code <= 0x30fa) || code === 0x30fc);
}

function isKana(char: string): boolean {
  return isKatakana(char) || isHiragana(char);
}

export function isHiragana(char: string): boolean {
  // /^[\u3041-\u3096]$/u, by code.
  const code = char.charCodeAt(0);
  return char.length === 1 && code >= 0x3041 && code <= 0x3096;
}

export function isKanji(char: string): boolean {
  return /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/u.test(char);
}

function lastChar(text: string): string {
  return text.slice(-1);
}
