import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INGEST_LIMITS } from '../../src/ingest/limits';
import { analysisPieces, analyze, textsOf } from '../../src/ingest/lexicon';
import { parseDocument, splitAtSentences } from '../../src/ingest/parse-document';
import { normalizeForSearch } from '../../src/text/normalize';
import { kuromoji } from '../support/kuromoji';

/**
 * kuromoji's cost is quadratic in what it reads at once, so the build feeds it bounded pieces; and a
 * paragraph, the unit that is searched and quoted, is bounded too. Neither may change what ordinary text
 * becomes, or lose a character.
 */
describe('analysisPieces', () => {
  it('joins back to the text, with no piece longer than the bound and no run of one class longer than 32', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('ア', 'A', 'a', '漢', 'の', '1', ' ', '、', '。', '-', '\n', '𠮷'), maxLength: 3000 }), (text) => {
        const pieces = analysisPieces(text);
        expect(pieces.join('')).toBe(text);
        for (const piece of pieces) {
          expect(Array.from(piece).length).toBeLessThanOrEqual(INGEST_LIMITS.analysisPieceChars * 4);
          expect(/(.)\1{32}/u.test(piece.replace(/\s/gu, ' '))).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives kuromoji the same tokens as one call would on every text of the seeds and the new papers', async () => {
    const analyzer = await kuromoji();
    const texts = ['corpus', 'test/fixtures']
      .flatMap((dir) => readdirSync(dir).filter((name) => name.endsWith('.txt') && name !== 'edict-sample.txt').map((name) => parseDocument(readFileSync(`${dir}/${name}`, 'utf8'), { sourceFile: name })))
      .flatMap(textsOf)
      .map((text) => normalizeForSearch(text).text);
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) expect(analyze(text, analyzer).map((token) => token.surface_form)).toEqual(analyzer.tokenize(text).map((token) => token.surface_form));
  }, 60_000);

  it('analyses 50,000 of one character in pieces of 32 (one call took 4.4 GB)', async () => {
    const analyzer = await kuromoji();
    for (const char of ['A', 'ア', '-']) {
      const pieces = analysisPieces(char.repeat(50_000));
      expect(Math.max(...pieces.map((piece) => piece.length))).toBe(32);
      expect(analyze(char.repeat(50_000), analyzer).map((token) => token.surface_form).join('')).toBe(char.repeat(50_000));
    }
  }, 60_000);
});

describe('splitAtSentences', () => {
  it('cuts after sentence ends, keeps every character and bounds every piece', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('あ', '漢', '。', '、', 'a', ' ', '.', '𠮷'), maxLength: 2000 }), fc.integer({ min: 8, max: 300 }), (text, limit) => {
        const pieces = splitAtSentences(text, limit);
        expect(pieces.join('')).toBe(text);
        for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(limit);
        expect(pieces.every((piece) => !/^[\udc00-\udfff]/u.test(piece))).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(splitAtSentences('一文目である。二文目である。三文目。', 8)).toEqual(['一文目である。', '二文目である。', '三文目。']);
  });

  it('splits a paper with no paragraph breaks into bounded paragraphs, with a warning, losing nothing', () => {
    const text = `${'長い段落の文である。'.repeat(1000)}\n`;
    const document = parseDocument(text, { sourceFile: 'unbroken.txt' });
    const paragraphs = document.sections.flatMap((section) => section.paragraphs);
    expect(paragraphs.length).toBe(3);
    expect(paragraphs.every((paragraph) => paragraph.text.length <= INGEST_LIMITS.maxParagraphChars)).toBe(true);
    expect(paragraphs.map((paragraph) => paragraph.text).join('')).toBe(text.trim());
    expect(document.warnings).toEqual(['lines 1–1: a paragraph of 10,000 characters is split into 3 at sentence ends (the limit is 4,000)']);
  });
});
