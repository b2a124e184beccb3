import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { compactEdict, DICTIONARY_PATH, parseDictionary, toDictionaryEntry } from '../../src/ingest/english-dictionary';
import { corpusVocabulary, deriveEnglishEntries, englishTranslations, glossPhrase, MAX_SEARCHED_TRANSLATIONS, parseEdictLine, type EnglishEntries } from '../../src/ingest/english-lexicon';
import { buildLexicon, textsOf } from '../../src/ingest/lexicon';
import { parseDocument } from '../../src/ingest/parse-document';
import { Lexicon, tokenize } from '../../src/text/tokenizer';
import { vocabularyTexts } from '../support/vocabulary';
import { kuromoji } from '../support/kuromoji';

/**
 * The English lexicon's derivation from EDICT: real EDICT lines (test/fixtures/edict-sample.txt, EDRDG,
 * CC BY-SA 3.0) against a small corpus tokenized by the real kuromoji lexicon.
 */
const EDICT_LINES = readFileSync('test/fixtures/edict-sample.txt', 'utf8').split('\n');
const MEMO = [
  '日米同盟は地域の安定の基盤である。',
  '集団安全保障の枠組みとして、ASEAN地域フォーラムが機能してきた。',
  '豪州は原子力潜水艦の取得を目指す。',
  'ドイツとの会合はキャンセルされた。',
  '表：各国の協力分野',
  '康京和外相は訪日しなかった。',
  '東南アジア諸国連合の会合。',
].join('\n\n');

let entries: EnglishEntries;
let lexicon: Lexicon;
beforeAll(async () => {
  const texts = textsOf(parseDocument(MEMO, { sourceFile: 'memo.txt' }));
  lexicon = new Lexicon(buildLexicon(texts, await kuromoji()));
  // Through the shipped dictionary's own format, as the index build reads it.
  const compact = parseDictionary(compactEdict(['EDICT sample /Created: 2021-02-03/', ...EDICT_LINES].join('\n')));
  entries = deriveEnglishEntries(compact, corpusVocabulary(vocabularyTexts(texts, lexicon), lexicon, (text) => tokenize(text, lexicon)));
  expect(compact).toEqual(EDICT_LINES.flatMap((line) => parseEdictLine(line) ?? []).flatMap((entry) => toDictionaryEntry(entry) ?? []));
});

describe('parseEdictLine', () => {
  it('reads headword, reading, senses with their tags, and the common mark', () => {
    const entry = parseEdictLine('連合 [れんごう] /(n,vs,adj-no) (1) union/alliance/combination/(n) (2) RENGO (Japanese Trade Union Confederation)/(P)/');
    expect(entry).toEqual({
      headword: '連合',
      reading: 'れんごう',
      common: true,
      tags: [],
      senses: [
        { glosses: ['union', 'alliance', 'combination'], tags: ['n', 'vs', 'adj-no'] },
        { glosses: ['RENGO (Japanese Trade Union Confederation)'], tags: ['n'] },
      ],
    });
  });

  it('keeps headword tags apart from sense tags (独逸 is a stand-in for ドイツ)', () => {
    expect(parseEdictLine('独逸 [ドイツ] /(ateji) (n) (uk) Germany (dut: Duits)/(P)/')).toMatchObject({ tags: ['ateji'], senses: [{ tags: ['n', 'uk'], glosses: ['Germany (dut: Duits)'] }] });
  });

  it('skips the header line', () => {
    expect(parseEdictLine(EDICT_LINES[0] as string)).toBeUndefined();
  });
});

describe('glossPhrase', () => {
  it.each([
    ['(husked grains of) rice', 'rice'],
    ['to deter', 'deter'],
    ['security guarantee (e.g. military security, network security, etc.)', 'security guarantee'],
    ['Secretary of State', 'secretary of state'],
  ])('%s → %s', (gloss, phrase) => {
    expect(glossPhrase(gloss)).toBe(phrase);
  });

  it('keeps a set phrase whole and drops explanations', () => {
    expect(glossPhrase('in the world')).toBe('in the world');
    expect(glossPhrase('(adv) at the same time')).toBe('at the same time');
    expect(glossPhrase('anything made with vinegared rice or other delicacies')).toBeUndefined();
    expect(glossPhrase('10,000,000,000,000,000')).toBeUndefined();
  });
});

describe('deriveEnglishEntries', () => {
  it('keeps only entries whose Japanese the corpus has as a word', () => {
    expect(entries['alliance']?.map(([japanese]) => japanese)).toContain('同盟');
    // 潜水艦 stands in 原子力潜水艦 as the terms 潜水|艦; 原潜 and 証券 are nowhere.
    expect(entries['submarine']).toEqual([['潜水艦', 1], ['原子力潜水艦', 0.35]]);
    expect(entries['nuclear submarine']).toEqual([['原子力潜水艦', 0.7]]);
    expect(entries['bond']).toBeUndefined();
    expect(entries['sushi']).toBeUndefined();
  });

  it('finds a word usually written in kana by its reading, and a loanword by its English source', () => {
    expect(entries['germany']).toEqual([['ドイツ', 1]]);
    expect(entries['cancel']).toEqual([['キャンセル', 1]]);
  });

  it('takes a single kanji only where it stands alone in the corpus (表：, not 京 of 康京和)', () => {
    expect(entries['table']).toEqual([['表', 1]]);
    expect(entries['capital']).toBeUndefined();
  });

  it('weighs a first sense over a later one and a first gloss over a later one, common words over rare', () => {
    // 同盟: alliance is its first gloss; 連合: its second; 集団安全保障 is not marked common.
    expect(entries['alliance']).toEqual([
      ['同盟', 1],
      ['連合', 0.8],
    ]);
    expect(entries['collective security']).toEqual([['集団安全保障', 0.7]]);
  });

  it('lets one word of a longer gloss stand for the word at less weight, its head more than its modifiers', () => {
    const security = new Map(entries['security']);
    expect(security.get('安全保障')).toBe(0.25);
    expect(new Map(entries['guarantee']).get('安全保障')).toBe(0.5);
  });
});

describe('englishTranslations', () => {
  const frequency = { 担保: 1, 安全: 40, 保障: 36, 確保: 3, 同盟: 20, 連合: 9 };

  it('keys phrases without stopwords, and rescales each so its best translation has 1', () => {
    const index = englishTranslations({ 'the alliance': [['同盟', 0.7], ['連合', 0.56]] }, (text) => tokenize(text, lexicon), { 同盟: 20, 連合: 20 });
    expect(index).toEqual({ alliance: [['同盟', 1], ['連合', 0.8]] });
  });

  it('prefers the sense the corpus uses among equally good translations', () => {
    const index = englishTranslations({ security: [['担保', 1], ['安全', 0.8], ['保障', 0.8]] }, (text) => tokenize(text, lexicon), frequency);
    expect(index['security']?.[0]?.[0]).toBe('安全');
    expect(index['security']?.map(([japanese]) => japanese).at(-1)).toBe('担保');
  });

  it('keeps at most the best few translations of a word with many, and none far below the best', () => {
    const many: EnglishEntries = { security: [['安全', 1], ['保障', 0.9], ['担保', 0.8], ['確保', 0.7], ['同盟', 0.6], ['連合', 0.5], ['表', 0.4], ['ドイツ', 0.05]] };
    const translations = englishTranslations(many, (text) => tokenize(text, lexicon), { ...frequency, 表: 1, ドイツ: 1 })['security'] ?? [];
    expect(translations.length).toBeLessThanOrEqual(MAX_SEARCHED_TRANSLATIONS);
    expect(translations.map(([japanese]) => japanese)).not.toContain('ドイツ');
    expect(translations.map(([, weight]) => weight)).toEqual([...translations.map(([, weight]) => weight)].sort((a, b) => b - a));
  });

  it('keeps a phrase whose translations are all partial weaker than a direct one', () => {
    const index = englishTranslations({ nuclear: [['原子力潜水艦', 0.25]] }, (text) => tokenize(text, lexicon), { 原子力: 1, 潜水: 1, 艦: 1 });
    expect(index['nuclear']?.[0]?.[1]).toBeLessThan(1);
  });

  it('drops translations the corpus does not have', () => {
    expect(englishTranslations({ sushi: [['寿司', 1]] }, (text) => tokenize(text, lexicon), frequency)).toEqual({});
  });
});

const EDICT = '/usr/share/edict/edict';

describe('the shipped English dictionary (data/english-dictionary.tsv.gz)', () => {
  const shipped = (): string => gunzipSync(readFileSync(DICTIONARY_PATH)).toString('utf8');

  it.skipIf(!existsSync(EDICT))(
    'is what npm run build:english makes from the installed EDICT',
    () => {
      const fresh = compactEdict(new TextDecoder('euc-jp').decode(readFileSync(EDICT)));
      expect(fresh === shipped(), 'data/english-dictionary.tsv.gz differs from the installed EDICT: run npm run build:english').toBe(true);
    },
    120_000,
  );

  it('credits EDICT and the EDRDG under CC BY-SA, and holds EDICT\'s words', () => {
    const text = shipped();
    expect(text.split('\n')[0]).toMatch(/^# .*EDRDG.*Creative Commons Attribution-ShareAlike/u);
    expect(text).toMatch(/^# Source: EDICT, created \d{4}-\d{2}-\d{2}/mu);
    const entries = parseDictionary(text);
    expect(entries.length).toBeGreaterThan(150_000);
    expect(entries.find((entry) => entry.forms.includes('潜水艦'))?.senses[0]).toEqual([['submarine', '']]);
  });
});
