import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { capitalCountries } from '../../src/ingest/capitals';
import { buildIndexData } from '../../src/ingest/build-index';
import { decodeSource } from '../../src/ingest/decode';
import { parseDocument } from '../../src/ingest/parse-document';
import { readCorpusDocument } from '../../src/ingest/read-corpus';
import type { SudachiGroup } from '../../src/ingest/synonyms';
import type { SearchEngine } from '../../src/search/engine';
import { engineOf } from '../support/engines';
import { answersIntent, countsThing, datesOf, givesAskedPrecision, givesIntentForOutcome, intentOf, magnitudeOf, tellsOfAnotherTime, unitCount, unitForms } from '../../src/search/intent';
import { englishCounter } from '../../src/search/english-query';
import { DEFAULT_RELEVANCE, relevanceWith, type RelevanceOverrides } from '../../src/search/relevance';
import { kuromojiAnalysis } from '../support/kuromoji';

/**
 * The quoted answer: which sentence of the retrieved passages the chat quotes, by what the question asks
 * for. The memo below is written for these tests (its facts are made up); every question has a passage
 * that holds its words in a sentence that does not answer it, next to the one that does.
 */
const MEMO = [
  '港湾協力協定は2018年に両国の間で署名された。組織としての調整委員会は2022年に解散した一方、同協定は法的には現在も有効である。現在の港湾局は2015年に再編された組織である。',
  '両国は予定していた共同演習を延期した。台風の接近によって演習海域の港が閉鎖されたためである。',
  '海洋状況把握の体制を一朝一夕に整えることはできない。海洋状況把握とは、海洋に関する情報を集約し、関係機関の間で共有する取組を指す。',
  '無人機の通信を妨害したり、偽の信号で受信機を誤誘導（スプーフィング）したりする手法も広がっている。',
  '監査報告書は港湾行政の課題として三つを挙げた。第一に、専門人員の不足である。第二に、予算の制約である。第三に、監視装備の老朽化である。',
  '港湾協力協定の交渉は長期に及び、両国の議会でも議論が続いた。',
  '北部港湾の整備計画では、5年間の整備費は約30億円とされる。',
  '第2回の港湾対話は2019年10月に東京で開かれた。対話の議題は港湾の安全と災害対応であった。',
  '第3回の港湾対話は2021年5月に大阪で開かれた。対話の議題は港湾の混雑であった。',
  'マニラでは港湾の混雑が続いており、フィリピン政府は新たな港の建設を計画している。',
  '法案の一部は、与党と野党の協議による修正を経て可決された。',
  '新型の巡視船は全長90メートルで、2024年に就役した。',
  '港湾の新しい検査制度が始まることは2023年2月に発表された。同制度は4月1日から運用されている。',
  '港湾協力協定の署名をめぐっては、署名の形式や署名する港湾当局について、港湾協力協定の署名前に両国の間で議論が重ねられた。',
  '北部港湾の混雑は2020年以降に緩和したとされる。しかし、これをもって課題が解消されたとみるのは早計である。大型船の受け入れ設備は依然として不足している。',
  '南部港湾の夜間警備の見直しでは、警備は警察が担うとの提言がまとめられた。政府はこの提言を受けて法案を提出した。南部港湾の夜間警備は、港湾局長が指名する「夜間警備官」が担う。',
]
  // Each paragraph opens indented, as in the papers' layout: a passage of its own.
  .map((paragraph) => ` ${paragraph}`)
  .join('\n\n');

/** Groups in the form of Sudachi's synonym dictionary, as the build reads it (src/ingest/synonyms.ts). */
const SYNONYMS: SudachiGroup[] = [
  {
    id: '000001',
    items: [
      { taigenYogen: '体言', expandControl: 0, vocabularyNumber: 1, gokeiSyubetsu: '代表語', midashi: '修正' },
      { taigenYogen: '体言', expandControl: 0, vocabularyNumber: 2, gokeiSyubetsu: '代表語', midashi: '手直し' },
    ],
  },
  {
    id: '000003',
    items: [
      { taigenYogen: '体言', expandControl: 0, vocabularyNumber: 1, gokeiSyubetsu: '代表語', midashi: '今' },
      { taigenYogen: '体言', expandControl: 0, vocabularyNumber: 2, gokeiSyubetsu: '代表語', midashi: '現在' },
    ],
  },
  {
    id: '000002',
    items: [
      { taigenYogen: '用言', expandControl: 0, vocabularyNumber: 1, gokeiSyubetsu: '代表語', midashi: '見る' },
      { taigenYogen: '用言', expandControl: 0, vocabularyNumber: 2, gokeiSyubetsu: '代表語', midashi: '可決' },
    ],
  },
];

let engine: SearchEngine;
let mda: SearchEngine;
let analyzer: Awaited<ReturnType<typeof kuromojiAnalysis>>;
beforeAll(async () => {
  analyzer = await kuromojiAnalysis();
  const memo = parseDocument(MEMO, { sourceFile: 'harbor-memo.txt' });
  engine = await engineOf(buildIndexData([memo], { glossary: [], english: () => ({ philippines: [['フィリピン', 1]] }), synonyms: SYNONYMS }, { hash: 'test', files: [] }, analyzer));
  const paper = parseDocument(decodeSource(readFileSync('test/fixtures/mda-commentary.txt'), 'mda'), { sourceFile: 'mda-commentary.txt' });
  mda = await engineOf(buildIndexData([paper], { glossary: [], english: () => ({}) }, { hash: 'test', files: [] }, analyzer));
});
const ask = (question: string) => engine.search(question, { limit: 5 });

describe('what a question asks for', () => {
  it('reads the kind of answer from Japanese and English question words', async () => {
    expect(intentOf('協定はなぜ延期された？')).toBe('reason');
    expect(intentOf('Why was the exercise postponed?')).toBe('reason');
    // Colloquial why: `なんで`, `何でなんですか`; `何で行く` asks by what, not why.
    expect(intentOf('その言葉を嫌う国が多いのは何でなんですか？')).toBe('reason');
    expect(intentOf('なんで延期されたの？')).toBe('reason');
    expect(intentOf('現地へは何で行く？')).not.toBe('reason');
    expect(intentOf('第2回の対話はいつ開かれた？')).toBe('time');
    expect(intentOf('When was the second dialogue held?')).toBe('time');
    expect(intentOf('旗艦が撃沈された日付は？')).toBe('time');
    expect(intentOf('On what exact day in 2016 was the pact signed?')).toBe('time');
    expect(intentOf('2019年12月の首脳会議が開催された都市名は？')).toBe('place');
    expect(intentOf('備蓄はどこの倉庫に保管されている？')).toBe('place');
    // The title of a cited work is in the footnote that cites it.
    expect(intentOf('What is the full title of the article the paper cites, and when was it published?')).toBe('source');
    expect(intentOf('注で挙げられている論文の題名は？')).toBe('source');
    expect(intentOf('協定は今も有効？')).toBe('state');
    expect(intentOf('Is the agreement still in force?')).toBe('state');
    expect(intentOf('海洋状況把握とは？')).toBe('definition');
    expect(intentOf('What does spoofing mean?')).toBe('definition');
    expect(intentOf('整備費はいくら？')).toBe('amount');
    expect(intentOf('How many ships were built?')).toBe('count');
    expect(intentOf('開発したのはどこ？')).toBe('person');
    expect(intentOf('対話はどこで開かれた？')).toBe('place');
    expect(intentOf('どの国が参加した？')).toBe('list');
    expect(intentOf('この推計はどの報告書が出典？')).toBe('source');
    expect(intentOf('港湾協力協定について')).toBeUndefined();
    expect(intentOf('指定されている国ってどこ？')).toBe('list');
    expect(intentOf('富士山の標高は何メートル？')).toBe('count');
    expect(intentOf('What is the top speed of the new patrol ship?')).toBe('count');
    expect(intentOf('What is the maximum prison term under the new law?')).toBe('count');
    expect(intentOf('How fast can the new patrol ship go?')).toBe('count');
    expect(intentOf('What is the capital of France?')).toBe('place');
    expect(intentOf('Which South Korean foreign minister said so?')).toBe('person');
    expect(intentOf('Which Washington Post journalists reported it?')).toBe('source');
    expect(intentOf('ｗｈｙ was it postponed?')).toBe('reason');
    expect(intentOf('When did 岸田 visit Washington?')).toBe('time');
    expect(intentOf('日本企業の受注にはどんな影響がある？')).not.toBe('source');
    expect(intentOf('Who is the foreign minister today?')).toBe('person');
    expect(intentOf('日本の防衛費はGDP比で何パーセント？')).toBe('amount');
    // A sum asked by the noun that names it; which body made a thing (`どこのメーカー`), but where a place is (`どこの港`).
    expect(intentOf('What was the price per kilogram of gallium?')).toBe('amount');
    expect(intentOf('What is the total cost of the new port?')).toBe('amount');
    expect(intentOf('この無人機は、どこのメーカーが開発したの？')).toBe('person');
    expect(intentOf('対話はどこの港で開かれた？')).toBe('place');
    expect(intentOf('5年で無人機にどれくらいお金をかけるの？')).toBe('amount');
    // The name of one who holds a post is a person's; the name of a thing is not asked so.
    expect(intentOf('港湾局の事務局長の名前は？')).toBe('person');
    expect(intentOf('What was the name of the ship’s captain?')).toBe('person');
    expect(intentOf('What was the name of the operation?')).not.toBe('person');
    // The noun after `which` is the one asked (`In which city did NATO leaders meet?` asks a place, not a leader).
    expect(intentOf('In which city did NATO leaders hold their summit?')).toBe('place');
    expect(intentOf('Which port did the ministers visit?')).toBe('place');
    expect(intentOf('ライナス社の工場は、どの州・都市にあるか？')).toBe('place');
    // A rate is stated as a share.
    expect(intentOf("What is the central bank's current policy interest rate?")).toBe('amount');
    expect(intentOf('日本の失業率は何パーセント？')).toBe('amount');
  });

  it('takes a person or a place for an answer only when it is news to the question, and a place only at a place name', async () => {
    // Cues are read in NFKC, where the brackets of `保安庁（SBU）` are ASCII.
    expect(answersIntent('person', '保安庁（SBU）が開発した。', { question: 'シー・ベイビーを開発したのはどこ？' })).toBe(true);
    expect(answersIntent('person', '同委員会は委員長と委員4人で構成される。', { question: '監理委員会の初代委員長は誰？' })).toBe(false);
    // Who holds a post is a person with a title, not a body.
    expect(answersIntent('person', '港湾庁は、政府から独立して職権を行使する機関である。', { question: '港湾統括室の初代トップに就いたのは誰？' })).toBe(false);
    expect(answersIntent('person', '初代室長には山田太郎氏が就いた。', { question: '港湾統括室の初代トップに就いたのは誰？' })).toBe(true);
    expect(answersIntent('person', '港湾庁は、政府から独立して職権を行使する機関である。', { question: 'この制度を運用しているのは誰？' })).toBe(true);
    // A body by its kind of name: 省, 庁, 機関, 機構, 協会, 財団….
    expect(answersIntent('person', '物質・材料研究機構は2008年に試算を示した。', { question: 'この試算はどこの発表？' })).toBe(true);
    const places = new Set(['東京', '大阪']);
    expect(answersIntent('place', '対話は東京において開かれた。', { question: '対話はどこで開かれた？', places })).toBe(true);
    expect(answersIntent('place', '対話は東京において開かれた。', { question: '東京での対話はどこで開かれた？', places })).toBe(false);
    expect(answersIntent('place', 'この文脈において重要である。', { question: '対話はどこで開かれた？', places })).toBe(false);
    expect(answersIntent('place', '会合はビデオ会議形式で開催された。', { question: '会合はどこで開かれた？', places })).toBe(false);
    // A duration is a length of time, not a calendar year or day; a time is not a headcount; an ordinal counts nothing.
    expect(answersIntent('duration', 'センターは2016年10月に発足した。')).toBe(false);
    expect(answersIntent('duration', '会談は10月5日に行われた。')).toBe(false);
    expect(answersIntent('duration', '令和5年に改正された。')).toBe(false);
    expect(answersIntent('time', '約1500人が参加した。')).toBe(false);
    expect(answersIntent('count', '第2回の会合が開かれた。')).toBe(false);
    expect(answersIntent('duration', '委員の任期は5年とされる。')).toBe(true);
    // A fear is a reason when it is said (`損なうおそれがある`), not when it only names a thing (`そのおそれのある事象`).
    expect(answersIntent('reason', '運用の機動性を損なうおそれがある。')).toBe(true);
    expect(answersIntent('reason', '事業者は被害やそのおそれのある事象を報告する。')).toBe(false);
    // Days as a span, not a date: `2日余り`, `10日以上にわたって`, but not `7月2日以降`.
    expect(answersIntent('duration', '港では2日余りにわたって搬出入が止まった。')).toBe(true);
    expect(answersIntent('duration', '交渉は10日以上続いた。')).toBe(true);
    expect(answersIntent('duration', '7月2日以上の措置が取られた。')).toBe(false);
    // Items of a list are short phrases side by side, not any sentence with two commas.
    expect(answersIntent('list', '英国では、政府通信本部の一部として、センターが施策を展開してきた。')).toBe(false);
    expect(answersIntent('list', '日本、米国、豪州及びインドが参加した。')).toBe(true);
    expect(answersIntent('list', '同法は、物資の確保、役務の提供、技術の支援、出願の非公開の四つの制度から成る。')).toBe(true);
  });

  it('answers a question for a price with a sum of money, one for a share with a share, and `how much` with either', () => {
    expect(answersIntent('amount', '生産に占める中国の比率は9割を超える。', { question: 'ガリウムの価格はいくら？' })).toBe(false);
    expect(answersIntent('amount', '一機の価格は2万ドル程度とされる。', { question: 'ガリウムの価格はいくら？' })).toBe(true);
    expect(answersIntent('amount', '生産に占める中国の比率は9割を超える。', { question: "What is China's share of gallium output?" })).toBe(true);
    expect(answersIntent('amount', '整備費は約30億円とされる。', { question: "What is China's share of gallium output?" })).toBe(false);
    expect(answersIntent('amount', '整備費は約30億円とされる。', { question: 'What was the price per kilogram?' })).toBe(true);
    expect(answersIntent('amount', '生産に占める中国の比率は9割を超える。', { question: 'How much did the output fall?' })).toBe(true);
    expect(answersIntent('amount', '出融資は総額2億5,000万米ドルに上った。', { question: '出融資は総額いくら？' })).toBe(true);
  });

  it('answers a question for a rate with a share, not a sum', () => {
    expect(answersIntent('amount', '政策金利は0.5%に引き上げられた。', { question: 'What is the policy interest rate?' })).toBe(true);
    expect(answersIntent('amount', '整備費は約30億円とされる。', { question: 'What is the policy interest rate?' })).toBe(false);
  });

  it('reads the year and month a text names, and tells a sentence of another time than the question names', () => {
    expect(datesOf('2019年12月には会議が、同年3月と1990年代にも、翌年に')).toEqual([{ year: 2019, month: 12 }, { month: 3 }]);
    expect(datesOf('Who became president in May 2022? It may rain.')).toEqual([{ year: 2022, month: 5 }]);
    expect(datesOf('The December 6, 2019 summit, and one in 2021')).toEqual([{ year: 2019, month: 12 }, { year: 2021 }]);
    expect(tellsOfAnotherTime('Who became president in May 2022?', '大統領は2023年12月、2024年2月6日には令に署名した。')).toBe(true);
    expect(tellsOfAnotherTime('2019年9月に開かれた会合の開催地はどこか？', 'これは10月6日に、東京において会合が開催されたことを受けた。')).toBe(true);
    // A date that agrees, one of several, or none said: the sentence may tell of the question's time.
    expect(tellsOfAnotherTime('In which city was the December 2019 summit held?', '2019年12月には首脳会議が開催された。')).toBe(false);
    expect(tellsOfAnotherTime('2024年に何機生産された？', '大統領は2023年12月、翌年の目標を示し、2024年2月6日には令に署名した。')).toBe(false);
    expect(tellsOfAnotherTime('2019年9月の会合はどこで開かれた？', '会合は東京で開かれた。')).toBe(false);
    // A question naming no date, or two, says no time of its own.
    expect(tellsOfAnotherTime('会合はどこで開かれた？', '会合は2019年に東京で開かれた。')).toBe(false);
    expect(tellsOfAnotherTime('2019年と2021年の会合はどこで開かれた？', '会合は2020年に東京で開かれた。')).toBe(false);
  });

  it('tells whether a sentence gives a time as exact as the question asks: a day, a month, or any', () => {
    expect(givesAskedPrecision('On what exact day in 2016 was the pact signed?', '両国は2016年に協定を締結した。')).toBe(false);
    expect(givesAskedPrecision('On what date was the pact signed?', 'The pact was signed on December 23, 2024.')).toBe(true);
    expect(givesAskedPrecision('協定が発効したのは何月何日？', '協定は2023年7月に発効した。')).toBe(false);
    expect(givesAskedPrecision('協定が発効したのは何日？', '協定は同月13日に発効した。')).toBe(true);
    expect(givesAskedPrecision('法律が成立したのは何年何月何日？', '法律は 2025 年 5 月 16 日、参院本会議で可決、成立した。')).toBe(true);
    expect(givesAskedPrecision('協定が発効したのは何月？', '協定は2023年7月に発効した。')).toBe(true);
    expect(givesAskedPrecision('What month was the pact signed?', '両国は2016年に協定を締結した。')).toBe(false);
    // No exactness asked: any time answers; `何日分` counts days, it asks no date.
    expect(givesAskedPrecision('協定はいつ発効した？', '協定は2023年に発効した。')).toBe(true);
    expect(givesAskedPrecision('When was the pact signed?', '両国は2016年に協定を締結した。')).toBe(true);
    expect(givesAskedPrecision('備蓄の目標は何日分？', '備蓄の目標は2020年に定められた。')).toBe(true);
  });

  it('counts the thing asked whatever its counter (億パケット for packets)', () => {
    expect(countsThing('観測された通信は約6,862億パケットに上った。', ['パケット'])).toBe(true);
    expect(countsThing('観測された通信は約6,862億パケットに上った。', ['機'])).toBe(false);
  });

  it('answers a question for a number of a unit only in that unit, and not by one of it as a rate’s measure', () => {
    expect(unitForms('カ国')).toEqual(['か国', 'カ国', 'ヶ国']);
    expect(unitCount(unitForms('人'))('要員は約100名が常駐している。')).toBe(true);
    expect(unitCount(unitForms('人'))('英国など5か国の間で取極が結ばれ、基地に豪軍が常駐している。')).toBe(false);
    expect(unitCount(['機'])('翌年に100万機を生産する目標を打ち出した。')).toBe(true);
    expect(unitCount(['機'])('一機ごとの性能よりも、補充できる数にある。')).toBe(false);
    expect(unitCount(['機'])('機体の価格は一機400〜500ドル程度とされ、戦車を一機で撃破し得る。')).toBe(false);
    expect(unitCount(['機'])('第2回の会合には1機が参加した。')).toBe(true);
    expect(unitCount(['回'])('第2回の会合が開かれた。')).toBe(false);
    // The thing counted may come four words after how many.
    expect(englishCounter('How many Australian Defence Force personnel are based there?')?.units).toEqual(['人', '名']);
  });

  it('answers a question for a magnitude in its units: a speed in knots or 時速, not a length in metres', () => {
    const speed = magnitudeOf('What is the top speed of the boat?');
    expect(speed?.('無人艇は全長5メートル余りで、爆薬を搭載できる。')).toBe(false);
    expect(speed?.('無人艇は最高時速80キロで航行できる。')).toBe(true);
    expect(magnitudeOf('その無人艇の速度は？')?.('無人艇の速力は30ノットに達する。')).toBe(true);
    expect(magnitudeOf('What is the length of the boat?')?.('無人艇は全長5メートル余りである。')).toBe(true);
    expect(magnitudeOf('How many boats were built?')).toBeUndefined();
  });

  it('does not take a plan for what actually happened', () => {
    expect(givesIntentForOutcome('2024年に実際に生産したドローンは何機？', '翌年に100万機を生産する目標を打ち出した。')).toBe(true);
    expect(givesIntentForOutcome('How many drones did Ukraine actually produce?', 'Kyiv plans to build a million drones.')).toBe(true);
    expect(givesIntentForOutcome('2024年に実際に生産したドローンは何機？', '2024年には150万機が生産された。')).toBe(false);
    expect(givesIntentForOutcome('2024年に生産するドローンは何機？', '翌年に100万機を生産する目標を打ち出した。')).toBe(false);
  });
});

describe('the quoted answer', () => {
  const memo = (paragraphs: string[]) => parseDocument(paragraphs.map((paragraph) => ` ${paragraph}`).join('\n\n'), { sourceFile: 'tax-memo.txt' });
  const build = async (paragraphs: string[]) => engineOf(buildIndexData([memo(paragraphs)], { glossary: [], english: () => ({}) }, { hash: 'test', files: [] }, analyzer));

  it('does not take the date of another event of the passage when what the question asks of is said elsewhere in it', async () => {
    const incident = '2010年9月7日、漁船が巡視船に衝突した。翌8日、漁船の船長が逮捕された。中国はこれに強く反発した。日本は結局、漁船の船長を釈放した。';
    const response = await (await build([incident, '港湾の整備は長く議論されてきた。'])).search('漁船の船長が釈放されたのは何月何日？', { limit: 3 });
    expect(response.found).toBe(false);
    const dated = await (await build([incident.replace('日本は結局、', '日本は同月24日、'), '港湾の整備は長く議論されてきた。'])).search('漁船の船長が釈放されたのは何月何日？', { limit: 3 });
    expect(dated.found).toBe(true);
    expect(dated.answer).toContain('24日');
  });

  it('does not take a fact of another time than the one the question names', async () => {
    const question = '2019年9月に開かれた第1回の港湾対話は、どこで開かれた？';
    const other = ['第2回の港湾対話は2019年10月に東京で開かれた。', '港湾の整備は長く議論されてきた。'];
    expect((await (await build(other)).search(question, { limit: 3 })).found).toBe(false);
    const both = await (await build([...other, '第1回の港湾対話は2019年9月に大阪で開かれた。'])).search(question, { limit: 3 });
    expect(both.found).toBe(true);
    expect(both.answer).toContain('大阪');
  });

  it('quotes the footnote that gives the day a question asks for, read with the sentence that cites it, and the body for a year', async () => {
    const papers = await Promise.all(['m02', 'm03', 'm05'].map((name) => readCorpusDocument(`test/fixtures/new-papers/${name}.txt`)));
    const three = await engineOf(buildIndexData(papers, { glossary: [], english: () => ({}) }, { hash: 'test', files: [] }, analyzer));
    // The body gives the month only (`2022年4月に旗艦の巡洋艦モスクワが…撃沈されたのに続き[12]`); note 12 gives the
    // day and none of the question's words but 撃沈's neighbour 沈没: read alone, it is too weak to answer.
    const day = await three.search('ウクライナの対艦ミサイルでロシアの巡洋艦モスクワが沈んだのは何月何日？', { limit: 5 });
    expect(day.found).toBe(true);
    expect(day.answer).toMatch(/^撃沈は2022年4月14日である。\[12\]/u);
    expect((await three.search('黒海艦隊の旗艦がネプチューンで撃沈された日付は？', { limit: 5 })).answer).toMatch(/^撃沈は2022年4月14日である。/u);
    const year = await three.search('旗艦の巡洋艦モスクワが撃沈されたのは何年？', { limit: 5 });
    expect(year.answer).toContain('2022年4月に旗艦の巡洋艦モスクワが');
  });

  it('declines a question for a number of a unit when the sentences about it count something else', async () => {
    const memo = await build(['基地の取極は英国など5か国の間で結ばれ、基地には現在も豪軍が常駐している。', '港湾の整備は長く議論されてきた。']);
    expect((await memo.search('基地に常駐している豪軍は何人？', { limit: 3 })).found).toBe(false);
    expect((await memo.search('取極は何か国の間で結ばれた？', { limit: 3 })).answer).toContain('5か国');
    const planned = await build(['政府は翌年に100万機の無人機を生産する目標を打ち出した。', '港湾の整備は長く議論されてきた。']);
    expect((await planned.search('翌年に実際に生産された無人機は何機？', { limit: 3 })).found).toBe(false);
    expect((await planned.search('翌年に生産する無人機の目標は何機？', { limit: 3 })).answer).toContain('100万機');
  });

  it('answers a fact from another of the best passages when the first does not hold what the question asks it of', async () => {
    const first = '北部の港湾会社への国の支援が決まった。北部の港湾会社は国の支援を受けて、北部の港湾の設備を更新した。';
    const question = '北部の港湾会社への国の支援の規模はいくら？';
    const response = await (await build([first, '港湾会社への支援の規模は総額30億円とされる。', '港湾の整備は長く議論されてきた。'])).search(question, { limit: 3 });
    expect(response.found).toBe(true);
    expect(response.answer).toBe('港湾会社への支援の規模は総額30億円とされる。');
    expect(response.answerResult).toBe(0);
    // The other passage's sum must be said of what is asked (規模), not of another thing of the company.
    const other = await (await build([first, '港湾会社への支援の後、売上は総額30億円とされる。', '港湾の整備は長く議論されてきた。'])).search(question, { limit: 3 });
    expect(other.found).toBe(false);
  });

  it('declines a question for a day when the sentences about it give only a month', async () => {
    const memo = await build(['港湾の新しい料金制度は2023年2月に発表された。', '港湾の整備は長く議論されてきた。']);
    expect((await memo.search('港湾の新しい料金制度が発表されたのは何月何日？', { limit: 3 })).found).toBe(false);
    const month = await memo.search('港湾の新しい料金制度が発表されたのは何月？', { limit: 3 });
    expect(month.found).toBe(true);
    expect(month.answer).toContain('2023年2月に発表された');
  });

  it('does not take a fact of another thing that shares the asked name’s last word (輸出税 for 消費税)', async () => {
    const question = '港湾の消費税が引き上げられたのはいつ？';
    // 消費 is a word of the memo too (the question's words are all the corpus's): only the compound is missing.
    const other = ['港湾の輸出税が引き上げられたのは2019年のことである。', '港湾の消費は伸び続けており、整備は長く議論されてきた。'];
    const without = await (await build(other)).search(question, { limit: 3 });
    expect(without.found).toBe(false);
    const both = await (await build([...other, '港湾の消費税は2021年に引き上げられた。'])).search(question, { limit: 3 });
    expect(both.found).toBe(true);
    expect(both.answer).toContain('2021年');
  });

  it('quotes the sentence that says a thing still holds, with the one its 同協定 points to, not the one that names a thing as it is now', async () => {
    const response = (await ask('港湾協力協定は今も有効？'));
    expect(response.found).toBe(true);
    expect(response.answer).toBe('港湾協力協定は2018年に両国の間で署名された。組織としての調整委員会は2022年に解散した一方、同協定は法的には現在も有効である。');
  });

  it('quotes the reason that follows a claim', async () => {
    const response = (await ask('共同演習が延期されたのはなぜ？'));
    expect(response.answer).toContain('閉鎖されたためである');
  });

  it('quotes a claim that goes on from a fact with the fact, and the reason after it', async () => {
    // The claim holds the fact's words only through pointing back to it: worth as much, it goes on from it.
    const response = await ask('北部港湾の混雑は緩和したのに、それでも早いと言えないのはなぜ？');
    expect(response.answer).toContain('緩和したとされる');
    expect(response.answer).toContain('大型船の受け入れ設備');
  });

  it('ties a fact to what the question asks about by the sentence’s own words, not by those it points back to', async () => {
    // `政府はこの提言を…` names a body and points back to the sentence with 担う; the one that says who 担う is the answer.
    const response = await ask('南部港湾の夜間警備を担うのは誰？');
    expect(response.answer).toContain('夜間警備官');
  });

  it('quotes the definition, not a sentence that merely has とは inside a word', async () => {
    const response = (await ask('海洋状況把握とは？'));
    expect(response.answer).toContain('共有する取組を指す');
    expect(response.answer).not.toContain('一朝一夕');
  });

  it('takes a gloss in brackets as a definition of the bracketed word', async () => {
    expect((await ask('スプーフィングって何？')).answer).toContain('偽の信号で受信機を誤誘導');
  });

  it('quotes a list announced in one sentence with its numbered items', async () => {
    const response = (await ask('監査報告書は港湾行政の課題としてどのようなものを挙げた？'));
    expect(response.answer).toContain('第一に、専門人員の不足');
    expect(response.answer).toContain('第三に、監視装備の老朽化');
  });

  it('knows the papers’ place names from the analysis of the build (IPADIC 固有名詞,地域), and answers where at one', async () => {
    expect(engine.core.places).toEqual(expect.arrayContaining(['東京', 'マニラ', '大阪']));
    expect(engine.core.places).not.toContain('港湾');
    expect((await ask('第2回の港湾対話はどこで開かれた？')).answer).toContain('東京で開かれた');
  });

  it('quotes the date a time question asks for, and for since when, the date a thing runs from', async () => {
    expect((await ask('第2回の港湾対話はいつ開かれた？')).answer).toContain('2019年10月');
    // Both sentences hold a date and the question's words; only one says from when.
    expect((await engine.search('港湾の新しい検査制度はいつから始まった？', { limit: 5 })).answer).toContain('4月1日から');
  });

  it('answers a question for a sum with the sentence that states it, and declines when no sentence does', async () => {
    const given = (await ask('北部港湾の整備費はいくら？'));
    expect(given.found).toBe(true);
    expect(given.answer).toContain('約30億円');
    const missing = (await ask('港湾協力協定の交渉費用はいくら？'));
    expect(missing.found).toBe(false);
    expect(missing.answer).toBeNull();
    // The passages on the negotiations are still related reading.
    expect(missing.related).toBe(true);
    expect(missing.results[0]?.text).toContain('港湾協力協定の交渉は長期に及び');
  });

  it('does not take the unit a question asks a number of for what it is about', async () => {
    const answered = (await ask('新型の巡視船の全長は何メートル？'));
    expect(answered.found).toBe(true);
    expect(answered.answer).toContain('全長90メートル');
    // メートル is rare here and weighs double, but says nothing of a mountain.
    expect((await ask('富士山の標高は何メートル？')).found).toBe(false);
    expect((await ask('身長は何メートル？')).found).toBe(false);
  });

  it('answers a question for a source with the footnote the answering sentence cites', async () => {
    const response = (await mda.search('第2回MDA対話の開催について、注ではどの資料が挙げられている？', { limit: 5 }));
    expect(response.found).toBe(true);
    expect(response.answer).toMatch(/外務省「第 ?2回日豪 ?MDA ?対話の開催」/u);
  });

  it('answers a question for a source of a summary bullet with the body sentence that cites it (a bullet cites nothing)', async () => {
    const m03 = await engineOf(buildIndexData([await readCorpusDocument('test/fixtures/new-papers/m03.txt')], { glossary: [], english: () => ({}) }, { hash: 'test', files: [] }, await kuromojiAnalysis()));
    const response = await m03.search('漁船衝突事件の後のレアアースの対日輸出の停滞について、注ではどの報道が挙げられている？', { limit: 5 });
    expect(response.results.some((result) => result.kind === 'summary')).toBe(true);
    expect(response.answer).toContain('The New York Times');
  });

  it('quotes a sentence that cites nothing rather than another paragraph’s note, when the best sentence is the body’s own', async () => {
    const response = await mda.search('日豪の協力の範囲が広がっていることについて、注ではどの資料が挙げられている？', { limit: 5 });
    expect(response.answer).toContain('協力の範囲は広がっている');
    expect(response.answer).not.toContain('Annual Report');
  });

  it('lists first the passage whose sentence gives the asked kind of answer, and says which result the answer is from', async () => {
    const questions = ['港湾協力協定はいつ署名された？', '第2回の港湾対話はいつ開かれた？', '第3回の港湾対話はどこで開かれた？', '北部港湾の整備費はいくら？', '両国が共同演習を延期したのはなぜ？', '海洋状況把握とは？', '新型の巡視船の全長は何メートル？'];
    let promoted = 0;
    for (const question of questions) {
      const inScoreOrder = (await engine.search(question, { limit: 5, relevance: { answer: { promote: 0 } } }));
      const promotedFirst = (await ask(question));
      expect(promotedFirst.answer, question).toBe(inScoreOrder.answer);
      const quoted = (inScoreOrder.answer ?? '').replace(/\[\d+\]/gu, '').slice(0, 10);
      expect(inScoreOrder.results[inScoreOrder.answerResult ?? -1]?.text, question).toContain(quoted);
      expect(promotedFirst.answerResult, question).toBe(0);
      expect(promotedFirst.results[0]?.text, question).toContain(quoted);
      if ((inScoreOrder.answerResult ?? 0) > 0) promoted++;
    }
    // The memo is written so that some answers are not in the best-scoring passage.
    expect(promoted).toBeGreaterThan(0);
  });

  it('quotes the same answer whatever the number of results asked for', async () => {
    for (const question of ['港湾協力協定はいつ署名された？', '両国が共同演習を延期したのはなぜ？', '海洋状況把握とは？']) {
      const one = (await engine.search(question, { limit: 1 }));
      expect(one.answer, question).toBe((await ask(question)).answer);
      expect(one.results).toHaveLength(1);
      expect(one.answerResult).toBe(0);
    }
  });

  it('says which result the answer is quoted from, so its [n] markers point at that passage', async () => {
    const response = (await ask('海洋状況把握とは？'));
    const from = response.results[response.answerResult ?? -1];
    expect(from?.text).toContain('共有する取組を指す');
  });
});

describe('paraphrase', () => {
  it('searches a Japanese word by its synonyms in the corpus, below the word itself, and says so', async () => {
    const response = (await ask('法案を手直ししたのは誰と誰？'));
    expect(response.searchedFor).toContainEqual({ asked: '手直し', japanese: ['修正'] });
    expect(response.results[0]?.text).toContain('修正を経て可決');
  });

  it('leaves out verbs, whose groups hold several senses side by side', async () => {
    expect((await ask('見る')).searchedFor).toEqual([]);
  });

  it('takes a capital city for its country in an English question', async () => {
    const response = (await ask('What is Manila planning for its ports?'));
    const manila = response.searchedFor.find((entry) => entry.asked === 'Manila');
    expect(manila?.japanese).toContain('フィリピン');
    expect(manila?.via).toContain('philippines');
    expect(capitalCountries()['beijing']).toContain('china');
  });
});

describe('follow-ups', () => {
  it('answers a follow-up that points back about the earlier question’s subject, and one that names nothing of its own', async () => {
    const earlier = ['港湾の安全と災害対応が議題となった対話は？'];
    for (const followUp of ['それはいつ開かれた？', 'それはいつ？']) {
      const response = (await engine.search(followUp, { limit: 5, context: earlier, refersBack: true }));
      expect(response.found, followUp).toBe(true);
      expect(response.answer, followUp).toContain('2019年10月');
    }
    // Read alone, the bare follow-up has nothing to search for.
    expect((await engine.search('それはいつ？', { limit: 5 })).found).toBe(false);
  });

  it('prefers the passage the previous answer quoted', async () => {
    const earlier = ['港湾対話の議題は？'];
    for (const [previousAnswer, date] of [
      ['第3回の港湾対話は2021年5月に大阪で開かれた。対話の議題は港湾の混雑であった。', '2021年5月'],
      ['対話の議題は港湾の安全と災害対応であった。', '2019年10月'],
    ] as const) {
      const response = (await engine.search('それはいつ開かれた？', { limit: 5, context: earlier, refersBack: true, previousAnswer }));
      expect(response.answer, previousAnswer).toContain(date);
    }
    // Without the preference, the two conversations get one answer: the question alone cannot tell them apart.
    const unpreferred = await Promise.all(['第3回の港湾対話は2021年5月に大阪で開かれた。', '対話の議題は港湾の安全と災害対応であった。'].map(
      async (previousAnswer) => (await engine.search('それはいつ開かれた？', { limit: 5, context: earlier, refersBack: true, previousAnswer, relevance: { rank: { previousAnswer: 0 } } })).answer,
    ));
    expect(unpreferred[0]).toBe(unpreferred[1]);
  });
});

describe('relevance tunables', () => {
  it('are merged per call: an override changes that call only', async () => {
    const question = '北部港湾の整備費はいくらと見込まれている？';
    expect((await engine.search(question, { limit: 5, relevance: { answered: { coverage: 1, partialCoverage: 1, evidence: 1e9 } } })).found).toBe(false);
    expect((await engine.search(question, { limit: 5, relevance: {} }))).toEqual((await ask(question)));
    expect((await ask(question)).found).toBe(true);
  });

  it('refuse an unknown parameter or a value out of range, naming it', async () => {
    expect(() => relevanceWith({ answer: { factTie: -1 } })).toThrow('answer.factTie');
    expect(() => relevanceWith({ retrieval: { candidates: 2.5 } })).toThrow('whole number');
    expect(() => relevanceWith({ retrieval: { candidates: 0 } })).toThrow('retrieval.candidates must be a whole number ≥ 1');
    expect(() => relevanceWith({ answer: { factTie: 5 } })).toThrow('answer.factTie must be a number from 0 to 1');
    expect(() => relevanceWith({ answer: { promote: 0.5 } })).toThrow('0 or 1');
    expect(() => relevanceWith({ rank: { weights: { bm26: 1 } } } as unknown as RelevanceOverrides)).toThrow('unknown relevance parameter rank.weights.bm26');
    const merged = relevanceWith({ rank: { weights: { bm25: 0.5 } } });
    expect(merged.rank.weights).toEqual({ ...DEFAULT_RELEVANCE.rank.weights, bm25: 0.5 });
    expect(DEFAULT_RELEVANCE.rank.weights.bm25).toBe(0.3);
  });
});
