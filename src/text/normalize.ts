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

const COMBINING_VOICE_MARKS = /[\u3099\u309a\uff9e\uff9f]/u;

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

function normalizeInto(input: string, origin?: number[], originEnd?: number[]): string {
  let text = '';
  const units = Array.from(input);
  let offset = 0;
  for (let index = 0; index < units.length; index++) {
    let unit = units[index] as string;
    const start = offset;
    offset += unit.length;
    while (index + 1 < units.length && COMBINING_VOICE_MARKS.test(units[index + 1] as string)) {
      unit += units[++index] as string;
      offset += (units[index] as string).length;
    }
    let normalized = normalizedUnit(unit);
    if (normalized === '々' && text.length > 0 && isKanji(lastChar(text))) normalized = lastChar(text);
    if (normalized === '・' && isKana(lastChar(text)) && isKana((units[index + 1] ?? '').normalize('NFKC'))) continue;
    if (origin !== undefined && originEnd !== undefined) {
      for (let position = 0; position < normalized.length; position++) {
        origin.push(start);
        originEnd.push(offset);
      }
    }
    text += normalized;
  }
  return text;
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
