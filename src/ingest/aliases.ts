import type { AliasGroup } from '../search/index-format';
import { type Lexicon, tokenize } from '../text/tokenizer';

/**
 * Alternative names the papers define themselves, in the pattern `name（other name）`:
 * `東南アジア諸国連合（ASEAN）`, `東南アジア条約機構（Southeast Asia Treaty Organization: SEATO）`,
 * `ニュージーランド（以下、NZ）`, `「5か国防衛取極」（FPDA）`, `日米豪印(QUAD)`.
 *
 * The name before the bracket is the quoted phrase right before it, or else the run of kanji, katakana
 * and Latin letters right before it, `及び` included (`通信互換及び安全保障協定`; at most 20 characters). A pair is kept when one side has Latin
 * letters, one side is all katakana (`キャビアット（制約条項）`), or both end in the same two characters
 * (`仏独協力統合条約（アーヘン条約）`); sentences, dates and editorial notes (`（仮訳）`, `（ママ）`) are not
 * names. Groups that share a name are merged.
 */
const BRACKETED = /（([^（）]{1,80})）|\(([^()]{1,80})\)/gu;
const EDITORIAL = new Set(['ママ', '仮訳', '仮称', '注', '同上', '前掲', '筆者訳', '筆者作成', '引用者注', '当時']);
const NAME_CHAR = /[\p{Script=Han}\p{Script=Katakana}A-Za-z0-9ー・\-&/]/u;
const MAX_NAME = 20;

/** Alias groups from the corpus's own definitions plus the operators' glossary, merged where they share a name. */
export function aliasGroups(texts: readonly string[], glossary: readonly string[][], lexicon: Lexicon): AliasGroup[] {
  return mergeGroups([...agreedDefinitions(minePairs(texts)), ...glossary]).map((forms) => ({
    forms,
    terms: forms.map((form) => tokenize(form, lexicon).map((token) => token.term)),
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
      if (others.every((other) => isNamePair(name, other))) pairs.push([name, ...others]);
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
  while (start > 0 && bracket - start < MAX_NAME) {
    if (NAME_CHAR.test(text[start - 1] as string)) start--;
    else if (text.slice(start - 2, start) === '及び' && start - 2 > 0 && NAME_CHAR.test(text[start - 3] as string)) start -= 2;
    else break;
  }
  const name = text.slice(start, bracket).replace(/^[0-9\-/・]+/u, '');
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

function isNamePair(name: string, other: string): boolean {
  if (/\d{4}\s*年/u.test(other) || name === other) return false;
  const latin = /[A-Za-z]/u;
  const katakanaOnly = /^[\p{Script=Katakana}ー・]+$/u;
  return latin.test(name) || latin.test(other) || katakanaOnly.test(name) || katakanaOnly.test(other) || (name.length >= 3 && name.slice(-2) === other.slice(-2));
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
