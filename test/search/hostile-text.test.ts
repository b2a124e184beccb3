import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSearchEngine, type SearchEngine } from '../../src/search/engine';
import { storeIn } from '../support/engines';
import { normalizeForSearch } from '../../src/text/normalize';
import { Lexicon, tokenize } from '../../src/text/tokenizer';

/**
 * Random Unicode of every kind, hostile or just odd, through normalization, tokenization and the whole
 * search over the real index: nothing throws, offsets stay inside the text, and every input of up to
 * 10,000 characters finishes within a bound far above what any real question takes (a guard against
 * quadratic or worse behaviour, not a speed target: speed is npm run bench).
 */
let engine: SearchEngine;
let lexicon: Lexicon;
beforeAll(async () => {
  const store = await storeIn();
  engine = createSearchEngine(store);
  lexicon = new Lexicon(store.core.lexicon);
});

/** A UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
const piece = fc.oneof(
  codeUnit,
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('👨‍👩‍👧‍👦', '🇯🇵', 'a\u0301\u0302\u0303', '\u202e', '\u200d', '\u200b', '\ufeff', '\u0000', '\u001b[31m', '\ud800', '\udfff', 'ゞ', '々', '〻', '・', 'ｰ', 'ｶﾞ'),
  fc.constantFrom('安全保障', 'NATO', 'クアッド', 'alliance', 'ポンペオ', '何か国', 'how many', '日米豪印', '1954年', '（', '）', '「', '」', '。', '?'),
);
const text = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));
/** One character repeated into a single long token, the worst case for segmentation. */
const longRunOnly = fc
  .tuple(fc.constantFrom('鬱', 'ぬ', 'ア', 'a', '1', '々', '👍', '\u0301', 'ー', '・'), fc.integer({ min: 1_000, max: 10_000 }))
  .map(([char, count]) => char.repeat(count));
/** Mostly mixed text, one case in five a long run. */
const anyText = fc.oneof({ arbitrary: text, weight: 4 }, { arbitrary: longRunOnly, weight: 1 });

/** Generous: the slowest case measured, a 10,000-hiragana run, takes about 0.3 s to tokenize. */
const BOUND_MS = 3_000;

function timed<T>(work: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started };
}

describe('hostile text', () => {
  it('normalizes anything, with a map back into the input for every character', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const { value, ms } = timed(() => normalizeForSearch(input));
        expect(ms).toBeLessThan(BOUND_MS);
        expect(value.origin).toHaveLength(value.text.length + 1);
        expect(value.originEnd).toHaveLength(value.text.length);
        const outside = value.originEnd.findIndex((end, index) => !((value.origin[index] as number) < end && end <= input.length));
        expect(outside).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });

  it('tokenizes anything into terms whose offsets lie in order inside the input', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const { value: tokens, ms } = timed(() => tokenize(input, lexicon));
        expect(ms).toBeLessThan(BOUND_MS);
        const misplaced = tokens.findIndex((token, index) => token.term === '' || token.start < (tokens[index - 1]?.start ?? 0) || token.end <= token.start || token.end > input.length);
        expect(misplaced).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });

  it('searches with anything: results well formed, excerpts inside their passages', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, fc.array(text, { maxLength: 2 }), async (input, context) => {
        const started = performance.now();
        const response = await engine.search(input, { limit: 5, context });
        const ms = performance.now() - started;
        expect(ms).toBeLessThan(BOUND_MS);
        expect(typeof response.found).toBe('boolean');
        for (const result of response.results) {
          expect(result.text.slice(result.snippetStart, result.snippetStart + result.snippet.length)).toBe(result.snippet);
          for (const [start, end] of result.highlights) expect(0 <= start && start < end && end <= result.snippet.length).toBe(true);
        }
        if (response.answer !== null) expect(response.found).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
