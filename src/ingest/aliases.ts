import type { AliasGroup } from '../search/index-format';
import type { Tokenize } from '../text/tokenizer';

/**
 * Alternative names the papers define themselves, in the pattern `name（short form）`:
 * `東南アジア諸国連合（ASEAN）`, `東南アジア条約機構（Southeast Asia Treaty Organization: SEATO）`,
 * `ニュージーランド（以下、NZ）`, `「5か国防衛取極」（FPDA）`, `日米豪印(QUAD)`, `無人機（ドローン）`.
 *
 * The name before the bracket is the quoted phrase right before it, or else the run of kanji, katakana
 * and Latin letters right before it, `及び` included (`通信互換及び安全保障協定`), but not a list that
 * begins with an acronym (`NATO及び欧州連合（EU）` defines 欧州連合), at most 30 characters (a longer run
 * is not taken: it would be cut mid-word), a leading date dropped. A bracket defines only when what it
 * holds is a form of that name (definitions, not any parenthesis after any noun):
 *  - Latin capitals, an acronym (`ASEAN`, `HA/DR`, `SOCI法`); after a Latin name, one its words' initials spell;
 *  - Latin words, the name's English (`Taipei Times`), or the long form of an acronym its initials spell;
 *  - katakana, the loanword for a name written without katakana (`妨害（ジャミング）`), or kanji glossing a
 *    loanword (`キャビアット（制約条項）`);
 *  - a Japanese abbreviation: a shorter form whose characters the name has in order (`安保戦略`), or a
 *    shorter name with the same head noun (`仏独協力統合条約（アーヘン条約）`).
 * Sentences, dates and editorial notes (`（仮訳）`, `（ママ）`) define nothing; a longer form in the bracket
 * (`事業者（特定社会基盤事業者）`) is not a short form. Groups that share a name are merged.
 */
const BRACKETED = /（([^（）]{1,80})）|\(([^()]{1,80})\)/gu;
const EDITORIAL = new Set(['ママ', '仮訳', '仮称', '注', '同上', '前掲', '筆者訳', '筆者作成', '引用者注', '当時']);
const NAME_CHAR = /[\p{Script=Han}\p{Script=Katakana}A-Za-z0-9ー・\-&/]/u;
const MAX_NAME = 30;

/** Alias groups from the corpus's own definitions plus the operators' glossary, merged where they share a name. */
export function aliasGroups(texts: readonly string[], glossary: readonly string[][], tokenize: Tokenize): AliasGroup[] {
  return mergeGroups([...agreedDefinitions(minePairs(texts)), ...glossary]).map((forms) => ({
    forms,
    terms: forms.map((form) => tokenize(form).map((token) => token.term)),
  }));
}

function minePairs(texts: readonly string[]): string[][] {
  const pairs: string[][] = [];
  for (const text of texts) {
    for (const match of text.matchAll(BRACKETED)) {
      const inner = (match[1] ?? match[2] ?? '').trim();
      const name = nameBefore(text, match.index);
      const others = innerNames(inner);
      if (name === undefined || others.length === 0) continue;
      if (others.every((other) => isFormOf(name, other, others))) pairs.push([name, ...others]);
    }
  }
  return pairs;
}

function nameBefore(text: string, bracket: number): string | undefined {
  if (text[bracket - 1] === '」') {
    const open = text.lastIndexOf('「', bracket - 1);
    const quoted = open === -1 ? '' : text.slice(open + 1, bracket - 1);
    return quoted.length >= 2 && quoted.length <= MAX_NAME ? quoted : undefined;
  }
  let start = bracket;
  while (start > 0) {
    if (NAME_CHAR.test(text[start - 1] as string)) start--;
    else if (text.slice(start - 2, start) === '及び' && start - 2 > 0 && NAME_CHAR.test(text[start - 3] as string)) start -= 2;
    else break;
  }
  if (bracket - start > MAX_NAME) return undefined;
  let name = text.slice(start, bracket).replace(/^\d+\s*[年月日]/u, '').replace(/^[0-9\-/・]+(?=[^\p{Script=Han}]|$)/u, '');
  // `NATO及び欧州連合`: a list that begins with an acronym; the bracket defines its last name.
  const list = /^[A-Z][A-Z0-9&/-]+及び(.+)$/u.exec(name);
  if (list !== null) name = list[1] as string;
  return name.length >= 2 ? name : undefined;
}

/** `以下、NZ` → [NZ]; `Major Non-NATO Ally: MNNA` → [Major Non-NATO Ally, MNNA]; a sentence → []. */
function innerNames(inner: string): string[] {
  const stripped = inner.replace(/^以下[、,]\s*/u, '').replace(/^いわゆる/u, '');
  if (/[。、，]/u.test(stripped) || EDITORIAL.has(stripped)) return [];
  return stripped
    .split(/\s*[:：]\s*/u)
    .map((part) => part.trim())
    .filter((part) => part.length >= 2 && !/^[\d\s年月日〜~\-–]+$/u.test(part));
}

const ACRONYM = /^[A-Z][A-Z0-9&/.+-]*[A-Z0-9](?:[\p{Script=Han}\p{Script=Katakana}ー]{1,4})?$/u;
const LATIN_WORDS = /^[A-Za-z][A-Za-z0-9 .,'’&\-/]*$/u;
const KATAKANA = /^[\p{Script=Katakana}ー・]+$/u;
const STOP_WORDS = new Set(['of', 'and', 'the', 'for', 'on', 'in', 'to', 'a', 'an']);

/** Whether `form` (in the bracket after `name`, with `siblings`, the bracket's other forms) is a form of `name` (see above). */
function isFormOf(name: string, form: string, siblings: readonly string[]): boolean {
  if (name === form || /\d{4}\s*年/u.test(form)) return false;
  if (ACRONYM.test(form)) {
    const acronym = form.replace(/[^A-Z0-9]/gu, '');
    if (LATIN_WORDS.test(name)) return spellsInitials(name, acronym);
    // A Japanese name with the acronym's long form beside it in the bracket: that long form must spell it.
    const longForm = siblings.find((sibling) => sibling !== form && LATIN_WORDS.test(sibling) && sibling.includes(' '));
    return longForm === undefined || spellsInitials(longForm, acronym);
  }
  if (LATIN_WORDS.test(form)) {
    if (ACRONYM.test(name)) return spellsInitials(form, name.replace(/[^A-Z0-9]/gu, ''));
    return !LATIN_WORDS.test(name);
  }
  if (KATAKANA.test(form)) return !/[\p{Script=Katakana}]/u.test(name) && !LATIN_WORDS.test(name);
  // A loanword glossed in kanji (`キャビアット（制約条項）`, `レアアース（希土類）`).
  if (KATAKANA.test(name) && /^[\p{Script=Han}]+$/u.test(form)) return true;
  if (Array.from(form).length >= Array.from(name).length) return false;
  return isSubsequence(form, name) || (name.length >= 3 && form.length >= 3 && name.slice(-2) === form.slice(-2));
}

/**
 * The acronym spells the words: each of its letters is a word's initial, or a later letter of the word
 * whose initial came just before (`SEATO`: Southeast Asia Treaty Organization; `COMCASA`: Communications
 * Compatibility and Security Agreement), small words may be skipped, and words after the last letter
 * (`Japan Australia Rare Earths B.V.`) do not count.
 */
function spellsInitials(words: string, acronym: string): boolean {
  const list = words.split(/[\s\-/]+/u).filter(Boolean);
  const letters = acronym.toUpperCase();
  const memo = new Map<string, boolean>();
  const spells = (word: number, letter: number): boolean => {
    if (letter === letters.length) return word > 0;
    if (word === list.length) return false;
    const key = `${word}|${letter}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const text = (list[word] as string).toUpperCase();
    let result = STOP_WORDS.has(text.toLowerCase()) && spells(word + 1, letter);
    if (!result && text[0] === letters[letter]) {
      // The initial, then as many of the following letters as the rest of the word holds in order.
      let next = letter + 1;
      result = spells(word + 1, next);
      for (let at = 1; !result && at < text.length && next < letters.length; at++) {
        if (text[at] === letters[next]) {
          next++;
          result = spells(word + 1, next);
        }
      }
    }
    memo.set(key, result);
    return result;
  };
  return spells(0, 0);
}

function isSubsequence(short: string, long: string): boolean {
  let at = 0;
  for (const char of long) if (at < short.length && short[at] === char) at++;
  return at === short.length;
}

/**
 * A name is defined consistently: a few forms at most (`NATO`, `北大西洋条約機構`, `North Atlantic Treaty
 * Organization`). A name the papers pair with more partners than MAX_PARTNERS is not a reliable bridge
 * (one loose `…（NATO）` per paper would merge everything into one group): it keeps its MAX_PARTNERS most
 * frequent partners, earliest first on ties, and the other definitions are dropped. Operators' glossary
 * groups are not limited.
 */
const MAX_PARTNERS = 4;

function agreedDefinitions(pairs: readonly string[][]): string[][] {
  const counts = new Map<string, Map<string, number>>();
  const key = (form: string): string => form.toLowerCase();
  for (const pair of pairs) {
    for (const form of pair) {
      const partners = counts.get(key(form)) ?? new Map<string, number>();
      for (const other of pair) if (key(other) !== key(form)) partners.set(key(other), (partners.get(key(other)) ?? 0) + 1);
      counts.set(key(form), partners);
    }
  }
  const kept = new Map<string, Set<string>>();
  for (const [form, partners] of counts) {
    // Map order is first-seen order, and sort is stable: ties keep the earliest definitions.
    kept.set(form, new Set([...partners].sort((a, b) => b[1] - a[1]).slice(0, MAX_PARTNERS).map(([partner]) => partner)));
  }
  const agreed = (a: string, b: string): boolean => (kept.get(key(a))?.has(key(b)) ?? false) && (kept.get(key(b))?.has(key(a)) ?? false);
  return pairs.filter((pair) => pair.every((form, index) => pair.every((other, otherIndex) => index === otherIndex || key(form) === key(other) || agreed(form, other))));
}

/** Union of groups that share a form (compared case-insensitively), forms in first-seen order. */
function mergeGroups(pairs: readonly string[][]): string[][] {
  const groups: string[][] = [];
  for (const pair of pairs) {
    const keys = new Set(pair.map((form) => form.toLowerCase()));
    const touching = groups.filter((group) => group.some((form) => keys.has(form.toLowerCase())));
    const merged = [...touching.flat(), ...pair];
    const unique = merged.filter((form, index) => merged.findIndex((other) => other.toLowerCase() === form.toLowerCase()) === index);
    for (const group of touching) groups.splice(groups.indexOf(group), 1);
    groups.push(unique);
  }
  return groups;
}
