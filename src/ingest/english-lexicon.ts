import { z } from 'zod';
import type { Document } from '../model/document';
import type { EnglishTranslations } from '../search/index-format';
import { englishKey, ENGLISH_STOPWORDS } from '../text/english';
import { Lexicon, tokenize } from '../text/tokenizer';
import { ENGLISH_LEXICON_FILE } from './corpus-files';
import { readCorpusJson } from './corpus-json';
import { fingerprintFiles } from './fingerprint';
import { buildLexicon, textsOf, type KuromojiTokenizer } from './lexicon';

/**
 * `corpus/english-lexicon.json`: English words and phrases → the Japanese words of the corpus that
 * translate them, with weights. Derived by `npm run build:english` from EDICT (the EDRDG's
 * Japanese-English dictionary, as Debian's `edict` package installs it), keeping only entries whose
 * Japanese side occurs in the corpus; committed, so running shiori needs no dictionary.
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
function writtenForms(entry: EdictEntry): string[] {
  if (entry.tags.some((tag) => IRREGULAR.has(tag))) return [];
  const kana = entry.reading !== null && (entry.tags.includes('ateji') || entry.senses.some((sense) => sense.tags.includes('uk')));
  return [...(entry.tags.includes('ateji') ? [] : [entry.headword]), ...(kana && entry.reading !== null ? [entry.reading] : [])];
}
/** Senses nobody means in a policy paper today. */
const SKIPPED_SENSE_TAGS = new Set(['arch', 'obs', 'obsc', 'vulg', 'X', 'sl', 'm-sl', 'male-sl', 'derog', 'rare']);
const MAX_PHRASE_WORDS = 4;
const ENGLISH_SOURCE = /\(eng: ?([^()]+)\)/u;

/**
 * A gloss as an English phrase to look up: explanations in brackets dropped, lower case, without a
 * leading `to ` (verbs) or article; undefined when it is not a short plain phrase (`(husked grains of)
 * rice` → `rice`; `to deter` → `deter`; a five-word explanation → undefined).
 */
export function glossPhrase(gloss: string): string | undefined {
  let text = gloss;
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/\([^()]*\)|\{[^{}]*\}/gu, ' ');
  }
  text = text.replace(/\s+/gu, ' ').trim().toLowerCase().replace(/^(?:to|a|an|the) /u, '');
  // `in the world`, `on earth`, `at all`: set phrases whose content word alone would mean something else.
  if (/^(?:in|on|at|of|for|by|with|from|into|as|under|over|without) /u.test(text)) return undefined;
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
export function glossWeight(entry: Pick<EdictEntry, 'common'>, sense: number, gloss: number): number {
  return (entry.common ? 1 : UNCOMMON) / (1 + 0.5 * (sense - 1)) / (1 + 0.25 * (gloss - 1));
}

export type EnglishEntries = Record<string, Array<[string, number]>>;

/**
 * English phrase → [Japanese headword, weight], for the entries `occurs` accepts (those whose Japanese
 * the corpus has). Each phrase keeps its MAX_TRANSLATIONS best, weights rounded to two decimals; output is
 * sorted, so the same dictionary and corpus always give the same file.
 */
export function deriveEnglishEntries(entries: Iterable<EdictEntry>, occurs: (japanese: string) => boolean): EnglishEntries {
  const phrases = new Map<string, Map<string, number>>();
  const add = (phrase: string, japanese: string, weight: number): void => {
    let translations = phrases.get(phrase);
    if (translations === undefined) phrases.set(phrase, (translations = new Map()));
    translations.set(japanese, Math.max(translations.get(japanese) ?? 0, weight));
  };
  for (const entry of entries) {
    // NFKC, as the papers are searched: `第２` is shown as `第2`, `ＵＳＡ` as `USA`.
    const written = writtenForms(entry)
      .map((form) => form.normalize('NFKC'))
      .filter((form) => ([...form].length > 1 || entry.common) && occurs(form));
    if (written.length === 0) continue;
    entry.senses.forEach((sense, senseIndex) => {
      if (sense.tags.some((tag) => SKIPPED_SENSE_TAGS.has(tag))) return;
      sense.glosses.forEach((gloss, glossIndex) => {
        const weight = glossWeight(entry, senseIndex + 1, glossIndex + 1);
        // A loanword's English source (`キャンセル`: "cancellation (eng: cancel)") is as direct a translation as the gloss.
        const source = ENGLISH_SOURCE.exec(gloss)?.[1];
        for (const phrase of [glossPhrase(gloss), source === undefined ? undefined : glossPhrase(source)]) {
          if (phrase === undefined) continue;
          const words = phrase.split(/[ -]+/u).filter((word) => word.length > 2 && !ENGLISH_STOPWORDS.has(word));
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

/**
 * Whether a Japanese word is part of the corpus's vocabulary: it is made of terms only (no particles or
 * endings left over), and they stand contiguously somewhere in the corpus's texts, so it occurs there as
 * a word or a run of words (`集団安全保障`), not merely as characters inside another word.
 */
export function corpusVocabulary(texts: readonly string[], lexicon: Lexicon): (japanese: string) => boolean {
  const runs = new Set<string>();
  for (const text of texts) {
    const terms = tokenize(text, lexicon).map((token) => token.term);
    for (let start = 0; start < terms.length; start++) {
      for (let length = 1; length <= MAX_WORD_TERMS && start + length <= terms.length; length++) runs.add(terms.slice(start, start + length).join('\0'));
    }
  }
  // A single kanji is a term as often for a piece of a name (康京和 → 康|京|和) as for a word; it counts
  // as a word only where it stands alone somewhere (`表：`), not inside a run of Japanese.
  const alone = new Set<string>();
  for (const text of texts) for (const match of text.normalize('NFKC').matchAll(STANDING_ALONE)) alone.add(match[1] as string);
  return (japanese) => {
    if ([...japanese].length === 1 && !alone.has(japanese)) return false;
    const tokens = tokenize(japanese, lexicon);
    // Every character must belong to a term: `とは言うものの` is grammar around 言う, not a word of its own.
    const covered = tokens.reduce((sum, token) => sum + token.end - token.start, 0) === japanese.length;
    return covered && tokens.length > 0 && runs.has(tokens.map((token) => token.term).join('\0'));
  };
}

/** The lexicon file for `documents` from EDICT's text (decoded from EUC-JP). */
export function buildEnglishLexicon(edict: string, documents: readonly Document[], documentsHash: string, analyzer: KuromojiTokenizer): EnglishLexiconFile {
  const texts = documents.flatMap(textsOf);
  const occurs = corpusVocabulary(texts, new Lexicon(buildLexicon(texts, analyzer)));
  const lines = edict.split('\n');
  const created = /Created: (\d{4}-\d{2}-\d{2})/u.exec(lines[0] ?? '')?.[1] ?? 'unknown date';
  const entries = deriveEnglishEntries(
    lines.flatMap((line) => parseEdictLine(line) ?? []),
    occurs,
  );
  return {
    $comment: 'English words and phrases → Japanese words of the corpus, with weights. Generated by `npm run build:english`; do not edit (extend corpus/glossary.json instead).',
    licence: EDICT_CREDIT,
    source: `EDICT, created ${created}`,
    documents: documentsHash,
    entries,
  };
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
export function englishTranslations(entries: EnglishEntries, lexicon: Lexicon, documentFrequency: Readonly<Record<string, number>>): EnglishTranslations {
  const merged = new Map<string, Map<string, { weight: number; frequency: number }>>();
  for (const [phrase, translations] of Object.entries(entries)) {
    const key = englishKey(phrase);
    if (key === '') continue;
    for (const [japanese, weight] of translations) {
      const frequencies = tokenize(japanese, lexicon).map((token) => documentFrequency[token.term] ?? 0);
      if (frequencies.length === 0 || frequencies.includes(0)) continue;
      let kept = merged.get(key);
      if (kept === undefined) merged.set(key, (kept = new Map()));
      kept.set(japanese, { weight: Math.max(kept.get(japanese)?.weight ?? 0, weight), frequency: Math.min(...frequencies) });
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

export const EnglishLexiconSchema = z
  .object({
    $comment: z.string().optional(),
    licence: z.string(),
    source: z.string(),
    /** fingerprintDocuments() of the corpus the entries were restricted to. */
    documents: z.string().regex(/^[0-9a-f]{64}$/u, 'a SHA-256 in hex'),
    entries: z.record(z.string().min(1), z.array(z.tuple([z.string().min(1), z.number().gt(0).lte(1)])).min(1)),
  })
  .strict();

export type EnglishLexiconFile = z.infer<typeof EnglishLexiconSchema>;

/** SHA-256 over the names and bytes of the corpus's `.txt` files: what the lexicon's vocabulary depends on. */
export async function fingerprintDocuments(corpusDir: string): Promise<string> {
  return (await fingerprintFiles(corpusDir, (name) => /\.txt$/iu.test(name))).hash;
}

/** The file's text: one phrase per line, so a regenerated lexicon diffs readably. */
export function serializeEnglishLexicon(lexicon: EnglishLexiconFile): string {
  const entries = Object.entries(lexicon.entries).map(([phrase, translations]) => `    ${JSON.stringify(phrase)}: ${JSON.stringify(translations)}`);
  const head = { $comment: lexicon.$comment, licence: lexicon.licence, source: lexicon.source, documents: lexicon.documents };
  const headLines = Object.entries(head)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  return `{\n${headLines.join('\n')}\n  "entries": {\n${entries.join(',\n')}\n  }\n}\n`;
}

/** The corpus's English lexicon, or undefined when it has none (English questions then match English words only). */
export function readEnglishLexicon(corpusDir: string): Promise<EnglishLexiconFile | undefined> {
  return readCorpusJson(corpusDir, ENGLISH_LEXICON_FILE, EnglishLexiconSchema);
}
