import { describe, expect, it } from 'vitest';
import { englishKey, englishTerm, lemmaCandidates } from '../../src/text/english';

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
