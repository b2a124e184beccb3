import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedSurfaces, type CarriedTokens, SurfaceScanner, TokenMemo } from '../../src/text/token-memo';
import { Lexicon, type LexiconData, tokenize } from '../../src/text/tokenizer';

/** A memo over `data`, carrying what a memo over `before` tokenized of `texts`. */
function carriedInto(before: LexiconData, data: LexiconData, texts: readonly string[]): TokenMemo {
  const first = new TokenMemo(new Lexicon(before), before);
  const scope = first.scope('paper');
  for (const text of texts) scope(text);
  const carried: CarriedTokens = { lexicon: before, buckets: first.buckets() };
  return new TokenMemo(new Lexicon(data), data, carried);
}

// Few characters, so entries and texts overlap often: kanji, katakana and the hiragana that spells it.
const CHARS = ['日', '米', '安', '保', '障', 'ク', 'ア', 'ッ', 'ド', 'く', 'あ', 'っ', 'ど', 'の', 'は', 'a', ' '];
const word = fc.oneof(
  fc.array(fc.constantFrom(...CHARS.filter((char) => char !== ' ')), { minLength: 1, maxLength: 4 }).map((chars) => chars.join('')),
  // Katakana words long enough to be looked up in a hiragana spelling too.
  fc.array(fc.constantFrom('ク', 'ア', 'ッ', 'ド'), { minLength: 3, maxLength: 4 }).map((chars) => chars.join('')),
);
const term = fc.oneof(fc.constant(''), word);
const entries = fc.dictionary(word, term, { maxKeys: 12 });
const text = fc.array(fc.oneof(fc.constantFrom(...CHARS), fc.constantFrom('くあっど', 'あくど', 'クアッド')), { maxLength: 16 }).map((chars) => chars.join(''));

describe('tokens carried from one lexicon to the next', () => {
  it('are exactly what tokenize gives under the new lexicon, whatever was added, removed or remapped', () => {
    fc.assert(
      fc.property(entries, entries, fc.array(fc.constantFrom('add', 'remove', 'remap', 'keep'), { minLength: 12, maxLength: 12 }), fc.array(text, { maxLength: 8 }), (before, extra, edits, texts) => {
        const after: Record<string, string> = { ...before };
        Object.keys(before).forEach((surface, index) => {
          if (edits[index] === 'remove') delete after[surface];
          if (edits[index] === 'remap') after[surface] = before[surface] === '' ? surface : '';
        });
        Object.entries(extra).forEach(([surface, value], index) => {
          if (edits[index] === 'add') after[surface] = value;
        });
        const data = { entries: after };
        const memo = carriedInto({ entries: before }, data, texts);
        const scope = memo.scope('paper');
        for (const sample of texts) expect(scope(sample)).toEqual(tokenize(sample, new Lexicon(data)));
      }),
      { numRuns: 400 },
    );
  });

  it('are kept for the texts no change touches, and only for those', () => {
    const before = { entries: { 日米: '日米', 安全: '安全', 保障: '保障', 同盟国: '同盟国' } };
    const after = { entries: { ...before.entries, 安全保障: '安全保障' } };
    const memo = carriedInto(before, after, ['日米の同盟', '安全保障の議論']);
    const scope = memo.scope('paper');
    expect(scope('日米の同盟').map((token) => token.term)).toEqual(['日米', '同盟']);
    expect(scope('安全保障の議論').map((token) => token.term)).toEqual(['安全保障', '議論']);
    expect(memo.counts).toEqual({ tokenized: 1, carried: 1, invalidated: 1 });
    expect(memo.isFresh('安全保障の議論')).toBe(true);
    expect(memo.isFresh('日米の同盟')).toBe(false);
  });

  it('are tokenized again where a new katakana word is spelled in hiragana (lookup reads くあっど as クアッド)', () => {
    const before = { entries: { 日米: '日米', 同盟国: '同盟国' } };
    const after = { entries: { ...before.entries, クアッド: 'クアッド' } };
    const memo = carriedInto(before, after, ['くあっどの日米']);
    expect(memo.scope('paper')('くあっどの日米').map((token) => token.term)).toContain('クアッド');
    expect(changedSurfaces(before, after)).toEqual(new Set(['クアッド', 'くあっど']));
  });

  it('are all tokenized again when the longest entry changes below a question word’s length (those are found only up to it)', () => {
    expect(changedSurfaces({ entries: { 日: '日' } }, { entries: { 日: '日', 米国: '米国' } })).toBeNull();
    expect(changedSurfaces({ entries: { 日米安: '日米安' } }, { entries: { 日米安: '日米安', 米国の安全: '米国の安全' } })).toEqual(new Set(['米国の安全']));
  });
});

describe('SurfaceScanner', () => {
  it('finds any of its surfaces anywhere in a text, and nothing else', () => {
    const scanner = new SurfaceScanner(new Set(['安全保障', '日米', 'a']));
    expect(scanner.occursIn('米国の安全保障')).toBe(true);
    expect(scanner.occursIn('日米同盟')).toBe(true);
    expect(scanner.occursIn('xa')).toBe(true);
    expect(scanner.occursIn('安全保険と日本と米国')).toBe(false);
    expect(new SurfaceScanner(new Set()).occursIn('日米')).toBe(false);
  });
});
