import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinWrappedLines, normalizeSpacing, normalizeSpacingWithOffsets } from '../../src/text/spacing';

describe('normalizeSpacing', () => {
  it('removes the spaces the extractor put inside dates: 2020 年 8 月 31 日 → 2020年8月31日', () => {
    expect(normalizeSpacing('2020 年 8 月 31 日、ビーガン')).toBe('2020年8月31日、ビーガン');
  });

  it('removes spaces between Japanese and Latin text but keeps spaces between Latin words', () => {
    expect(normalizeSpacing('副長官が NATO を引き合いに')).toBe('副長官がNATOを引き合いに');
    expect(normalizeSpacing('東南アジア条約機構（Southeast Asia Treaty Organization: SEATO）が')).toBe(
      '東南アジア条約機構（Southeast Asia Treaty Organization: SEATO）が',
    );
  });

  it('collapses runs of white space, including U+3000 and line breaks, and trims', () => {
    expect(normalizeSpacing('  See\u3000also\n\nTim   Huxley ')).toBe('See also Tim Huxley');
  });

  it('joins a Japanese word the extractor split over a space: 【米 国】 → 【米国】', () => {
    expect(normalizeSpacing('【米 国】')).toBe('【米国】');
  });

  it('is idempotent', () => {
    const pieces = fc.constantFrom(' ', '\u3000', '\n', 'a', 'Z', '1', '年', 'ク', '。', '（', ')', '“', '\uf06c', '𠮷');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join('')), (text) => {
        const once = normalizeSpacing(text);
        expect(normalizeSpacing(once)).toBe(once);
      }),
    );
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => normalizeSpacing(normalizeSpacing(text)) === normalizeSpacing(text)));
  });

  it('only removes white space: every other character survives, in order', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(normalizeSpacing(text).replace(/\s/gu, '')).toBe(text.replace(/\s/gu, ''));
      }),
    );
  });

  it('maps input offsets to output offsets', () => {
    const input = '当初は 12か 国のみ';
    const { text, offsetOf } = normalizeSpacingWithOffsets(input);
    expect(text).toBe('当初は12か国のみ');
    expect(text[offsetOf(input.indexOf('12'))]).toBe('1');
    expect(text[offsetOf(input.indexOf('国'))]).toBe('国');
    expect(offsetOf(input.length)).toBe(text.length);
  });
});

describe('joinWrappedLines', () => {
  it('rejoins a word broken at the line end: ク / アッド（Quad）', () => {
    expect(normalizeSpacing(joinWrappedLines('発言し、ク', 'アッド（Quad）1及び'))).toBe('発言し、クアッド（Quad）1及び');
  });

  it('keeps one space where an English line wrapped at a word boundary (trailing space)', () => {
    expect(joinWrappedLines('Dialogue: possibilities ', 'and challenges,')).toBe('Dialogue: possibilities and challenges,');
  });

  it('rejoins a URL cut after a hyphen with no space (no trailing space)', () => {
    expect(joinWrappedLines('[https://www.brookings.edu/blog/order-from-', 'chaos/2020/10/05/]. ')).toBe(
      '[https://www.brookings.edu/blog/order-from-chaos/2020/10/05/]. ',
    );
  });

  it('drops the leading space of a page-opening line', () => {
    expect(joinWrappedLines('持ち合わせてい', ' ない」と述べた3。')).toBe('持ち合わせていない」と述べた3。');
  });
});
