import { describe, expect, it } from 'vitest';
import { shownSearchedFor } from '../../src/search/searched-for';

const result = (text: string, notes: string[] = []) => ({ text, citations: notes.map((note, index) => ({ n: index + 1, text: note, urls: [] })) });

describe('what a reply shows it searched for', () => {
  it('keeps the translations the passages shown hold, in their footnotes too, and drops glosses none holds', () => {
    const searched = [
      { asked: 'say', japanese: ['言う', '言うまでもない'] },
      { asked: 'cancelled', japanese: ['キャンセル', '取り消し'] },
      { asked: 'Biegun', japanese: ['ビーガン'] },
    ];
    expect(shownSearchedFor(searched, [result('外相会合はキャンセルされたと言う。'), result('…', ['ビーガン国務副長官の発言'])], false)).toEqual([
      { asked: 'say', japanese: ['言う'] },
      { asked: 'cancelled', japanese: ['キャンセル'] },
      { asked: 'Biegun', japanese: ['ビーガン'] },
    ]);
  });

  it('shows a Latin word of a Japanese question with its Japanese form only where that form found a passage without the word', () => {
    const searched = [{ asked: 'NATO', japanese: ['北大西洋条約機構'] }];
    expect(shownSearchedFor(searched, [result('北大西洋条約機構（NATO）は…'), result('NATOの東方拡大')], true)).toEqual([]);
    expect(shownSearchedFor(searched, [result('北大西洋条約機構の首脳会議')], true)).toEqual(searched);
    // An English question shows it either way.
    expect(shownSearchedFor(searched, [result('北大西洋条約機構（NATO）は…')], false)).toEqual(searched);
    // Full-width letters are the same word.
    expect(shownSearchedFor(searched, [result('北大西洋条約機構（ＮＡＴＯ）')], true)).toEqual([]);
  });

  it('with no passage shown, keeps every word an English question tried and none of a Japanese question\'s Latin words', () => {
    const searched = [{ asked: 'NATO', japanese: ['北大西洋条約機構'] }, { asked: '手直し', japanese: ['修正'] }];
    expect(shownSearchedFor(searched, [], false)).toEqual(searched);
    expect(shownSearchedFor(searched, [], true)).toEqual([{ asked: '手直し', japanese: ['修正'] }]);
  });
});
