import TinySegmenter from 'tiny-segmenter';
import { englishTerm } from './english';
import { isHiragana, isKatakana, normalizeForSearch, normalizeTerm, searchNormalized, toHiragana, toKatakana, type SearchText } from './normalize';

/**
 * The one tokenizer of shiori. It runs at index time (build, Node) and at query time (Node server and
 * Worker alike), so a query produces exactly the tokens the index was built with.
 *
 * It segments normalized text against a *lexicon*: every surface form kuromoji found in the corpus at
 * build time, mapped to its term (the normalized base form, so `高まっ` → `高まる`) or to nothing for
 * function words (particles, auxiliaries, light verbs, pronouns, question words). Segmentation takes the
 * cheapest path: a lexicon word costs 1, an unknown run costs more the longer it is, so known words inside
 * an unknown compound are still found (`事務総長` → `事務` + `総長`). Unknown Japanese spans are split by
 * TinySegmenter. Latin and digit runs are whole words, English ones stemmed. Hiragana that spells a
 * katakana lexicon word matches it (`くあっど` → `クアッド`).
 */

/** The serialized lexicon, as stored in the index. */
export interface LexiconData {
  /** Normalized surface form → term; the empty string marks a function word. */
  entries: Record<string, string>;
}

export interface Token {
  term: string;
  /** UTF-16 offsets into the original (un-normalized) text, end exclusive. */
  start: number;
  end: number;
}

export class Lexicon {
  readonly entries: ReadonlyMap<string, string>;
  readonly maxLength: number;
  private readonly katakanaWords: ReadonlySet<string>;
  /**
   * Every prefix of a surface `lookup` can know (entries, question words, hiragana spellings of katakana
   * words): segmentation stops lengthening a candidate word at the first one that is no such prefix, instead
   * of trying every length up to `maxLength` (which grows with the corpus: 43% of a 300× build).
   */
  private readonly prefixes: ReadonlySet<string>;

  constructor(data: LexiconData) {
    this.entries = new Map(Object.entries(data.entries));
    let maxLength = 1;
    const katakana = new Set<string>();
    for (const [surface, term] of this.entries) {
      maxLength = Math.max(maxLength, surface.length);
      if (term !== '' && surface.length >= 3 && Array.from(surface).every(isKatakana)) katakana.add(surface);
    }
    this.maxLength = maxLength;
    this.katakanaWords = katakana;
    const prefixes = new Set<string>();
    const addPrefixes = (surface: string): void => {
      for (let end = surface.length; end >= 1 && !prefixes.has(surface.slice(0, end)); end--) prefixes.add(surface.slice(0, end));
    };
    for (const surface of this.entries.keys()) addPrefixes(surface);
    for (const word of QUESTION_WORDS) addPrefixes(word);
    for (const word of katakana) if (/^[\u30a1-\u30f6]+$/u.test(word)) addPrefixes(toHiragana(word));
    this.prefixes = prefixes;
  }

  /** Whether some surface `lookup` knows begins with `text` (or is it). */
  mayBegin(text: string): boolean {
    return this.prefixes.has(text);
  }

  /** The entry for `surface`, also trying a hiragana spelling of a katakana word; undefined when unknown. Question words are always known, as grammar. */
  lookup(surface: string): string | undefined {
    const direct = this.entries.get(surface);
    if (direct !== undefined) return direct;
    if (QUESTION_WORDS.has(surface)) return '';
    if (surface.length >= 3 && Array.from(surface).every(isHiragana)) {
      const katakana = toKatakana(surface);
      if (this.katakanaWords.has(katakana)) return this.entries.get(katakana);
    }
    return undefined;
  }
}

/** Question and pointing words: kuromoji tags some as nouns (`何` is 名詞-数); they never carry a query's topic. */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(['何', 'なに', 'なん', 'いつ', 'どこ', 'だれ', '誰', 'なぜ', '何故', 'どう', 'どれ', 'どちら', 'いくつ', 'いくら', 'どんな', 'どの']);

const KNOWN_COST = 1;
/** Question words split off whatever follows them (`何隻` → `何` + `隻`), so the unit asked for stands alone. */
const QUESTION_WORD_COST = 0.5;
const UNKNOWN_BASE_COST = 1.5;
const UNKNOWN_CHAR_COST = 1;
/**
 * An unknown kanji or hiragana span is at most this long (a longer run is several spans, each split by
 * TinySegmenter): no word is longer, and it keeps segmentation linear in the text's length (a 2,000-kanji
 * message took 1.2 s before).
 */
const MAX_UNKNOWN_SPAN = 16;

type CharClass = 'latin' | 'hiragana' | 'katakana' | 'kanji' | 'space' | 'symbol';

/** Table marks and the like are symbols even where Unicode calls them letters (〇 is U+3007, a number). */
const MARKS = /[〇◎○●△▲×✕✓]/u;

const CLASSES: readonly CharClass[] = ['latin', 'hiragana', 'katakana', 'kanji', 'space', 'symbol'];
/** classOf by UTF-16 code unit (0: not yet known), filled as units are met: the tokenizer asks several times per character. */
const classByUnit = new Uint8Array(0x10000);

/** The class of one UTF-16 code unit of normalized text. */
function classOf(char: string): CharClass {
  const unit = char.charCodeAt(0);
  const known = classByUnit[unit] as number;
  if (known !== 0 && char.length === 1) return CLASSES[known - 1] as CharClass;
  const kind = classify(char);
  if (char.length === 1) classByUnit[unit] = CLASSES.indexOf(kind) + 1;
  return kind;
}

function classify(char: string): CharClass {
  if (/[a-z0-9]/u.test(char)) return 'latin';
  if (/\s/u.test(char)) return 'space';
  if (MARKS.test(char)) return 'symbol';
  if (isHiragana(char)) return 'hiragana';
  if (isKatakana(char)) return 'katakana';
  if (/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u.test(char)) return 'kanji';
  if (/[\p{L}\p{N}]/u.test(char)) return 'kanji';
  return 'symbol';
}

let segmenter: TinySegmenter | undefined;

interface Step {
  cost: number;
  from: number;
  /** The term to emit for text[from, to), '' for none; undefined marks an unknown span to split further. */
  term: string | undefined;
}

/** Tokens of `text` in order, function words and symbols left out. */
export function tokenize(text: string, lexicon: Lexicon): Token[] {
  return tokenizeSearchText(normalizeForSearch(text), lexicon);
}

/** What tokenizes text: a lexicon's `tokenize`, or a memo over it (token-memo.ts). */
export type Tokenize = (text: string) => Token[];

/** tokenize, given the text's search normalization (normalizeForSearch). */
export function tokenizeSearchText({ text: normalized, origin, originEnd }: SearchText, lexicon: Lexicon): Token[] {
  const length = normalized.length;
  const best: Array<Step | undefined> = new Array(length + 1);
  best[0] = { cost: 0, from: 0, term: '' };
  const relax = (to: number, step: Step): void => {
    const current = best[to];
    if (current === undefined || step.cost < current.cost) best[to] = step;
  };

  for (let index = 0; index < length; index++) {
    const here = best[index];
    if (here === undefined) continue;
    const char = normalized[index] as string;
    const kind = classOf(char);
    if (kind === 'space' || kind === 'symbol') {
      relax(index + 1, { cost: here.cost, from: index, term: '' });
      continue;
    }
    if (kind === 'latin') {
      if (index > 0 && classOf(normalized[index - 1] as string) === 'latin') continue;
      let end = index;
      while (end < length && classOf(normalized[end] as string) === 'latin') end++;
      const word = normalized.slice(index, end);
      relax(end, { cost: here.cost + KNOWN_COST, from: index, term: lexicon.lookup(word) ?? word });
      continue;
    }
    // Known words starting here, shortest first as far as any could reach; relaxed longest first (a tie keeps the longer word).
    const known: Array<{ to: number; cost: number; term: string }> = [];
    for (let size = 1; size <= Math.min(lexicon.maxLength, length - index); size++) {
      const surface = normalized.slice(index, index + size);
      if (!lexicon.mayBegin(surface)) break;
      const term = lexicon.lookup(surface);
      const cost = QUESTION_WORDS.has(surface) ? QUESTION_WORD_COST : KNOWN_COST;
      if (term !== undefined) known.push({ to: index + size, cost: here.cost + cost, term });
    }
    for (let position = known.length - 1; position >= 0; position--) {
      const { to, cost, term } = known[position] as (typeof known)[number];
      relax(to, { cost, from: index, term });
    }
    // Kanji may mix known and unknown pieces (`事務` + `総長`); an unknown katakana word is one word from
    // its first character to its last, as kuromoji reads it (`タイトル`, never `タイ` + `トル`).
    const katakana = kind === 'katakana';
    const runStart = index === 0 || classOf(normalized[index - 1] as string) !== kind;
    const longest = katakana ? length : Math.min(length, index + MAX_UNKNOWN_SPAN);
    for (let end = index + 1; (runStart || !katakana) && end <= longest && classOf(normalized[end - 1] as string) === kind; end++) {
      const runEnds = end === length || classOf(normalized[end] as string) !== kind;
      if (katakana && !runEnds) continue;
      relax(end, { cost: here.cost + UNKNOWN_BASE_COST + UNKNOWN_CHAR_COST * (end - index), from: index, term: undefined });
    }
  }

  // Collected from the end and reversed once (unshift at each step made long texts quadratic).
  const steps: Array<{ from: number; to: number; term: string | undefined }> = [];
  for (let to = length; to > 0; ) {
    const step = best[to] as Step;
    steps.push({ from: step.from, to, term: step.term });
    to = step.from;
  }
  steps.reverse();

  const tokens: Token[] = [];
  const emit = (term: string, from: number, to: number): void => {
    const normalizedTerm = /^[a-z][a-z0-9]*$/u.test(term) ? englishTerm(term) : normalizeTerm(term);
    if (normalizedTerm === '' || QUESTION_WORDS.has(normalizedTerm)) return;
    tokens.push({ term: normalizedTerm, start: origin[from] as number, end: originEnd[to - 1] as number });
  };
  for (const step of steps) {
    if (step.term !== undefined) {
      emit(step.term, step.from, step.to);
      continue;
    }
    let offset = step.from;
    for (const word of splitUnknown(normalized.slice(step.from, step.to))) {
      const known = lexicon.lookup(word);
      const isFunctionWord = known === '' || (known === undefined && Array.from(word).every(isHiragana));
      if (!isFunctionWord) emit(known ?? word, offset, offset + word.length);
      offset += word.length;
    }
  }
  return tokens;
}

/** An unknown span of one character class, split into words by TinySegmenter. */
function splitUnknown(span: string): string[] {
  if (span.length <= 2) return [span];
  segmenter ??= new TinySegmenter();
  return segmenter.segment(span).filter((word) => word !== '');
}

/**
 * Character bigrams of the Japanese in `text`, the recall net for words the lexicon splits differently
 * or does not know. A bigram is two adjacent kana or kanji with at least one kanji or katakana: pairs of
 * hiragana are nearly all grammar. Latin words are left to the word tokens.
 */
export function bigrams(text: string): Token[] {
  const { text: normalized, origin, originEnd } = normalizeForSearch(text);
  const grams: Token[] = [];
  eachBigram(normalized, (index) => grams.push({ term: normalized.slice(index, index + 2), start: origin[index] as number, end: originEnd[index + 1] as number }));
  return grams;
}

/** The terms of bigrams(text), without their offsets (what the index holds). */
export function bigramTerms(text: string): string[] {
  const normalized = searchNormalized(text);
  const terms: string[] = [];
  eachBigram(normalized, (index) => terms.push(normalized.slice(index, index + 2)));
  return terms;
}

/**
 * bigramTerms(text) as numbers (`normalized`: searchNormalized(text), when the caller has it), each pair's two UTF-16 code units as first · 0x10000 + second (bigramTerm
 * turns one back): the index counts millions of pairs, and a string per pair was most of laying it out.
 */
export function bigramCodes(text: string, normalized: string = searchNormalized(text)): number[] {
  const codes: number[] = [];
  eachBigram(normalized, (index) => codes.push(normalized.charCodeAt(index) * 0x10000 + normalized.charCodeAt(index + 1)));
  return codes;
}

/** The term of a bigramCodes number. */
export function bigramTerm(code: number): string {
  return String.fromCharCode(Math.floor(code / 0x10000), code % 0x10000);
}

/** classOf of one UTF-16 unit, without making a string of it once it is known (a lone surrogate is a symbol, as for classOf). */
function classOfUnit(unit: number): CharClass {
  const known = classByUnit[unit] as number;
  return known !== 0 ? (CLASSES[known - 1] as CharClass) : classOf(String.fromCharCode(unit));
}

function eachBigram(normalized: string, visit: (index: number) => void): void {
  let second = normalized.length === 0 ? 'space' : classOfUnit(normalized.charCodeAt(0));
  for (let index = 0; index + 1 < normalized.length; index++) {
    const first = second;
    second = classOfUnit(normalized.charCodeAt(index + 1));
    const japanese = first !== 'latin' && first !== 'space' && first !== 'symbol' && second !== 'latin' && second !== 'space' && second !== 'symbol';
    // (Pairs of hiragana are nearly all grammar; classOf's hiragana is isHiragana.)
    if (japanese && !(first === 'hiragana' && second === 'hiragana')) visit(index);
  }
}
