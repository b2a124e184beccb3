import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SynonymGroup } from '../search/index-format';
import type { Tokenize } from '../text/tokenizer';

/**
 * Japanese synonyms from Sudachi's synonym dictionary (WorksApplications/SudachiDict, synonyms.txt, via npm
 * `sudachi-synonyms-dictionary`, Apache-2.0): groups of words of one meaning (今 / 現在, 修正 / 手直し,
 * 懸念 / 危惧), each member numbered by word within the group (spellings and abbreviations of one word
 * share a number). Every index build restricts the dictionary to the corpus: a group is kept when at
 * least one member occurs in the papers, with the members a question may use to reach it.
 */
export const SUDACHI_CREDIT =
  "Japanese synonyms from Sudachi's synonym dictionary (SudachiDict, © Works Applications Co., Ltd.), Apache License 2.0, via the npm package sudachi-synonyms-dictionary.";

export interface SudachiItem {
  taigenYogen: string;
  /** 0: always expands; 1: is expanded to but does not expand; 2: never (kept as a record of a bad entry). */
  expandControl: 0 | 1 | 2;
  vocabularyNumber: number | undefined;
  gokeiSyubetsu: string;
  midashi: string;
}
export interface SudachiGroup {
  id: string;
  items: SudachiItem[];
}

const require = createRequire(import.meta.url);

/** The dictionary as the npm package ships it (14 MB of JSON, read once per build). */
export async function readSudachiSynonyms(): Promise<SudachiGroup[]> {
  return JSON.parse(await readFile(join(dirname(require.resolve('sudachi-synonyms-dictionary')), 'sudachi-synonyms-dictionary.json'), 'utf8')) as SudachiGroup[];
}

/**
 * Nouns only (体言): a verb's group holds its senses' words side by side (見る with 見直す), and members
 * that are an error (`間違い`) or never expand carry no meaning to search with.
 */
const usable = (item: SudachiItem): boolean => item.taigenYogen === '体言' && item.expandControl !== 2 && item.gokeiSyubetsu !== '間違い' && item.midashi.trim() !== '';
/** A member of one kana or a Latin abbreviation of one letter matches too much to stand for a word. */
const tooShort = (form: string): boolean => /^[\p{Script=Hiragana}\p{Script=Katakana}ー]$|^[A-Za-z]{1,2}$/u.test(form);

/**
 * The groups with a member in the corpus (`occurs`, see corpusVocabulary) and another member to reach it
 * by: each member as written, as index terms, by its word number, and whether it may start an expansion.
 */
export function corpusSynonyms(groups: readonly SudachiGroup[], occurs: (japanese: string) => boolean, tokenize: Tokenize): SynonymGroup[] {
  const kept: SynonymGroup[] = [];
  for (const group of groups) {
    const items = group.items.filter(usable).filter((item) => !tooShort(item.midashi));
    if (items.length < 2 || !items.some((item) => occurs(item.midashi))) continue;
    const seen = new Set<string>();
    const members: SynonymGroup['members'] = [];
    for (const item of items) {
      const terms = tokenize(item.midashi).map((token) => token.term);
      const key = terms.join('\u0000');
      // A member the index sees as one character of it (`お日さま` → 日) is not that word there: it would
      // expand every 日 of a question (`対日`) to 太陽. (Okurigana may go: `手直し` → 手直.)
      if (terms.length === 0 || seen.has(key) || (Array.from(terms.join('')).length === 1 && Array.from(item.midashi).length > 1)) continue;
      seen.add(key);
      members.push({ form: item.midashi, terms, word: item.vocabularyNumber ?? 0, expands: item.expandControl === 0, inCorpus: occurs(item.midashi) });
    }
    if (members.length >= 2 && members.some((member) => member.inCorpus) && members.some((member) => member.expands)) kept.push({ members });
  }
  return kept;
}
