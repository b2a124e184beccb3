import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTexts, buildLexicon, conjugatedStems, lexiconOf, tokenizerAgreement } from '../../src/ingest/lexicon';
import { isHiragana, isKatakana, normalizeForSearch, normalizeTerm, searchNormalized } from '../../src/text/normalize';
import { bigrams, bigramTerms, Lexicon, tokenize } from '../../src/text/tokenizer';
import { kuromoji } from '../support/kuromoji';

/** A small corpus, analysed by the real kuromoji into the lexicon the tokenizer segments with. */
const CORPUS = [
  '「アジア版NATO」への関心が高まった。',
  'クアッド・プラスの方向性について、事務レベルの協議が行われた。',
  '日米豪印の協力は東南アジア諸国連合への後押しを前提に発展した。',
  'サプライチェーンの強靭化と、コンピューターの安全性が議論された。',
  'ビーガン副長官は、当初は12か国のみ加盟していたと述べた。',
];
let lexicon: Lexicon;
beforeAll(async () => {
  lexicon = new Lexicon(buildLexicon(CORPUS, await kuromoji()));
});
const terms = (text: string): string[] => tokenize(text, lexicon).map((token) => token.term);

describe('search normalization', () => {
  it('folds width and case (NFKC): ＡＳＥＡＮ = asean, ２０２０ = 2020', () => {
    expect(normalizeForSearch('ＡＳＥＡＮ２０２０年').text).toBe('asean2020年');
  });

  it('drops ・ between katakana and spells out 々', () => {
    expect(normalizeForSearch('クアッド・プラスと様々な国').text).toBe('クアッドプラスと様様な国');
  });

  it('maps every normalized offset back to the input', () => {
    const input = 'ＮＡＴＯ・と クアッド・プラス';
    const { text, origin } = normalizeForSearch(input);
    expect(origin).toHaveLength(text.length + 1);
    expect(input.slice(origin[text.indexOf('プ')], origin[text.indexOf('プ') + 1])).toBe('プ');
  });

  it('gives the same text without the offsets (searchNormalized), and the same character classes by code as by pattern', () => {
    const sample = fc.array(fc.oneof(fc.constantFrom('ｶﾞ', 'か\u3099', '々', '・', 'ー', 'Ａ', '①', '𠮷', 'ゔ', 'ヷ', 'ヺ', 'ヿ', 'ゟ', '\u3096', '\u3097'), fc.string({ maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(sample, (input) => {
        expect(searchNormalized(input)).toBe(normalizeForSearch(input).text);
        for (const char of input) {
          expect(isHiragana(char)).toBe(/^[\u3041-\u3096]$/u.test(char));
          expect(isKatakana(char)).toBe(/^[\u30a1-\u30fa\u30fc]$/u.test(char));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('normalizes as one code point at a time would (its combining marks with it), offsets included: copying runs of unchanged characters changes nothing', () => {
    // The definition, written plainly: each code point with the combining voice marks after it, NFKC and
    // lower case; 々 after a kanji is that kanji; ・ between kana is dropped.
    const kana = (char: string): boolean => /^[\u3041-\u3096\u30a1-\u30fa\u30fc]$/u.test(char);
    const reference = (input: string): { text: string; origin: number[]; originEnd: number[] } => {
      const units = Array.from(input);
      let text = '';
      const origin: number[] = [];
      const originEnd: number[] = [];
      let offset = 0;
      for (let index = 0; index < units.length; index++) {
        let unit = units[index] as string;
        const start = offset;
        offset += unit.length;
        while (index + 1 < units.length && /[\u3099\u309a\uff9e\uff9f]/u.test(units[index + 1] as string)) {
          unit += units[++index] as string;
          offset += (units[index] as string).length;
        }
        let normalized = unit.normalize('NFKC').toLowerCase();
        if (normalized === '々' && /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/u.test(text)) normalized = text.slice(-1);
        if (normalized === '・' && kana(text.slice(-1)) && kana((units[index + 1] ?? '').normalize('NFKC'))) continue;
        for (let position = 0; position < normalized.length; position++) {
          origin.push(start);
          originEnd.push(offset);
        }
        text += normalized;
      }
      origin.push(input.length);
      return { text, origin, originEnd };
    };
    const sample = fc.array(fc.oneof(fc.constantFrom('ｶﾞ', 'か', '\u3099', '\u309a', '\uff9e', '々', '様', '・', '･', 'ア', 'ｱ', 'Ａ', 'a', 'Ⅻ', '①', '𠮷', '\ud800', '\udc00', '（', '。', ' '), fc.string({ maxLength: 3 })), { maxLength: 16 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(sample, (input) => {
        expect(normalizeForSearch(input)).toEqual(reference(input));
      }),
      { numRuns: 2000 },
    );
  });

  it('unifies a final long-vowel mark on long katakana words', () => {
    expect(normalizeTerm('コンピューター')).toBe('コンピュータ');
    expect(normalizeTerm('ルー')).toBe('ルー');
  });
});

describe('tokenize', () => {
  it('finds base forms: 高まった, 高まる and 高まり all give 高まる', () => {
    expect(terms('関心が高まった')).toEqual(['関心', '高まる']);
    expect(terms('関心が高まる')).toEqual(['関心', '高まる']);
    expect(terms('関心の高まり')).toEqual(['関心', '高まる']);
  });

  it('drops particles, auxiliaries, light verbs, question words and symbols', () => {
    expect(terms('ビーガン副長官は何と述べたのですか？')).toEqual(['ビーガン', '副', '長官', '述べる']);
  });

  it('matches katakana words written in hiragana and with or without ・', () => {
    expect(terms('くあっど・ぷらす')).toEqual(terms('クアッド・プラス'));
    expect(terms('クアッドプラス')).toEqual(terms('クアッド・プラス'));
  });

  it('keeps an unknown katakana word whole, and splits known words out of an unknown kanji compound', () => {
    expect(terms('タイトル')).toEqual(['タイトル']);
    expect(terms('事務総長')).toEqual(['事務', '総長']);
  });

  it('splits a question word off the unit it asks for: 何か国, 何隻', () => {
    expect(terms('何か国')).toEqual(['か国']);
    expect(terms('何隻')).toEqual(['隻']);
  });

  it('takes Latin words whole, lower-cased and stemmed, without English stopwords', () => {
    expect(terms('The future of the Quadrilateral Security Dialogue')).toEqual(['futur', 'quadrilater', 'secur', 'dialogu']);
  });

  it('gives inflected English words one term: alliances = alliance, deterring = deter', () => {
    expect(terms('alliances')).toEqual(terms('alliance'));
    expect(terms('deterring deterred')).toEqual(terms('deter deter'));
    expect(terms('U.S.')).toEqual([]);
  });

  it('unifies long-vowel variants: コンピューター = コンピュータ', () => {
    expect(terms('コンピュータ')).toEqual(terms('コンピューター'));
  });

  it('gives offsets into the original text, full-width input included', () => {
    const text = 'ＮＡＴＯへの関心';
    expect(tokenize(text, lexicon).map((token) => text.slice(token.start, token.end))).toEqual(['ＮＡＴＯ', '関心']);
  });

  it('never fails and keeps every token inside the text, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        for (const token of tokenize(text, lexicon)) {
          expect(token.term).not.toBe('');
          expect(0 <= token.start && token.start < token.end && token.end <= text.length).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with kuromoji on the corpus it was built from', async () => {
    const analysis = analyzeTexts(CORPUS, await kuromoji(), () => true);
    const lexicon = new Lexicon(lexiconOf([analysis]));
    expect(tokenizerAgreement([{ reference: analysis.reference, tokenize: (text) => tokenize(text, lexicon) }])).toBeGreaterThan(0.95);
  });
});

describe('bigrams', () => {
  it('takes adjacent Japanese characters, skipping pairs of hiragana and Latin words', () => {
    expect(bigrams('脳死状態のNATOだ').map((gram) => gram.term)).toEqual(['脳死', '死状', '状態', '態の']);
  });

  it('gives the index the same terms without offsets (bigramTerms)', () => {
    for (const text of CORPUS) expect(bigramTerms(text)).toEqual(bigrams(text).map((gram) => gram.term));
  });
});

describe('conjugatedStems', () => {
  it('gives the stems kuromoji splits conjugated forms into', () => {
    expect(conjugatedStems('高まる', '五段・ラ行')).toEqual(['高まら', '高まり', '高まれ', '高まろ', '高まっ']);
    expect(conjugatedStems('述べる', '一段')).toEqual(['述べ', '述べれ', '述べろ', '述べよ']);
    expect(conjugatedStems('強い', '形容詞・アウオ段')).toEqual(['強く', '強かっ', '強けれ', '強かろ', '強き', '強さ']);
  });
});
