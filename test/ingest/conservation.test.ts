import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/ingest/decode';
import { parseDocument } from '../../src/ingest/parse-document';
import type { Document } from '../../src/model/document';
import { normalizeSpacing } from '../../src/text/spacing';
import { conservationDiff } from '../support/conservation';
import { renderLayout, wrapParagraph, type LayoutPage } from '../support/pdf-layout';

/**
 * Ingestion conserves text: every non-space character of the source appears in exactly one place of the
 * output (paragraphs, headings, footnotes, markers, tables, summary, closing line, or the set-aside
 * bucket). Checked on the real files and on generated ones, together with the model's invariants.
 */

function checkInvariants(source: string, document: Document): void {
  expect(conservationDiff(source, document)).toEqual({});
  const paragraphs = [...document.summary, ...document.sections.flatMap((section) => section.paragraphs)];
  for (const paragraph of paragraphs) {
    expect(normalizeSpacing(paragraph.text)).toBe(paragraph.text);
    let previous = 0;
    for (const ref of paragraph.refs) {
      expect(ref.offset).toBeGreaterThanOrEqual(previous);
      expect(ref.offset).toBeLessThanOrEqual(paragraph.text.length);
      previous = ref.offset;
    }
  }
  const cited = paragraphs.flatMap((paragraph) => paragraph.refs.map((ref) => ref.n));
  expect(cited).toEqual([...cited].sort((a, b) => a - b));
  expect(new Set(cited).size).toBe(cited.length);
  document.footnotes.forEach((footnote, index) => {
    if (index > 0) expect(footnote.n).toBe((document.footnotes[index - 1]?.n ?? 0) + 1);
    expect(normalizeSpacing(footnote.text)).toBe(footnote.text);
  });
}

describe('real files', () => {
  for (const path of ['corpus/000_d62613a39113a7e6.txt', 'corpus/003_cd568db34d9aead0.txt', 'test/fixtures/mda-commentary.txt']) {
    it(`conserves every character of ${path}`, () => {
      const source = decodeSource(readFileSync(path), path);
      checkInvariants(source, parseDocument(source, { sourceFile: 'file.txt' }));
    });
  }
});

const japanese = fc.string({ unit: fc.constantFrom(...Array.from('のはにをがとで安全保障協力日本米国中国地域枠組み同盟アジアクッドー・')), minLength: 1, maxLength: 12 });
const phrase = fc.oneof(
  { weight: 6, arbitrary: japanese },
  { weight: 1, arbitrary: fc.constantFrom('NATO', 'ASEAN', 'Quad', 'Southeast Asia Treaty', '2020 年 8 月 31 日', '12か国', '第 2回', '5G', '2+2', '7つ', '「', '」', '（Quad）', '、', '。', '？') },
);
const sentence = fc.tuple(fc.array(phrase, { minLength: 1, maxLength: 6 }), fc.boolean()).map(([parts, cite]) => ({ text: parts.join(''), cite }));
const paragraphSpec = fc.array(sentence, { minLength: 1, maxLength: 4 });
const block = fc.oneof(
  { weight: 8, arbitrary: paragraphSpec.map((sentences) => ({ kind: 'paragraph' as const, sentences })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'slot' as const }) },
  { weight: 1, arbitrary: fc.constantFrom('【米 国】', '【インド】').map((heading) => ({ kind: 'subheading' as const, heading })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'table' as const }) },
);
const pageSpec = fc.record({
  blocks: fc.array(block, { minLength: 1, maxLength: 4 }),
  headings: fc.array(fc.constantFrom('NATO の光と影', '日本への含意', 'おわりに：ASEAN 中心主義'), { maxLength: 2 }),
  runOn: fc.boolean(),
});
const documentSpec = fc.record({
  pages: fc.array(pageSpec, { minLength: 1, maxLength: 4 }),
  summary: fc.array(japanese, { maxLength: 3 }),
  closing: fc.boolean(),
  disclaimer: fc.boolean(),
});

type DocumentSpec = typeof documentSpec extends fc.Arbitrary<infer Spec> ? Spec : never;

/** Wrapped text on every page, so that generated papers are in the PDF layout (full lines at one width). */
const FILLER = wrapParagraph(
  '本稿は海洋の安全保障に関する協力の現状を概観し、その意義と課題について若干の考察を加えるものである。まず協力の経緯を振り返り、次に各国の反応を確認し、最後に日本への含意を述べる。',
  60,
);

/** Renders a generated paper in the PDF layout, numbering footnote markers and footnotes in order. */
function renderSpec(spec: DocumentSpec): string {
  let footnote = 0;
  const pages: LayoutPage[] = spec.pages.map((page, pageIndex) => {
    const body: string[] = [...FILLER];
    const footnotes: string[] = [];
    if (pageIndex === 0 && spec.summary.length > 0) {
      body.unshift(...spec.summary.flatMap((item) => wrapParagraph(`\uf06c ${item}。`, 60)), ' ', ' ');
    }
    page.blocks.forEach((item) => {
      if (item.kind === 'slot') body.push(' ', ' ');
      else if (item.kind === 'subheading') body.push(' ', `${item.heading} `);
      else if (item.kind === 'table') body.push(' ', '表：協力の分野 ', ' 日米 日豪 ', '(QUAD) ', '海洋 ◎ 〇 ', 'テロ対策 - 〇 ', '＊◎は主要。 ');
      else {
        const text = item.sentences
          .map(({ text: words, cite }) => {
            // Markers follow a word: glued to a digit (`2+21。`) no reader could tell them apart, and none follows an opening bracket.
            if (!cite || /[\d「（(『【]$/u.test(words)) return `${words}。`;
            footnote++;
            footnotes.push(`${footnote} 注の本文 ${words} [https://example.org/${footnote}-`, `note.html]。`);
            return `${words}${footnote}。`;
          })
          .join('');
        body.push(...wrapParagraph(text, 60));
      }
    });
    const last = body[body.length - 1] ?? '';
    if (page.runOn && pageIndex < spec.pages.length - 1 && last.trim() !== '') body[body.length - 1] = last.trimEnd();
    if (pageIndex === spec.pages.length - 1 && spec.closing) body.push(' ', '（2020年 10月 20日脱稿） ');
    if (pageIndex === spec.pages.length - 1 && spec.disclaimer) footnotes.push('本欄における見解は、研究所を代表するものではありません。 ', '直 通 : 03-3260-3011 ');
    return { body, footnotes, headings: page.headings.map((heading) => `${heading} `) };
  });
  return renderLayout(pages);
}

describe('generated papers in the PDF layout', () => {
  it('conserves every character and keeps the model invariants', () => {
    fc.assert(
      fc.property(documentSpec, (spec) => {
        const source = renderSpec(spec);
        const document = parseDocument(source, { sourceFile: 'generated.txt' });
        expect(document.pages).toBe(spec.pages.length);
        checkInvariants(source, document);
      }),
      { numRuns: 300 },
    );
  });

  it('cites every generated footnote at its marker', () => {
    fc.assert(
      fc.property(documentSpec, (spec) => {
        const document = parseDocument(renderSpec(spec), { sourceFile: 'generated.txt' });
        const cited = [...document.summary, ...document.sections.flatMap((section) => section.paragraphs)].flatMap((paragraph) => paragraph.refs.map((ref) => ref.n));
        expect(cited).toEqual(document.footnotes.map((note) => note.n));
      }),
      { numRuns: 200 },
    );
  });
});

describe('arbitrary line soup', () => {
  const piece = fc.oneof(
    japanese,
    fc.constantFrom(' ', '   ', '\u3000', '12', '3', '。', '」', '【中 国】', '表：', '◎', '〇', '-', '＊', '\uf06c', '[https://ex.org/a-', 'b]', '03-1234-5678', '（2020年 1月 1日脱稿）', '本欄における見解は', '1 ', '2 ', 'See also '),
    fc.string({ maxLength: 4 }),
  );
  const line = fc.record({
    text: fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')),
    ending: fc.constantFrom('\n\n', '\n\n', '\n\n', '\n', '\r\n', '\r\n\r\n'),
  });
  const soup = fc.array(line, { minLength: 1, maxLength: 60 }).map((lines) => lines.map(({ text, ending }) => text + ending).join(''));

  it('never fails on text that decodes, and conserves every character', () => {
    fc.assert(
      fc.property(soup, (source) => {
        fc.pre(source.trim() !== '' && !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/u.test(source));
        checkInvariants(source, parseDocument(source, { sourceFile: 'soup.txt' }));
      }),
      { numRuns: 500 },
    );
  });

  it('reads the 51-space separator layout even with hundreds of lines', () => {
    const lines = Array.from({ length: 300 }, (_, index) => (index % 50 === 49 ? ' '.repeat(51) : `安全保障協力の本文${index}であり、行を折り返している。`));
    const source = lines.join('\n\n');
    checkInvariants(source, parseDocument(source, { sourceFile: 'long.txt' }));
  });
});
