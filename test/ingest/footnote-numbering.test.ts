import { describe, expect, it } from 'vitest';
import { IngestError } from '../../src/ingest/errors';
import { parseDocument } from '../../src/ingest/parse-document';
import type { Document } from '../../src/model/document';
import { renderLayout, wrapParagraph, type LayoutPage } from '../support/pdf-layout';

/**
 * Footnote numbering that does not run 1, 2, 3…: a misprinted number, a footnote the extraction lost, a
 * continuation line that begins with a number. No footnote may take another's text or URL, and every
 * irregularity is a warning that names the footnote and the line.
 */
const para = (text: string): string[] => wrapParagraph(text, 60);
const FILLER = para('本稿は海洋の安全保障に関する協力の現状を概観し、その意義と課題について若干の考察を加えるものである。まず協力の経緯を振り返り、次に各国の反応を確認し、最後に日本への含意を述べる。');
const note = (n: number | string, body: number = typeof n === 'number' ? n : 0): string => `${n} 注${body}の本文である。[https://example.org/note-${body}]。`;

/** Six cited sentences on two pages, with the footnote lines as given. */
function paper(footnotes: [string[], string[]]): Document {
  const pages: LayoutPage[] = [
    { body: [...FILLER, ...para('第一の論点を述べた1。第二の論点を述べた2。第三の論点を述べた3。')], footnotes: footnotes[0] },
    { body: [...para('第四の論点を述べた4。第五の論点を述べた5。第六の論点を述べた6。')], footnotes: footnotes[1] },
  ];
  return parseDocument(renderLayout(pages), { sourceFile: 'numbering.txt' });
}
const notes = (document: Document): Array<[number, string[]]> => document.footnotes.map((footnote) => [footnote.n, footnote.urls]);
const refs = (document: Document): number[] => document.sections.flatMap((section) => section.paragraphs.flatMap((paragraph) => paragraph.refs.map((ref) => ref.n)));
const bodyText = (document: Document): string => document.sections.flatMap((section) => section.paragraphs.map((paragraph) => paragraph.text)).join('');

describe('footnote numbering', () => {
  it('reads a misprinted number between two footnotes as the one missing there, with a warning, and merges nothing', () => {
    const document = paper([[note(1), note(2), note(7, 3)], [note(4), note(5), note(6)]]);
    expect(notes(document)).toEqual([1, 2, 3, 4, 5, 6].map((n) => [n, [`https://example.org/note-${n}`]]));
    expect(document.footnotes[2]?.text).toBe('注3の本文である。[https://example.org/note-3]。');
    expect(refs(document)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(document.warnings).toEqual([expect.stringMatching(/^line \d+: a footnote numbered 7 stands between footnotes 2 and 4; read as footnote 3$/u)]);
  });

  it('reports a footnote the paper lacks, naming both neighbours and their lines, and the marker that cites it', () => {
    const document = paper([[note(1), note(2)], [note(4), note(5), note(6)]]);
    expect(notes(document).map(([n]) => n)).toEqual([1, 2, 4, 5, 6]);
    expect(document.footnotes[1]?.text).toBe('注2の本文である。[https://example.org/note-2]。');
    expect(document.warnings).toContainEqual(expect.stringMatching(/^line \d+: footnote 3 is missing: footnote 2 \(line \d+\) is followed by footnote 4$/u));
    expect(document.warnings).toContainEqual(expect.stringMatching(/^line \d+: the text cites footnote 3, which the paper does not have$/u));
    // The marker is a marker, not a digit of the text.
    expect(bodyText(document)).toContain('第三の論点を述べた。');
    expect(refs(document)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reports a run of missing footnotes once, as a range', () => {
    const document = paper([[note(1), note(2)], [note(6)]]);
    expect(notes(document).map(([n]) => n)).toEqual([1, 2, 6]);
    expect(document.warnings).toContainEqual(expect.stringMatching(/footnotes 3–5 are missing: footnote 2 \(line \d+\) is followed by footnote 6$/u));
  });

  it('reads a misprint after the last footnote as the number the text cites next', () => {
    const document = paper([[note(1), note(2), note(3)], [note(4), note(5), note(9, 6)]]);
    expect(notes(document).map(([n]) => n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(document.footnotes[4]?.urls).toEqual(['https://example.org/note-5']);
    expect(document.warnings).toEqual([expect.stringMatching(/a footnote numbered 9 stands after footnote 5, where the text cites 6; read as footnote 6$/u)]);
  });

  it('still continues a footnote whose next line begins with a number, after a line that ends like a sentence', () => {
    const document = paper([[note(1), note(2), '3 Smith, “Sea Lanes,” Journal of Maritime Studies, Vol. ', '45 (2020), pp. 1–20.'], [note(4), note(5), note(6)]]);
    expect(notes(document).map(([n]) => n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(document.footnotes[2]?.text).toBe('Smith, “Sea Lanes,” Journal of Maritime Studies, Vol. 45 (2020), pp. 1–20.');
    expect(document.warnings).toEqual([]);
  });

  it('keeps the numbering of a regular paper without a warning', () => {
    const document = paper([[note(1), note(2), note(3)], [note(4), note(5), note(6)]]);
    expect(notes(document).map(([n]) => n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(document.warnings).toEqual([]);
  });

  it('refuses a paper whose footnote area swallows the text after it, naming the footnote and its line', () => {
    const runaway = Array.from({ length: 900 }, (_, index) => `注の続きの行である、その${index}。`);
    const text = renderLayout([{ body: [...FILLER, ...para('論点を述べた1。')], footnotes: ['1 注の本文である。', ...runaway] }]);
    const error = (() => {
      try {
        parseDocument(text, { sourceFile: 'runaway.txt' });
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).code).toBe('FOOTNOTE_TOO_LONG');
    expect((error as IngestError).message).toMatch(/^runaway\.txt:\d+: footnote 1 is [\d,]+ characters long; the limit is 10,000/u);
  });
});
