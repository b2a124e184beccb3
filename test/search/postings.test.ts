import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndexData } from '../../src/ingest/build-index';
import { decodeSource } from '../../src/ingest/decode';
import { parseDocument } from '../../src/ingest/parse-document';
import type { IndexData } from '../../src/search/index-format';
import { postingsRetriever } from '../../src/search/postings';
import { DEFAULT_RELEVANCE } from '../../src/search/relevance';
import { kuromoji } from '../support/kuromoji';

/** The weighted first stage (src/search/postings.ts) over a small index built by the real pipeline. */
let data: IndexData;
beforeAll(async () => {
  // The fixture paper and the three new papers: some 100 passages, enough for the pruning to matter.
  const files = ['test/fixtures/mda-commentary.txt', 'test/fixtures/new-papers/m02.txt', 'test/fixtures/new-papers/m03.txt', 'test/fixtures/new-papers/m05.txt'];
  const papers = files.map((file, index) => parseDocument(decodeSource(readFileSync(file), `paper${index}`), { sourceFile: file.replace(/^.*\//u, '') }));
  data = buildIndexData(papers, { glossary: [], english: () => ({}) }, { hash: 'test', files: [] }, await kuromoji());
});

describe('the weighted postings retriever', () => {
  it('prunes without changing the top k: the same passages and scores as scoring every passage met', () => {
    const pruned = postingsRetriever(data);
    const exhaustive = postingsRetriever(data, { prune: false });
    const vocabulary = [...new Set(data.passages.flatMap((passage) => passage.tokens.map(([term]) => term)))];
    fc.assert(
      fc.property(
        fc.array(fc.record({ term: fc.constantFrom(...vocabulary), weight: fc.constantFrom(1, 0.6, 0.3) }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 8 }),
        (words, candidates) => {
          const params = { ...DEFAULT_RELEVANCE.retrieval, candidates };
          expect(pruned.retrieve(words, [], params)).toEqual(exhaustive.retrieve(words, [], params));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('weighs a term by what it stands for: a weaker alternative ranks its passages below the question’s own word', () => {
    const retriever = postingsRetriever(data);
    const params = { ...DEFAULT_RELEVANCE.retrieval, candidates: 3 };
    const [strong] = retriever.retrieve([{ term: '衛星', weight: 1 }, { term: '訓練', weight: 0.3 }], [], params);
    const [flipped] = retriever.retrieve([{ term: '衛星', weight: 0.3 }, { term: '訓練', weight: 1 }], [], params);
    expect(data.passages[strong?.index ?? -1]?.text).toContain('衛星');
    expect(data.passages[flipped?.index ?? -1]?.text).toContain('訓練');
    expect(retriever.retrieve([{ term: 'ない言葉', weight: 1 }], [], params)).toEqual([]);
  });
});
