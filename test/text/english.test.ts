import { describe, expect, it } from 'vitest';
import { dictionaryKeys, englishKey, englishTerm, isWholeKey, lemmaCandidates } from '../../src/text/english';

describe('englishTerm', () => {
  it('stems, so inflected forms are one index term', () => {
    expect(englishTerm('Alliances')).toBe(englishTerm('alliance'));
    expect(englishTerm('deterring')).toBe(englishTerm('deter'));
  });

  it('drops stopwords and single letters', () => {
    expect(['The', 'which', 'having', 'most', 'u', 's'].map(englishTerm)).toEqual(['', '', '', '', '', '']);
    expect(englishTerm('NATO')).toBe('nato');
  });
});

describe('englishKey', () => {
  it('is a phrase as the dictionary is keyed: lower case, no stopwords or punctuation', () => {
    expect(englishKey('the Secretary of State')).toBe('secretary state');
    expect(englishKey('nuclear-powered submarine')).toBe('nuclear powered submarine');
    expect(englishKey('ＡＳＥＡＮ')).toBe('asean');
  });
});

describe('dictionaryKeys', () => {
  it('keys a phrase without its stopwords, and whole as well when they were part of it', () => {
    expect(dictionaryKeys('submarine')).toEqual(['submarine']);
    expect(dictionaryKeys('the alliance')).toEqual(['alliance']);
    expect(dictionaryKeys('nuclear submarine')).toEqual(['nuclear submarine']);
    // `same time` (同時) is not merely `time`: the whole phrase is kept for questions that say it.
    expect(dictionaryKeys('same time')).toEqual(['time', 'same time']);
    expect(dictionaryKeys('Secretary of State')).toEqual(['secretary state', 'secretary of state']);
  });

  it('keys a set phrase opening with a preposition only whole (`at the same time` is no name for `time`)', () => {
    expect(dictionaryKeys('at the same time')).toEqual(['at the same time']);
    expect(dictionaryKeys('in advance')).toEqual(['in advance']);
  });

  it('makes keys that isWholeKey tells apart: whole phrases from englishKeys', () => {
    const keys = ['same time', 'Secretary of State', 'at the same time', 'nuclear submarine', 'submarine'].flatMap(dictionaryKeys);
    expect(keys.filter(isWholeKey)).toEqual(['same time', 'secretary of state', 'at the same time']);
  });
});

describe('lemmaCandidates', () => {
  it.each([
    ['countries', 'country'],
    ['submarines', 'submarine'],
    ['emphasizes', 'emphasize'],
    ['concluded', 'conclude'],
    ['planned', 'plan'],
    ['signing', 'sign'],
    ['particularly', 'particular'],
    ['economic', 'economy'],
    ['diplomatic', 'diplomacy'],
    ['regional', 'region'],
    ['Asian'.toLowerCase(), 'asia'],
    ['chinese', 'china'],
    ['dealt', 'deal'],
    ['joined', 'joining'],
    ['weaponization', 'weapon'],
    ['weaponization', 'weaponize'],
    ['modernized', 'modern'],
  ])('offers %s as %s', (word, lemma) => {
    expect(lemmaCandidates(word)).toContain(lemma);
  });

  it('tries the word itself first, and never a stem a dictionary would not list (emerging is not emergency)', () => {
    expect(lemmaCandidates('emerging')[0]).toBe('emerging');
    expect(lemmaCandidates('emerging')).not.toContain('emergency');
    expect(lemmaCandidates('emerging')).toContain('emerge');
  });
});
