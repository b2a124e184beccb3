import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/ingest/decode';
import { parseDocument } from '../../src/ingest/parse-document';
import type { Document, Paragraph } from '../../src/model/document';

/** The two papers of the seed corpus, parsed as `npm run inspect` does. */
function load(name: string): { source: string; document: Document } {
  const path = `corpus/${name}`;
  const source = decodeSource(readFileSync(path), path);
  return { source, document: parseDocument(source, { sourceFile: name }) };
}
const doc000 = load('000_d62613a39113a7e6.txt');
const doc003 = load('003_cd568db34d9aead0.txt');

const squeeze = (text: string): string => text.replace(/\s+/gu, '');
const bodyParagraphs = (document: Document): Paragraph[] => document.sections.flatMap((section) => section.paragraphs);
const allParagraphs = (document: Document): Paragraph[] => [...document.summary, ...bodyParagraphs(document)];

describe('doc 000: footnotes', () => {
  const { source, document } = doc000;

  it('has all 60 footnotes, numbered 1..60, each with text', () => {
    expect(document.footnotes.map((footnote) => footnote.n)).toEqual(Array.from({ length: 60 }, (_, index) => index + 1));
    for (const footnote of document.footnotes) expect(footnote.text.trim()).not.toBe('');
  });

  it('merges continuations, including footnote 24 which runs on past a heading onto the next page', () => {
    const byNumber = new Map(document.footnotes.map((footnote) => [footnote.n, footnote]));
    expect(byNumber.get(24)).toMatchObject({
      page: 4,
      text: '軍事面での常設統合軍に関連する動きとして、ASEANは現在、国防相会議（ADMM）において、人道支援・災害救援のための「ASEAN即応群」設置のための取組を継続している。石原雄介「多国間安全保障アーキテクチャにおける「シナジー」概念―ASEANを中心としたHADR協力を手掛かりに」『NIDSコメンタリー』防衛研究所、第47号、2015年6月24日参照。',
    });
    expect(byNumber.get(11)?.text).toBe('西田竜也「東南アジア条約機構（SEATO）の起源―米英の戦略の狭間で―」『同志社アメリカ研究』同志社大学アメリカ研究所、第50号、2014年3月、23–45頁。');
    expect(byNumber.get(60)?.text).toBe('AUS DOD, “Australia’s 2020 vision for defence engagement with ASEAN,” February 20, 2020 [https://www.minister.defence.gov.au/minister/lreynolds/statements/australias-2020-vision-defence-engagement-asean].');
  });

  it('keeps each footnote to itself: no body text and no other footnote inside', () => {
    const openings = bodyParagraphs(document).map((paragraph) => paragraph.text.slice(0, 12));
    document.footnotes.forEach((footnote, index) => {
      for (const opening of openings) expect(footnote.text).not.toContain(opening);
      const next = document.footnotes[index + 1];
      if (next) expect(footnote.text).not.toContain(next.text.slice(0, 15));
      // Every footnote is one stretch of the source, except 24, which a heading interrupts (checked above).
      if (footnote.n !== 24) expect(squeeze(source)).toContain(squeeze(footnote.text));
    });
  });

  it('rejoins all 50 URLs whole', () => {
    const urls = document.footnotes.flatMap((footnote) => footnote.urls);
    expect(urls).toHaveLength(50);
    for (const url of urls) {
      expect(url).toMatch(/^https?:\/\/[!-~]+$/u);
      expect(url).not.toMatch(/[[\]]|\.$/u);
      expect(squeeze(source)).toContain(`[${url}]`);
    }
    expect(urls).toContain('https://www.brookings.edu/blog/order-from-chaos/2020/10/05/what-you-need-to-know-about-the-quad-in-charts/');
    expect(urls).toContain('https://asia.nikkei.com/Editor-s-Picks/Interview/Indo-Pacific-cooperation-can-t-be-exclusionary-Armitage');
  });
});

describe('doc 000: footnote markers', () => {
  const { source, document } = doc000;
  const refs = allParagraphs(document).flatMap((paragraph) => paragraph.refs.map((ref) => ({ ...ref, paragraph })));

  it('attaches each of the 60 markers once, in document order', () => {
    expect(refs.map((ref) => ref.n)).toEqual(Array.from({ length: 60 }, (_, index) => index + 1));
    expect(document.warnings).toEqual([]);
  });

  it('puts each marker at the offset where the source has it', () => {
    for (const ref of refs) {
      const before = ref.paragraph.text.slice(Math.max(0, ref.offset - 4), ref.offset);
      const after = ref.paragraph.text.slice(ref.offset, ref.offset + 2);
      expect(squeeze(source)).toContain(`${squeeze(before)}${ref.n}${squeeze(after)}`);
    }
    const first = refs[0] as (typeof refs)[number];
    expect(first.paragraph.text.slice(first.offset - 10, first.offset + 2)).toBe('クアッド（Quad）及び');
    const third = refs[2] as (typeof refs)[number];
    expect(third.paragraph.text.slice(third.offset - 4, third.offset + 1)).toBe('と述べた。');
  });

  it('keeps the real numbers next to markers', () => {
    const text = bodyParagraphs(document).map((paragraph) => paragraph.text).join('\n');
    for (const number of ['当初は12か国のみ加盟', '我が国含む17か国を指定し', '2019年1月の仏独協力統合条約', '第2回日米豪印外相会合', 'ASEAN10か国に加えて', '7つの専門家会合', '記念すべき70周年', 'ビエンチャン・ビジョン2.0', '「2+2」', '1989年以降']) {
      expect(text).toContain(number);
    }
  });

  it('leaves no marker in the text: no digit glued to a word before 。 or 、', () => {
    const leftovers = allParagraphs(document).flatMap((paragraph) => paragraph.text.match(/[^\s\d０-９.+]\d{1,2}[。、]/gu) ?? []);
    expect(leftovers).toEqual([]);
  });
});

describe('doc 000: structure', () => {
  const { document } = doc000;

  it('has 7 sections, the first untitled, each starting where its text starts', () => {
    const sections = document.sections.filter((section) => section.level === 1);
    const expected: Array<[string | null, number, string]> = [
      [null, 1, '2020年8月31日、ビーガン'],
      ['NATOの光と影', 2, 'NATOの歴史については'],
      ['アジアにおける地域的な集団安全保障枠組み', 3, '上述のとおり、ビーガン国務副長官は'],
      ['東南アジア諸国連合（ASEAN）による様々な取組と集団安全保障枠組み', 4, 'その一方で、東南アジア諸国による'],
      ['最近の各国における「アジア版NATO」に関する議論', 5, 'それでは、このような「アジア版NATO」'],
      ['「アジア版NATO」というフレーズの両義性', 7, '上述のとおり、「アジア版NATO」に関しては'],
      ['おわりに：ASEAN中心主義への収斂とフェードアウトする「アジア版NATO」フレーズ', 8, '10月6日、ポンペオ国務長官は'],
    ];
    expect(sections.map((section, index) => [section.heading, section.page, section.paragraphs[0]?.text.slice(0, expected[index]?.[2].length)])).toEqual(expected);
  });

  it('has the six country sub-headings as a lower level inside the fifth section', () => {
    const fifth = document.sections.findIndex((section) => section.heading?.startsWith('最近の各国'));
    const subsections = document.sections.slice(fifth + 1, fifth + 7);
    expect(subsections.map((section) => [section.heading, section.level])).toEqual(
      ['【米国】', '【豪州】', '【インド】', '【中国】', '【台湾】', '【韓国】'].map((heading) => [heading, 2]),
    );
    expect(document.sections[fifth + 7]?.level).toBe(1);
  });

  it('reads the lead box as six summary bullets', () => {
    expect(document.summary).toHaveLength(6);
    expect(document.summary[0]?.text).toBe(
      'ビーガン米国務副長官がNATOを引き合いに「インド太平洋地域が強力な多国間枠組みに欠く」とした点に対して、王毅中国外交部長が「米国はインド太平洋版の新たなNATO構築を企図」と批判したことで、「アジア版NATO」への関心が高まった。',
    );
  });

  it('sets the closing line and the disclaimer aside', () => {
    expect(document.closing).toEqual({ text: '（2020年10月20日脱稿、10月28日、11月2日及び10日修正）', page: 10 });
    expect(document.boilerplate.filter((item) => item.kind === 'disclaimer').map((item) => item.line)).toEqual([776, 778, 780, 781, 783, 785]);
    expect(document.pages).toBe(10);
  });
});

describe('both papers: paragraphs are clean reading text', () => {
  for (const { document } of [doc000, doc003]) {
    it(`${document.id}: no footnote text, separator, heading, disclaimer or contact line inside a paragraph`, () => {
      const headings = document.sections.map((section) => section.heading).filter((heading): heading is string => heading !== null);
      for (const paragraph of allParagraphs(document)) {
        expect(paragraph.text).not.toMatch(/https?:|\[|\d{2,4}-\d{4}-\d{4}|本欄における|御意見|脱稿|\s{2}|\uf06c/u);
        for (const footnote of document.footnotes) expect(paragraph.text).not.toContain(footnote.text.slice(0, 20));
        for (const heading of headings) expect(paragraph.text).not.toContain(heading);
        expect(paragraph.text).not.toMatch(/[\u3040-\u9fff] [\u3040-\u9fff]/u);
      }
    });
  }
});

describe('doc 003', () => {
  const { document } = doc003;

  it('has 3 sections placed where they start: untitled, then two headings printed at page ends', () => {
    const expected: Array<[string | null, number, string]> = [
      [null, 1, '近年、インド太平洋地域では'],
      ['ミニラテラリズムの意義と役割', 2, 'インド太平洋地域におけるミニラテラリズム台頭の背景に'],
      ['日本への含意', 3, '以上を踏まえると、日本は'],
    ];
    expect(document.sections.map((section, index) => [section.heading, section.page, section.paragraphs[0]?.text.slice(0, expected[index]?.[2].length)])).toEqual(expected);
    expect(document.sections.every((section) => section.level === 1)).toBe(true);
    expect(document.pages).toBe(4);
    expect(document.footnotes).toEqual([]);
  });

  it('joins the sentence the heading interrupted at the end of page 2', () => {
    const texts = bodyParagraphs(document).map((paragraph) => paragraph.text);
    expect(texts).toContainEqual(expect.stringContaining('地域において自然災害等を含む突発的な事態が発生した場合において'));
    expect(texts).toContainEqual(expect.stringContaining('海洋の安全保障を含むより「ハード」な分野'));
  });

  it('parses the table: 12 rows × 8 columns, every cell as printed', () => {
    const [table] = document.tables;
    expect(table?.caption).toBe('表：インド太平洋地域における主要なミニラテラルの安全保障枠組みとその協力内容');
    expect(table?.legend).toBe('＊〇は共同声明等で言及された問題。◎は近年特に力を入れている問題。筆者による調査に基づく。');
    expect(table?.columns).toEqual(['日米韓', '日米豪', '日米豪印(QUAD)', '日豪印', '豪英米(AUKUS)', '豪尼印', '豪仏印', '尼馬比']);
    const grid = table?.rows.map((row) => `${row.label} ${table.columns.map((column) => row.cells[column]).join(' ')}`);
    expect(grid).toEqual([
      '海洋安全保障 〇 ◎ ◎ 〇 - ◎ ◎ ◎',
      'テロ対策 - 〇 〇 〇 - 〇 〇 〇',
      '北朝鮮 ◎ 〇 〇 〇 - - - -',
      '宇宙・サイバー 〇 〇 ◎ - 〇 - - -',
      '重要・新興技術 - - ◎ - ◎ - - -',
      '不拡散 〇 〇 - - 〇 - - -',
      '人道支援・災害救援 〇 〇 〇 - - 〇 - -',
      '能力構築支援 - 〇 〇 - - - - -',
      'コロナ対策 〇 - ◎ - - - 〇 -',
      'インフラ支援 - ◎ ◎ - - - - -',
      'サプライチェーン - - 〇 ◎ - - - -',
      '気候変動 〇 - 〇 - - - 〇 -',
    ]);
    expect(table).toMatchObject({ page: 3, sectionId: 's2' });
  });
});
