import { englishKey, isWholeKey, lemmaCandidates } from '../text/english';
import { LoanwordMatcher } from '../text/transliterate';
import { type Lexicon, tokenize } from '../text/tokenizer';
import type { EnglishRelated, EnglishTranslations } from './index-format';
import { DEFAULT_RELEVANCE, type RelevanceParams } from './relevance';

const NONE: readonly Translation[] = [];
const KANJI = /\p{Script=Han}/gu;

/** A Japanese word of the corpus an English word or phrase was translated to. */
export interface Translation {
  japanese: string;
  /** `japanese` as index terms. */
  terms: string[];
  /** How directly it translates the English, 0..1. */
  weight: number;
  /** The English word it translates, when that is not the question's own (`caution` for `wary`, `Philippines` for `Manila`). */
  via?: string;
}


/**
 * What the corpus offers an English question: the dictionary's translations of words and phrases (from
 * the index) and the katakana words that sound like an English word (`Pompeo` → ポンペオ). Both are worked
 * out on first need and kept.
 */
export class EnglishVocabulary {
  private readonly phrases = new Map<string, Translation[]>();
  private matcher: LoanwordMatcher | undefined;
  private heads: Set<string> | undefined;
  private wholes: Map<string, string[]> | undefined;

  constructor(
    private readonly translations: EnglishTranslations,
    private readonly lexicon: Lexicon,
    /** The index's terms: the katakana among them are the loanwords English names can meet. */
    private readonly vocabulary: () => Iterable<string>,
    /** English words → related words the dictionary translates into the corpus (WordNet: src/ingest/wordnet.ts). */
    private readonly related: EnglishRelated = {},
    /** Capital cities → their countries' names. */
    private readonly capitals: Readonly<Record<string, readonly string[]>> = {},
    /** Proper nouns written in kanji → their katakana reading, for names spelled in romaji. */
    private readonly readings: Readonly<Record<string, string>> = {},
  ) {}

  /**
   * Translations of English words (`nuclear`, `submarines`), best first; [] when the dictionary has none.
   * The last word, which carries a phrase's inflection, is looked up in each of its lemma forms too
   * (`submarines`, `submarine`), a translation keeping its best weight. At most `params.maxTranslations`,
   * all forms together; one reached through another English word weighs `params.related` of its own.
   */
  translate(words: readonly string[], params: RelevanceParams['english'] = DEFAULT_RELEVANCE.english): Translation[] {
    const head = words.slice(0, -1).map((word) => word.toLowerCase());
    // Most words start no phrase of the dictionary: then no form of the last word can complete one.
    const headKey = englishKey(head.join(' '));
    if (headKey !== '' && !this.phraseHeads().has(headKey) && !Object.hasOwn(this.translations, headKey)) return [];
    const best = new Map<string, Translation>();
    /** Translations through a word's derivations: after its own, in the places they leave. */
    const derived = new Map<string, Translation>();
    const keep = (translation: Translation, into = best): void => {
      // Spellings of one word (国々 and 国国) are the same terms: keep one.
      const key = translation.terms.join(' ');
      if ((into.get(key)?.weight ?? 0) < translation.weight) into.set(key, translation);
    };
    const lemmas = lemmaCandidates((words[words.length - 1] ?? '').toLowerCase()).map((last) => englishKey([...head, last].join(' ')));
    for (const key of lemmas) for (const translation of this.phrase(key)) keep(translation);
    // A capital names its country's government (`Manila started the arbitration`): the country is searched
    // for too, unless the papers have the capital's own name (`Tokyo` → 東京, not 日本).
    if (best.size === 0) {
      for (const key of lemmas) {
        for (const country of Object.hasOwn(this.capitals, key) ? (this.capitals[key] ?? []) : []) {
          for (const translation of [...this.phrase(country), ...this.loanwords(country)]) keep({ ...translation, weight: translation.weight * params.related.capital, via: country });
        }
      }
    }
    // A word the dictionary does not bring to the corpus, through the words WordNet relates it to (`wary` →
    // `caution`); a word it does, also through its derivations where its own translations leave room
    // (`restrain`: 抑える, and through `restraint` 抑制 of 抑制的な設計).
    const translated = best.size > 0;
    if (head.length === 0) {
      for (const key of lemmas) {
        const related = Object.hasOwn(this.related, key) && (!translated || Object.hasOwn(this.translations, key)) ? this.related[key] : undefined;
        if (related === undefined) continue;
        const [near = '', far = ''] = related.split('|');
        for (const [list, weight] of [[near, translated ? params.related.derivation : params.related.near], [far, params.related.far]] as const) {
          for (const other of list.split(',').filter((word) => word !== '')) for (const translation of this.phrase(other)) keep({ ...translation, weight: translation.weight * weight, via: other }, translated ? derived : best);
        }
        if (!translated && best.size > 0) break;
      }
    }
    const ranked = (translations: Map<string, Translation>): Translation[] => [...translations.values()].sort((a, b) => b.weight - a.weight);
    const own = ranked(best).slice(0, params.maxTranslations);
    if (derived.size === 0) return own;
    // A derivation is the word in another part of speech only where the Japanese agrees, sharing a kanji
    // with one of the word's own translations (抑える, 抑制): WordNet relates words, not their senses, and
    // `server` → `serve` → 務める, `critical` → `criticism` → 批判 are other meanings.
    const roots = new Set(own.flatMap((translation) => translation.japanese.match(KANJI) ?? []));
    const agreeing = ranked(derived).filter((translation) => !best.has(translation.terms.join(' ')) && (translation.japanese.match(KANJI) ?? []).some((kanji) => roots.has(kanji)));
    return [...own, ...agreeing].slice(0, params.maxTranslations);
  }

  /**
   * The dictionary's whole phrases (keyed with their stopwords: `at the same time`, `same time`; see
   * dictionaryKeys) that end in `word` (lower case), longest first, with their translations.
   */
  wholePhrases(word: string): Array<{ phrase: string; translations: readonly Translation[] }> {
    if (this.wholes === undefined) {
      this.wholes = new Map();
      for (const key of Object.keys(this.translations)) {
        if (!isWholeKey(key)) continue;
        const last = key.slice(key.lastIndexOf(' ') + 1);
        const list = this.wholes.get(last);
        if (list === undefined) this.wholes.set(last, [key]);
        else list.push(key);
      }
      for (const list of this.wholes.values()) list.sort((a, b) => b.length - a.length);
    }
    return (this.wholes.get(word) ?? []).map((phrase) => ({ phrase, translations: this.phrase(phrase) }));
  }

  /** Every proper beginning, in words, of the dictionary's phrases (`nuclear` of `nuclear submarine`). */
  private phraseHeads(): ReadonlySet<string> {
    if (this.heads === undefined) {
      this.heads = new Set();
      for (const key of [...Object.keys(this.translations), ...Object.keys(this.capitals)]) {
        const words = key.split(' ');
        for (let length = 1; length < words.length; length++) this.heads.add(words.slice(0, length).join(' '));
      }
    }
    return this.heads;
  }

  /** A dictionary entry's translations, tokenized once; only entries are kept, so questions cannot grow the cache. */
  private phrase(key: string): readonly Translation[] {
    const entry = Object.hasOwn(this.translations, key) ? this.translations[key] : undefined;
    if (entry === undefined) return NONE;
    let found = this.phrases.get(key);
    if (found === undefined) {
      found = entry.map(([japanese, weight]) => ({ japanese, weight, terms: tokenize(japanese, this.lexicon).map((token) => token.term) }));
      this.phrases.set(key, found);
    }
    return found;
  }

  /**
   * Katakana words of the corpus that sound like `word` as written (`Biegun` → ビーガン), and names in kanji
   * whose reading does (`Minamitorishima` → 南鳥島), weighted by how alike.
   */
  loanwords(word: string): Translation[] {
    this.matcher ??= new LoanwordMatcher(this.vocabulary(), Object.entries(this.readings));
    return this.matcher.match(word).map((match) => ({
      japanese: match.word,
      terms: Object.hasOwn(this.readings, match.word) ? tokenize(match.word, this.lexicon).map((token) => token.term) : [match.word],
      weight: match.similarity,
    }));
  }
}
