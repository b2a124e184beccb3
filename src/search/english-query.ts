import { ENGLISH_COUNTERS } from '../text/counters';
import { lemmaCandidates } from '../text/english';
import type { Token } from '../text/tokenizer';
import type { EnglishVocabulary, Translation } from './english';
import { DEFAULT_RELEVANCE, type RelevanceParams } from './relevance';

/**
 * The English of a question, matched to the Japanese of the papers: the longest dictionary phrase first
 * (`nuclear submarines`, `visit to Japan`), then a run of words that sounds like one katakana word
 * (`hub and spokes` → ハブアンドスポークス), then a hyphenated compound part by part (`Indo-Pacific`), then
 * each word by dictionary and by sound. Words that frame the question rather than name its topic are
 * skipped. Query analysis (query.ts) turns each match into a concept.
 */
export interface EnglishMatch {
  /** Position and length of the match in the question's tokens. */
  position: number;
  length: number;
  /** The question's words, as written. */
  label: string;
  /** Japanese words of the papers for them, best first, each once; [] when none is known. */
  translations: Translation[];
}

/** Longest English phrase looked up in the dictionary, in words. */
const MAX_PHRASE = 4;
/** Longest run of English words heard as one katakana word. */
const MAX_LOANWORD_RUN = 3;
/** A run of words must sound more alike than one word to be taken as one katakana word. */
const RUN_SIMILARITY = 0.8;
/** Translations of a hyphenated compound kept, at most (each combines one translation of every part). */
const MAX_COMPOUND_TRANSLATIONS = 6;
const LATIN = /^[a-z]/u;
const HYPHEN = /^[-‐‑]$/u;
/** What may stand between two words of one English phrase: spaces, hyphens, and the stopwords the tokenizer dropped. */
const PHRASE_GAP = /^[\s\-a-z'’.]*$/iu;
/** `three` is 3 or 三 in the papers (`3つの問題点`, `三カ国`); `one` is left out, being mostly a pronoun (`which one`). */
const NUMBER_WORDS = ['', '', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const KANJI_NUMERALS = ['', '', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
/**
 * Words that point at the source rather than the topic (`according to the paper`, `the article cited`),
 * or say what kind of answer is wanted (`still in force`, `what does X mean`, `in the context of`: intent.ts), not what about.
 */
const QUESTION_FRAMING = new Set(['according', 'paper', 'mention', 'describe', 'cite', 'explain', 'still', 'currently', 'nowadays', 'today', 'mean', 'meant']);

/**
 * Matches for the English tokens of `text` not yet `used` (by a name the papers define), marking the
 * tokens they cover as used. Question framing (and `many` of `how many`) is marked used and not matched.
 */
export function matchEnglish(text: string, tokens: readonly Token[], used: boolean[], english: EnglishVocabulary, params: RelevanceParams['english'] = DEFAULT_RELEVANCE.english): EnglishMatch[] {
  const surface = (position: number): string => {
    const token = tokens[position] as Token;
    return text.slice(token.start, token.end).normalize('NFKC');
  };
  const spelled = (position: number, length: number): string => text.slice((tokens[position] as Token).start, (tokens[position + length - 1] as Token).end);
  const gapAfter = (position: number): string => text.slice((tokens[position] as Token).end, (tokens[position + 1] as Token).start);
  const isEnglish = (position: number): boolean => !used[position] && LATIN.test((tokens[position] as Token).term);

  tokens.forEach((token, position) => {
    if (!isEnglish(position)) return;
    const word = surface(position).toLowerCase();
    const counting = /^(?:many|much)$/u.test(word) && /\bhow\s+$/iu.test(text.slice(0, token.start));
    // `in the context of X` frames X; `context` elsewhere may be what is asked about.
    const framingContext = word === 'context' && /\bin\s+the\s+$/iu.test(text.slice(0, token.start)) && /^\s+of\b/iu.test(text.slice(token.end));
    if (counting || framingContext || lemmaCandidates(word).some((form) => QUESTION_FRAMING.has(form))) used[position] = true;
  });

  /**
   * The whole phrase of the dictionary (stopwords and all: `at the same time`, `same time`) that the
   * question's word ends, with the words before it: its text and translations, or undefined.
   */
  const wholePhrase = (position: number): { label: string; translations: readonly Translation[] } | undefined => {
    const candidates = english.wholePhrases(surface(position).toLowerCase());
    if (candidates.length === 0) return undefined;
    const token = tokens[position] as Token;
    const before = text.slice(0, token.start).normalize('NFKC').toLowerCase();
    // The words right before this one (a phrase's words are runs of [a-z0-9]: wholePhraseKey), read once for
    // every candidate; the phrase needs a separator between its last word before this one and this one.
    if (!/[^a-z0-9]$/u.test(before)) return undefined;
    const wordsBefore = [...before.matchAll(/[a-z0-9]+/gu)];
    for (const { phrase, translations } of candidates) {
      const words = phrase.split(' ').slice(0, -1);
      const tail = wordsBefore.slice(-words.length);
      if (translations.length === 0 || tail.length !== words.length || !tail.every((match, index) => match[0] === words[index])) continue;
      const found = before.slice((tail[0] as RegExpExecArray).index);
      // The question's own spelling of the phrase, unless normalizing changed the length of what came before.
      const label = before.length === token.start ? text.slice(token.start - found.length, token.end) : `${found}${text.slice(token.start, token.end)}`;
      return { label, translations };
    }
    return undefined;
  };

  const wordTranslations = (position: number): Translation[] => {
    const word = surface(position);
    const number = NUMBER_WORDS.indexOf(word.toLowerCase());
    const numerals = number < 2 ? [] : [String(number), KANJI_NUMERALS[number] as string].map((numeral) => ({ japanese: numeral, terms: [numeral], weight: 1 }));
    return [...numerals, ...english.translate([word], params), ...english.loanwords(word)];
  };

  const matches: EnglishMatch[] = [];
  const asked = new Set<string>();
  const take = (position: number, length: number, translations: readonly Translation[], label = spelled(position, length)): void => {
    for (let offset = 0; offset < length; offset++) used[position + offset] = true;
    matches.push({ position, length, label, translations: distinct(translations) });
  };
  for (let position = 0; position < tokens.length; position++) {
    let run = 0;
    while (position + run < tokens.length && isEnglish(position + run) && (run === 0 || PHRASE_GAP.test(gapAfter(position + run - 1)))) run++;
    if (run === 0) continue;
    const term = (tokens[position] as Token).term;
    if (run === 1 && asked.has(term)) {
      used[position] = true;
      continue;
    }
    asked.add(term);
    const phrase = longest(Math.min(MAX_PHRASE, run), (length) => english.translate(Array.from({ length }, (_, offset) => surface(position + offset)), params));
    if (phrase !== undefined) {
      take(position, phrase.length, phrase.found);
      continue;
    }
    const loanword = longest(Math.min(MAX_LOANWORD_RUN, run), (length) => english.loanwords(spelled(position, length)).filter((match) => match.weight >= RUN_SIMILARITY));
    if (loanword !== undefined) {
      take(position, loanword.length, loanword.found);
      continue;
    }
    let hyphenated = 1;
    while (hyphenated < run && HYPHEN.test(gapAfter(position + hyphenated - 1))) hyphenated++;
    if (hyphenated > 1) take(position, hyphenated, compoundTranslations(Array.from({ length: hyphenated }, (_, offset) => wordTranslations(position + offset))));
    else {
      // A whole phrase the word ends (`at the same time`) comes first; the word's own translations stay,
      // for a question that only happens to have the phrase's words (`in Japan`: 在日, and 日本 still).
      const set = wholePhrase(position);
      if (set === undefined) take(position, 1, wordTranslations(position));
      else take(position, 1, [...set.translations, ...wordTranslations(position)], set.label);
    }
  }
  return matches;
}

/** The longest length from `most` down to 2 for which `find` finds something. */
function longest(most: number, find: (length: number) => Translation[]): { length: number; found: Translation[] } | undefined {
  for (let length = most; length >= 2; length--) {
    const found = find(length);
    if (found.length > 0) return { length, found };
  }
  return undefined;
}

/** Each Japanese word once, at its best weight, best first; words with no terms left out. */
function distinct(translations: readonly Translation[]): Translation[] {
  const best = new Map<string, Translation>();
  for (const translation of translations) if ((best.get(translation.japanese)?.weight ?? 0) < translation.weight) best.set(translation.japanese, translation);
  return [...best.values()].filter((translation) => translation.terms.length > 0).sort((a, b) => b.weight - a.weight);
}

/**
 * A compound the dictionary lacks, translated part by part: every part must be there (`Indo-Pacific` →
 * インド + 太平洋), each combination weighing the product of its parts'. A part without a translation leaves
 * the compound to its English words.
 */
function compoundTranslations(parts: readonly Translation[][]): Translation[] {
  let combinations: Translation[] = [{ japanese: '', terms: [], weight: 1 }];
  for (const part of parts) {
    combinations = combinations
      .flatMap((combination) =>
        part.map((translation) => ({ japanese: combination.japanese + translation.japanese, terms: [...combination.terms, ...translation.terms], weight: combination.weight * translation.weight })),
      )
      .sort((a, b) => b.weight - a.weight)
      .slice(0, MAX_COMPOUND_TRANSLATIONS);
  }
  return combinations;
}

/**
 * `how many countries` asks for a number of countries, which Japanese states with a counter (`12か国`);
 * like `何か国` in Japanese, the counter weighs double and the best passage must have it.
 */
const HOW_MANY = /\bhow\s+many\s+((?:[a-z-]+\s+){0,3}[a-z-]+)/iu;

/** The counter a `how many` question asks for, and the question's words for it (`how many countries`). */
export function englishCounter(text: string): { asked: string; units: readonly string[] } | undefined {
  const words = HOW_MANY.exec(text)?.[1]?.split(/\s+/u) ?? [];
  for (const [index, word] of words.entries()) {
    for (const form of lemmaCandidates(word.toLowerCase())) {
      const units = ENGLISH_COUNTERS.get(form);
      if (units !== undefined) return { asked: `how many ${words.slice(0, index + 1).join(' ')}`, units };
    }
  }
  return undefined;
}
