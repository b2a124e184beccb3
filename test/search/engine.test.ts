import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndexData, indexInMemory } from '../../src/ingest/build-index';
import { decodeSource } from '../../src/ingest/decode';
import { parseDocument } from '../../src/ingest/parse-document';
import { createSearchEngine, type SearchEngine } from '../../src/search/engine';
import type { IndexData } from '../../src/search/index-format';
import { postingsRetriever } from '../../src/search/postings';
import type { CandidateRetriever } from '../../src/search/retriever';
import type { IndexStore } from '../../src/search/store';
import { kuromojiAnalysis } from '../support/kuromoji';

/**
 * The search engine over a small index built by the real pipeline (kuromoji, the index's files, read
 * back as a runtime reads them) from two papers:
 * the fixture paper written after the parser, and a short plain-text memo.
 */
let engine: SearchEngine;
let data: IndexData;
let store: IndexStore;
beforeAll(async () => {
  const paper = parseDocument(decodeSource(readFileSync('test/fixtures/mda-commentary.txt'), 'mda'), { sourceFile: 'mda-commentary.txt' });
  const memo = parseDocument('海上保安庁は巡視船の増強を進めている。\n\n協議には豪州の国境警備隊も加わった。\n', { sourceFile: 'memo.txt' });
  data = buildIndexData([paper, memo], { glossary: [['豪州', 'オーストラリア']], english: () => ({}) }, { hash: 'test', files: [] }, await kuromojiAnalysis());
  store = await indexInMemory(data);
  engine = createSearchEngine(store);
});
const search = (query: string, limit = 5) => engine.search(query, { limit });

describe('search', () => {
  it('says how many results clear the relevance cut: those within its share of the best, at least its least, and the quoted one', async () => {
    const question = '海洋状況把握とは？';
    const response = await engine.search(question, { limit: 10 });
    const best = Math.max(...response.results.map((result) => result.score));
    const clearing = response.results.filter((result) => result.score >= best * 0.5).length;
    expect(response.shown).toBe(Math.min(response.results.length, Math.max(clearing, 3, (response.answerResult ?? -1) + 1)));
    const all = await engine.search(question, { limit: 10, relevance: { display: { shown: { share: 0, least: 1 } } } });
    expect(all.shown).toBe(all.results.length);
    const one = await engine.search(question, { limit: 10, relevance: { display: { shown: { share: 1, least: 1 } } } });
    expect(one.shown).toBe(Math.max(1, (one.answerResult ?? -1) + 1, one.results.filter((result) => result.score >= Math.max(...one.results.map((other) => other.score))).length));
    await expect(engine.search(question, { limit: 10, relevance: { display: { shown: { share: 2 } } } })).rejects.toThrow(/display\.shown\.share/u);
  });

  it('declines a question for a datum the papers do not give about what they discuss, and answers the one they give', async () => {
    // The papers tell when the second MDA dialogue met and what it agreed, not what it cost or who chaired it.
    expect((await search('第2回MDA対話の予算額はいくらでしたか')).found).toBe(false);
    expect((await search('第2回MDA対話の議長は誰でしたか')).found).toBe(false);
    expect((await search('How much funding did the second MDA dialogue receive?')).found).toBe(false);
    expect((await search('第2回MDA対話はいつ開催された？')).found).toBe(true);
    expect((await search('第2回MDA対話ではどんなことで一致した？')).found).toBe(true);
    // `最初は` says when, not what: the question still asks only for the number of countries.
    expect((await search('MDAの枠組みは最初は何か国で検討された？')).found).toBe(true);
  });

  it('finds a table\'s legend as a passage of its own, under the table\'s section', async () => {
    const legend = (await search('主要な協力分野の表はだれが作成した？')).results.find((result) => result.kind === 'legend');
    expect(legend).toMatchObject({ id: 'mda-commentary:t1legend', text: '＊◎は主要な協力分野。筆者作成。' });
  });

  it('ranks the passage that answers first, with its section, page and citations', async () => {
    const response = (await search('日豪の第2回MDA対話ではどんなことで一致した？'));
    expect(response.found).toBe(true);
    expect(response.results[0]).toMatchObject({ id: 'mda-commentary:p3', section: 'はじめに', page: 1 });
    expect(response.results[0]?.snippet).toContain('衛星データの共有を拡大することで一致した');
    expect(response.results[0]?.citations.map((citation) => citation.n)).toEqual([1, 2]);
  });

  it('finds passages through a name the paper defines: MDA = 海洋状況把握', async () => {
    const response = (await search('海洋状況把握'));
    expect(response.results.map((result) => result.text).some((text) => text.includes('MDA') && !text.includes('海洋状況把握'))).toBe(true);
  });

  it('finds passages through the glossary: オーストラリア = 豪州', async () => {
    expect((await search('オーストラリアの国境警備隊')).results[0]?.id).toBe('memo:p2');
  });

  it('answers from a cited footnote when the footnote holds the answer, quoting it with its number', async () => {
    const response = (await search('北部の基地整備の方針について述べている文書は？'));
    expect(response.found).toBe(true);
    expect(response.answer).toBe('なお、同文書は北部の基地整備の方針についても述べている。[4]');
    expect(response.results[0]?.matchedNote).toBe(4);
  });

  it('quotes the best sentences verbatim with their footnote markers', async () => {
    const response = (await search('豪州は国防戦略更新で北部の監視能力をどう位置付けた？'));
    expect(response.answer).toBe('豪州は2020年の国防戦略更新において、北部の監視能力を優先課題と位置付けた[4]。');
  });

  it('says the corpus does not answer a question about something it never mentions', async () => {
    expect((await search('明日の大阪の天気を教えて')).found).toBe(false);
    expect((await search('おいしいカレーの作り方は？')).found).toBe(false);
  });

  it('declines a counting question when no passage states the unit asked for', async () => {
    expect((await search('巡視船は何隻増強される？')).found).toBe(false);
    expect((await search('当初は何か国による枠組みが検討された？')).found).toBe(true);
  });

  it('ranks the body paragraph above the summary bullet that restates it, on equal evidence', async () => {
    const ids = (await search('情報共有と共同訓練と能力構築支援', 10)).results.map((result) => result.id);
    expect(ids.indexOf('mda-commentary:p7')).toBeLessThan(ids.indexOf('mda-commentary:p2'));
  });

  it('searches one document when asked', async () => {
    const results = (await engine.search('豪州', { limit: 10, docId: 'memo' })).results;
    expect(results.map((result) => result.docId)).toEqual(['memo']);
  });

  it('finds a table row by its label and column', async () => {
    const top = (await search('表で情報共有に力を入れているのはどこ？')).results[0];
    expect(top?.kind).toBe('table-row');
    expect(top?.text).toBe('情報共有：防衛省 ◎、海上保安庁(JCG) 〇');
  });

  it('gives snippets that are substrings of their passage, with highlights inside them', async () => {
    const vocabulary = ['日豪', '協力', 'MDA', '衛星', 'データ', '共有', '豪州', '北部', '監視', '課題', '海上保安庁', '巡視船', '2021年', 'Quad', '表'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 5 }), async (words) => {
        for (const result of (await search(words.join('の'), 10)).results) {
          expect(result.text.slice(result.snippetStart, result.snippetStart + result.snippet.length)).toBe(result.snippet);
          for (const [start, end] of result.highlights) expect(0 <= start && start < end && end <= result.snippet.length).toBe(true);
          for (const [start, end] of result.textHighlights) expect(0 <= start && start < end && end <= result.text.length).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('returns a passage by id, whole', async () => {
    const passage = (await engine.passage('mda-commentary:p6'));
    expect(passage?.snippet).toBe(passage?.text);
    expect((await engine.passage('mda-commentary:p999'))).toBeUndefined();
  });

  it('ranks candidates it has seen without reading them again, and reads only the passages it shows', async () => {
    const requested: number[][] = [];
    const counting: IndexStore = { ...store, passages: (indexes) => (requested.push([...indexes]), store.passages(indexes)) };
    const reading = createSearchEngine(counting);
    const question = 'MDA対話はいつ開催された？';
    const first = await reading.search(question, { limit: 3 });
    // The first time: every candidate (to analyse it), then the three shown, which were just read.
    expect(requested.length).toBe(2);
    expect(requested[0]?.length).toBeGreaterThan(3);
    expect(requested[1]).toHaveLength(3);
    requested.length = 0;
    const again = await reading.search(question, { limit: 3 });
    expect(again).toEqual(first);
    // Again: nothing read to rank, only the three passages shown.
    expect(requested).toEqual([expect.any(Array)]);
    expect((requested[0] ?? []).map((index) => data.passages[index]?.id)).toEqual(first.results.map((result) => result.id));
    // A cache too small for the candidates reads them again, and answers the same.
    const small = createSearchEngine(counting, { cacheEntries: 2 });
    requested.length = 0;
    expect(await small.search(question, { limit: 3 })).toEqual(first);
    await small.search(question, { limit: 3 });
    expect(requested.filter((indexes) => indexes.length > 3)).toHaveLength(2);
  });

  it('takes its candidates from the retriever it is given, and nowhere else', async () => {
    const postings = postingsRetriever(store);
    const asked: string[][] = [];
    // A first stage that passes on the postings' candidates within the memo only.
    const memoOnly: CandidateRetriever = {
      retrieve: async (words, grams, params, docId) => {
        asked.push(words.map((word) => word.term));
        return (await postings.retrieve(words, grams, params, docId)).filter((candidate) => data.passages[candidate.index]?.docId === 'memo');
      },
    };
    const scoped = createSearchEngine(store, { retriever: memoOnly, cacheEntries: 2 });
    const response = (await scoped.search('豪州の国境警備隊', { limit: 5 }));
    expect(asked.length).toBe(1);
    expect(asked[0]).toContain('国境警備隊');
    expect(response.results.length).toBeGreaterThan(0);
    expect(response.results.every((result) => result.docId === 'memo')).toBe(true);
    // With the default retriever the same question reaches the paper too, and the answers agree where they meet.
    expect((await search('豪州の国境警備隊', 10)).results.some((result) => result.docId !== 'memo')).toBe(true);
  });
});
