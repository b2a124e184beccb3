import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndexData, indexFiles, indexInMemory } from '../../src/ingest/build-index';
import { decodeSource } from '../../src/ingest/decode';
import { parseDocument } from '../../src/ingest/parse-document';
import { DATA_FILE, FIELDS, type IndexData } from '../../src/search/index-format';
import { fieldTerms, passagesFile, postingsFile, termShard } from '../../src/search/index-layout';
import { IndexError } from '../../src/search/load-index';
import { postingsRetriever } from '../../src/search/postings';
import { DEFAULT_RELEVANCE } from '../../src/search/relevance';
import { memoryReader, openIndex, type IndexStore } from '../../src/search/store';
import { INGEST_LIMITS } from '../../src/ingest/limits';
import { kuromojiAnalysis } from '../support/kuromoji';

/** The index's files (index-layout.ts), the store that reads them (store.ts) and the first stage over its postings (postings.ts). */
let data: IndexData;
let store: IndexStore;
beforeAll(async () => {
  // The fixture paper and the three new papers: some 100 passages, enough for the pruning to matter.
  const files = ['test/fixtures/mda-commentary.txt', 'test/fixtures/new-papers/m02.txt', 'test/fixtures/new-papers/m03.txt', 'test/fixtures/new-papers/m05.txt'];
  const papers = files.map((file, index) => parseDocument(decodeSource(readFileSync(file), `paper${index}`), { sourceFile: file.replace(/^.*\//u, '') }));
  data = buildIndexData(papers, { glossary: [], english: () => ({}) }, { hash: 'test', files: [] }, await kuromojiAnalysis());
  store = await indexInMemory(data);
});

/** The block file passage `index` lies in: its paper's own blocks, counted from the paper's first passage. */
function blockOf(index: number): string {
  const docId = data.passages[index]?.docId ?? '';
  const first = data.passages.findIndex((passage) => passage.docId === docId);
  return passagesFile(docId, Math.floor((index - first) / store.core.layout.passageBlock));
}

describe('the index in files, read back by the store', () => {
  it('gives back every passage with the footnotes it cites, and every paper, as built', async () => {
    const all = await store.passages(data.passages.map((_, index) => index));
    expect(all.size).toBe(data.passages.length);
    data.passages.forEach((passage, index) => {
      expect(all.get(index)?.passage).toEqual(passage);
      for (const { n } of passage.refs) {
        const footnote = data.documents.find((document) => document.id === passage.docId)?.footnotes.find((note) => note.n === n);
        expect(all.get(index)?.notes[`${passage.docId}#${n}`]?.text).toBe(footnote?.text);
      }
    });
    for (const document of data.documents) expect(await store.document(document.id)).toEqual(document);
    expect(await store.document('no-such-paper')).toBeUndefined();
    expect((await store.passages([-1, data.passages.length, 0.5])).size).toBe(0);
  });

  it('stores each term’s postings exactly: the passages holding it in each field, with its count there', async () => {
    const vocabulary = [...new Set(data.passages.flatMap((passage) => FIELDS.flatMap((field) => fieldTerms(passage, field, INGEST_LIMITS.maxFieldTerms))))];
    const sample = vocabulary.filter((_, index) => index % 7 === 0);
    const postings = await store.postings([...sample, 'ない言葉']);
    expect(postings.has('ない言葉')).toBe(false);
    const terms = data.passages.map((passage) => Object.fromEntries(FIELDS.map((field) => [field, fieldTerms(passage, field, INGEST_LIMITS.maxFieldTerms)])) as Record<(typeof FIELDS)[number], string[]>);
    for (const term of sample) {
      for (const field of FIELDS) {
        const expected = data.passages.flatMap((_, index) => {
          const count = (terms[index]?.[field] ?? []).filter((candidate) => candidate === term).length;
          return count === 0 ? [] : [[index, count]];
        });
        const list = postings.get(term)?.[field];
        expect(list === undefined ? [] : [...list.ids].map((id, position) => [id, list.counts[position]]), `${term} in ${field}`).toEqual(expected);
      }
    }
  });

  it('keeps within its limits, reading again what it dropped', async () => {
    const files = indexFiles(data);
    const reads: string[] = [];
    const small = await openIndex((name) => (reads.push(name), memoryReader(files)(name)), { postingEntries: 50, blockChars: 20_000, passages: 10, documents: 1 });
    const terms = [...new Set(data.passages.flatMap((passage) => passage.tokens.map(([term]) => term)))].slice(0, 200);
    for (const term of terms) await small.postings([term]);
    const first = await small.passages([0]);
    await small.passages(data.passages.map((_, index) => index));
    reads.length = 0;
    expect(await small.passages([0])).toEqual(first);
    // Passage 0 and its block were dropped for later ones (10 passages and 20,000 characters of blocks kept at most), so it is read again.
    expect(reads).toEqual([blockOf(0)]);
  });

  it('reads the files a question needs in one batch where the source can, and questions asked at once share it', async () => {
    const files = indexFiles(data);
    const batches: string[][] = [];
    const singles: string[] = [];
    const source = {
      read: (name: string) => (singles.push(name), memoryReader(files)(name)),
      readMany: async (names: readonly string[]) => (batches.push([...names]), new Map(names.map((name) => [name, files.get(name)]))),
    };
    const batched = await openIndex(source);
    const indexes = data.passages.map((_, index) => index).filter((index) => index % 3 === 0);
    const [first, second] = await Promise.all([batched.passages(indexes), batched.passages(indexes)]);
    const blocks = [...new Set(indexes.map(blockOf))];
    expect(batches).toEqual([blocks]);
    expect(singles).toEqual([DATA_FILE]);
    expect(first).toEqual(await store.passages(indexes));
    expect(second).toEqual(first);
    const terms = [...new Set(data.passages.flatMap((passage) => passage.tokens.map(([term]) => term)))].slice(0, 40);
    batches.length = 0;
    expect(await batched.postings(terms)).toEqual(await store.postings(terms));
    expect(batches).toHaveLength(1);
    expect(new Set(batches[0])).toEqual(new Set(terms.map((term) => postingsFile(termShard(term, store.core.layout.postingShards)))));
  });

  it('fails the questions whose batch failed, and reads those files again for the next', async () => {
    const files = indexFiles(data);
    let failing = true;
    const source = {
      read: memoryReader(files),
      readMany: async (names: readonly string[]) => {
        if (failing) throw new IndexError('INDEX_CORRUPT', 'the database did not answer');
        return new Map(names.map((name) => [name, files.get(name)]));
      },
    };
    const flaky = await openIndex(source);
    await expect(flaky.passages([0, 1, 40])).rejects.toThrow('the database did not answer');
    failing = false;
    expect(await flaky.passages([0, 1, 40])).toEqual(await store.passages([0, 1, 40]));
  });

  it('says which file of the index is damaged, instead of answering from it', async () => {
    const files = new Map(indexFiles(data));
    const term = data.passages[0]?.tokens[0]?.[0] ?? '';
    const shard = termShard(term, (JSON.parse(files.get(DATA_FILE) ?? '{}') as { layout: { postingShards: number } }).layout.postingShards);
    files.set(postingsFile(shard), '{"cut short');
    files.delete(blockOf(0));
    const damaged = await openIndex(memoryReader(files));
    await expect(damaged.postings([term])).rejects.toThrow(new IndexError('INDEX_CORRUPT', `${postingsFile(shard)} is not valid JSON (Unterminated string in JSON at position 11). Rebuild it with \`npm run build:index\` (npm start does this when the index is missing or stale).`));
    await expect(damaged.passages([0])).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining(`${blockOf(0)} is missing from the index`) });
  });
  it('refuses a core whose papers hold none of the passages it counts, naming the core', async () => {
    const files = new Map(indexFiles(data));
    const core = JSON.parse(files.get(DATA_FILE) ?? '{}') as { documents: Array<{ passages: string[] }> };
    for (const document of core.documents) document.passages = [];
    files.set(DATA_FILE, JSON.stringify(core));
    const damaged = await openIndex(memoryReader(files));
    await expect(damaged.passages([0])).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining(`${DATA_FILE} lists`) });
  });
});

describe('the weighted postings retriever', () => {
  it('prunes without changing the top k: the same passages and scores as scoring every passage met', async () => {
    const pruned = postingsRetriever(store);
    const exhaustive = postingsRetriever(store, { prune: false });
    const vocabulary = [...new Set(data.passages.flatMap((passage) => passage.tokens.map(([term]) => term)))];
    const grams = [...new Set(data.passages.flatMap((passage) => fieldTerms(passage, 'grams', INGEST_LIMITS.maxFieldTerms)))];
    const papers = [undefined, ...data.documents.map((document) => document.id)];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ term: fc.constantFrom(...vocabulary), weight: fc.constantFrom(1, 0.6, 0.3) }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.constantFrom(...grams), { maxLength: 20 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(...papers),
        async (words, someGrams, candidates, docId) => {
          const params = { ...DEFAULT_RELEVANCE.retrieval, candidates };
          expect(await pruned.retrieve(words, someGrams, params, docId)).toEqual(await exhaustive.retrieve(words, someGrams, params, docId));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('weighs a term by what it stands for: a weaker alternative ranks its passages below the question’s own word', async () => {
    const retriever = postingsRetriever(store);
    const params = { ...DEFAULT_RELEVANCE.retrieval, candidates: 3 };
    const [strong] = await retriever.retrieve([{ term: '衛星', weight: 1 }, { term: '訓練', weight: 0.3 }], [], params);
    const [flipped] = await retriever.retrieve([{ term: '衛星', weight: 0.3 }, { term: '訓練', weight: 1 }], [], params);
    expect(data.passages[strong?.index ?? -1]?.text).toContain('衛星');
    expect(data.passages[flipped?.index ?? -1]?.text).toContain('訓練');
    expect(await retriever.retrieve([{ term: 'ない言葉', weight: 1 }], [], params)).toEqual([]);
  });

  it('searches within one paper when asked: only its passages, the best of them first', async () => {
    const retriever = postingsRetriever(store);
    const docId = data.documents[2]?.id ?? '';
    const params = { ...DEFAULT_RELEVANCE.retrieval, candidates: 5 };
    const words = [{ term: '日本', weight: 1 }, { term: '協力', weight: 1 }];
    const within = await retriever.retrieve(words, [], params, docId);
    expect(within.length).toBeGreaterThan(0);
    expect(within.every((candidate) => data.passages[candidate.index]?.docId === docId)).toBe(true);
    const everywhere = await retriever.retrieve(words, [], { ...params, candidates: data.passages.length });
    expect(within).toEqual(everywhere.filter((candidate) => data.passages[candidate.index]?.docId === docId).slice(0, 5));
  });
});
