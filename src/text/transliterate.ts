/**
 * Loanword matching: an English word (`Biegun`, `Pompeo`, `Quad`) against katakana words (`ビーガン`,
 * `ポンペオ`, `クアッド`) by how they sound. Both sides become a rough phonetic spelling in one small
 * alphabet (`sh`→`s`, `l`→`r`, `v`→`b`, `c`→`k`/`s`, double letters single, `n` before `b`/`p` → `m`), then
 * are compared with an edit distance in which vowels cost half: English spelling and katakana agree on
 * consonants far more than on vowels, and katakana adds vowels English lacks (`Macron` → `makuron`).
 *
 * Katakana is romanized here rather than with a kana library because loanword spellings (`ティ`, `ディ`,
 * `フォ`, `ウォ`, `ヴィ`) are what matters, and general-purpose romanizers render them as native syllables
 * (`ディフェンス` → `deifyensu`).
 */

const KANA: Record<string, string> = {
  ア: 'a', イ: 'i', ウ: 'u', エ: 'e', オ: 'o',
  カ: 'ka', キ: 'ki', ク: 'ku', ケ: 'ke', コ: 'ko', ガ: 'ga', ギ: 'gi', グ: 'gu', ゲ: 'ge', ゴ: 'go',
  サ: 'sa', シ: 'shi', ス: 'su', セ: 'se', ソ: 'so', ザ: 'za', ジ: 'ji', ズ: 'zu', ゼ: 'ze', ゾ: 'zo',
  タ: 'ta', チ: 'chi', ツ: 'tsu', テ: 'te', ト: 'to', ダ: 'da', ヂ: 'ji', ヅ: 'zu', デ: 'de', ド: 'do',
  ナ: 'na', ニ: 'ni', ヌ: 'nu', ネ: 'ne', ノ: 'no',
  ハ: 'ha', ヒ: 'hi', フ: 'fu', ヘ: 'he', ホ: 'ho', バ: 'ba', ビ: 'bi', ブ: 'bu', ベ: 'be', ボ: 'bo',
  パ: 'pa', ピ: 'pi', プ: 'pu', ペ: 'pe', ポ: 'po',
  マ: 'ma', ミ: 'mi', ム: 'mu', メ: 'me', モ: 'mo', ヤ: 'ya', ユ: 'yu', ヨ: 'yo',
  ラ: 'ra', リ: 'ri', ル: 'ru', レ: 're', ロ: 'ro', ワ: 'wa', ヰ: 'i', ヱ: 'e', ヲ: 'o', ン: 'n', ヴ: 'vu', ヵ: 'ka', ヶ: 'ke',
};
const SMALL_VOWEL: Record<string, string> = { ァ: 'a', ィ: 'i', ゥ: 'u', ェ: 'e', ォ: 'o', ヮ: 'a' };
const SMALL_Y: Record<string, string> = { ャ: 'a', ュ: 'u', ョ: 'o' };
const VOWEL = /[aeiou]/iu;
const EPENTHETIC = /[AEIOU]/u;

/**
 * Romaji for matching: `ディフェンス` → `difensU`, `ウォーカー` → `woka`, `トランプ` → `tOranpU`. A vowel katakana
 * adds only to carry a consonant English has bare (the `u` of `ス` or `プ`, the `o` of `ト` or `ド`, before
 * another consonant or at the end) is upper case: it costs little to skip. Vowel length is dropped;
 * non-katakana characters too.
 */
export function romanizeKatakana(word: string): string {
  const syllables: Array<{ text: string; long: boolean }> = [];
  for (const char of word) {
    const last = syllables[syllables.length - 1];
    const small = SMALL_VOWEL[char];
    const smallY = SMALL_Y[char];
    if (char === 'ー' && last !== undefined) {
      last.long = true;
    } else if (small !== undefined && last !== undefined) {
      // ウォ → wo, イェ → ye; otherwise the small vowel replaces the syllable's own (フォ → fo, ティ → ti).
      last.text = last.text === 'u' ? `w${small}` : last.text === 'i' ? `y${small}` : `${last.text.slice(0, -1)}${small}`;
    } else if (smallY !== undefined && last !== undefined) {
      // シャ → sha, チョ → cho, ジュ → ju, キャ → kya.
      const stem = last.text.slice(0, -1);
      last.text = /(?:sh|ch|j)$/u.test(stem) ? `${stem}${smallY}` : `${stem}y${smallY}`;
    } else {
      // ッ (gemination) and ・ carry nothing once double letters are ignored.
      const text = KANA[char];
      if (text !== undefined) syllables.push({ text, long: false });
    }
  }
  return syllables
    .map(({ text, long }, index) => {
      const next = syllables[index + 1]?.text ?? '';
      const bare = !long && (next === '' || !VOWEL.test(next[0] as string)) && /^(?:[kgsztdnhbpmrfv]|ts|sh)[uo]$/u.test(text);
      const epenthetic = bare && (text.endsWith('u') ? !/^[td]/u.test(text) : /^[td]o$/u.test(text));
      return epenthetic ? `${text.slice(0, -1)}${(text.slice(-1)).toUpperCase()}` : text;
    })
    .join('');
}

/** The shared phonetic alphabet: a romanized katakana word or an English word, lower case. */
function phonetic(spelling: string): string {
  return spelling
    .replace(/sh/gu, 's')
    .replace(/ch/gu, 'c')
    .replace(/t[sz]/gu, 's')
    .replace(/z/gu, 's')
    .replace(/v/gu, 'b')
    .replace(/l/gu, 'r')
    .replace(/n(?=[bp])/gu, 'm')
    .replace(/(.)\1+/gu, '$1');
}

/**
 * Phonetic spellings of an English word. Where English spelling is ambiguous, each reading: `g` before
 * `e`/`i`/`y` hard or soft (`Armitage` → アーミテージ), `y` as `i` (`Myanmar`) or `ai` (`cyber`), and an `r`
 * after a vowel kept (`Jaishankar` → ジャイシャンカル) or dropped (`Walker` → ウォーカー). A final `h` after a
 * vowel is silent (`Hankyoreh`).
 */
export function englishSounds(word: string): string[] {
  let spelling = word
    .toLowerCase()
    .replace(/[^a-z]/gu, '')
    .replace(/ph/gu, 'f')
    .replace(/th/gu, 's')
    .replace(/wh/gu, 'w')
    .replace(/ck/gu, 'k')
    .replace(/dg/gu, 'j')
    .replace(/qu?/gu, 'ku')
    .replace(/x/gu, 'ks')
    .replace(/(?<=[aeiou])sion/gu, 'jon')
    .replace(/[st]ion/gu, 'shon')
    .replace(/ch/gu, 'C')
    .replace(/c(?=[eiy])/gu, 's')
    .replace(/c/gu, 'k')
    .replace(/C/gu, 'ch');
  spelling = spelling.replace(/(?<=[aeiou])h$/u, '');
  const readings = new Set<string>();
  for (const soft of [spelling, spelling.replace(/g(?=[eiy])/gu, 'j')]) {
    const silent = soft.length > 3 ? soft.replace(/([^aeiou])e$/u, '$1') : soft;
    for (const y of ['i', 'ai']) {
      const sound = phonetic(silent.replace(/y(?![aeiou])/gu, y));
      readings.add(sound);
      readings.add(sound.replace(/([aeiou])r(?![aeiou])/gu, '$1'));
    }
  }
  return [...readings];
}

export function katakanaSound(word: string): string {
  return phonetic(romanizeKatakana(word));
}

const cost = (char: string): number => (EPENTHETIC.test(char) ? 0.2 : VOWEL.test(char) ? 0.5 : 1);

/** Consonant pairs romanizations confuse (`k`/`g`: Korean names are romanized either way; `s`/`j`: `Asia` is アジア). */
const CONFUSED = new Set(['kg', 'gk', 'sj', 'js']);

function swapCost(char: string, other: string): number {
  if (char.toLowerCase() === other.toLowerCase()) return 0;
  return (VOWEL.test(char) && VOWEL.test(other)) || CONFUSED.has(char + other) ? 0.5 : 1;
}

/**
 * Edit distance in which inserting, deleting or swapping a vowel costs 0.5, a vowel katakana adds (upper
 * case) 0.2 to insert or delete, swapping `k`/`g` or `s`/`j` 0.5, and anything else involving a consonant 1.
 */
export function soundDistance(first: string, second: string): number {
  let previous = [0];
  for (let column = 1; column <= second.length; column++) previous[column] = (previous[column - 1] as number) + cost(second[column - 1] as string);
  for (let row = 1; row <= first.length; row++) {
    const char = first[row - 1] as string;
    const current = [(previous[0] as number) + cost(char)];
    for (let column = 1; column <= second.length; column++) {
      const other = second[column - 1] as string;
      current[column] = Math.min(
        (previous[column - 1] as number) + swapCost(char, other),
        (previous[column] as number) + cost(char),
        (current[column - 1] as number) + cost(other),
      );
    }
    previous = current;
  }
  return previous[second.length] as number;
}

/** 1 for the same sound, 0 for nothing in common: 1 − distance / the longer spelling's cost. */
export function soundSimilarity(first: string, second: string): number {
  const length = Math.max(soundLength(first), soundLength(second));
  return length === 0 ? 0 : 1 - soundDistance(first, second) / length;
}

export interface LoanwordMatch {
  /** The vocabulary word as given to the matcher. */
  word: string;
  similarity: number;
}

/** Below this, a pair sounds alike only by chance (`India` / `インド` is 0.71; `Macron` / `マクロン` 0.91). */
export const MIN_SOUND_SIMILARITY = 0.75;
const MIN_CONSONANTS = 2;
const MAX_MATCHES = 3;
const PREFIX_FACTOR = 0.9;
const MAX_REMEMBERED = 10_000;
const KATAKANA_PREFIX = /^[\u30a1-\u30fa\u30fc]+/u;

/** Katakana words of a vocabulary, matched against English words by sound. */
export class LoanwordMatcher {
  /** Sounds by their onset (`a` for any vowel, else the first consonant): names keep their first sound, so a match must share it (`Aachen` is not `チェーン`). */
  private readonly byOnset = new Map<string, Array<{ word: string; sound: string; length: number; factor: number }>>();
  /** Matches of words asked before; cleared when it grows past MAX_REMEMBERED, so a long-running server stays small. */
  private readonly found = new Map<string, LoanwordMatch[]>();

  /**
   * `words`: a vocabulary's terms. All-katakana words are matched whole; a word that starts with katakana
   * and goes on in kanji (`スンダ海峡`, `インド洋`) by its katakana part, at PREFIX_FACTOR of the similarity.
   * `readings`: words written in kanji with their katakana reading (南鳥島 → ミナミトリシマ), matched by it:
   * a Japanese name spelled in romaji (`Minamitorishima`) sounds like its reading.
   */
  constructor(words: Iterable<string>, readings: Iterable<readonly [word: string, reading: string]> = []) {
    const add = (word: string, katakana: string, factor: number): void => {
      const sound = katakanaSound(katakana);
      if (consonants(sound) < MIN_CONSONANTS) return;
      const bucket = this.byOnset.get(onset(sound)) ?? [];
      bucket.push({ word, sound, length: soundLength(sound), factor });
      this.byOnset.set(onset(sound), bucket);
    };
    for (const word of words) {
      const katakana = KATAKANA_PREFIX.exec(word)?.[0] ?? '';
      if (katakana.length >= 2) add(word, katakana, katakana === word ? 1 : PREFIX_FACTOR);
    }
    for (const [word, reading] of readings) add(word, reading, 1);
  }

  /** The vocabulary words that sound like `english`, most alike first, at most three. */
  match(english: string): LoanwordMatch[] {
    const key = english.toLowerCase();
    let matches = this.found.get(key);
    if (matches === undefined) {
      matches = this.compare(key);
      if (this.found.size >= MAX_REMEMBERED) this.found.clear();
      this.found.set(key, matches);
    }
    return matches;
  }

  private compare(english: string): LoanwordMatch[] {
    const best = new Map<string, number>();
    for (const reading of englishSounds(english)) {
      if (consonants(reading) < MIN_CONSONANTS) continue;
      const length = soundLength(reading);
      for (const candidate of this.byOnset.get(onset(reading)) ?? []) {
        // The distance is at least the difference in length, so the similarity at most their ratio.
        if (candidate.factor * (Math.min(length, candidate.length) / Math.max(length, candidate.length)) < MIN_SOUND_SIMILARITY) continue;
        const similarity = candidate.factor * soundSimilarity(reading, candidate.sound);
        if (similarity >= MIN_SOUND_SIMILARITY && similarity > (best.get(candidate.word) ?? 0)) best.set(candidate.word, similarity);
      }
    }
    return [...best]
      .map(([word, similarity]) => ({ word, similarity }))
      .sort((a, b) => b.similarity - a.similarity || (a.word < b.word ? -1 : 1))
      .slice(0, MAX_MATCHES);
  }
}

/** `a` for a sound beginning with a vowel, else its first consonant. */
function onset(sound: string): string {
  const first = sound[0] ?? '';
  return VOWEL.test(first) ? 'a' : first;
}

function soundLength(sound: string): number {
  return [...sound].reduce((sum, char) => sum + cost(char), 0);
}

function consonants(sound: string): number {
  return [...sound].filter((char) => !VOWEL.test(char)).length;
}
