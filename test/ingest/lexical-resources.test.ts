import { beforeAll, describe, expect, it } from 'vitest';
import { corpusVocabulary } from '../../src/ingest/english-lexicon';
import { buildLexicon } from '../../src/ingest/lexicon';
import { corpusSynonyms, readSudachiSynonyms, type SudachiGroup } from '../../src/ingest/synonyms';
import { readWordNet, wordnetRelated, type WordNet } from '../../src/ingest/wordnet';
import { Lexicon, tokenize } from '../../src/text/tokenizer';
import { vocabularyTexts } from '../support/vocabulary';
import { kuromoji } from '../support/kuromoji';

/** The real lexical resources the index build restricts to a corpus: Sudachi's synonyms and WordNet 3.1. */
let sudachi: SudachiGroup[];
let wordnet: WordNet;
beforeAll(async () => {
  [sudachi, wordnet] = await Promise.all([readSudachiSynonyms(), readWordNet()]);
}, 60_000);

describe("Sudachi's synonym dictionary, restricted to a corpus", () => {
  it('keeps the groups with a member in the corpus, marking which members it has', async () => {
    const texts = ['同条約は現在も有効である。', '両国は危惧を表明した。'];
    const lexicon = new Lexicon(buildLexicon(texts, await kuromoji()));
    const groups = corpusSynonyms(sudachi, corpusVocabulary(vocabularyTexts(texts, lexicon), lexicon, (text) => tokenize(text, lexicon)), (text) => tokenize(text, lexicon));
    const withForm = (form: string) => groups.filter((group) => group.members.some((member) => member.form === form));
    // 今 reaches 現在, which the corpus has; 懸念 reaches 危惧.
    expect(withForm('今').some((group) => group.members.some((member) => member.form === '現在' && member.inCorpus))).toBe(true);
    expect(withForm('懸念').some((group) => group.members.some((member) => member.form === '危惧' && member.inCorpus))).toBe(true);
    // No group without a corpus member, and none of verbs.
    expect(groups.every((group) => group.members.some((member) => member.inCorpus))).toBe(true);
    expect(groups.length).toBeLessThan(sudachi.length / 10);
  });

  it('takes no member that the index sees as one character of it (お日さま as 日, which would turn every 日 into 太陽)', async () => {
    const texts = ['対日輸出が止まった。', '太陽が昇った。'];
    // As the bundled papers' lexicon has it: お and さま are function words there, so お日さま is the term 日.
    const lexicon = new Lexicon({ entries: { ...buildLexicon(texts, await kuromoji()).entries, お: '', さま: '' } });
    const groups = corpusSynonyms(sudachi, corpusVocabulary(vocabularyTexts(texts, lexicon), lexicon, (text) => tokenize(text, lexicon)), (text) => tokenize(text, lexicon));
    const expandingFromDay = groups.filter((group) => group.members.some((member) => member.expands && member.terms.join('') === '日'));
    expect(expandingFromDay.flatMap((group) => group.members.map((member) => member.form))).not.toContain('太陽');
  });
});

describe('WordNet, for English words the dictionary does not bring to the corpus', () => {
  it('relates a word to the synonyms, derivations and kinds that have a corpus translation, and no others', () => {
    const related = wordnetRelated(wordnet, { caution: [['警戒', 1]], shy: [['内気', 1]] });
    expect(related['wary']).toBeDefined();
    const [near = '', far = ''] = (related['wary'] as string).split('|');
    expect(near.split(',')).toContain('shy');
    expect(far.split(',')).toContain('caution');
    // A word with its own corpus translation is not redirected, and unrelated words get nothing.
    expect(related['caution']).toBeUndefined();
    expect(related['banana']).toBeUndefined();
  });

  it('relates a word the dictionary does translate to its derivations only (`restrain` → `restraint`, not its synonym `confine`)', () => {
    const related = wordnetRelated(wordnet, { restrain: [['抑える', 1]], restraint: [['抑制', 1]], confine: [['閉じ込める', 1]] });
    expect(related['restrain']).toBe('restraint|');
  });

  it('reads a word in its most frequent sense only (`still` the adverb, not the distillery)', () => {
    const related = wordnetRelated(wordnet, { distillery: [['蒸留所', 1]] });
    expect(related['still']).toBeUndefined();
  });
});
