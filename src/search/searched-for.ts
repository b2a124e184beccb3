import type { SearchedFor, SearchResult } from './engine';

/**
 * What a reply shows of what the question was searched for: the translations and synonyms that found the
 * passages shown, not every word tried. An English word's gloss that no passage holds (`say` → 言うまでもない,
 * reached through "needless to say") only distracts. In a Japanese question, a Latin word (`NATO`) is shown
 * with its Japanese forms (北大西洋条約機構) only where they found a passage the word itself is not in: the
 * reader asked in Japanese and gains nothing from the translation otherwise. With no passage shown, an English
 * question keeps every word tried (it helps to rephrase), and a Japanese one shows none of its Latin words.
 * (GET /api/search keeps the whole list: it says what was searched.)
 */
export function shownSearchedFor(searchedFor: readonly SearchedFor[], results: readonly Pick<SearchResult, 'text' | 'citations'>[], japaneseQuestion: boolean): SearchedFor[] {
  const texts = results.map((result) => [result.text, ...result.citations.map((citation) => citation.text)].join('\n').normalize('NFKC').toLowerCase());
  const latin = (label: string): boolean => /[a-z]/iu.test(label);
  if (texts.length === 0) return japaneseQuestion ? searchedFor.filter((entry) => !latin(entry.asked)) : [...searchedFor];
  return searchedFor.flatMap((entry) => {
    const own = entry.asked.normalize('NFKC').toLowerCase();
    const needsOwnAbsent = japaneseQuestion && latin(entry.asked);
    const japanese = entry.japanese.filter((form) => {
      const wanted = form.normalize('NFKC').toLowerCase();
      return texts.some((text) => text.includes(wanted) && (!needsOwnAbsent || !text.includes(own)));
    });
    return japanese.length === 0 ? [] : [{ ...entry, japanese }];
  });
}
