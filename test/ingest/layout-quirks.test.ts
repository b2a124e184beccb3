import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/ingest/parse-document';
import type { Document, Paragraph } from '../../src/model/document';
import { renderLayout, wrapParagraph, type LayoutPage, type RenderOptions } from '../support/pdf-layout';

/** Lines of a paragraph wrapped at 60 columns (30 Japanese characters), ending with the paragraph-final space. */
const para = (text: string): string[] => wrapParagraph(text, 60);
/** A paragraph that runs on past the page: its last line has no trailing space. */
const runOn = (text: string): string[] => para(text).map((line, index, all) => (index === all.length - 1 ? line.trimEnd() : line));
/** Three full lines and a short one: enough wrapped text for the file to read as the PDF layout. */
const FILLER = para('本稿は海洋の安全保障に関する協力の現状を概観し、その意義と課題について若干の考察を加えるものである。まず協力の経緯を振り返り、次に各国の反応を確認し、最後に日本への含意を述べる。');

function ingest(pages: LayoutPage[], options?: RenderOptions): Document {
  return parseDocument(renderLayout(pages, options), { sourceFile: 'fixture.txt' });
}
const paragraphs = (document: Document): Paragraph[] => document.sections.flatMap((section) => section.paragraphs);
const texts = (document: Document): string[] => paragraphs(document).map((paragraph) => paragraph.text);

describe('lines and words', () => {
  it('rejoins a word the PDF width broke in the middle: ク / アッド（Quad）', () => {
    const document = ingest([{ body: [...FILLER, '2020年8月31日、副長官は発言し、ク', 'アッド（Quad）の方向性に触れた。 '] }]);
    expect(texts(document)[1]).toBe('2020年8月31日、副長官は発言し、クアッド（Quad）の方向性に触れた。');
  });

  it('removes spaces inside dates and around Latin words, keeping spaces between Latin words', () => {
    const document = ingest([{ body: [...FILLER, ...para('2020 年 8 月 31 日、東南アジア条約機構（Southeast Asia Treaty Organization: SEATO）が NATO に言及した。')] }]);
    expect(texts(document)[1]).toBe('2020年8月31日、東南アジア条約機構（Southeast Asia Treaty Organization: SEATO）がNATOに言及した。');
  });

  it('ends a paragraph at closing punctuation followed by a space, and continues one that merely wraps at 。', () => {
    const document = ingest([
      { body: [...FILLER, '本稿はNATOの歴史と現状を概観する。その上で各国の反応を', '確認することとしたい。以上の手順により、全体をまとめる。', 'ここから同じ段落が続き、短く終わる。 ', '次の段落。 '] },
    ]);
    expect(texts(document).slice(1)).toEqual([
      '本稿はNATOの歴史と現状を概観する。その上で各国の反応を確認することとしたい。以上の手順により、全体をまとめる。ここから同じ段落が続き、短く終わる。',
      '次の段落。',
    ]);
  });

  it('starts a paragraph at an indented line even without a paragraph-final space before it', () => {
    const document = ingest([{ body: [...FILLER, ...runOn('この段落は句点で行が終わるが、末尾の空白がない。'), ' 次の段落は字下げで始まる。 '] }]);
    expect(texts(document).slice(1)).toEqual(['この段落は句点で行が終わるが、末尾の空白がない。', '次の段落は字下げで始まる。']);
  });
});

describe('pages and footnotes', () => {
  it('starts a page where a line follows the previous one with no empty line and begins with a space', () => {
    const document = ingest([{ body: FILLER }, { body: para('二頁目の段落である。') }, { body: para('三頁目の段落である。') }]);
    expect(document.pages).toBe(3);
    expect(paragraphs(document).map((paragraph) => paragraph.page)).toEqual([1, 2, 3]);
  });

  it('reads the footnotes after the separator line, merging wrapped lines and keeping the body clean', () => {
    const document = ingest([
      {
        body: [...FILLER, ...para('副長官は「不屈の精神は持ち合わせていない」と述べた1。')],
        footnotes: ['1 Stephen Biegun, “Deputy Secretary Biegun Remarks at the U.S.-India Strategic Partnership ', 'Forum,” August 31, 2020.'],
      },
    ]);
    expect(document.footnotes).toEqual([
      { n: 1, page: 1, urls: [], text: 'Stephen Biegun, “Deputy Secretary Biegun Remarks at the U.S.-India Strategic Partnership Forum,” August 31, 2020.' },
    ]);
    expect(texts(document).join('')).not.toContain('Biegun');
  });

  it('rejoins a URL that the PDF broke across lines', () => {
    const document = ingest([
      {
        body: [...FILLER, ...para('詳しくは次の文献を参照されたい1。')],
        footnotes: ['1 Tanvi Madan, “What you need to know about the ‘Quad,’ in charts,” [https://www.brookings.edu/blog/order-from-', 'chaos/2020/10/05/what-you-need-to-know/].'],
      },
    ]);
    expect(document.footnotes[0]?.urls).toEqual(['https://www.brookings.edu/blog/order-from-chaos/2020/10/05/what-you-need-to-know/']);
  });

  it('merges a footnote that continues on the next page without a number', () => {
    const document = ingest([
      { body: [...FILLER, ...para('ASEANは取組を続けている1。')], footnotes: ['1 軍事面での動きとして、ASEANは現在、人道支援・災害救援のための'] },
      { body: [...para('次の頁の本文である2。')], footnotes: ['「ASEAN即応群」設置の取組を継続している。', '2 防衛省編『日本の防衛』、2020年 7月。'] },
    ]);
    expect(document.footnotes.map((footnote) => [footnote.n, footnote.page, footnote.text])).toEqual([
      [1, 1, '軍事面での動きとして、ASEANは現在、人道支援・災害救援のための「ASEAN即応群」設置の取組を継続している。'],
      [2, 2, '防衛省編『日本の防衛』、2020年7月。'],
    ]);
  });

  it('starts a footnote only at the next number: a continuation line may begin with "45 (2020)"', () => {
    const document = ingest([
      {
        body: [...FILLER, ...para('論文がある1。別の論文もある2。')],
        footnotes: ['1 J. Smith, “Minilateralism in Asia,” Asian Survey, Vol. ', '45 (2020), pp. 1–20.', '2 同上。'],
      },
    ]);
    expect(document.footnotes.map((footnote) => [footnote.n, footnote.text])).toEqual([
      [1, 'J. Smith, “Minilateralism in Asia,” Asian Survey, Vol. 45 (2020), pp. 1–20.'],
      [2, '同上。'],
    ]);
  });

  it('does not start a footnote at a continuation line that begins with another number (50号, 2020 [https…)', () => {
    const document = ingest([
      {
        body: [...FILLER, ...para('論文がある1。年表もある2。')],
        footnotes: ['1 西田竜也「東南アジア条約機構の起源」『同志社アメリカ研究』、第', '50号、2014年 3月、23–45頁。', '2 Australian Government, “Exercise Malabar,” October 19, ', '2020 [https://www.example.gov.au/malabar-2020].'],
      },
    ]);
    expect(document.footnotes.map((footnote) => footnote.text)).toEqual([
      '西田竜也「東南アジア条約機構の起源」『同志社アメリカ研究』、第50号、2014年3月、23–45頁。',
      'Australian Government, “Exercise Malabar,” October 19, 2020 [https://www.example.gov.au/malabar-2020].',
    ]);
  });
});

describe('footnote markers', () => {
  const withNotes = (body: string[], count: number, page2?: string[]): Document =>
    ingest([
      { body: [...FILLER, ...body], footnotes: Array.from({ length: page2 ? 1 : count }, (_, index) => `${index + 1} 注の本文${index + 1}。`) },
      ...(page2 ? [{ body: page2, footnotes: Array.from({ length: count - 1 }, (_, index) => `${index + 2} 注の本文${index + 2}。`) }] : []),
    ]);

  it('removes the marker in 述べた3。 and keeps it as a ref at its offset', () => {
    const document = withNotes(para('副長官は「持ち合わせていない」と述べた1。'), 1);
    const paragraph = paragraphs(document)[1] as Paragraph;
    expect(paragraph.text).toBe('副長官は「持ち合わせていない」と述べた。');
    expect(paragraph.refs).toEqual([{ n: 1, offset: paragraph.text.indexOf('。') }]);
  });

  it('takes a marker glued to a closing bracket before more text: クアッド（Quad）1及び', () => {
    const paragraph = paragraphs(withNotes(para('クアッド（Quad）1及びクアッド・プラス（Quad-Plus）2の方向性。'), 2))[1] as Paragraph;
    expect(paragraph.text).toBe('クアッド（Quad）及びクアッド・プラス（Quad-Plus）の方向性。');
    expect(paragraph.refs.map((ref) => [ref.n, paragraph.text.slice(ref.offset - 3, ref.offset)])).toEqual([
      [1, 'ad）'],
      [2, 'us）'],
    ]);
  });

  it('keeps real numbers next to markers: 12か国, 2019年 1月, 第 2回, 5G, 7つ', () => {
    const body = para('当初は 12か国であった1。2019年 1').concat(['月の条約、第 2回会合、5G、7つの会合がある2。 ']);
    const paragraph = paragraphs(withNotes(body, 2))[1] as Paragraph;
    expect(paragraph.text).toBe('当初は12か国であった。2019年1月の条約、第2回会合、5G、7つの会合がある。');
    expect(paragraph.refs.map((ref) => ref.n)).toEqual([1, 2]);
  });

  it('does not take a number the extractor set off with a space, even where a marker could go: 出席者は 1 名', () => {
    const paragraph = paragraphs(withNotes(para('会合の出席者は 2 名、欠席者は 1 名であった1。'), 1))[1] as Paragraph;
    expect(paragraph.text).toBe('会合の出席者は2名、欠席者は1名であった。');
    expect(paragraph.refs).toEqual([{ n: 1, offset: paragraph.text.length - 1 }]);
  });

  it('does not take a glued number followed by a counter, even where a marker could go: 2つの問題', () => {
    const paragraph = paragraphs(withNotes(para('副長官は述べた1。続いて、2つの問題があると指摘した2。'), 2))[1] as Paragraph;
    expect(paragraph.text).toBe('副長官は述べた。続いて、2つの問題があると指摘した。');
    expect(paragraph.refs.map((ref) => paragraph.text.slice(ref.offset - 2, ref.offset))).toEqual(['べた', 'した']);
  });

  it('takes a marker after a word ending in 約 or 計 where no other can stand (制約17。), and prefers another where one can (約 2 割…約2。 / 述べた2。)', () => {
    const paragraph = paragraphs(withNotes(para('両国は新たな制約1。合計2。'), 2))[1] as Paragraph;
    expect(paragraph.text).toBe('両国は新たな制約。合計。');
    expect(paragraph.refs.map((ref) => ref.n)).toEqual([1, 2]);
    const elsewhere = paragraphs(withNotes(para('費用は約1である。そう述べた1。'), 1))[1] as Paragraph;
    expect(elsewhere.text).toBe('費用は約1である。そう述べた。');
    expect(elsewhere.refs).toEqual([{ n: 1, offset: elsewhere.text.length - 1 }]);
  });

  it('does not take a digit that breaks the sequence: footnote 2 is not cited before footnote 1', () => {
    const paragraph = paragraphs(withNotes(para('計画は2。実施は1。'), 2))[1] as Paragraph;
    expect(paragraph.refs.map((ref) => ref.n)).toEqual([1]);
    expect(paragraph.text).toBe('計画は2。実施は。');
  });

  it('finds a marker that opens a page mid-sentence', () => {
    const document = withNotes(runOn('北部の監視網を強化しつつ'), 2, para('ある点である1。そして次の文2。'));
    const paragraph = paragraphs(document)[1] as Paragraph;
    expect(paragraph.text).toBe('北部の監視網を強化しつつある点である。そして次の文。');
    expect(paragraph.refs.map((ref) => paragraph.text.slice(0, ref.offset).slice(-3))).toEqual(['である', '次の文']);
  });

  it('warns about a footnote that no marker cites', () => {
    expect(withNotes(para('マーカーのない本文である。'), 1).warnings).toContain('footnote 1: no marker found in the text');
  });
});

describe('headings', () => {
  it('places a heading printed at the end of the page at the slot where its section begins', () => {
    const document = ingest([
      { body: [...FILLER, ' ', ' ', ...para('ここから新しい節が始まる。')], headings: ['NATO の光と影 '] },
      { body: para('次の頁も同じ節である。') },
    ]);
    expect(document.sections.map((section) => [section.heading, section.page, section.paragraphs.length])).toEqual([
      [null, 1, 1],
      ['NATOの光と影', 1, 2],
    ]);
  });

  it('tells a heading printed after a footnote that runs on from the footnote (a slot is waiting)', () => {
    const document = ingest([
      {
        body: [...FILLER, ' ', ' ', ...para('新しい節の本文である1。')],
        footnotes: ['1 軍事面での動きとして、ASEANは現在、人道支援・災害救援のための'],
        headings: ['東南アジア諸国連合（ASEAN）による様々な取組 '],
      },
      { body: para('続く頁の本文。'), footnotes: ['「ASEAN即応群」設置の取組を継続している。'] },
    ]);
    expect(document.sections.map((section) => section.heading)).toEqual([null, '東南アジア諸国連合（ASEAN）による様々な取組']);
    expect(document.footnotes[0]?.text).toBe('軍事面での動きとして、ASEANは現在、人道支援・災害救援のための「ASEAN即応群」設置の取組を継続している。');
  });

  it('opens a section at the top of its page when the page has no slot for its heading', () => {
    const document = ingest([
      { body: FILLER },
      { body: [...para('新しい節の最初の段落である。'), ...runOn('二つ目の段落は次の頁へ続き、地域において突発的な事')], headings: ['ミニラテラリズムの意義と役割 '] },
      { body: para('態が発生した場合の手段となる。') },
    ]);
    expect(document.sections.map((section) => [section.heading, section.page, section.paragraphs.map((paragraph) => paragraph.text)])).toEqual([
      [null, 1, [FILLER.join('').trim()]],
      ['ミニラテラリズムの意義と役割', 2, ['新しい節の最初の段落である。', '二つ目の段落は次の頁へ続き、地域において突発的な事態が発生した場合の手段となる。']],
    ]);
  });

  it('makes an inline country heading such as 【米 国】 a level-2 section', () => {
    const document = ingest([{ body: [...FILLER, ' ', '【米 国】 ', ...para('米国の反応である。'), ' ', '【インド】 ', ...para('インドの反応である。')] }]);
    expect(document.sections.map((section) => [section.heading, section.level])).toEqual([
      [null, 1],
      ['【米国】', 2],
      ['【インド】', 2],
    ]);
  });
});

describe('lead box, closing line, disclaimer and tables', () => {
  it('reads the box of U+F06C bullets that opens a paper as the summary and sets the bullets aside', () => {
    const document = ingest([{ body: [' \uf06c ASEAN中心に様々な多国間枠組みが形成され、一定程', '度まで機能している。 ', '\uf06c 二つ目の要点である。 ', ' ', ' ', ...FILLER] }]);
    expect(document.summary.map((item) => item.text)).toEqual(['ASEAN中心に様々な多国間枠組みが形成され、一定程度まで機能している。', '二つ目の要点である。']);
    expect(document.boilerplate.filter((item) => item.kind === 'bullet').map((item) => item.text)).toEqual(['\uf06c', '\uf06c']);
    expect(texts(document)).toEqual([FILLER.join('').trim()]);
  });

  it('sets aside the dated closing line and the disclaimer with contact numbers', () => {
    const document = ingest([
      {
        body: [...FILLER, ...para('本文の最後の段落である1。'), ' ', '（2020年 10月 20日脱稿、11月 2日修正） ', ' ', ' '],
        footnotes: ['1 同上。 ', '本欄における見解は、研究所を代表するものではありません。 ', '直 通 : 03-3260-3011 '],
      },
    ]);
    expect(document.closing).toEqual({ text: '（2020年10月20日脱稿、11月2日修正）', page: 1 });
    expect(document.date).toBe('2020-10-20');
    expect(document.footnotes.map((footnote) => footnote.text)).toEqual(['同上。']);
    expect(document.boilerplate.filter((item) => item.kind === 'disclaimer').map((item) => item.text)).toEqual([
      '本欄における見解は、研究所を代表するものではありません。',
      '直 通 : 03-3260-3011',
    ]);
    expect(texts(document).join('')).not.toMatch(/脱稿|03-3260/u);
  });

  it('parses a table: caption, column names split over lines, rows of marks and a legend', () => {
    const document = ingest([
      {
        body: [...FILLER, ' ', '表：主要な枠組みとその協力内容 ', '  日米韓 日米豪 ', ' ', '日米豪印 ', '(QUAD) ', ' ', '海洋安全保障 〇 ◎ ◎ ', 'テロ対策 - 〇 〇 ', '＊〇は言及された問題。 ', ' ', ...para('表の後の段落。')],
      },
    ]);
    expect(document.tables).toEqual([
      {
        id: 't1',
        caption: '表：主要な枠組みとその協力内容',
        legend: '＊〇は言及された問題。',
        columns: ['日米韓', '日米豪', '日米豪印(QUAD)'],
        rows: [
          { label: '海洋安全保障', cells: { 日米韓: '〇', 日米豪: '◎', '日米豪印(QUAD)': '◎' } },
          { label: 'テロ対策', cells: { 日米韓: '-', 日米豪: '〇', '日米豪印(QUAD)': '〇' } },
        ],
        page: 1,
        sectionId: 's1',
        afterParagraphId: 'p1',
      },
    ]);
    expect(texts(document)).toEqual([FILLER.join('').trim(), '表の後の段落。']);
  });
  it('keeps every cell of a table whose header repeats a name or lacks one', () => {
    const document = ingest([{ body: [...FILLER, ' ', '表：比較 ', ' 日米 日米 ', '海洋 ◎ 〇 - ', 'テロ対策 - 〇 ◎ ', ' ', ...para('表の後の段落。')] }]);
    expect(document.tables[0]?.rows.map((row) => row.cells)).toEqual([
      { 日米: '◎', '日米#2': '〇', '#3': '-' },
      { 日米: '-', '日米#2': '〇', '#3': '◎' },
    ]);
    expect(document.warnings).toContain('table "表：比較": 2 column names for 3 cells per row');
  });
});

describe('any text file ingests', () => {
  it('reads CRLF line endings and a BOM exactly as LF without a BOM', () => {
    const pages: LayoutPage[] = [
      { body: [...FILLER, ...para('本文1。')], footnotes: ['1 注。'], headings: ['見出し '] },
      { body: [' ', ' ', ...para('節の本文。')] },
    ];
    expect(ingest(pages, { lineEnding: '\r\n', bom: true })).toEqual(ingest(pages));
  });

  it('reads plain text without the PDF layout: paragraphs separated by empty lines, one page', () => {
    const document = parseDocument('これは普通のテキストである。\n二行目も同じ段落である。\n\n二つ目の段落。\n\n三つ目の段落。\n', { sourceFile: 'memo.txt' });
    expect(document.pages).toBe(1);
    expect(texts(document)).toEqual(['これは普通のテキストである。二行目も同じ段落である。', '二つ目の段落。', '三つ目の段落。']);
    expect(document.footnotes).toEqual([]);
  });

  it('reads an English plain text file and keeps its spaces', () => {
    const document = parseDocument('Quad members met in Tokyo.\nThey agreed to\ncooperate.\n\nA second paragraph.', { sourceFile: 'note.txt' });
    expect(document.lang).toBe('en');
    expect(texts(document)).toEqual(['Quad members met in Tokyo. They agreed to cooperate.', 'A second paragraph.']);
  });

  it('splits pages at form feeds', () => {
    const document = parseDocument('一頁目の段落。\n\n\f二頁目の段落。\n', { sourceFile: 'ff.txt' });
    expect(paragraphs(document).map((paragraph) => [paragraph.text, paragraph.page])).toEqual([
      ['一頁目の段落。', 1],
      ['二頁目の段落。', 2],
    ]);
  });

  it('takes a short first line standing on its own as the title', () => {
    const document = ingest([{ body: ['アジア版NATOをめぐる議論 ', ' ', ...FILLER] }]);
    expect([document.title, document.titleSource]).toEqual(['アジア版NATOをめぐる議論', 'title-line']);
    expect(texts(document)).toEqual([FILLER.join('').trim()]);
  });

  it('derives a title from the first sentence when there is no title line, cut at 40 characters', () => {
    const document = ingest([{ body: [...para('インド太平洋地域では、米国を中心とした二国間の同盟体制や、東南アジア諸国連合を中心とした多国間の枠組みが存在してきた。'), ...FILLER] }]);
    expect(document.titleSource).toBe('first-sentence');
    expect(document.title).toBe('インド太平洋地域では、米国を中心とした二国間の同盟体制や…');
  });

  it('names documents after their file: URL-safe ids', () => {
    expect(parseDocument('本文。', { sourceFile: '000_d62613a39113a7e6.txt' }).id).toBe('000_d62613a39113a7e6');
    expect(parseDocument('本文。', { sourceFile: '報告書 2021.txt' }).id).toMatch(/^2021-[0-9a-f]{8}$/u);
  });
});
