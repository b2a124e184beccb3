import type { Document, FootnoteRef } from '../model/document';
import type { LexiconData } from '../text/tokenizer';

/**
 * The contract between the index build (src/ingest) and the runtime (src/search): what index/ holds.
 * Bump INDEX_FORMAT for any change to these shapes, TOKENIZER_VERSION for any change to what tokenize()
 * or bigrams() return; the runtime refuses an index built with other versions and says how to rebuild.
 */
export const INDEX_FORMAT = 11;
export const TOKENIZER_NAME = 'shiori-lexicon';
export const TOKENIZER_VERSION = 4;

export const MANIFEST_FILE = 'manifest.json';
/**
 * The index's core (IndexCore): everything a question is analysed with, and where the rest lies. The rest
 * is read on demand (index-layout.ts): postings in shards by term, passages in blocks of consecutive
 * indexes, one file per paper. All are JSON, named .txt; the Worker reads them from its static assets.
 */
export const DATA_FILE = 'core.json.txt';

export interface Manifest {
  format: number;
  tokenizer: {
    name: string;
    version: number;
    /** Where the lexicon came from. */
    analyzer: string;
    dictionary: string;
    lexiconEntries: number;
    /** F1 of the lexicon tokenizer's terms against kuromoji's on the corpus paragraphs. */
    agreementWithAnalyzer: number;
  };
  corpus: {
    /** SHA-256 over the corpus files' names and bytes (sidecars included), in name order. */
    hash: string;
    files: string[];
  };
  counts: { documents: number; passages: number; footnotes: number; terms: number; aliases: number; englishPhrases: number; englishRelated: number; capitals: number; synonymGroups: number };
  /** ISO time of the build. */
  builtAt: string;
  /** The version of the build's rules (src/ingest/build-rules.ts): another one means the index is stale. */
  buildRules: string;
  /** Corpus files the build could not index, in name order; the other papers are indexed without them. */
  problems: IndexProblem[];
}

/** index/manifest.json: the manifest, and every file's size as written, so a truncated one is noticed before it is read. */
export interface ManifestFile extends Manifest {
  data: { bytes: number };
  /** Every file of the index but the manifest, by name, with its size in bytes. */
  files: Record<string, number>;
  /**
   * For the next build (build-index.ts): by document id, each paper's key (its file's name and bytes, its
   * sidecar and the build rules: parseMemo) and its part of the tokenizer's agreement with kuromoji
   * (common, kuromoji's and the tokenizer's terms); and a key of the lexicon the tokens were made under. A
   * paper with the same key, all of whose texts keep their tokens, has the same files (paperFiles) and the
   * same part of the agreement.
   */
  segments?: Record<string, { key: string; agreement: [number, number, number] }>;
  lexiconKey?: string;
}

/**
 * A corpus file the build left out: which, where, why, and whether the index holds its previous good
 * version instead (taken from the index the build replaced).
 */
export interface IndexProblem {
  /** The file's name in the corpus folder. */
  file: string;
  line: number | null;
  column: number | null;
  /** An ingestion error code (src/ingest/errors.ts). */
  code: string;
  /** `file:line:column: reason`, as the build reported it. */
  message: string;
  /** The index holds the paper as it was last indexed successfully. */
  kept: boolean;
}

/** A table's legend and the paper's closing disclaimer are searchable too, at a low prior (rank.ts). */
export type PassageKind = 'paragraph' | 'summary' | 'table-row' | 'legend' | 'closing' | 'disclaimer';

/** A searchable unit: a paragraph, a summary bullet, a table row or the closing line, with everything needed to cite it. */
export interface Passage {
  /** `<docId>:<paragraphId>` (`000_d62613a39113a7e6:p7`) or `<docId>:<tableId>r<row>` for a table row. */
  id: string;
  docId: string;
  kind: PassageKind;
  sectionId: string | null;
  /** The heading path, `親見出し › 【米国】`; null in an untitled section and for summary bullets. */
  section: string | null;
  page: number;
  /** The paper's words; for a table row, the row with its column names (`北朝鮮：日米韓 ◎、…`). */
  text: string;
  /** Footnote markers in `text`. */
  refs: FootnoteRef[];
  /** Word tokens of `text`: [term, start, end], offsets into `text`. */
  tokens: Array<[string, number, number]>;
  /** Terms searched along with the passage but not part of its text: section headings; for a table row, caption and legend. */
  contextTerms: string[];
  /** Terms of the footnotes the passage cites. */
  noteTerms: string[];
  /** For a table row or legend: its table's caption and legend, which the card shows with the row. */
  table?: TableLabel;
}

export interface TableLabel {
  caption: string | null;
  legend: string | null;
}

/**
 * Alternative names the corpus defines for one thing (`東南アジア諸国連合（ASEAN）`): each form as the
 * term sequence the tokenizer gives for it.
 */
export interface AliasGroup {
  forms: string[];
  terms: string[][];
}

export type EnglishTranslations = Record<string, Array<[japanese: string, weight: number]>>;

/** A group of Japanese words of one meaning (Sudachi's synonym dictionary, see src/ingest/synonyms.ts). */
export interface SynonymGroup {
  members: Array<{
    form: string;
    /** `form` as index terms. */
    terms: string[];
    /** Members with one number are one word (spellings, abbreviations); other numbers, other words of the meaning. */
    word: number;
    /** A question's word may expand to the group's others; false for members that are only expanded to. */
    expands: boolean;
    /** The corpus has it (only such members are searched for). */
    inCorpus: boolean;
  }>;
}

/**
 * English words → dictionary keys with a corpus translation that WordNet 3.1 relates them to (see
 * src/ingest/wordnet.ts: a word's neighbours when it has no translation of its own, else its derivations),
 * compact: `near,near|far` (`wary` → `wariness,guard|caution`; `restrain` → `restraint|`).
 */
export type EnglishRelated = Record<string, string>;

/** The index as the build makes it in memory (build-index.ts); index-layout.ts splits it into files. */
export interface IndexData {
  manifest: Manifest;
  documents: Document[];
  passages: Passage[];
  lexicon: LexiconData;
  aliases: AliasGroup[];
  /** In how many passages each word term occurs (text, context or cited footnotes). */
  documentFrequency: Record<string, number>;
  /**
   * English words and phrases as dictionary keys (`nuclear submarine`, see englishKey) → Japanese words of
   * the corpus that translate them, with weights, the best 1 (see src/ingest/english-lexicon.ts).
   */
  english: EnglishTranslations;
  englishRelated: EnglishRelated;
  /** Capital cities → their countries' names, as dictionary keys (src/ingest/capitals.ts). */
  capitals: Record<string, string[]>;
  /** Japanese synonym groups restricted to the corpus. */
  synonyms: SynonymGroup[];
  /** Terms that name a place in the corpus (IPADIC's 名詞,固有名詞,地域: 東京, シンガポール): what a `where` answer names. */
  places: string[];
  /**
   * Proper nouns of the corpus written in kanji → their katakana reading (IPADIC: 南鳥島 → ミナミトリシマ,
   * 尖閣諸島 → センカクショトウ): how an English question that spells them in romaji (`Minamitorishima`) meets them.
   */
  readings: Record<string, string>;
  /** Word tokens of each footnote, keyed `<docId>#<n>`: [term, start, end], offsets into the footnote's text. */
  footnoteTokens: Record<string, Array<[string, number, number]>>;
}

/** The fields a passage is searched by (retrieval.fieldBoost): its words, its headings, its cited footnotes, its bigrams. */
export const FIELDS = ['text', 'context', 'notes', 'grams'] as const;
export type Field = (typeof FIELDS)[number];

/** A paper as the core lists it: what /api/documents shows, and where its passages are. */
export interface DocumentEntry {
  id: string;
  sourceFile: string;
  title: string;
  titleSource: Document['titleSource'];
  date: string | null;
  author: string | null;
  series: string | null;
  number: string | null;
  publisher: string | null;
  /** Where the paper is published (the sidecar's sourceUrl). */
  sourceUrl: string | null;
  lang: Document['lang'];
  pages: number;
  /** Top-level sections. */
  sections: number;
  footnotes: number;
  tables: number;
  /** Index of its first passage; its passages are consecutive. */
  firstPassage: number;
  /** Local ids of its passages in order (`p7`, `t1r3`): passage `firstPassage + i` is `<id>:<passages[i]>`. */
  passages: string[];
}

/** What a question is analysed and searched with, loaded once; the rest of the index is read on demand. */
export interface IndexCore extends Omit<IndexData, 'documents' | 'passages' | 'footnoteTokens'> {
  documents: DocumentEntry[];
  passageCount: number;
  layout: {
    /** Passages per block file. */
    passageBlock: number;
    /** Number of postings shards; a term's shard is termShard(term, shards). */
    postingShards: number;
  };
  /** Per field: each passage's length in terms (BM25's normalisation), and their mean. */
  lengths: Record<Field, { perPassage: number[]; mean: number }>;
}

/** A footnote a passage cites, with what the engine needs of it: its text, URLs and word tokens. */
export interface CitedNote {
  text: string;
  urls: string[];
  tokens: Array<[string, number, number]>;
}

/**
 * A line of a block file: one passage and the footnotes it cites, keyed `<docId>#<n>`. A block file holds
 * consecutive passages a line each, so a reader parses only the passages it needs.
 */
export interface StoredPassage {
  passage: Passage;
  notes: Record<string, CitedNote>;
}

/**
 * A postings shard: term → field → [passage indexes delta-coded, counts]; a count of 1 is left out of
 * `counts` when every count is 1 (an empty array).
 */
export type PostingsShard = Record<string, Partial<Record<Field, [deltas: number[], counts: number[]]>>>;

