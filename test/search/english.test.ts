import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndexData } from '../../src/ingest/build-index';
import { parseDictionary, readEnglishDictionary, toDictionaryEntry } from '../../src/ingest/english-dictionary';
import { deriveEnglishEntries, parseEdictLine } from '../../src/ingest/english-lexicon';
import { parseDocument } from '../../src/ingest/parse-document';
import { readWordNet, wordnetRelations } from '../../src/ingest/wordnet';
import type { SearchEngine } from '../../src/search/engine';
import type { IndexData } from '../../src/search/index-format';
import { engineOf } from '../support/engines';
import { kuromojiAnalysis } from '../support/kuromoji';

/**
 * English questions over a small Japanese memo, through the real pipeline: EDICT lines (test/fixtures/
 * edict-sample.txt) restricted to the memo's vocabulary by kuromoji, the index built with Orama, the
 * engine's query analysis and ranking. Nothing here knows the questions.
 */
const MEMO = [
  '日米同盟は地域の安定の基盤である。',
  '集団安全保障の枠組みとして、ASEAN地域フォーラムが機能してきた。',
  '豪州は原子力潜水艦の取得を目指し、英米がこれを支援する。',
  'ポンペオ国務長官は訪日の目的について語った。',
  'ドイツとの第2回会合は、フランスの反発によってキャンセルされた。',
  '労働組合の連合は賃上げを求めた。',
  '融資の担保として土地が差し出された。',
  'The Quadrilateral Security Dialogue met again in 2020.',
]
  .map((paragraph) => ` ${paragraph}`)
  .join('\n\n');

let engine: SearchEngine;
let data: IndexData;
beforeAll(async () => {
  const analyzer = await kuromojiAnalysis();
  const memo = parseDocument(MEMO, { sourceFile: 'memo.txt' });
  const lines = readFileSync('test/fixtures/edict-sample.txt', 'utf8').split('\n');
  const dictionary = lines.flatMap((line) => parseEdictLine(line) ?? []).flatMap((entry) => toDictionaryEntry(entry) ?? []);
  data = buildIndexData([memo], { glossary: [['米国', '米', 'United States']], english: (occurs) => deriveEnglishEntries(dictionary, occurs) }, { hash: 'test', files: [] }, analyzer);
  engine = await engineOf(data);
});
const top = async (question: string): Promise<string | undefined> => (await engine.search(question, { limit: 3 })).results[0]?.text;
const searchedFor = async (question: string) => (await engine.search(question, { limit: 3 })).searchedFor;

describe('English questions over Japanese text', () => {
  it('has one passage per paragraph of the memo', async () => {
    expect(data.passages.map((passage) => passage.text.slice(0, 4))).toEqual(['日米同盟', '集団安全', '豪州は原', 'ポンペオ', 'ドイツと', '労働組合', '融資の担', 'The ']);
  });

  it('translates words through the dictionary, whatever their inflection (alliances, alliance)', async () => {
    expect((await top('alliances'))).toContain('日米同盟');
    expect((await top('the alliance'))).toContain('日米同盟');
    expect((await searchedFor('alliances'))).toEqual([{ asked: 'alliances', japanese: ['同盟', '連合'] }]);
  });

  it('takes a multi-word term as one (collective security → 集団安全保障), not word by word', async () => {
    expect((await searchedFor('collective security frameworks'))[0]).toEqual({ asked: 'collective security', japanese: ['集団安全保障'] });
    expect((await top('Which collective security frameworks have worked?'))).toContain('集団安全保障');
    expect((await searchedFor('nuclear submarines'))).toEqual([{ asked: 'nuclear submarines', japanese: ['原子力潜水艦'] }]);
    expect((await top('Who is acquiring nuclear submarines?'))).toContain('原子力潜水艦');
  });

  it('finds a name written in katakana by its sound, with no dictionary or glossary entry', async () => {
    expect((await searchedFor('Pompeo'))).toEqual([{ asked: 'Pompeo', japanese: ['ポンペオ'] }]);
    expect((await top('What did Pompeo talk about when he visited?'))).toContain('ポンペオ国務長官');
  });

  it('ranks the main sense of an ambiguous word above a minor one (alliance: 同盟 over 連合)', async () => {
    const results = (await engine.search('alliance', { limit: 5 })).results.map((result) => result.text);
    expect(results.findIndex((text) => text.includes('日米同盟'))).toBeLessThan(results.findIndex((text) => text.includes('労働組合の連合')));
  });

  it('searches a word with several senses through each, weighted, at most six', async () => {
    const [security] = (await searchedFor('security'));
    expect(security?.japanese.length).toBeGreaterThan(1);
    expect(security?.japanese.length).toBeLessThanOrEqual(6);
  });

  it('still matches English written in the papers', async () => {
    expect((await top('When did the Quadrilateral Security Dialogue meet?'))).toContain('Quadrilateral Security Dialogue');
  });

  it('reaches kana words through their usual spelling and loanwords through their English source', async () => {
    expect((await top('Why was the meeting with Germany cancelled?'))).toContain('キャンセル');
    expect((await searchedFor('Germany cancelled'))).toEqual([
      { asked: 'Germany', japanese: ['ドイツ'] },
      { asked: 'cancelled', japanese: ['キャンセル'] },
    ]);
  });

  it('uses glossary names given in English (United States → 米国, 米)', async () => {
    expect((await searchedFor('United States'))).toEqual([{ asked: 'United States', japanese: ['米国', '米'] }]);
  });

  it('answers a question mixing Japanese and English', async () => {
    expect((await top('豪州の submarine acquisition'))).toContain('原子力潜水艦の取得');
  });

  it('does not find an answer for an English question the memo does not answer', async () => {
    expect((await engine.search('What is the recipe for miso soup?', { limit: 3 })).found).toBe(false);
  });
});

describe('English words the dictionary reaches through WordNet derivations, whole phrases and readings', () => {
  /** The shipped dictionary and WordNet 3.1, restricted to a memo, as every index build does. */
  const RESTRAINT = [
    '日本の制度は、通信の秘密に配慮した抑制的な設計となっている。',
    '両国は原油の輸出を抑える方針で一致した。',
    '港湾の設計には十年を要した。',
    '通信情報の利用には、独立機関の事前の承認を要する。',
    '交渉は大きく前進し、承認の手続が始まった。',
    '供給網は危機に直面し、政府の対応は批判を浴びた。',
    '南鳥島の周辺の海底では、泥に含まれる鉱物の調査が進む。',
  ]
    .map((paragraph) => ` ${paragraph}`)
    .join('\n\n');
  let restraint: SearchEngine;
  beforeAll(async () => {
    const [analyzer, dictionary, wordnet] = await Promise.all([kuromojiAnalysis(), readEnglishDictionary(), readWordNet()]);
    const memo = parseDocument(RESTRAINT, { sourceFile: 'memo.txt' });
    const english = (occurs: (japanese: string) => boolean) => deriveEnglishEntries(parseDictionary(dictionary, occurs), occurs);
    restraint = await engineOf(buildIndexData([memo], { glossary: [], english, wordnet: wordnetRelations(wordnet) }, { hash: 'test', files: [] }, analyzer));
  }, 60_000);

  it('searches for the translations of a derivation after the word’s own (`restrained`: 抑える, then 抑制 through `restraint`)', async () => {
    const [restrained] = (await restraint.search('restrained', { limit: 3 })).searchedFor;
    expect(restrained?.japanese[0]).toBe('抑える');
    expect(restrained?.japanese).toContain('抑制');
    expect(restrained?.via).toContain('restraint');
  });

  it('finds the paper’s noun for the question’s adjective (`restrained design` → 抑制的な設計)', async () => {
    expect((await restraint.search('Why is the design so restrained?', { limit: 3 })).results[0]?.text).toContain('抑制的な設計');
  });

  it('takes a derivation only where the Japanese agrees, sharing a kanji with the word’s own (`critical` is not 批判 through `criticism`)', async () => {
    const [critical] = (await restraint.search('critical', { limit: 3 })).searchedFor;
    expect(critical?.japanese).toContain('危機');
    expect(critical?.japanese).not.toContain('批判');
  });

  it('reads a set phrase as one, stopwords and all (`in advance` → 事前, not `advance` → 前進)', async () => {
    const inAdvance = (await restraint.search('Is approval needed in advance?', { limit: 3 })).searchedFor.find((searched) => searched.asked.endsWith('advance'));
    expect(inAdvance).toMatchObject({ asked: 'in advance' });
    expect(inAdvance?.japanese[0]).toBe('事前');
    expect((await restraint.search('Is approval needed in advance?', { limit: 3 })).results[0]?.text).toContain('事前の承認');
  });

  it('meets a Japanese name spelled in romaji by its reading (`Minamitorishima` → 南鳥島)', async () => {
    const response = await restraint.search('What is being surveyed near Minamitorishima?', { limit: 3 });
    expect(response.searchedFor.find((searched) => searched.asked === 'Minamitorishima')?.japanese).toEqual(['南鳥島']);
    expect(response.results[0]?.text).toContain('南鳥島');
  });

  it('leaves no room to a derivation where the word’s own translations fill the list', async () => {
    const [restrained] = (await restraint.search('restrained', { limit: 3, relevance: { english: { maxTranslations: 1 } } })).searchedFor;
    expect(restrained?.japanese).toEqual(['抑える']);
  });
});
