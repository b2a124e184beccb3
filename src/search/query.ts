import { lemmaCandidates } from '../text/english';
import { normalizeForSearch } from '../text/normalize';
import { bigrams, type Lexicon, type Token, tokenize } from '../text/tokenizer';
import type { EnglishVocabulary, Translation } from './english';
import type { AliasGroup } from './index-format';

/**
 * A question becomes *concepts*: what it asks about, each weighted by how rare it is in the corpus. A
 * concept is one query term, or a name the corpus defines under several forms (`ASEAN` /
 * `東南アジア諸国連合`), any of which counts, or English words with the Japanese words that translate them
 * (`submarine` → 潜水艦, 原潜) or sound like them (`Pompeo` → ポンペオ), each as strong as the translation
 * is direct. Terms carried over from an earlier question of a conversation weigh half, and at most half
 * of the current question all together.
 */
export interface Concept {
  /** The term or name as the question has it, for display. */
  label: string;
  /** Ways the concept is expressed; a passage has the concept as strongly as the strongest it holds. */
  alternatives: Alternative[];
  /** For English words: the Japanese words searched for them, best first; [] otherwise. */
  translations: string[];
  weight: number;
  /** Inverse document frequency of the concept's own form (high for terms the corpus lacks). */
  idf: number;
  /** Bigrams of a term the index does not know, to credit passages that contain it as part of a word. */
  grams: string[];
  /**
   * The unit a question asks a number of (`何か国` → `か国`, `何隻` → `隻`): an answer states that unit,
   * so the concept weighs double and the best passage must have it for the question to count as answered.
   */
  required: boolean;
}

/** A term sequence expressing a concept; a passage holds it when it has every term. */
export interface Alternative {
  terms: string[];
  /** 1 for the question's own words and the names the corpus defines; less for a translation or a loanword by sound. */
  weight: number;
  /** The terms are one word split up (a translation, `集団|安全|保障`): they count only side by side. */
  adjacent: boolean;
}

export interface AnalyzedQuery {
  concepts: Concept[];
  /** The question's own terms, in order (for phrase matching). */
  sequence: string[];
  /** Every term to retrieve candidates with. */
  words: string[];
  grams: string[];
}

export interface QueryVocabulary {
  lexicon: Lexicon;
  aliases: readonly AliasGroup[];
  english: EnglishVocabulary;
  /** Passages containing the term; 0 for a term the corpus does not have. */
  documentFrequency(term: string): number;
  passageCount: number;
}

export const CARRIED_WEIGHT = 0.5;
const CARRIED_SHARE = 0.5;
const REQUIRED_WEIGHT = 2;

/** A question word followed by a counter: the question asks for a number of that unit. */
const COUNTED = /(?:何|なん|幾|いく)\s*(か国|カ国|ヶ国|か所|カ所|パーセント|%|人|名|年|回|隻|機|基|件|倍|歳|つ|日|月)/u;

/**
 * `how many countries` asks for a number of countries, which Japanese states with a counter (`12か国`);
 * like `何か国` in Japanese, the counter weighs double and the best passage must have it.
 */
const HOW_MANY = /\bhow\s+many\s+((?:[a-z-]+\s+){0,2}[a-z-]+)/iu;
const COUNTERS: Record<string, readonly string[]> = {
  country: ['か国', 'カ国', 'ヶ国'],
  nation: ['か国', 'カ国', 'ヶ国'],
  ship: ['隻'],
  vessel: ['隻'],
  submarine: ['隻'],
  aircraft: ['機'],
  plane: ['機'],
  person: ['人', '名'],
  people: ['人', '名'],
  time: ['回'],
  meeting: ['回'],
  year: ['年'],
  month: ['か月', 'ヶ月'],
  base: ['か所', 'カ所'],
  percent: ['%', 'パーセント'],
};

/** The counter a `how many` question asks for, and the question's words for it (`how many countries`). */
function englishCounter(text: string): { asked: string; units: readonly string[] } | undefined {
  const match = HOW_MANY.exec(text);
  const words = match?.[1]?.split(/\s+/u) ?? [];
  for (const [index, word] of words.entries()) {
    for (const form of lemmaCandidates(word.toLowerCase())) {
      const units = COUNTERS[form];
      if (units !== undefined) return { asked: `how many ${words.slice(0, index + 1).join(' ')}`, units };
    }
  }
  return undefined;
}

export function inverseDocumentFrequency(documentFrequency: number, passageCount: number): number {
  return Math.log(1 + (passageCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** Concepts of `text`; `carried` are earlier questions of the conversation, most recent first. */
export function analyzeQuery(text: string, vocabulary: QueryVocabulary, carried: readonly string[] = []): AnalyzedQuery {
  const tokens = tokenize(text, vocabulary.lexicon);
  const sequence = tokens.map((token) => token.term);
  const concepts = conceptsOf(text, tokens, vocabulary, 1);
  const counted = COUNTED.exec(normalizeForSearch(text).text)?.[1];
  const unit = counted === undefined ? undefined : tokenize(counted, vocabulary.lexicon).map((token) => token.term).join('');
  for (const concept of concepts) {
    if (unit !== undefined && concept.alternatives.some((alternative) => alternative.terms.join('') === unit)) {
      concept.required = true;
      concept.weight *= REQUIRED_WEIGHT;
    }
  }
  const counter = englishCounter(text);
  if (counter !== undefined) {
    const alternatives = counter.units.map((form) => ({ terms: tokenize(form, vocabulary.lexicon).map((token) => token.term), weight: 1, adjacent: true }));
    const idf = Math.max(...alternatives.map((alternative) => inverseDocumentFrequency(Math.max(...alternative.terms.map(vocabulary.documentFrequency)), vocabulary.passageCount)));
    concepts.push({ label: counter.asked, alternatives, translations: [...counter.units], weight: REQUIRED_WEIGHT, idf, grams: [], required: true });
  }
  const seen = new Set(concepts.flatMap((concept) => concept.alternatives.flatMap((alternative) => alternative.terms)));
  for (const earlier of carried.slice(0, 1)) {
    const previous = conceptsOf(earlier, tokenize(earlier, vocabulary.lexicon), vocabulary, CARRIED_WEIGHT);
    for (const concept of previous) {
      if (concept.alternatives.some((alternative) => alternative.terms.every((term) => seen.has(term)))) continue;
      concepts.push(concept);
      for (const alternative of concept.alternatives) for (const term of alternative.terms) seen.add(term);
    }
  }
  // Earlier questions set the scene; they may not outweigh what the user just asked about (`インドは？`,
  // where インド is common in the corpus): together they weigh at most half the current question.
  const current = concepts.filter((concept) => concept.weight >= 1).reduce((sum, concept) => sum + concept.weight * concept.idf, 0);
  const previous = concepts.filter((concept) => concept.weight < 1).reduce((sum, concept) => sum + concept.weight * concept.idf, 0);
  if (previous > current * CARRIED_SHARE && previous > 0) {
    const scale = (current * CARRIED_SHARE) / previous;
    for (const concept of concepts) if (concept.weight < 1) concept.weight *= scale;
  }
  const words = [...new Set(concepts.flatMap((concept) => concept.alternatives.flatMap((alternative) => alternative.terms)))];
  const grams = [...new Set([...bigrams(text).map((gram) => gram.term), ...concepts.flatMap((concept) => concept.grams)])];
  return { concepts, sequence, words, grams };
}

/** Longest English phrase looked up in the dictionary, in words. */
const MAX_PHRASE = 4;
/** Longest run of English words heard as one katakana word (`hub and spokes` → ハブアンドスポークス). */
const MAX_LOANWORD_RUN = 3;
/** A run of words must sound more alike than one word to be taken as one katakana word. */
const RUN_SIMILARITY = 0.8;
const LATIN = /^[a-z]/u;
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** `three` is 3 or 三 in the papers (`3つの問題点`, `三カ国`); `one` is left out, being mostly a pronoun (`which one`). */
const NUMBER_WORDS = ['', '', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const KANJI_NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
/** Words that point at the source rather than the topic (`according to the paper`, `the article cited`); `many` of `how many` goes too. */
const QUESTION_FRAMING = new Set(['according', 'paper', 'mention', 'describe', 'cite', 'explain']);
const HYPHEN = /^[-‐‑]$/u;
/** Translations of a hyphenated compound kept, at most (each combines one translation of every part). */
const MAX_COMPOUND_TRANSLATIONS = 6;
/** What may stand between two words of one English phrase: spaces, hyphens, and the stopwords the tokenizer dropped. */
const PHRASE_GAP = /^[\s\-a-z'’.]*$/iu;

function conceptsOf(text: string, tokens: readonly Token[], vocabulary: QueryVocabulary, weight: number): Concept[] {
  const sequence = tokens.map((token) => token.term);
  // Passages holding all of several terms, estimated as if the terms occurred independently.
  const documentFrequency = (terms: readonly string[]): number =>
    terms.reduce((product, term) => product * (vocabulary.documentFrequency(term) / vocabulary.passageCount), vocabulary.passageCount);
  const idf = (term: string): number => inverseDocumentFrequency(vocabulary.documentFrequency(term), vocabulary.passageCount);
  const used = new Array<boolean>(sequence.length).fill(false);
  const found: Array<{ position: number; concept: Concept }> = [];
  const take = (position: number, length: number, concept: Concept): void => {
    for (let offset = 0; offset < length; offset++) used[position + offset] = true;
    found.push({ position, concept });
  };

  const forms = vocabulary.aliases
    .flatMap((group) => group.terms.map((form) => ({ form, group })))
    .filter(({ form }) => form.length > 0)
    .sort((a, b) => b.form.length - a.form.length);
  for (const { form, group } of forms) {
    const position = findRun(sequence, form, used);
    if (position === -1) continue;
    const alternatives = group.terms.filter((terms) => terms.length > 0).map((terms) => ({ terms, weight: 1, adjacent: false }));
    const label = group.forms[group.terms.indexOf(form)] ?? form.join('');
    // A name asked in Latin letters (`Wang Yi`, `ASEAN`) is searched for by its Japanese forms too.
    const translations = /[a-z]/iu.test(label) ? group.forms.filter((other) => JAPANESE.test(other)) : [];
    take(position, form.length, { label, alternatives, translations, weight, idf: mean(form.map(idf)), grams: [], required: false });
  }

  // English: the longest dictionary phrase first (`nuclear-powered submarine`), then a run of words that
  // sounds like one katakana word, then each word by dictionary and by sound. The English itself stays an
  // alternative at full weight, for the English in titles and footnotes.
  const english = (position: number, length: number, translations: readonly Translation[]): void => {
    const own = { terms: sequence.slice(position, position + length), weight: 1, adjacent: false };
    const best = new Map<string, Translation>();
    for (const translation of translations) if ((best.get(translation.japanese)?.weight ?? 0) < translation.weight) best.set(translation.japanese, translation);
    const ranked = [...best.values()].filter((translation) => translation.terms.length > 0).sort((a, b) => b.weight - a.weight);
    const alternatives = [own, ...ranked.map((translation) => ({ terms: translation.terms, weight: translation.weight, adjacent: true }))];
    const spread = Math.min(vocabulary.passageCount, alternatives.reduce((sum, alternative) => sum + alternative.weight * documentFrequency(alternative.terms), 0));
    const label = text.slice((tokens[position] as Token).start, (tokens[position + length - 1] as Token).end);
    const idfOf = inverseDocumentFrequency(spread, vocabulary.passageCount);
    take(position, length, { label, alternatives, translations: ranked.map((translation) => translation.japanese), weight, idf: idfOf, grams: [], required: false });
  };
  const surfaces = (position: number, length: number): string[] => tokens.slice(position, position + length).map((token) => text.slice(token.start, token.end).normalize('NFKC'));
  const wordTranslations = (position: number): Translation[] => {
    const word = surfaces(position, 1);
    const number = NUMBER_WORDS.indexOf((word[0] as string).toLowerCase());
    const numerals = number < 2 ? [] : [String(number), KANJI_NUMERALS[number] ?? ''].filter((numeral) => numeral !== '').map((numeral) => ({ japanese: numeral, terms: [numeral], weight: 1 }));
    return [...numerals, ...vocabulary.english.translate(word), ...vocabulary.english.loanwords(word[0] as string)];
  };
  /** Words joined by hyphens (`Indo-Pacific`, `Secretary-General`) name one thing. */
  const hyphenatedRun = (start: number, run: number): number => {
    let length = 1;
    while (length < run && HYPHEN.test(text.slice((tokens[start + length - 1] as Token).end, (tokens[start + length] as Token).start))) length++;
    return length;
  };
  const englishRun = (start: number): number => {
    let end = start;
    while (end < sequence.length && !used[end] && LATIN.test(sequence[end] as string)) {
      if (end > start && !PHRASE_GAP.test(text.slice((tokens[end - 1] as Token).end, (tokens[end] as Token).start))) break;
      end++;
    }
    return end - start;
  };
  sequence.forEach((term, position) => {
    if (used[position] || !LATIN.test(term)) return;
    const word = (surfaces(position, 1)[0] as string).toLowerCase();
    const counting = /^(?:many|much)$/u.test(word) && /\bhow\s+$/iu.test(text.slice(0, (tokens[position] as Token).start));
    if (counting || lemmaCandidates(word).some((form) => QUESTION_FRAMING.has(form))) used[position] = true;
  });
  const asked = new Set<string>();
  for (let position = 0; position < sequence.length; position++) {
    const run = used[position] ? 0 : englishRun(position);
    if (run === 0) continue;
    if (run === 1 && asked.has(sequence[position] as string)) {
      used[position] = true;
      continue;
    }
    asked.add(sequence[position] as string);
    let taken = false;
    for (let length = Math.min(MAX_PHRASE, run); length >= 2 && !taken; length--) {
      const translations = vocabulary.english.translate(surfaces(position, length));
      if (translations.length > 0) {
        english(position, length, translations);
        taken = true;
      }
    }
    for (let length = Math.min(MAX_LOANWORD_RUN, run); length >= 2 && !taken; length--) {
      const spelled = text.slice((tokens[position] as Token).start, (tokens[position + length - 1] as Token).end);
      const loanwords = vocabulary.english.loanwords(spelled).filter((loanword) => loanword.weight >= RUN_SIMILARITY);
      if (loanwords.length > 0) {
        english(position, length, loanwords);
        taken = true;
      }
    }
    const hyphenated = taken ? 1 : hyphenatedRun(position, run);
    if (hyphenated > 1) {
      english(position, hyphenated, compoundTranslations(Array.from({ length: hyphenated }, (_, offset) => wordTranslations(position + offset))));
      taken = true;
    }
    if (!taken) english(position, 1, wordTranslations(position));
  }

  const labels = new Set<string>();
  sequence.forEach((term, position) => {
    if (used[position] || labels.has(term)) return;
    labels.add(term);
    const unknown = vocabulary.documentFrequency(term) === 0;
    const grams = unknown ? bigrams(term).map((gram) => gram.term) : [];
    found.push({ position, concept: { label: term, alternatives: [{ terms: [term], weight: 1, adjacent: false }], translations: [], weight, idf: idf(term), grams, required: false } });
  });
  return found.sort((a, b) => a.position - b.position).map(({ concept }) => concept);
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
      .flatMap((combination) => part.map((translation) => ({ japanese: combination.japanese + translation.japanese, terms: [...combination.terms, ...translation.terms], weight: combination.weight * translation.weight })))
      .sort((a, b) => b.weight - a.weight)
      .slice(0, MAX_COMPOUND_TRANSLATIONS);
  }
  return combinations;
}

/** First position where `run` occurs contiguously in `sequence` over unused terms, or -1. */
function findRun(sequence: readonly string[], run: readonly string[], used: readonly boolean[]): number {
  outer: for (let start = 0; start + run.length <= sequence.length; start++) {
    for (let offset = 0; offset < run.length; offset++) {
      if (used[start + offset] || sequence[start + offset] !== run[offset]) continue outer;
    }
    return start;
  }
  return -1;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}
