import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aliasGroups } from '../../src/ingest/aliases';
import type { IndexCore } from '../../src/search/index-format';
import { Lexicon, tokenize } from '../../src/text/tokenizer';

/** Names the papers define themselves, mined with the real index's lexicon. */
const lexicon = new Lexicon((JSON.parse(readFileSync('index/core.json.txt', 'utf8')) as IndexCore).lexicon);
const formsOf = (groups: ReturnType<typeof aliasGroups>, form: string): string[] => groups.find((group) => group.forms.includes(form))?.forms ?? [];

describe('alias groups', () => {
  it('joins the names a paper defines, and groups that share one', () => {
    const groups = aliasGroups(['東南アジア諸国連合（ASEAN）が発足した。', 'ASEAN（Association of Southeast Asian Nations）の会合。'], [], (text) => tokenize(text, lexicon));
    expect(formsOf(groups, 'ASEAN')).toEqual(['東南アジア諸国連合', 'ASEAN', 'Association of Southeast Asian Nations']);
  });

  it('keeps a name’s most frequent definitions when the papers pair it with many names, so one loose bracket cannot merge everything', () => {
    const texts = [
      ...Array.from({ length: 3 }, () => '北大西洋条約機構（NATO）の首脳会議。'),
      '北大西洋条約機構（North Atlantic Treaty Organization: NATO）である。',
      ...['防衛協力機構', '海洋安全保障機構', '経済連携機構', '技術協力機構', '地域対話機構', '宇宙開発機構'].map((name) => `${name}（NATO）に言及した。`),
    ];
    const nato = formsOf(aliasGroups(texts, [], (text) => tokenize(text, lexicon)), 'NATO');
    expect(nato).toContain('北大西洋条約機構');
    expect(nato).toContain('North Atlantic Treaty Organization');
    expect(nato.length).toBeLessThanOrEqual(5);
    // The operators' glossary is taken as written, however large a group.
    const glossary = [['NATO', '北大西洋条約機構', 'OTAN', 'North Atlantic Alliance', '北大西洋同盟']];
    expect(formsOf(aliasGroups(texts, glossary, (text) => tokenize(text, lexicon)), 'OTAN')).toEqual(expect.arrayContaining(glossary[0] as string[]));
  });

  it('joins a name only to a form of it: an acronym, its long form, a loanword, an abbreviation', () => {
    const texts = [
      '東南アジア条約機構（Southeast Asia Treaty Organization: SEATO）が発足した。',
      '通信互換及び安全保障協定（Communications Compatibility and Security Agreement: COMCASA）を結んだ。',
      'ASEAN（Association of Southeast Asian Nations）の会合。',
      '無人機（ドローン）の運用。キャビアット（制約条項）を付した。',
      '国家安全保障戦略（安保戦略）を改定した。',
      'NATO及び欧州連合（EU）が支援した。',
      '事業者（特定社会基盤事業者）は報告する。',
      'IPアドレス群（ダークネット）に届く通信。',
      'ASEAN（North Atlantic Treaty Organization）と誤記した。',
      '日本（2020年）の方針。',
    ];
    const groups = aliasGroups(texts, [], (text) => tokenize(text, lexicon)).map((group) => group.forms);
    expect(groups).toContainEqual(['東南アジア条約機構', 'Southeast Asia Treaty Organization', 'SEATO']);
    expect(groups).toContainEqual(['通信互換及び安全保障協定', 'Communications Compatibility and Security Agreement', 'COMCASA']);
    expect(groups).toContainEqual(['ASEAN', 'Association of Southeast Asian Nations']);
    expect(groups).toContainEqual(['無人機', 'ドローン']);
    expect(groups).toContainEqual(['キャビアット', '制約条項']);
    expect(groups).toContainEqual(['国家安全保障戦略', '安保戦略']);
    expect(groups).toContainEqual(['欧州連合', 'EU']);
    const joined = groups.flat();
    for (const form of ['特定社会基盤事業者', 'ダークネット', 'North Atlantic Treaty Organization', 'NATO及び欧州連合', '2020年']) expect(joined, form).not.toContain(form);
  });
});
