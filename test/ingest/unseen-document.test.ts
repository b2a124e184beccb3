import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/ingest/decode';
import { parseDocument } from '../../src/ingest/parse-document';
import type { Paragraph } from '../../src/model/document';

/**
 * test/fixtures/mda-commentary.txt was written after the parser, laid out like the seed papers but with
 * quirks they do not have: a titled first section, a marker opening a page, a footnote that runs on
 * past a heading, a heading with no slot, a two-column table, four pages.
 */
const bytes = readFileSync('test/fixtures/mda-commentary.txt');
const document = parseDocument(decodeSource(bytes, 'mda-commentary.txt'), { sourceFile: 'mda-commentary.txt' });
const paragraphs = document.sections.flatMap((section) => section.paragraphs);
const citing = (n: number): Paragraph | undefined => paragraphs.find((paragraph) => paragraph.refs.some((ref) => ref.n === n));

describe('a paper laid out like the seeds that the parser was not written against', () => {
  it('finds 4 pages, the summary, and the sections where they start', () => {
    expect(document.pages).toBe(4);
    expect(document.summary.map((item) => item.text)).toEqual([
      '日豪両国は2019年以降、海洋状況把握（Maritime Domain Awareness: MDA）の分野で協力を拡大してきた。',
      '協力の中心は情報共有、共同訓練及び第三国の能力構築支援である。',
    ]);
    expect(document.sections.map((section) => [section.heading, section.level, section.page, section.paragraphs.length])).toEqual([
      ['はじめに', 1, 1, 3],
      ['【豪州】', 2, 2, 1],
      ['日豪協力の三つの柱', 1, 2, 1],
      ['今後の課題', 1, 3, 3],
    ]);
  });

  it('joins the paragraph whose marker opens page 2 and puts the marker after である', () => {
    const paragraph = citing(3);
    expect(paragraph?.text).toBe(
      '本稿では、こうした協力の経緯を振り返り、その意義と課題を考察する。とりわけ注目されるのは、豪州が近年、北部の監視網を強化しつつある点である。そして、その監視網は日本の情報とも結びつきつつある。',
    );
    const offset = paragraph?.refs.find((ref) => ref.n === 3)?.offset ?? -1;
    expect(paragraph?.text.slice(offset - 3, offset + 1)).toBe('である。');
    expect(paragraph?.page).toBe(1);
  });

  it('keeps 3か国, 2019年1月, 第2回 and 5G as text and takes markers 1 and 2', () => {
    const paragraph = citing(1);
    expect(paragraph?.refs.map((ref) => ref.n)).toEqual([1, 2]);
    expect(paragraph?.text).toContain('第2回のMDA対話');
    expect(paragraph?.text).toContain('当初は3か国による枠組み');
    expect(paragraph?.text).toContain('2019年1月の協議');
    expect(paragraphs.some((candidate) => candidate.text.includes('5G網'))).toBe(true);
  });

  it('merges footnote 4 across the heading and the page break, and rejoins the broken URL of footnote 1', () => {
    expect(document.footnotes.map((footnote) => [footnote.n, footnote.page])).toEqual([
      [1, 1],
      [2, 1],
      [3, 2],
      [4, 2],
      [5, 3],
      [6, 4],
    ]);
    expect(document.footnotes[3]?.text).toBe('Department of Defence, 2020 Defence Strategic Update, July 1, 2020.なお、同文書は北部の基地整備の方針についても述べている。');
    expect(document.footnotes[0]?.urls).toEqual(['https://www.example.go.jp/press/mda-dialogue-2021.html']);
    expect(document.footnotes[1]?.text).toBe('Jane Doe, “Australia, Japan and the Maritime Domain,” Example Policy Review, Vol. 12, No. 3, 2020, pp. 45–67.');
  });

  it('parses the two-column table with a parenthesized column name on its own line', () => {
    expect(document.tables).toEqual([
      expect.objectContaining({
        caption: '表1：日豪のMDA協力の分野',
        columns: ['防衛省', '海上保安庁(JCG)'],
        rows: [
          { label: '情報共有', cells: { 防衛省: '◎', '海上保安庁(JCG)': '〇' } },
          { label: '共同訓練', cells: { 防衛省: '〇', '海上保安庁(JCG)': '-' } },
          { label: '能力構築', cells: { 防衛省: '-', '海上保安庁(JCG)': '◎' } },
        ],
        sectionId: 's3',
      }),
    ]);
  });

  it('sets aside the closing line and the disclaimer, and dates the paper from the closing line', () => {
    expect(document.closing?.text).toBe('（2021年3月1日脱稿）');
    expect([document.date, document.dateSource]).toEqual(['2021-03-01', 'closing-line']);
    expect(document.footnotes[5]?.text).toBe('同上。');
    expect(document.boilerplate.filter((item) => item.kind === 'disclaimer')).toHaveLength(2);
    expect(document.warnings).toEqual([]);
  });

  it('parses the same with CRLF line endings and a BOM', () => {
    const crlf = `\ufeff${readFileSync('test/fixtures/mda-commentary.txt', 'utf8').replace(/\n/gu, '\r\n')}`;
    expect(parseDocument(decodeSource(new TextEncoder().encode(crlf), 'x'), { sourceFile: 'mda-commentary.txt' })).toEqual(document);
  });
});
