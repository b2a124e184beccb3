import { footnoteKey, parsePassageId } from '../model/ids';
import { bigramCodes, bigramTerm, bigramTerms } from '../text/tokenizer';
import { DATA_FILE, FIELDS, type CitedNote, type DocumentEntry, type Field, type IndexCore, type IndexData, type Passage, type StoredPassage } from './index-format';

/**
 * How the index lies in files (issue 14): a core that is loaded once, and the rest read on demand — so a
 * runtime holds what its questions touch, not the corpus. The Worker reads these files from its static
 * assets; the Node server from index/. Pure: it makes and names the files' texts, it writes nothing.
 *
 *  - `core.json.txt`: IndexCore (lexicon, vocabularies, document frequencies, the papers' entries, each
 *    passage's field lengths);
 *  - `postings/<n>.txt`: the postings of the terms whose termShard is n (PostingsShard);
 *  - `passages/<id>.<n>.txt`: passages n·B … n·B+B−1 of paper `id`, a line each with the footnotes it cites
 *    (StoredPassage). A paper's files hold nothing of any other paper's, so a build that adds a paper keeps
 *    the files of the papers it did not change (build-index.ts links them from the index it replaces);
 *  - `documents/<id>.txt`: one paper as parsed (the reader's, and the next build's kept versions).
 */

/** Tunables of the layout (documented here, the one place): bigger files mean fewer reads but more bytes per read. */
export const LAYOUT = {
  /**
   * Passages per block file. A question's ~60 candidates fall in up to ~60 blocks on a large corpus: a
   * reader reads a whole block for each and parses only the lines it needs, so blocks are small; a
   * block per 8 passages keeps the files within the Worker's 20,000 static assets past 1,000× (each
   * paper's last block is a partial one: 4,280 files in all at 300×, so about 14,000 at 1,000×).
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
/** Block `block` of paper `docId`'s passages (document ids are letters, digits, `_` and `-`: documentId in parse-document.ts). */
export const passagesFile = (docId: string, block: number): string => `passages/${docId}.${block}.txt`;
/** The paper and block a passagesFile name is of; undefined for any other file. */
export const passagesBlockOf = (name: string): { docId: string; block: number } | undefined => {
  const match = /^passages\/([A-Za-z0-9_-]+)\.(\d+)\.txt$/u.exec(name);
  return match === null ? undefined : { docId: match[1] as string, block: Number(match[2]) };
};
export const documentFile = (id: string): string => `documents/${id}.txt`;
/** Every file of one paper: its document and its passage blocks (`passages` of them, `passageBlock` to a file). */
export function paperFiles(docId: string, passages: number, passageBlock: number = LAYOUT.passageBlock): string[] {
  return [documentFile(docId), ...Array.from({ length: Math.ceil(passages / passageBlock) }, (_, block) => passagesFile(docId, block))];
}

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

/**
 * Dense ids for a field's keys, in the order they are first met: terms in a Map, bigram codes (two UTF-16
 * units, past the small-integer range, so a Map keyed by them boxes every one) in an open-addressing table.
 */
interface KeyIds<K> {
  readonly size: number;
  idOf(key: K): number;
  keyAt(id: number): K;
}

class TermIds implements KeyIds<string> {
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];
  get size(): number {
    return this.keys.length;
  }
  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
    }
    return id;
  }
  keyAt(id: number): string {
    return this.keys[id] as string;
  }
}

class CodeIds implements KeyIds<number> {
  /** Slots of code + 1 (0: empty) and their ids; a power of two, at most half full. */
  private slots = new Float64Array(1 << 16);
  private slotIds = new Int32Array(1 << 16);
  private readonly keys: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  idOf(code: number): number {
    const found = this.find(code);
    if (this.slots[found] !== 0) return this.slotIds[found] as number;
    const id = this.keys.length;
    this.keys.push(code);
    this.slots[found] = code + 1;
    this.slotIds[found] = id;
    if (this.keys.length * 2 > this.slots.length) this.grow();
    return id;
  }
  keyAt(id: number): number {
    return this.keys[id] as number;
  }
  private find(code: number): number {
    const mask = this.slots.length - 1;
    let slot = (Math.imul(code | 0, 0x9e3779b1) ^ Math.imul(Math.floor(code / 0x10000), 0x85ebca6b)) & mask;
    while (this.slots[slot] !== 0 && this.slots[slot] !== code + 1) slot = (slot + 1) & mask;
    return slot;
  }
  private grow(): void {
    this.slots = new Float64Array(this.slots.length * 2);
    this.slotIds = new Int32Array(this.slotIds.length * 2);
    this.keys.forEach((code, id) => {
      const slot = this.find(code);
      this.slots[slot] = code + 1;
      this.slotIds[slot] = id;
    });
  }
}

/** A growable Int32Array. */
class Int32List {
  values = new Int32Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/**
 * One field's postings: for each key (by id), the passages it occurs in, ascending, and how often, in flat
 * typed arrays (key `id` spans `start[id]` … `start[id + 1]`). Counted in two passes over the keys met — the
 * first gives each key its id and its number of passages, the second places them — so that millions of
 * occurrences make no object each.
 */
interface FieldPostings<K> {
  keys: KeyIds<K>;
  start: Int32Array;
  passages: Int32Array;
  counts: Int32Array;
}

function tallyField<K>(passageCount: number, keys: KeyIds<K>, each: (index: number, visit: (key: K) => void) => void): { postings: FieldPostings<K>; perPassage: number[] } {
  const met = new Int32List();
  const bounds = new Int32Array(passageCount + 1);
  const perPassage: number[] = [];
  for (let index = 0; index < passageCount; index++) {
    const before = met.length;
    each(index, (key) => met.push(keys.idOf(key)));
    perPassage.push(met.length - before);
    bounds[index + 1] = met.length;
  }
  const ids = met.values;
  const last = new Int32Array(keys.size).fill(-1);
  const start = new Int32Array(keys.size + 1);
  for (let index = 0; index < passageCount; index++) {
    for (let position = bounds[index] as number; position < (bounds[index + 1] as number); position++) {
      const id = ids[position] as number;
      if (last[id] !== index) {
        last[id] = index;
        (start[id + 1] as number)++;
      }
    }
  }
  for (let id = 0; id < keys.size; id++) start[id + 1] = (start[id + 1] as number) + (start[id] as number);
  const placed = start.slice(0, keys.size);
  const passages = new Int32Array(start[keys.size] as number);
  const counts = new Int32Array(passages.length);
  last.fill(-1);
  for (let index = 0; index < passageCount; index++) {
    for (let position = bounds[index] as number; position < (bounds[index + 1] as number); position++) {
      const id = ids[position] as number;
      if (last[id] !== index) {
        last[id] = index;
        passages[placed[id] as number] = index;
        counts[(placed[id] as number)++] = 1;
      } else (counts[(placed[id] as number) - 1] as number)++;
    }
  }
  return { postings: { keys, start, passages, counts }, perPassage };
}

/** A key's postings in a field as PostingsShard writes them: `[[deltas…],[counts…]]`, the counts left out (`[]`) when all are 1. */
function encodeField(postings: FieldPostings<unknown>, id: number): string {
  const from = postings.start[id] as number;
  const to = postings.start[id + 1] as number;
  const deltas = new Array<number>(to - from);
  let ones = true;
  let previous = 0;
  for (let position = from; position < to; position++) {
    const passage = postings.passages[position] as number;
    deltas[position - from] = passage - previous;
    if (postings.counts[position] !== 1) ones = false;
    previous = passage;
  }
  return `[[${deltas.join(',')}],[${ones ? '' : postings.counts.subarray(from, to).join(',')}]]`;
}

/**
 * The files of an index, by name (DATA_FILE is the core), and the core itself; without the files of the
 * papers in `kept` (paperFiles), which the caller has from an earlier layout of the same papers.
 */
export function layoutIndex(
  data: IndexData,
  maxFieldTerms: number,
  kept: ReadonlySet<string> = new Set(),
  /** searchNormalized(text) where the caller has it already (the build's token memo), else undefined. */
  normalized: (text: string) => string | undefined = () => undefined,
): { core: IndexCore; files: Map<string, string> } {
  const files = new Map<string, string>();
  const { passages } = data;
  // Postings: term → its postings in each field, passages in index order (so ids ascend). Each field is
  // counted on its own (tallyField), then its terms join `postings` in the order they were met; bigrams are
  // counted as numbers (bigramCodes: a string per pair made this loop slow) and named at the end.
  const postings = new Map<string, Array<[FieldPostings<unknown>, number] | undefined>>();
  const lengths = {} as IndexCore['lengths'];
  FIELDS.forEach((field, fieldIndex) => {
    const join = <K>(tallied: FieldPostings<K>, termOf: (key: K) => string): void => {
      for (let id = 0; id < tallied.keys.size; id++) {
        const term = termOf(tallied.keys.keyAt(id));
        let byField = postings.get(term);
        if (byField === undefined) postings.set(term, (byField = [undefined, undefined, undefined, undefined]));
        byField[fieldIndex] = [tallied as FieldPostings<unknown>, id];
      }
    };
    let perPassage: number[];
    if (field === 'grams') {
      const tallied = tallyField(passages.length, new CodeIds(), (index, visit) => {
        const { text } = passages[index] as Passage;
        const codes = bigramCodes(text, normalized(text));
        const length = Math.min(codes.length, maxFieldTerms);
        for (let position = 0; position < length; position++) visit(codes[position] as number);
      });
      join(tallied.postings, bigramTerm);
      perPassage = tallied.perPassage;
    } else {
      const tallied = tallyField(passages.length, new TermIds(), (index, visit) => {
        const passage = passages[index] as Passage;
        if (field === 'text') {
          const length = Math.min(passage.tokens.length, maxFieldTerms);
          for (let position = 0; position < length; position++) visit((passage.tokens[position] as [string, number, number])[0]);
        } else for (const term of fieldTerms(passage, field, maxFieldTerms)) visit(term);
      });
      join(tallied.postings, (term) => term);
      perPassage = tallied.perPassage;
    }
    lengths[field] = { perPassage, mean: perPassage.reduce((sum, length) => sum + length, 0) / Math.max(1, perPassage.length) || 1 };
  });
  const encoded = new Map<string, string>();
  let totalBytes = 0;
  for (const [term, byField] of postings) {
    const parts: string[] = [];
    for (const [fieldIndex, field] of FIELDS.entries()) {
      const at = byField[fieldIndex];
      if (at !== undefined) parts.push(`"${field}":${encodeField(at[0], at[1])}`);
    }
    const text = `{${parts.join(',')}}`;
    encoded.set(term, text);
    totalBytes += text.length + term.length + 4;
  }
  const postingShards = Math.min(LAYOUT.maxShards, Math.max(LAYOUT.minShards, Math.ceil(totalBytes / LAYOUT.shardBytes)));
  const shards: string[][] = Array.from({ length: postingShards }, () => []);
  for (const [term, text] of encoded) shards[termShard(term, postingShards)]?.push(`${JSON.stringify(term)}:${text}`);
  shards.forEach((entries, shard) => files.set(postingsFile(shard), `{${entries.join(',')}}`));

  // Passage blocks, each paper's own: a line per passage, each with the footnotes it cites.
  const footnotes = new Map(data.documents.flatMap((document) => document.footnotes.map((footnote) => [footnoteKey(document.id, footnote.n), footnote] as const)));
  const firstPassage = new Map<string, number>();
  const locals = new Map<string, string[]>();
  passages.forEach((passage, index) => {
    // A paper's passages stand together (buildIndexData lays them out paper by paper): its blocks are a run of them.
    if (firstPassage.has(passage.docId) && passages[index - 1]?.docId !== passage.docId) throw new Error(`the passages of ${passage.docId} are not together`);
    if (!firstPassage.has(passage.docId)) firstPassage.set(passage.docId, index);
    const local = parsePassageId(passage.id)?.local ?? passage.id;
    let list = locals.get(passage.docId);
    if (list === undefined) locals.set(passage.docId, (list = []));
    list.push(local);
  });
  for (const [docId, first] of firstPassage) {
    if (kept.has(docId)) continue;
    const count = locals.get(docId)?.length ?? 0;
    for (let block = 0; block * LAYOUT.passageBlock < count; block++) {
      const from = first + block * LAYOUT.passageBlock;
      const lines = passages.slice(from, Math.min(first + count, from + LAYOUT.passageBlock)).map((passage) => {
        const notes: Record<string, CitedNote> = {};
        for (const { n } of passage.refs) {
          const key = footnoteKey(passage.docId, n);
          const footnote = footnotes.get(key);
          if (footnote !== undefined) notes[key] = { text: footnote.text, urls: footnote.urls, tokens: data.footnoteTokens[key] ?? [] };
        }
        const line: StoredPassage = { passage, notes };
        return JSON.stringify(line);
      });
      files.set(passagesFile(docId, block), lines.join('\n'));
    }
  }

  const documents: DocumentEntry[] = data.documents.map((document) => {
    if (!kept.has(document.id)) files.set(documentFile(document.id), JSON.stringify(document));
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
