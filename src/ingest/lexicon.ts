import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji, { type IpadicFeatures, type Tokenizer } from 'kuromoji';
import type { Document } from '../model/document';
import { normalizeTerm, searchNormalized } from '../text/normalize';
import { Lexicon, QUESTION_WORDS, tokenize, type LexiconData, type Tokenize } from '../text/tokenizer';
import { INGEST_LIMITS } from './limits';

/**
 * Build time only: kuromoji (IPADIC, 17.8 MB gzipped, ~165 MB resident) analyses the corpus, and its
 * analyses become the lexicon that the pure tokenizer segments with at index and query time.
 */

export type KuromojiTokenizer = Tokenizer<IpadicFeatures>;

const require = createRequire(import.meta.url);
export const KUROMOJI_VERSION: string = (require('kuromoji/package.json') as { version: string }).version;
/** The dictionary kuromoji ships: IPADIC as packaged in the npm release above. */
export const DICTIONARY = `ipadic (kuromoji ${KUROMOJI_VERSION})`;

export function loadKuromoji(): Promise<KuromojiTokenizer> {
  const dicPath = join(dirname(require.resolve('kuromoji/package.json')), 'dict');
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((error, tokenizer) => (error ? reject(error) : resolve(tokenizer)));
  });
}

/** Every text of a document the lexicon should know: paragraphs, summary, headings, footnotes, tables. */
export function textsOf(document: Document): string[] {
  return [
    ...document.summary.map((item) => item.text),
    ...document.sections.flatMap((section) => [section.heading ?? '', ...section.paragraphs.map((paragraph) => paragraph.text)]),
    ...document.footnotes.map((footnote) => footnote.text),
    ...document.tables.flatMap((table) => [table.caption ?? '', table.legend ?? '', ...table.columns, ...table.rows.map((row) => row.label)]),
  ].filter((text) => text !== '');
}

/** Verbs that only carry grammar (`指摘する`, `している`, `なる`). */
const LIGHT_VERBS = new Set(['する', 'いる', 'ある', 'なる', 'できる', 'おる', 'くる', 'いく', 'いう', 'れる', 'られる', 'せる', 'させる', 'てる', 'ちゃう']);

/**
 * The term kuromoji's analysis contributes to the index, or '' for a function word: particles,
 * auxiliaries, symbols, conjunctions, interjections, adverbs, adnominals, pronouns, dependent nouns and
 * verbs, light verbs and question words.
 */
export function termOf(token: IpadicFeatures): string {
  const surface = token.surface_form;
  if (!/[\p{L}\p{N}]/u.test(surface) || /^[〇◎○●△▲×✕✓]+$/u.test(surface)) return '';
  const base = token.basic_form === '*' ? surface : token.basic_form;
  if (QUESTION_WORDS.has(surface) || QUESTION_WORDS.has(base)) return '';
  switch (token.pos) {
    case '名詞':
      if (token.pos_detail_1 === '非自立' || token.pos_detail_1 === '代名詞') return '';
      return normalizeTerm(base);
    case '動詞':
      if (token.pos_detail_1 !== '自立' || LIGHT_VERBS.has(base)) return '';
      return normalizeTerm(base);
    case '形容詞':
      return token.pos_detail_1 === '自立' ? normalizeTerm(base) : '';
    case '接頭詞':
      return normalizeTerm(base);
    default:
      return '';
  }
}

/**
 * kuromoji's analysis of `text` (already normalized), piece by piece so that its cost stays linear in the
 * text's length (see INGEST_LIMITS.analysisPieceChars); ordinary text gives the same tokens as one call.
 */
export function analyze(text: string, analyzer: KuromojiTokenizer): IpadicFeatures[] {
  return analysisPieces(text).flatMap((piece) => analyzer.tokenize(piece));
}

type RunClass = 'latin' | 'digit' | 'hiragana' | 'katakana' | 'kanji' | 'space' | 'other';

function runClass(char: string): RunClass {
  if (/[a-z]/iu.test(char)) return 'latin';
  if (/\p{Nd}/u.test(char)) return 'digit';
  if (/\p{Script=Hiragana}/u.test(char)) return 'hiragana';
  if (/[\p{Script=Katakana}ー]/u.test(char)) return 'katakana';
  if (/\p{Script=Han}/u.test(char)) return 'kanji';
  if (/\s/u.test(char)) return 'space';
  return 'other';
}

/**
 * `text` cut into the pieces kuromoji reads, which join to `text` again: after each `、`, `。` and line
 * break (kuromoji cuts its input there itself, so nothing changes); before a white space once a piece has
 * INGEST_LIMITS.analysisPieceChars characters (kuromoji takes a space as a token of its own, so English
 * text is analysed the same); and, in text with neither, after analysisPieceChars × 4 characters or
 * analysisRunChars of one character class. Surrogate pairs are never split.
 */
export function analysisPieces(text: string): string[] {
  const { analysisPieceChars: soft, analysisRunChars: maxRun } = INGEST_LIMITS;
  const pieces: string[] = [];
  let piece = '';
  let pieceLength = 0;
  let run: RunClass | undefined;
  let runLength = 0;
  const cut = (): void => {
    if (piece !== '') pieces.push(piece);
    piece = '';
    pieceLength = 0;
  };
  for (const char of text) {
    const kind = runClass(char);
    runLength = kind === run ? runLength + 1 : 1;
    run = kind;
    if ((pieceLength >= soft && /\s/u.test(char)) || pieceLength >= soft * 4 || runLength > maxRun) {
      cut();
      runLength = 1;
    }
    piece += char;
    pieceLength++;
    if (char === '、' || char === '。' || char === '\n') cut();
  }
  cut();
  return pieces;
}

/** The terms the agreement compares: kuromoji's words, Latin words and numbers aside (the tokenizer takes those whole). */
const isReferenceTerm = (term: string): boolean => term !== '' && !/^[a-z0-9]+$/u.test(term);

/**
 * Proper nouns of the corpus by IPADIC's tags, collected while the lexicon is built: place names
 * (名詞,固有名詞,地域), and the readings of those written in kanji (南鳥島 → ミナミトリシマ).
 */
export interface ProperNouns {
  places: Set<string>;
  readings: Map<string, string>;
}

/**
 * What kuromoji says of one paper (or any list of texts): everything the lexicon, the place names and the
 * tokenizer's agreement need of it. A function of the texts alone, so the build caches it per paper
 * (analysis-cache.ts) and runs kuromoji only on papers it has not seen.
 */
export interface TextAnalysis {
  /** Surface form, the term kuromoji gave it, and how often, over the texts. */
  votes: Array<[surface: string, term: string, count: number]>;
  /** Verbs' and adjectives' base forms with their IPADIC conjugation type (the last seen). */
  conjugations: Array<[base: string, type: string]>;
  /** Place names (名詞,固有名詞,地域). */
  places: string[];
  /** Proper nouns written in kanji (名詞,固有名詞: 南鳥島, 尖閣諸島, 名古屋), with their katakana reading. */
  readings: Array<[term: string, reading: string]>;
  /** kuromojiTerms of the reference texts (a paper's paragraphs), in order, each with its text. */
  reference: Array<[text: string, terms: string[]]>;
}

const HAN = /\p{Script=Han}/u;
const KATAKANA_READING = /^[\p{Script=Katakana}ー]{3,}$/u;

/** Adds `count` votes for reading `surface` as `term`. */
function vote(votes: Map<string, Map<string, number>>, surface: string, term: string, count: number): void {
  const counts = votes.get(surface) ?? new Map<string, number>();
  counts.set(term, (counts.get(term) ?? 0) + count);
  votes.set(surface, counts);
}

/** kuromoji's analysis of `texts`; those for which `isReference` holds are kept as the agreement's reference too. */
export function analyzeTexts(texts: readonly string[], analyzer: KuromojiTokenizer, isReference: (index: number) => boolean = () => false): TextAnalysis {
  const votes = new Map<string, Map<string, number>>();
  const conjugations = new Map<string, string>();
  const places = new Set<string>();
  const readings = new Map<string, string>();
  const reference: TextAnalysis['reference'] = [];
  texts.forEach((text, index) => {
    const tokens = analyze(searchNormalized(text), analyzer);
    // A reference text's terms: what the index would hold if kuromoji ran at query time.
    if (isReference(index)) reference.push([text, tokens.map(termOf).filter(isReferenceTerm)]);
    for (const token of tokens) {
      const surface = token.surface_form;
      if (!/[\p{L}\p{N}]/u.test(surface) || /[a-z0-9]/u.test(surface)) continue;
      const term = termOf(token);
      vote(votes, surface, term, 1);
      if (term !== '' && (token.pos === '動詞' || token.pos === '形容詞')) conjugations.set(term, token.conjugated_type);
      if (term !== '' && token.pos_detail_1 === '固有名詞' && token.pos_detail_2 === '地域') places.add(term);
      // Two characters at least: a lone kanji read as a name (和 as カズ) is mostly a piece of a word.
      if (term !== '' && token.pos_detail_1 === '固有名詞' && [...surface].length >= 2 && HAN.test(surface) && KATAKANA_READING.test(token.reading ?? '')) readings.set(surface, token.reading as string);
    }
  });
  return {
    votes: [...votes].flatMap(([surface, counts]) => [...counts].map(([term, count]) => [surface, term, count] as [string, string, number])),
    conjugations: [...conjugations],
    places: [...places],
    readings: [...readings],
    reference,
  };
}

/** How the build gets a paper's analysis: from kuromoji (analyzingWith), or from the cache in front of it. */
export type DocumentAnalyzer = (document: Document) => TextAnalysis;

export const analyzingWith =
  (analyzer: KuromojiTokenizer): DocumentAnalyzer =>
  (document) =>
    analyzeDocument(document, analyzer);

/** kuromoji's analysis of a paper: its texts (textsOf), its paragraphs the agreement's reference. */
export function analyzeDocument(document: Document, analyzer: KuromojiTokenizer): TextAnalysis {
  const texts = textsOf(document);
  // Each paragraph once for each time the paper has it (a text of textsOf is a paragraph while any is left).
  const paragraphs = new Map<string, number>();
  for (const section of document.sections) for (const { text } of section.paragraphs) paragraphs.set(text, (paragraphs.get(text) ?? 0) + 1);
  return analyzeTexts(texts, analyzer, (index) => {
    const left = paragraphs.get(texts[index] as string) ?? 0;
    if (left > 0) paragraphs.set(texts[index] as string, left - 1);
    return left > 0;
  });
}

/**
 * The lexicon: every Japanese surface form kuromoji produced on the corpus, with the term it takes most
 * often there; then, for every verb and adjective, its base form and the stems of its other conjugated
 * forms (so `高まる`, `高まり` and `高まら` are known when the text only has `高まった`). Corpus evidence
 * always wins over a generated form. Latin words and numbers are not stored: the tokenizer takes them whole.
 * `analyses` are the papers' (analyzeTexts), in corpus order.
 */
export function lexiconOf(analyses: readonly TextAnalysis[], names?: ProperNouns): LexiconData {
  const votes = new Map<string, Map<string, number>>();
  const conjugations = new Map<string, string>();
  for (const analysis of analyses) {
    for (const [surface, term, count] of analysis.votes) vote(votes, surface, term, count);
    for (const [base, type] of analysis.conjugations) conjugations.set(base, type);
    for (const place of analysis.places) names?.places.add(place);
    for (const [term, reading] of analysis.readings) names?.readings.set(term, reading);
  }
  const entries: Record<string, string> = {};
  for (const surface of [...votes.keys()].sort()) {
    const counts = [...(votes.get(surface) as Map<string, number>)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    // A lone hiragana is grammar wherever it stands (`み` of `仕組み` is not the verb `みる`).
    entries[surface] = /^[\u3041-\u3096]$/u.test(surface) ? '' : (counts[0] as [string, number])[0];
  }
  for (const term of new Set(Object.values(entries))) {
    if (term !== '' && !(term in entries)) entries[term] = term;
  }
  for (const [base, type] of [...conjugations].sort((a, b) => a[0].localeCompare(b[0]))) {
    for (const stem of conjugatedStems(base, type)) if (!(stem in entries)) entries[stem] = base;
  }
  return { entries };
}

/** The lexicon of `texts` (analyzeTexts, then lexiconOf). */
export function buildLexicon(texts: readonly string[], analyzer: KuromojiTokenizer, names?: ProperNouns): LexiconData {
  return lexiconOf([analyzeTexts(texts, analyzer)], names);
}

/** Godan endings by row: the a-, i-, e- and o-row kana and the euphonic (音便) stem ending. */
const GODAN: Record<string, [string, string, string, string, string]> = {
  く: ['か', 'き', 'け', 'こ', 'い'],
  ぐ: ['が', 'ぎ', 'げ', 'ご', 'い'],
  す: ['さ', 'し', 'せ', 'そ', 'し'],
  つ: ['た', 'ち', 'て', 'と', 'っ'],
  ぬ: ['な', 'に', 'ね', 'の', 'ん'],
  ぶ: ['ば', 'び', 'べ', 'ぼ', 'ん'],
  む: ['ま', 'み', 'め', 'も', 'ん'],
  る: ['ら', 'り', 'れ', 'ろ', 'っ'],
  う: ['わ', 'い', 'え', 'お', 'っ'],
};

/**
 * The stems kuromoji splits conjugated forms into (`言っ`/た, `言わ`/ない, `食べ`/た, `高かっ`/た), from a
 * base form and IPADIC's conjugation type. Stems of one character are left out: too ambiguous to look up.
 */
export function conjugatedStems(base: string, conjugationType: string): string[] {
  const head = base.slice(0, -1);
  const last = base.slice(-1);
  let stems: string[] = [];
  if (conjugationType.startsWith('五段')) {
    const row = GODAN[last];
    if (row) stems = row.map((ending) => head + ending);
    if (conjugationType.includes('カ行促音便')) stems.push(`${head}っ`);
    if (conjugationType.includes('ウ音便')) stems.push(`${head}う`);
  } else if (conjugationType.startsWith('一段') && last === 'る') {
    stems = [head, `${head}れ`, `${head}ろ`, `${head}よ`];
  } else if (conjugationType.startsWith('形容詞') && last === 'い') {
    stems = [`${head}く`, `${head}かっ`, `${head}けれ`, `${head}かろ`, `${head}き`, `${head}さ`];
  }
  return stems.filter((stem) => stem.length >= 2 && stem !== base);
}

/** One paper's part of the agreement: terms in common, kuromoji's, the lexicon tokenizer's. */
export type AgreementCounts = [common: number, expected: number, produced: number];

/** The agreement counts of one paper's reference texts (each with kuromoji's terms) under its tokenizer. */
export function agreementCounts(reference: Iterable<readonly [text: string, terms: readonly string[]]>, tokenize: Tokenize): AgreementCounts {
  let common = 0;
  let expected = 0;
  let produced = 0;
  for (const [text, terms] of reference) {
    const ours = tokenize(text)
      .map((token) => token.term)
      .filter((term) => !/^[a-z0-9]+$/u.test(term));
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const term of ours) {
      const left = counts.get(term) ?? 0;
      if (left > 0) {
        common++;
        counts.set(term, left - 1);
      }
    }
    expected += terms.length;
    produced += ours.length;
  }
  return [common, expected, produced];
}

/** The F1 of the papers' agreement counts together, to four decimals. */
export function agreementOf(papers: Iterable<AgreementCounts>): number {
  let [common, expected, produced] = [0, 0, 0];
  for (const [c, e, p] of papers) [common, expected, produced] = [common + c, expected + e, produced + p];
  return Number((expected + produced === 0 ? 1 : (2 * common) / (expected + produced)).toFixed(4));
}

/**
 * How closely the lexicon tokenizer reproduces kuromoji on the papers' reference texts (each with kuromoji's
 * terms, TextAnalysis.reference; each paper with the tokenizer for its texts): the F1 of the two bags of terms.
 * Reported by the index build and checked by a test.
 */
export function tokenizerAgreement(papers: Iterable<{ reference: Iterable<readonly [text: string, terms: readonly string[]]>; tokenize: Tokenize }>): number {
  return agreementOf([...papers].map(({ reference, tokenize }) => agreementCounts(reference, tokenize)));
}
