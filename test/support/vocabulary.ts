import type { VocabularyText } from '../../src/ingest/english-lexicon';
import { normalizeForSearch } from '../../src/text/normalize';
import { type Lexicon, tokenize } from '../../src/text/tokenizer';

/** Texts as corpusVocabulary reads them, tokenized under `lexicon` (the build takes them from its token memo). */
export function vocabularyTexts(texts: readonly string[], lexicon: Lexicon): VocabularyText[] {
  return texts.map((text) => ({ text, normalized: normalizeForSearch(text).text, terms: tokenize(text, lexicon).map((token) => token.term) }));
}
