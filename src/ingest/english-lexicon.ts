import type { EnglishTranslations } from '../search/index-format';
import { dictionaryKeys, ENGLISH_STOPWORDS, isSetPhrase } from '../text/english';
import { searchNormalized } from '../text/normalize';
import type { Lexicon, Tokenize } from '../text/tokenizer';
import type { DictionaryEntry } from './english-dictionary';

/**
 * English words and phrases → the Japanese words of the corpus that translate them, with weights: EDICT
 * (the EDRDG's Japanese-English dictionary, shipped in compact form: english-dictionary.ts) restricted at
 * every index build to the entries whose Japanese side occurs in the corpus.
 *
 * A weight says how directly a Japanese word means the English phrase: an entry marked common (P) over
 * a rare one, its first sense over later ones, a sense's first gloss over later ones, and a whole gloss
 * over one word of a longer gloss (`guarantee` in 安全保障's "security guarantee"). The index build
 * weighs in the corpus's usage and rescales each phrase's weights (see englishTranslations).
 */
export const EDICT_CREDIT =
  'Derived from EDICT, the Japanese-English dictionary file of the Electronic Dictionary Research and Development Group (EDRDG), ' +
  'used under the EDRDG licence, Creative Commons Attribution-ShareAlike 3.0 (https://www.edrdg.org/edrdg/licence.html). ' +
  'This derived file is available under the same licence.';

export interface EdictSense {
  glosses: string[];
  tags: string[];
}

export interface EdictEntry {
  headword: string;
  reading: string | null;
  common: boolean;
  /** Tags of the headword itself (`ateji`, `iK`), as opposed to a sense's. */
  tags: string[];
  senses: EdictSense[];
}

const LINE = /^(\S+)(?: \[([^\]]+)\])? \/(.*)\/$/u;
const LEADING_TAG = /^\(([^()\s]*)\)\s*/u;

/** One EDICT line (`潜水艦 [せんすいかん] /(n) submarine/(P)/`), or undefined for the header or a malformed line. */
export function parseEdictLine(line: string): EdictEntry | undefined {
  const match = LINE.exec(line);
  if (match === null || match[1]?.startsWith('　') === true) return undefined;
  const entry: EdictEntry = { headword: match[1] as string, reading: match[2] ?? null, common: false, tags: [], senses: [] };
  for (const field of (match[3] as string).split('/')) {
    if (field === '(P)') {
      entry.common = true;
      continue;
    }
    let rest = field;
    const tags: string[] = [];
    let sense: number | undefined;
    for (let tag = LEADING_TAG.exec(rest); tag !== null; tag = LEADING_TAG.exec(rest)) {
      for (const part of (tag[1] as string).split(',')) {
        if (/^\d+$/u.test(part)) sense = Number(part);
        else if (part !== '') tags.push(part);
      }
      rest = rest.slice(tag[0].length);
    }
    // Headword tags stand where the entry's first field starts, before or after its sense number (`(ateji) (n) (1) (uk) …`).
    entry.tags.push(...tags.filter((tag) => ENTRY_TAGS.includes(tag)));
    if (sense !== undefined || entry.senses.length === 0) entry.senses.push({ glosses: [], tags: [] });
    const current = entry.senses[entry.senses.length - 1] as EdictSense;
    current.tags.push(...tags.filter((tag) => !ENTRY_TAGS.includes(tag)));
    if (rest.trim() !== '') current.glosses.push(rest.trim());
  }
  return entry;
}

/** Headword tags: irregular or outdated spellings, and phonetic stand-ins (ateji: 独逸 for ドイツ). */
const ENTRY_TAGS = ['ateji', 'iK', 'ik', 'io', 'oK', 'ok', 'rK', 'gikun', 'sK', 'sk'];
const IRREGULAR = new Set(ENTRY_TAGS.filter((tag) => tag !== 'ateji'));

/**
 * How the entry's word is written in running text: its headword, and also its reading when that is the
 * usual writing (`uk`) or the headword is a phonetic stand-in (`独逸 [ドイツ]`); nothing for an irregular spelling.
 */
export function writtenForms(entry: EdictEntry): string[] {
  if (entry.tags.some((tag) => IRREGULAR.has(tag))) return [];
  const kana = entry.reading !== null && (entry.tags.includes('ateji') || entry.senses.some((sense) => sense.tags.includes('uk')));
  return [...(entry.tags.includes('ateji') ? [] : [entry.headword]), ...(kana && entry.reading !== null ? [entry.reading] : [])];
}
/** Senses nobody means in a policy paper today. */
export const SKIPPED_SENSE_TAGS: ReadonlySet<string> = new Set(['arch', 'obs', 'obsc', 'vulg', 'X', 'sl', 'm-sl', 'male-sl', 'derog', 'rare']);
const MAX_PHRASE_WORDS = 4;

/**
 * A gloss as an English phrase to look up: explanations in brackets dropped, lower case, without a
 * leading `to ` (verbs) or article; undefined when it is not a short plain phrase (`(husked grains of)
 * rice` → `rice`; `to deter` → `deter`; a five-word explanation → undefined). A set phrase opening with a
 * preposition (`at the same time`) is kept whole: it is looked up as one (isSetPhrase).
 */
export function glossPhrase(gloss: string): string | undefined {
  let text = gloss;
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/\([^()]*\)|\{[^{}]*\}/gu, ' ');
  }
  text = text.replace(/\s+/gu, ' ').trim().toLowerCase().replace(/^(?:to|a|an|the) /u, '');
  if (!/^[a-z0-9][a-z0-9 '.-]*$/u.test(text)) return undefined;
  if (text.split(/[ -]+/u).length > MAX_PHRASE_WORDS) return undefined;
  return text;
}

/**
 * A word of a longer gloss stands for the Japanese word at a share of the whole gloss's weight: its last
 * word, the head of an English noun phrase (`submarine` of "nuclear submarine"), more than the words
 * that modify it (`capital` of "capital letter" is not 頭文字).
 */
export const HEAD_OF_GLOSS = 0.5;
export const MODIFIER_IN_GLOSS = 0.25;
const UNCOMMON = 0.7;
/** Translations kept per English phrase (before the index build merges inflected forms). */
const MAX_TRANSLATIONS = 8;

/** How directly `entry` means its `gloss`-th gloss of its `sense`-th sense (both from 1). */
export function glossWeight(entry: { common: boolean }, sense: number, gloss: number): number {
  return (entry.common ? 1 : UNCOMMON) / (1 + 0.5 * (sense - 1)) / (1 + 0.25 * (gloss - 1));
}

export type EnglishEntries = Record<string, Array<[string, number]>>;

/**
 * English phrase → [Japanese word, weight], for the dictionary's entries whose Japanese `occurs` accepts
 * (those the corpus has). Each phrase keeps its MAX_TRANSLATIONS best, weights rounded to two decimals.
 */
export function deriveEnglishEntries(entries: Iterable<DictionaryEntry>, occurs: (japanese: string) => boolean): EnglishEntries {
  const phrases = new Map<string, Map<string, number>>();
  const add = (phrase: string, japanese: string, weight: number): void => {
    let translations = phrases.get(phrase);
    if (translations === undefined) phrases.set(phrase, (translations = new Map()));
    translations.set(japanese, Math.max(translations.get(japanese) ?? 0, weight));
  };
  for (const entry of entries) {
    const written = entry.forms.filter(occurs);
    if (written.length === 0) continue;
    entry.senses.forEach((sense, senseIndex) => {
      sense?.forEach(([gloss, source], glossIndex) => {
        const weight = glossWeight(entry, senseIndex + 1, glossIndex + 1);
        // A loanword's English source (`キャンセル`: "cancellation (eng: cancel)") is as direct a translation as the gloss.
        for (const phrase of [gloss, source]) {
          if (phrase === '') continue;
          // A set phrase's words are not names for the word one by one (`time` of `at the same time` is not 同時に).
          const words = isSetPhrase(phrase) ? [] : phrase.split(/[ -]+/u).filter((word) => word.length > 2 && !ENGLISH_STOPWORDS.has(word));
          for (const form of written) {
            add(phrase, form, weight);
            if (words.length > 1) words.forEach((word, index) => add(word, form, weight * (index === words.length - 1 ? HEAD_OF_GLOSS : MODIFIER_IN_GLOSS)));
          }
        }
      });
    });
  }
  const result: EnglishEntries = {};
  for (const phrase of [...phrases.keys()].sort()) {
    result[phrase] = [...(phrases.get(phrase) as Map<string, number>)]
      .map(([japanese, weight]): [string, number] => [japanese, Math.round(weight * 100) / 100])
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, MAX_TRANSLATIONS);
  }
  return result;
}

const MAX_WORD_TERMS = 6;
const STANDING_ALONE = /(?<![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々])([\p{Script=Han}\p{Script=Katakana}])(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々])/gu;

/** A corpus text as corpusVocabulary reads it: with its search normalization and its tokens' terms. */
export interface VocabularyText {
  text: string;
  /** searchNormalized(text) */
  normalized: string;
  terms: readonly string[];
}

/**
 * Whether a Japanese word is part of the corpus's vocabulary: it is made of terms only (no particles or
 * endings left over), and they stand contiguously somewhere in the corpus's texts, so it occurs there as
 * a word or a run of words (`集団安全保障`), not merely as characters inside another word. `tokenize`
 * tokenizes the words asked about.
 */
export function corpusVocabulary(texts: readonly VocabularyText[], lexicon: Lexicon, tokenize: Tokenize): (japanese: string) => boolean {
  const runs = new TermRuns(texts.map((text) => text.terms));
  const seen = new CodePoints();
  for (const text of texts) seen.add(searchNormalized(text.terms.join('')), false);
  // A single kanji is a term as often for a piece of a name (康京和 → 康|京|和) as for a word; it counts
  // as a word only where it stands alone somewhere (`表：`), not inside a run of Japanese.
  const alone = new Set<string>();
  for (const { text } of texts) for (const match of text.normalize('NFKC').matchAll(STANDING_ALONE)) alone.add(match[1] as string);
  // Characters the corpus has, or its lexicon (conjugated stems): a word with another is not in it,
  // whatever its terms (most of EDICT's headwords are ruled out here, without tokenizing them).
  // Character pairs likewise: a word of the corpus has its pairs side by side in its text, its terms
  // (base forms) or a lexicon entry, and most words that pass the character test are ruled out here, untokenized.
  for (const { normalized } of texts) seen.add(normalized, true);
  for (const surface of lexicon.entries.keys()) seen.add(searchNormalized(surface), true);
  const inCharacters = (japanese: string): boolean => seen.covers(searchNormalized(japanese));
  // Each word is asked about once: a dictionary's forms recur across its entries, and the entries kept are asked about again.
  const answers = new Map<string, boolean>();
  const occurs = (japanese: string): boolean => {
    const single = japanese.length === 1 || (japanese.length === 2 && (japanese.codePointAt(0) as number) > 0xffff);
    if (single && !alone.has(japanese)) return false;
    if (!inCharacters(japanese)) return false;
    const tokens = tokenize(japanese);
    // Every character must belong to a term: `とは言うものの` is grammar around 言う, not a word of its own.
    const covered = tokens.reduce((sum, token) => sum + token.end - token.start, 0) === japanese.length;
    return covered && tokens.length > 0 && tokens.length <= MAX_WORD_TERMS && runs.has(tokens.map((token) => token.term));
  };
  return (japanese) => {
    let answer = answers.get(japanese);
    if (answer === undefined) answers.set(japanese, (answer = occurs(japanese)));
    return answer;
  };
}

/**
 * The code points and the pairs of adjacent code points of a set of texts (corpusVocabulary's filter), as
 * small integers: the characters in a table by code point, the pairs (first · 0x110000 + second, plus one)
 * in an open-addressing hash table — millions of pairs are added, and a Map of Sets (or a Set of strings)
 * made building the filter most of an index build's English step, and passes V8's 2^24 entries per Set at 1,000×.
 */
class CodePoints {
  private readonly characters = new Uint8Array(0x110000);
  /** Pair keys (0: an empty slot); a power of two in size, at most half full. */
  private slots = new Float64Array(1 << 16);
  private size = 0;

  /** Adds the text's pairs, and its characters when `characters`. */
  add(text: string, characters: boolean): void {
    let previous = -1;
    for (let index = 0; index < text.length; ) {
      const code = text.codePointAt(index) as number;
      index += code > 0xffff ? 2 : 1;
      if (characters) this.characters[code] = 1;
      if (previous >= 0) {
        const key = previous * 0x110000 + code + 1;
        const slot = this.slotOf(previous, code, key);
        if (this.slots[slot] === 0) {
          this.slots[slot] = key;
          if (++this.size * 2 > this.slots.length) this.grow();
        }
      }
      previous = code;
    }
  }

  /** Whether every character of the text is known, and every pair of adjacent ones. */
  covers(text: string): boolean {
    let previous = -1;
    for (let index = 0; index < text.length; ) {
      const code = text.codePointAt(index) as number;
      index += code > 0xffff ? 2 : 1;
      if (this.characters[code] !== 1) return false;
      if (previous >= 0 && this.slots[this.slotOf(previous, code, previous * 0x110000 + code + 1)] === 0) return false;
      previous = code;
    }
    return true;
  }

  /** The slot holding `key` (the pair first, second), or the empty slot where it belongs. */
  private slotOf(first: number, second: number, key: number): number {
    const mask = this.slots.length - 1;
    let hash = Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b);
    hash ^= hash >>> 15;
    let slot = hash & mask;
    while (this.slots[slot] !== 0 && this.slots[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    for (const key of old) {
      if (key === 0) continue;
      const pair = key - 1;
      const second = pair % 0x110000;
      this.slots[this.slotOf((pair - second) / 0x110000, second, key)] = key;
    }
  }
}

/**
 * Where each term stands in the corpus's texts, to tell whether a run of terms occurs contiguously in one
 * of them: the run's rarest term is looked up and its neighbours compared. (A set of every run of up to
 * MAX_WORD_TERMS terms was half of adding a paper to a large corpus, and past 2^24 entries at 1,000×.)
 */
class TermRuns {
  /** Term → its places, flat: text index, position, text index, position, … */
  private readonly places = new Map<string, number[]>();

  constructor(private readonly texts: ReadonlyArray<readonly string[]>) {
    texts.forEach((terms, text) => {
      terms.forEach((term, position) => {
        const places = this.places.get(term);
        if (places === undefined) this.places.set(term, [text, position]);
        else places.push(text, position);
      });
    });
  }

  has(run: readonly string[]): boolean {
    if (run.length === 0) return false;
    let anchor = 0;
    let places: number[] | undefined;
    for (let index = 0; index < run.length; index++) {
      const here = this.places.get(run[index] as string);
      if (here === undefined) return false;
      if (places === undefined || here.length < places.length) [anchor, places] = [index, here];
    }
    if (places === undefined) return false;
    for (let at = 0; at < places.length; at += 2) {
      const terms = this.texts[places[at] as number] as readonly string[];
      const start = (places[at + 1] as number) - anchor;
      if (start < 0 || start + run.length > terms.length) continue;
      let same = true;
      for (let index = 0; index < run.length && same; index++) same = terms[start + index] === run[index];
      if (same) return true;
    }
    return false;
  }
}

/** Below this share of a phrase's best translation, a translation is noise: one of a word's many senses. */
export const MIN_RELATIVE_WEIGHT = 0.25;
/** Translations an English phrase is searched with, at most. */
export const MAX_SEARCHED_TRANSLATIONS = 6;
/** A dictionary weight this high means a direct translation; a phrase whose best is lower keeps its weights that much lower. */
const DIRECT = 0.5;

/**
 * The lexicon as the index holds it: phrases as dictionary keys (lower case, no stopwords: `the
 * Secretary of State` → `secretary state`), translations the index's tokenizer finds in the corpus. Among a phrase's translations the corpus's own usage counts
 * too, since it tells which sense a domain uses (`security` is 安全保障 far more often than 担保 in policy
 * papers): each dictionary weight is scaled by 0.5–1 with the translation's document frequency relative
 * to the phrase's most frequent translation (log scale). Weights are then rescaled so a phrase's best
 * translation has 1 (or less, when even the best is only part of a gloss), the weak ones (below
 * MIN_RELATIVE_WEIGHT) dropped and at most MAX_SEARCHED_TRANSLATIONS kept.
 */
export function englishTranslations(entries: EnglishEntries, tokenize: Tokenize, documentFrequency: Readonly<Record<string, number>>): EnglishTranslations {
  const merged = new Map<string, Map<string, { weight: number; frequency: number }>>();
  for (const [phrase, translations] of Object.entries(entries)) {
    const keys = dictionaryKeys(phrase);
    for (const [japanese, weight] of keys.length === 0 ? [] : translations) {
      const frequencies = tokenize(japanese).map((token) => documentFrequency[token.term] ?? 0);
      if (frequencies.length === 0 || frequencies.includes(0)) continue;
      for (const key of keys) {
        let kept = merged.get(key);
        if (kept === undefined) merged.set(key, (kept = new Map()));
        kept.set(japanese, { weight: Math.max(kept.get(japanese)?.weight ?? 0, weight), frequency: Math.min(...frequencies) });
      }
    }
  }
  const result: EnglishTranslations = {};
  for (const key of [...merged.keys()].sort()) {
    const translations = [...(merged.get(key) as Map<string, { weight: number; frequency: number }>)];
    const mostFrequent = Math.log1p(Math.max(...translations.map(([, { frequency }]) => frequency)));
    const scaled = translations.map(([japanese, { weight, frequency }]): [string, number] => [japanese, weight * (0.5 + (0.5 * Math.log1p(frequency)) / mostFrequent)]);
    const best = Math.max(DIRECT, ...scaled.map(([, weight]) => weight));
    const kept = scaled
      .map(([japanese, weight]): [string, number] => [japanese, Math.round((weight / best) * 100) / 100])
      .filter(([, weight]) => weight >= MIN_RELATIVE_WEIGHT)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, MAX_SEARCHED_TRANSLATIONS);
    if (kept.length > 0) result[key] = kept;
  }
  return result;
}
