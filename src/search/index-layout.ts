import { footnoteKey, parsePassageId } from '../model/ids';
import { bigramCodes, bigramTerm, bigramTerms } from '../text/tokenizer';
import { DATA_FILE, FIELDS, type CitedNote, type DocumentEntry, type Field, type IndexCore, type IndexData, type Passage, type PostingsShard, type StoredPassage } from './index-format';

/**
 * How the index lies in files (issue 14): a core that is loaded once, and the rest read on demand — so a
 * runtime holds what its questions touch, not the corpus. The Worker reads these files from its static
 * assets; the Node server from index/. Pure: it makes and names the files' texts, it writes nothing.
 *
 *  - `core.json.txt`: IndexCore (lexicon, vocabularies, document frequencies, the papers' entries, each
 *    passage's field lengths);
 *  - `postings/<n>.txt`: the postings of the terms whose termShard is n (PostingsShard);
 *  - `passages/<n>.txt`: passages n·B … n·B+B−1, a line each with the footnotes it cites (StoredPassage);
 *  - `documents/<id>.txt`: one paper as parsed (the reader's, and the next build's kept versions).
 */

/** Tunables of the layout (documented here, the one place): bigger files mean fewer reads but more bytes per read. */
export const LAYOUT = {
  /**
   * Passages per block file. A question's ~60 candidates fall in up to ~60 blocks on a large corpus: a
   * reader reads a whole block for each and parses only the lines it needs, so blocks are small; a
   * block per 8 passages keeps the files within the Worker's 20,000 static assets past 1,000×.
   */
  passageBlock: 8,
  /** Postings bytes aimed at per shard (uncompressed JSON): a question reads one shard per term. */
  shardBytes: 48 * 1024,
  /** Bounds on the number of shards. */
  minShards: 1,
  maxShards: 4096,
} as const;

/** Where a Worker's static assets hold the index (scripts/build-worker.ts puts it there; the Worker never serves it). */
export const INDEX_ASSET_PATH = '/_index/';
/** Where a Worker's static assets hold the corpus's PDFs (issue 16), served only through /api/documents/:id/pdf. */
export const ORIGINALS_ASSET_PATH = '/_originals/';

export const postingsFile = (shard: number): string => `postings/${shard}.txt`;
export const passagesFile = (block: number): string => `passages/${block}.txt`;
/** The block a passagesFile name is of; undefined for any other file. */
export const passagesBlockOf = (name: string): number | undefined => {
  const block = /^passages\/(\d+)\.txt$/u.exec(name)?.[1];
  return block === undefined ? undefined : Number(block);
};
export const documentFile = (id: string): string => `documents/${id}.txt`;

/** A term's shard: FNV-1a over its UTF-16 code units, modulo the number of shards. */
export function termShard(term: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < term.length; index++) {
    hash ^= term.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}

/** The terms of a passage's field, as indexed (each field capped at `maxFieldTerms`). */
export function fieldTerms(passage: Passage, field: Field, maxFieldTerms: number): string[] {
  const terms = field === 'text' ? passage.tokens.map(([term]) => term) : field === 'context' ? passage.contextTerms : field === 'notes' ? passage.noteTerms : bigramTerms(passage.text);
  return terms.slice(0, maxFieldTerms);
}

/** The passages a term occurs in within one field, ascending, with how often. */
interface PostingList {
  ids: number[];
  counts: number[];
}

/** Counts one occurrence of `key` in passage `index` (passages come in ascending order). */
function tally<K>(lists: Map<K, PostingList>, key: K, index: number): void {
  const list = lists.get(key);
  if (list === undefined) lists.set(key, { ids: [index], counts: [1] });
  else if (list.ids[list.ids.length - 1] === index) (list.counts[list.counts.length - 1] as number)++;
  else {
    list.ids.push(index);
    list.counts.push(1);
  }
}

/** The files of an index, by name (DATA_FILE is the core), and the core itself. */
export function layoutIndex(data: IndexData, maxFieldTerms: number): { core: IndexCore; files: Map<string, string> } {
  const files = new Map<string, string>();
  const { passages } = data;
  // Postings: term → field → ids and counts, passages in index order (so ids ascend). Each field is
  // counted in its own map, then its terms join `postings` in the order they were met; bigrams are
  // counted as numbers (bigramCodes: a string per pair made this loop slow) and named at the end.
  const postings = new Map<string, Array<PostingList | undefined>>();
  const lengths = {} as IndexCore['lengths'];
  FIELDS.forEach((field, fieldIndex) => {
    const perPassage: number[] = [];
    const join = <K>(lists: Map<K, PostingList>, termOf: (key: K) => string): void => {
      for (const [key, list] of lists) {
        const term = termOf(key);
        let byField = postings.get(term);
        if (byField === undefined) postings.set(term, (byField = [undefined, undefined, undefined, undefined]));
        byField[fieldIndex] = list;
      }
    };
    if (field === 'grams') {
      const lists = new Map<number, PostingList>();
      passages.forEach((passage, index) => {
        const codes = bigramCodes(passage.text);
        const length = Math.min(codes.length, maxFieldTerms);
        perPassage.push(length);
        for (let position = 0; position < length; position++) tally(lists, codes[position] as number, index);
      });
      join(lists, bigramTerm);
    } else {
      const lists = new Map<string, PostingList>();
      passages.forEach((passage, index) => {
        const terms = fieldTerms(passage, field, maxFieldTerms);
        perPassage.push(terms.length);
        for (const term of terms) tally(lists, term, index);
      });
      join(lists, (term) => term);
    }
    lengths[field] = { perPassage, mean: perPassage.reduce((sum, length) => sum + length, 0) / Math.max(1, perPassage.length) || 1 };
  });
  const encoded = new Map<string, string>();
  let totalBytes = 0;
  for (const [term, byField] of postings) {
    const entry: PostingsShard[string] = {};
    for (const [fieldIndex, field] of FIELDS.entries()) {
      const list = byField[fieldIndex];
      if (list === undefined) continue;
      const deltas = list.ids.map((id, position) => id - (position === 0 ? 0 : (list.ids[position - 1] as number)));
      entry[field] = [deltas, list.counts.every((count) => count === 1) ? [] : list.counts];
    }
    const text = JSON.stringify(entry);
    encoded.set(term, text);
    totalBytes += text.length + term.length + 4;
  }
  const postingShards = Math.min(LAYOUT.maxShards, Math.max(LAYOUT.minShards, Math.ceil(totalBytes / LAYOUT.shardBytes)));
  const shards: string[][] = Array.from({ length: postingShards }, () => []);
  for (const [term, text] of encoded) shards[termShard(term, postingShards)]?.push(`${JSON.stringify(term)}:${text}`);
  shards.forEach((entries, shard) => files.set(postingsFile(shard), `{${entries.join(',')}}`));

  // Passage blocks: a line per passage, each with the footnotes it cites.
  const footnotes = new Map(data.documents.flatMap((document) => document.footnotes.map((footnote) => [footnoteKey(document.id, footnote.n), footnote] as const)));
  for (let first = 0; first < passages.length; first += LAYOUT.passageBlock) {
    const lines = passages.slice(first, first + LAYOUT.passageBlock).map((passage) => {
      const notes: Record<string, CitedNote> = {};
      for (const { n } of passage.refs) {
        const key = footnoteKey(passage.docId, n);
        const footnote = footnotes.get(key);
        if (footnote !== undefined) notes[key] = { text: footnote.text, urls: footnote.urls, tokens: data.footnoteTokens[key] ?? [] };
      }
      const line: StoredPassage = { passage, notes };
      return JSON.stringify(line);
    });
    files.set(passagesFile(first / LAYOUT.passageBlock), lines.join('\n'));
  }

  const firstPassage = new Map<string, number>();
  const locals = new Map<string, string[]>();
  passages.forEach((passage, index) => {
    if (!firstPassage.has(passage.docId)) firstPassage.set(passage.docId, index);
    const local = parsePassageId(passage.id)?.local ?? passage.id;
    let list = locals.get(passage.docId);
    if (list === undefined) locals.set(passage.docId, (list = []));
    list.push(local);
  });
  const documents: DocumentEntry[] = data.documents.map((document) => {
    files.set(documentFile(document.id), JSON.stringify(document));
    return {
      id: document.id,
      sourceFile: document.sourceFile,
      title: document.title,
      titleSource: document.titleSource,
      date: document.date ?? null,
      author: document.author ?? null,
      series: document.series ?? null,
      number: document.number ?? null,
      publisher: document.publisher ?? null,
      sourceUrl: document.sourceUrl ?? null,
      lang: document.lang,
      pages: document.pages,
      sections: document.sections.filter((section) => section.level === 1).length,
      footnotes: document.footnotes.length,
      tables: document.tables.length,
      firstPassage: firstPassage.get(document.id) ?? passages.length,
      passages: locals.get(document.id) ?? [],
    };
  });
  const { documents: _documents, passages: _passages, footnoteTokens: _footnoteTokens, ...vocabularies } = data;
  const core: IndexCore = { ...vocabularies, documents, passageCount: passages.length, layout: { passageBlock: LAYOUT.passageBlock, postingShards }, lengths };
  files.set(DATA_FILE, JSON.stringify(core));
  return { core, files };
}
