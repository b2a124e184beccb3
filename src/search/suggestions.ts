import type { SearchResult } from './engine';
import type { AliasGroup } from './index-format';

/**
 * Follow-up questions after an answer, made from the corpus's own words, never a model's: what a reader
 * of the quoted passage would ask next. In order: a short form the passage uses that the paper defines
 * (`東南アジア条約機構（SEATO）` → `SEATOとは？`: a definition the corpus gives) and the question did not
 * name; then other sections of the same paper among the passages found. (A bare `その出典は？` is not
 * offered: the chat reads it with the earlier question but finds no source sentence for it, and the answer's
 * `[n]` chips already lead to the notes.)
 */
export interface FollowUpInput {
  question: string;
  lang: 'ja' | 'en';
  /** The passage the answer quotes, and the other passages shown. */
  quoted: Pick<SearchResult, 'docId' | 'text' | 'section'>;
  results: ReadonlyArray<Pick<SearchResult, 'docId' | 'section'>>;
  aliases: readonly AliasGroup[];
}

/** Suggestions at most, and of each kind. */
export const FOLLOW_UPS = { most: 4, names: 2, sections: 2 } as const;

/** A defined short form: Latin capitals (`SEATO`, `MDA`, `AUKUS`), as aliases.ts mines them from definitions. */
const SHORT_FORM = /^[A-Z][A-Z0-9&-]{1,9}$/u;

export function followUpQuestions({ question, lang, quoted, results, aliases }: FollowUpInput): string[] {
  const asked = question.normalize('NFKC').toLowerCase();
  const out: string[] = [];
  const add = (text: string): void => {
    if (!out.includes(text) && out.length < FOLLOW_UPS.most) out.push(text);
  };

  // A defined name in the passage that the question did not use: its short form (the Latin one for English).
  let names = 0;
  for (const { forms, shortForms } of definable(aliases)) {
    if (names >= FOLLOW_UPS.names) break;
    if (forms.some((form) => asked.includes(form.normalize('NFKC').toLowerCase()))) continue;
    // Defined here: the short form in the passage's parentheses (`東南アジア条約機構（Southeast Asia Treaty Organization: SEATO）`).
    const name = shortForms.find(({ form, defined }) => quoted.text.includes(form) && defined.test(quoted.text))?.form;
    if (name === undefined) continue;
    add(lang === 'ja' ? `${name}とは？` : `What is ${name}?`);
    names++;
  }

  // Other sections of the same paper that the search found.
  const headingOf = (section: string | null): string | undefined => section?.split(' › ').at(-1)?.trim() || undefined;
  const here = headingOf(quoted.section);
  const sections = [...new Set(results.filter((result) => result.docId === quoted.docId).map((result) => headingOf(result.section)))].filter(
    (heading): heading is string => heading !== undefined && heading !== here && !asked.includes(heading.normalize('NFKC').toLowerCase()),
  );
  for (const heading of sections.slice(0, FOLLOW_UPS.sections)) add(lang === 'ja' ? `${heading}は？` : `What does the section “${heading}” say?`);
  return out;
}

/** An alias group that has a short form, with the pattern of its definition in parentheses, made once per index. */
interface Definable {
  forms: string[];
  shortForms: Array<{ form: string; defined: RegExp }>;
}
const definableOf = new WeakMap<readonly AliasGroup[], Definable[]>();

/** The groups of `aliases` that can be suggested, in their order (the index's aliases are fixed: kept per array). */
function definable(aliases: readonly AliasGroup[]): Definable[] {
  let groups = definableOf.get(aliases);
  if (groups === undefined) {
    groups = aliases.flatMap((group) => {
      const forms = group.forms.filter((form) => form.trim() !== '');
      const shortForms = forms.filter((form) => SHORT_FORM.test(form)).map((form) => ({ form, defined: new RegExp(`（[^（）]*\\b${escapeRegExp(form)}）`, 'u') }));
      return forms.length < 2 || shortForms.length === 0 ? [] : [{ forms, shortForms }];
    });
    definableOf.set(aliases, groups);
  }
  return groups;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
