import { describe, expect, it } from 'vitest';
import { followUpQuestions } from '../../src/search/suggestions';

const aliases = [
  { forms: ['東南アジア条約機構', 'SEATO'], terms: [['東南', 'アジア', '条約', '機構'], ['SEATO']] },
  { forms: ['北大西洋条約機構', 'NATO'], terms: [['北大西洋', '条約', '機構'], ['NATO']] },
];
const quoted = { docId: 'a', text: 'これを基にして東南アジア条約機構（Southeast Asia Treaty Organization: SEATO）が発足した。組織としてのSEATOは1977年に公式に解体された一方、同条約は法的には現在も失効していない。', section: '親 › 集団安全保障枠組み' };
const results = [quoted, { docId: 'a', section: '親 › 【米国】' }, { docId: 'b', section: '別の論文' }, { docId: 'a', section: null }];

describe('follow-up questions', () => {
  it('asks next for a short form the paper defines and the passage uses, and for other sections of the paper', () => {
    expect(followUpQuestions({ question: '土台になった条約は今も有効？', lang: 'ja', quoted, results, aliases })).toEqual(['SEATOとは？', '【米国】は？']);
    expect(followUpQuestions({ question: 'Is the treaty still in force?', lang: 'en', quoted, results, aliases })).toEqual(['What is SEATO?', 'What does the section “【米国】” say?']);
  });

  it('does not suggest a name the question used, a name with no short form, or the section it already quotes', () => {
    expect(followUpQuestions({ question: 'SEATOは？', lang: 'ja', quoted, results: [quoted], aliases })).toEqual([]);
    expect(followUpQuestions({ question: '東南アジア条約機構は？', lang: 'ja', quoted, results: [quoted], aliases })).toEqual([]);
    const glossary = [{ forms: ['フランス', '仏'], terms: [['フランス'], ['仏']] }, { forms: ['米国', 'USA'], terms: [['米国'], ['USA']] }];
    // A glossary's name is no definition in the passage: フランス has no short form, USA is not defined here.
    expect(followUpQuestions({ question: '条約は？', lang: 'ja', quoted: { ...quoted, text: 'フランスも米国も同条約を…' }, results: [quoted], aliases: glossary })).toEqual([]);
  });
});
