import { create, insertMultiple, search, type Orama, type Tokenizer } from '@orama/orama';
import { createTokenizer as createJapaneseTokenizer } from '@orama/tokenizers/japanese';
import type { Citation } from '../src/search/engine';
import type { IndexData, Passage } from '../src/search/index-format';

/**
 * The retrieval a team would set up instead of shiori, for `npm run bench` to measure side by side on the
 * same passages. Every alternative indexes, per passage, the fields shiori searches: the passage's text,
 * its context (heading path; for a table row also the table's caption and legend) and the text of the
 * footnotes it cites; and answers as shiori does, with the passage's text and its cited footnotes, so
 * scripts/eval-rules.ts scores them alike. Text is NFKC-normalized and lower-cased on both sides; there is
 * no English-to-Japanese translation, no excerpt and no answer: that is the difference being measured.
 *
 * Both search with Orama 3's defaults: BM25 over the three fields with equal weight, a document matching
 * any query term (threshold 1), no typo tolerance (`tolerance: 0`), the best `limit` hits. Orama looks
 * terms up by prefix (`exact: false`; `exact: true` filters with a `\b` regex that never matches
 * Japanese): the stock Japanese tokenizer gets that as it comes, the bigram index marks each term's end
 * so that, as in Lucene and Groonga, a term matches only itself.
 */
export interface AlternativeHit {
  /** Index into `data.passages`. */
  passageIndex: number;
  text: string;
  citations: Citation[];
}

export interface Alternative {
  name: string;
  /** One line on what it is, for the report. */
  description: string;
  search(question: string, limit: number): AlternativeHit[];
}

const SCHEMA = { text: 'string', context: 'string', notes: 'string' } as const;
const SEARCHED_FIELDS: Array<keyof typeof SCHEMA> = ['text', 'context', 'notes'];

/** What a team would do to text before any tokenizer: full-width/half-width and case folded. */
const normalizeText = (text: string): string => text.normalize('NFKC').toLowerCase();

/** Passage id `<docId>:<tableId>r<row>` names a table row; the table's caption and legend are searched with it, as shiori does. */
const TABLE_ROW_ID = /:(t\d+)r\d+$/u;

interface PassageFields {
  text: string;
  context: string;
  notes: string;
  citations: Citation[];
}

/** The searchable fields and the citations of every passage, in passage order. */
function fieldsOf(data: Pick<IndexData, 'passages' | 'documents'>): PassageFields[] {
  const documents = new Map(data.documents.map((document) => [document.id, document]));
  return data.passages.map((passage: Passage) => {
    const document = documents.get(passage.docId);
    const tableId = TABLE_ROW_ID.exec(passage.id)?.[1];
    const table = tableId === undefined ? undefined : document?.tables.find((candidate) => candidate.id === tableId);
    const context = [table?.caption ?? null, table?.legend ?? null, passage.section].filter((part): part is string => part !== null).join(' ');
    const citations = [...new Set(passage.refs.map((ref) => ref.n))].flatMap((n): Citation[] => {
      const footnote = document?.footnotes.find((candidate) => candidate.n === n);
      return footnote === undefined ? [] : [{ n, text: footnote.text, urls: footnote.urls }];
    });
    return { text: passage.text, context, notes: citations.map((citation) => citation.text).join('\n'), citations };
  });
}

/** An Orama database over the passages (document id = passage index) with `tokenizer`, searched stock. */
function oramaAlternative(name: string, description: string, tokenizer: Tokenizer, passages: readonly PassageFields[]): Alternative {
  const database: Orama<typeof SCHEMA> = create({ schema: SCHEMA, components: { tokenizer } });
  insertMultiple(
    database,
    passages.map((fields, index) => ({ id: String(index), text: normalizeText(fields.text), context: normalizeText(fields.context), notes: normalizeText(fields.notes) })),
  );
  return {
    name,
    description,
    search(question, limit) {
      const result = search(database, { term: normalizeText(question), properties: SEARCHED_FIELDS, limit });
      if (result instanceof Promise) throw new Error(`${name}: Orama search must be synchronous without async components`);
      return result.hits.map((hit) => {
        const passageIndex = Number(hit.id);
        const fields = passages[passageIndex];
        if (fields === undefined) throw new Error(`${name}: hit ${hit.id} is not a passage index`);
        return { passageIndex, text: fields.text, citations: fields.citations };
      });
    },
  };
}

/** Ends every bigram-index term, so that Orama's prefix lookup of `国防$` finds `国防$` alone; terms are letters and digits only. */
const TERM_END = '$';

/** Han, hiragana and katakana (with the prolonged sound mark), which CJK bigram analyzers pair up. */
const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]/u;
/** A run of CJK characters, or a run of other letters and digits (a Latin word, a number). */
const BIGRAM_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]+|[\p{L}\p{N}]+/gu;

/** Lucene's default English stop words (`EnglishAnalyzer.ENGLISH_STOP_WORDS_SET`), which CJKAnalyzer also drops. */
const ENGLISH_STOP_WORDS = new Set(
  ['a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not', 'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with'],
);

/**
 * Lucene CJKAnalyzer's terms (Groonga's TokenBigram is the same idea) of normalized text: overlapping
 * character bigrams of each CJK run (a lone CJK character stays a unigram), each run of other letters
 * and digits as one word unless it is an English stop word; punctuation and spaces separate. Repeats are
 * kept, since BM25's term frequency counts them.
 */
export function characterBigrams(text: string): string[] {
  const terms: string[] = [];
  for (const [run] of text.matchAll(BIGRAM_RUN)) {
    const characters = [...run];
    if (!CJK_CHARACTER.test(characters[0] ?? '') || characters.length === 1) {
      if (!ENGLISH_STOP_WORDS.has(run)) terms.push(run);
      continue;
    }
    for (let index = 0; index + 1 < characters.length; index++) terms.push(`${characters[index]}${characters[index + 1]}`);
  }
  return terms;
}

/**
 * The alternatives, built over `data.passages`:
 * - `orama-japanese`: Orama with @orama/tokenizers' Japanese tokenizer, created the documented way
 *   (`createTokenizer()`). It keeps Intl.Segmenter's word-like segments (ICU's dictionary segmentation),
 *   particles included, as they come (no normalization or stop words of its own), deduplicated per field:
 *   its `allowDuplicates` option is not honoured in 3.1.18, so BM25 sees each term once per field. With
 *   Orama's prefix lookup a one-character query segment (`の`, `国`) matches every term it begins.
 * - `orama-bigram`: Orama with a character-bigram tokenizer (characterBigrams, each term end-marked so
 *   terms match whole), the CJK default of Lucene/Elasticsearch (CJKAnalyzer) and Groonga.
 */
export function buildAlternatives(data: Pick<IndexData, 'passages' | 'documents'>): Alternative[] {
  const passages = fieldsOf(data);
  const bigramTokenizer: Tokenizer = { language: 'japanese', normalizationCache: new Map(), tokenize: (raw) => characterBigrams(raw).map((term) => term + TERM_END) };
  return [
    oramaAlternative('orama-japanese', 'Orama 3.1.18 + @orama/tokenizers/japanese (Intl.Segmenter words), BM25, stock search (prefix matches)', createJapaneseTokenizer(), passages),
    oramaAlternative('orama-bigram', 'Orama 3.1.18 + character bigrams of CJK runs, Latin/digit runs whole minus English stop words (Lucene CJKAnalyzer), whole-term matches, BM25', bigramTokenizer, passages),
  ];
}
