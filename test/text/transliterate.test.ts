import { describe, expect, it } from 'vitest';
import { englishSounds, LoanwordMatcher, MIN_SOUND_SIMILARITY, romanizeKatakana, soundSimilarity } from '../../src/text/transliterate';

/** Katakana words of the seed papers, with look-alikes of each other. */
const VOCABULARY = [
  'ビーガン', 'ポンペオ', 'ポンペイオ', 'クアッド', 'クアッドプラス', 'マクロン', 'マレーシア', 'マラッカ', 'マラヤ',
  'ペイン', 'ビジョン', 'チェーン', 'アーヘン', 'トランプ', 'ブルームバーグ', 'ジャイシャンカル', 'インド', 'スンダ海峡',
  'サイバーセキュリティ', 'ミニラテラル', 'ミニラテラリズム', 'フォーラム', 'カンボジア',
];
const matcher = new LoanwordMatcher(VOCABULARY);
const best = (english: string): string | undefined => matcher.match(english)[0]?.word;

describe('romanizeKatakana', () => {
  it('spells loanword syllables as English does: ディ, フォ, ウォ, ジャ', () => {
    expect(romanizeKatakana('ディフェンス')).toBe('difensU');
    expect(romanizeKatakana('フォーラム')).toBe('foramU');
    expect(romanizeKatakana('ウォーカー')).toBe('woka');
    expect(romanizeKatakana('ジャイシャンカル')).toBe('jaishankarU');
  });

  it('marks a vowel katakana adds to a bare consonant, but not a long one (ルー)', () => {
    expect(romanizeKatakana('トランプ')).toBe('tOranpU');
    expect(romanizeKatakana('クアッド')).toBe('kuadO');
    expect(romanizeKatakana('ブルームバーグ')).toBe('bUrumUbagU');
  });
});

describe('LoanwordMatcher', () => {
  it('matches a Japanese name spelled in romaji to the kanji word whose reading it spells', () => {
    const names = new LoanwordMatcher(VOCABULARY, [['南鳥島', 'ミナミトリシマ'], ['名古屋', 'ナゴヤ'], ['北京', 'ペキン']]);
    expect(names.match('Minamitorishima')[0]?.word).toBe('南鳥島');
    expect(names.match('Nagoya')[0]?.word).toBe('名古屋');
    // Readings do not crowd out the loanwords, nor stand in for unlike words.
    expect(names.match('Biegun')[0]?.word).toBe('ビーガン');
    expect(names.match('Beijing').map((match) => match.word)).not.toContain('南鳥島');
  });

  it.each([
    ['Biegun', 'ビーガン'],
    ['Pompeo', 'ポンペオ'],
    ['Quad', 'クアッド'],
    ['Macron', 'マクロン'],
    ['Payne', 'ペイン'],
    ['Trump', 'トランプ'],
    ['Bloomberg', 'ブルームバーグ'],
    ['Jaishankar', 'ジャイシャンカル'],
    ['minilateral', 'ミニラテラル'],
    ['Malaysia', 'マレーシア'],
    ['Malacca', 'マラッカ'],
    ['vision', 'ビジョン'],
    ['forum', 'フォーラム'],
  ])('finds %s as %s, ahead of look-alikes', (english, katakana) => {
    expect(best(english)).toBe(katakana);
  });

  it('finds a katakana name that goes on in kanji, below a whole match', () => {
    const [match] = matcher.match('Sunda');
    expect(match?.word).toBe('スンダ海峡');
    expect(match?.similarity).toBeLessThan(1);
  });

  it('matches nothing for words that only share some letters', () => {
    expect(matcher.match('Aachen').map((match) => match.word)).not.toContain('チェーン');
    expect(matcher.match('security')).toEqual([]);
    expect(matcher.match('alliance')).toEqual([]);
    expect(matcher.match('Cambridge')).toEqual([]);
  });

  it('leaves a short word (India / インド) to the dictionary rather than guess', () => {
    expect(matcher.match('India')).toEqual([]);
  });

  it('gives every match a similarity between the threshold and 1, best first', () => {
    for (const english of ['Pompeo', 'Malaysia', 'Quad', 'Sunda']) {
      const similarities = matcher.match(english).map((match) => match.similarity);
      expect(similarities.length).toBeGreaterThan(0);
      expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
      for (const similarity of similarities) {
        expect(similarity).toBeGreaterThanOrEqual(MIN_SOUND_SIMILARITY);
        expect(similarity).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('englishSounds', () => {
  it('reads ambiguous spellings both ways: y as i or ai, a final r kept or dropped', () => {
    expect(englishSounds('cyber')).toEqual(expect.arrayContaining(['siber', 'saibe']));
    expect(soundSimilarity(englishSounds('Walker')[1] as string, 'woka')).toBeGreaterThan(soundSimilarity(englishSounds('Walker')[0] as string, 'woka'));
  });

  it('gives identical sounds similarity 1 and unrelated ones little', () => {
    expect(soundSimilarity('pompeo', 'pompeo')).toBe(1);
    expect(soundSimilarity('kuad', 'bijon')).toBeLessThan(0.3);
  });
});
