import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCorpusFiles, readCorpusDocument } from '../../src/ingest/read-corpus';
import { checkGeneratedPaper, sentencesOf, withoutGlosses, writeSyntheticCorpus, type SyntheticCorpus } from '../../scripts/synthetic-corpus';

/**
 * The scale benchmark's corpora (scripts/synthetic-corpus.ts): generated papers the real ingestion reads
 * exactly as they were generated, that copy no sentence of the real papers, and the same for one seed.
 */
const SCALE = 1.6;
let first: string;
let second: string;
let corpus: SyntheticCorpus;

beforeAll(async () => {
  [first, second] = await Promise.all([mkdtemp(join(tmpdir(), 'shiori-synthetic-')), mkdtemp(join(tmpdir(), 'shiori-synthetic-'))]);
  corpus = await writeSyntheticCorpus({ targetDir: first, scale: SCALE, seed: 7 });
});

afterAll(async () => {
  await Promise.all([rm(first, { recursive: true, force: true }), rm(second, { recursive: true, force: true })]);
});

describe('a synthetic corpus of 1.6× the real one', () => {
  it('holds the real papers and generated ones whose text adds up to about 1.6× the real bytes', async () => {
    expect(corpus.papers.length).toBeGreaterThanOrEqual(1);
    expect(corpus.totalBytes / corpus.realBytes).toBeGreaterThan(SCALE - 0.15);
    expect(corpus.totalBytes / corpus.realBytes).toBeLessThan(SCALE + 0.15);
    const names = (await readdir(first)).sort();
    expect(names).toEqual(expect.arrayContaining(['glossary.json', ...corpus.realFiles.map((file) => file.split('/').at(-1) as string)]));
    // Generated papers sort after the real ones, each with a titled sidecar.
    expect((await listCorpusFiles(first)).map((file) => file.split('/').at(-1))).toEqual([...corpus.realFiles.map((file) => file.split('/').at(-1)), ...corpus.papers.map((paper) => paper.file)]);
  });

  it('is read by the ingestion with the generated footnotes, markers, URLs, headings and sub-headings', async () => {
    for (const paper of corpus.papers) {
      const document = await readCorpusDocument(join(first, paper.file));
      checkGeneratedPaper(document, paper);
      expect(document.title).toBe(paper.title);
      expect(paper.footnotes).toBeGreaterThan(0);
      expect(paper.urls).toBeGreaterThan(0);
      expect(paper.headings.length).toBeGreaterThan(0);
    }
    expect(corpus.papers.some((paper) => paper.subheadings.length > 0 && paper.subheadings.every((heading) => /^【.+】$/u.test(heading)))).toBe(true);
  });

  it('copies no sentence of the real papers, and shares their topical words', async () => {
    const real = new Set((await Promise.all(corpus.realFiles.map((file) => readCorpusDocument(file)))).flatMap(sentencesOf));
    const generated = (await Promise.all(corpus.papers.map((paper) => readCorpusDocument(join(first, paper.file))))).flatMap(sentencesOf);
    expect(generated.length).toBeGreaterThan(50);
    expect(generated.filter((sentence) => real.has(sentence))).toEqual([]);
    const text = generated.join('');
    for (const word of ['NATO', 'ASEAN', '米国', '中国', '安全']) expect(text).toContain(word);
  });

  it('grows its vocabulary beyond the real one', () => {
    const general = corpus.vocabulary['一般'];
    expect(general?.types).toBeGreaterThan(general?.seedTypes ?? Infinity);
  });

  it('writes the same bytes for the same seed', async () => {
    await writeSyntheticCorpus({ targetDir: second, scale: SCALE, seed: 7 });
    for (const paper of corpus.papers) {
      expect(await readFile(join(second, paper.file), 'utf8')).toBe(await readFile(join(first, paper.file), 'utf8'));
    }
  });
});

describe('the skeletons of generated sentences', () => {
  it('leave out the gloss a redrawn noun had (北大西洋条約機構（NATO）), which alias mining would pair with the new noun', () => {
    expect(
      withoutGlosses([{ slot: '固有名詞,組織' }, { text: '（' }, { text: 'NATO' }, { text: '）' }, { text: 'は' }, { slot: '一般' }, { text: '（' }, { text: '注' }]),
    ).toEqual([{ slot: '固有名詞,組織' }, { text: 'は' }, { slot: '一般' }, { text: '（' }, { text: '注' }]);
    // A bracket after kept text is the sentence's own.
    expect(withoutGlosses([{ text: '同盟' }, { text: '（' }, { text: 'NATO' }, { text: '）' }])).toHaveLength(4);
  });
});
