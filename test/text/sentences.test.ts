import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentenceAt, sentenceSpans } from '../../src/text/sentences';

const sentences = (text: string): string[] => sentenceSpans(text).map((span) => text.slice(span.start, span.end));

describe('sentenceSpans', () => {
  it('ends a sentence after 。 and keeps a closing bracket with it', () => {
    expect(sentences('NATOは設立された。その来歴は共有されず。「終わった。」次。')).toEqual([
      'NATOは設立された。',
      'その来歴は共有されず。',
      '「終わった。」',
      '次。',
    ]);
  });

  it('does not end a sentence at a question mark inside a quotation', () => {
    expect(sentences('「なぜクアッドはアジア版NATOになれないのか？」と題した記事を掲載した。次の文。')).toEqual([
      '「なぜクアッドはアジア版NATOになれないのか？」と題した記事を掲載した。',
      '次の文。',
    ]);
  });

  it('falls back to plain splitting when brackets do not balance', () => {
    expect(sentences('「閉じない。次の文。')).toEqual(['「閉じない。', '次の文。']);
  });

  it('ends a sentence at an ASCII period directly followed by Japanese', () => {
    expect(sentences('Strategic Update, July 1, 2020.なお、同文書は述べている。')).toEqual(['Strategic Update, July 1, 2020.', 'なお、同文書は述べている。']);
  });

  it('splits English at a period followed by a space', () => {
    expect(sentences('See also Smith. The Diplomat, 2020.')).toEqual(['See also Smith.', ' The Diplomat, 2020.']);
  });

  it('covers the text exactly, in order', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('あ', '。', '「', '」', '？', 'a', '.', ' ', '（', '）') }), (text) => {
        const spans = sentenceSpans(text);
        expect(spans.map((span) => text.slice(span.start, span.end)).join('')).toBe(text);
        spans.forEach((span, index) => {
          expect(span.end).toBeGreaterThan(span.start);
          if (index > 0) expect(span.start).toBe((spans[index - 1] as { end: number }).end);
        });
      }),
    );
  });
});

describe('sentenceAt', () => {
  it('finds the sentence a footnote marker offset belongs to', () => {
    const text = '前の文。不屈の精神は持ち合わせていない」と述べた。そして次。';
    const offset = text.indexOf('述べた') + 3;
    const span = sentenceAt(text, offset);
    expect(text.slice(span.start, span.end)).toBe('不屈の精神は持ち合わせていない」と述べた。');
  });
});
