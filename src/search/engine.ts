import type { Document } from '../model/document';
import { footnoteKey } from '../model/ids';
import { sentenceAt } from '../text/sentences';
import { Lexicon } from '../text/tokenizer';
import { chooseAnswer, type ChosenAnswer } from './answer';
import { excerptOf, withMarkers, type Excerpt } from './excerpt';
import { FACT_INTENTS, intentOf, type Intent } from './intent';
import type { IndexData, Passage, PassageKind } from './index-format';
import { LruCache } from './lru';
import { oramaRetriever, type CandidateRetriever, type RetrievalTerm } from './retriever';
import { EnglishVocabulary } from './english';
import { analyzeQuery, type AnalyzedQuery, type QueryVocabulary } from './query';
import { analyzePassage, analyzeText, type NoteView, type PassageAnalysis } from './features';
import { diversify, rankPassage, type Ranked } from './rank';
import { DEFAULT_RELEVANCE, relevanceWith, type RelevanceOverrides, type RelevanceParams } from './relevance';

/** A footnote cited by a result: its number, full text and URLs, as the paper gives them. */
export interface Citation {
  n: number;
  text: string;
  urls: string[];
}

export interface SearchResult {
  id: string;
  docId: string;
  docTitle: string;
  /** The language of the paper, hence of `text` and the excerpt. */
  lang: Document['lang'];
  /** Heading path of the passage's section; null for an untitled section, a summary bullet or the closing line. */
  section: string | null;
  page: number;
  kind: PassageKind;
  text: string;
  snippet: string;
  /** Offset of `snippet` in `text`. */
  snippetStart: number;
  /** Matched terms in `snippet`: [start, end) UTF-16 offsets. */
  highlights: Array<[number, number]>;
  /** Matched terms in `text`. */
  textHighlights: Array<[number, number]>;
  score: number;
  /** Footnote markers in `text`: footnote `n` is cited right before `text[offset]`. */
  refs: Array<{ n: number; offset: number }>;
  citations: Citation[];
  /** The cited footnote that answers the question, when it answers better than the passage's own text. */
  matchedNote: number | null;
}

export interface SearchOptions {
  limit: number;
  docId?: string;
  /** Earlier questions of the conversation, most recent first: their terms count half. */
  context?: readonly string[];
  /** The question points at the earlier questions' subject (`それはいつ？`): their terms are not capped. */
  refersBack?: boolean;
  /** What the assistant answered before, for a follow-up that points back: the passage it quoted is preferred. */
  previousAnswer?: string;
  /** Other values of relevance's tunables for this call, merged into DEFAULT_RELEVANCE (relevance.ts). */
  relevance?: RelevanceOverrides;
}

/** English words of a question (or a name the papers also give in Japanese) and the Japanese words searched for them. */
export interface SearchedFor {
  asked: string;
  /** The Japanese words searched for it: an English word's translations, a Japanese word's synonyms. */
  japanese: string[];
  /** English words the translations came through, when not the question's own (`wary` ≈ `caution`). */
  via?: string[];
}

export interface SearchResponse {
  query: string;
  /** The terms the question was searched with, rarest first. */
  terms: string[];
  /** What the question's English was searched as, in the question's order. */
  searchedFor: SearchedFor[];
  /** Whether the corpus answers the question (see isAnswered). */
  found: boolean;
  /**
   * Not found, yet the best passages are about the question: they hold most of it but not what it asks
   * (a date, a sum, a name, the 費用 of `交渉費用はいくら`). They are related reading, not an answer.
   */
  related: boolean;
  /** The extractive answer: the best one or two sentences, verbatim, with `[n]` footnote markers; null when not found. */
  answer: string | null;
  /** Which of `results` the answer is quoted from (its `[n]` markers are that passage's footnotes); null when not found. */
  answerResult: number | null;
  results: SearchResult[];
}

/**
 * Whether the corpus answers a question, judged on the best passage: it must state the unit a counting
 * question asks for (`何隻` needs a number of ships) and hold what a question asks a datum about
 * (`予算額はいくら` needs a 額: a passage on the budget that gives no sum does not answer), and hold either half of the question's concepts,
 * weighted by rarity, or a fifth of them when that fifth is itself substantial evidence (RelevanceParams.answered) (several specific
 * terms together, as a long conversational question has). A question about the weather or a recipe, or
 * about a fact the papers lack even where they name the country, matches one or two words at best.
 */
export function isAnswered(best: Ranked | undefined, answered: RelevanceParams['answered'] = DEFAULT_RELEVANCE.answered): boolean {
  if (best === undefined || !best.requiredMet || !best.askedMet) return false;
  return isAbout(best, answered);
}

/** Whether the best passage holds enough of the question to be about it, whatever it states. */
function isAbout(best: Ranked | undefined, answered: RelevanceParams['answered']): boolean {
  if (best === undefined) return false;
  return best.subject >= answered.coverage || (best.subject >= answered.partialCoverage && best.evidence >= answered.evidence);
}

/** The query's words with the weight of the strongest concept and alternative each stands in (retriever.ts). */
function weightedTerms(query: AnalyzedQuery): RetrievalTerm[] {
  const weights = new Map<string, number>();
  for (const concept of query.concepts) {
    for (const alternative of concept.alternatives) {
      const weight = concept.weight * alternative.weight;
      for (const term of alternative.terms) if ((weights.get(term) ?? 0) < weight) weights.set(term, weight);
    }
  }
  return query.words.map((term) => ({ term, weight: weights.get(term) ?? 1 }));
}

/** Characters of an earlier answer's opening looked for in the passages (a quarter of it at least). */
const QUOTE_PROBE = 40;

export interface SearchEngine {
  search(query: string, options: SearchOptions): SearchResponse;
  documents(): readonly Document[];
  document(id: string): Document | undefined;
  passage(id: string): SearchResult | undefined;
  readonly data: IndexData;
}

/** How the engine is put together; by default from the index data alone. */
export interface EngineOptions {
  /** The first stage (retriever.ts); Orama over `data.orama` by default. */
  retriever?: CandidateRetriever;
  /** Passage and footnote analyses kept at most, each (the least recently used go first). */
  cacheEntries?: number;
}

/**
 * Analyses kept per cache by default: every passage of a corpus of ~50 papers, and the working set of a
 * larger one (a passage's analysis is a few kilobytes: 4,096 of them some 10–20 MB).
 */
export const CACHE_ENTRIES = 4096;

export function createSearchEngine(data: IndexData, options: EngineOptions = {}): SearchEngine {
  const lexicon = new Lexicon(data.lexicon);
  const retriever: CandidateRetriever = options.retriever ?? oramaRetriever(data.orama);
  const cacheEntries = options.cacheEntries ?? CACHE_ENTRIES;
  const documents = new Map(data.documents.map((document) => [document.id, document]));
  const passageIndex = new Map(data.passages.map((passage, index) => [passage.id, index]));
  const places: ReadonlySet<string> = new Set(data.places);
  const vocabulary: QueryVocabulary = {
    lexicon,
    aliases: data.aliases,
    synonyms: data.synonyms,
    english: new EnglishVocabulary(data.english, lexicon, () => Object.keys(data.documentFrequency), data.englishRelated, data.capitals),
    documentFrequency: (term) => data.documentFrequency[term] ?? 0,
    passageCount: data.passages.length,
  };

  const footnoteText = (docId: string, n: number): string | undefined => documents.get(docId)?.footnotes.find((footnote) => footnote.n === n)?.text;
  const passageCache = new LruCache<number, PassageAnalysis>(cacheEntries);
  const analysisOf = (index: number): PassageAnalysis => passageCache.get(index, () => analyzePassage(data.passages[index] as Passage));
  const noteCache = new LruCache<string, NoteView | null>(cacheEntries);
  const notesByPassage = new LruCache<number, NoteView[]>(cacheEntries);
  const notesOf = (index: number): NoteView[] => notesByPassage.get(index, () => viewsOfNotes(data.passages[index] as Passage));
  const viewsOfNotes = (passage: Passage): NoteView[] =>
    [...new Set(passage.refs.map((ref) => ref.n))].flatMap((n) => {
      const key = footnoteKey(passage.docId, n);
      const view = noteCache.get(key, () => {
        const text = footnoteText(passage.docId, n);
        const tokens = data.footnoteTokens[key];
        return text === undefined || tokens === undefined ? null : { n, ...analyzeText(text, tokens) };
      });
      return view === null ? [] : [view];
    });

  const citationsOf = (passage: Passage): Citation[] => {
    const footnotes = documents.get(passage.docId)?.footnotes ?? [];
    return [...new Set(passage.refs.map((ref) => ref.n))].flatMap((n) => {
      const footnote = footnotes.find((candidate) => candidate.n === n);
      return footnote ? [{ n, text: footnote.text, urls: footnote.urls }] : [];
    });
  };

  /** The excerpt: the best sentence of the text, or, when a footnote answers, the sentence that cites it. */
  const excerptFor = (passage: Passage, ranked: Ranked): Excerpt => {
    const { sentences } = analysisOf(ranked.index);
    const citing = ranked.note === null ? undefined : passage.refs.find((ref) => ref.n === ranked.note?.n);
    const sentence = citing === undefined ? ranked.sentence : sentenceAt(passage.text, citing.offset, sentences);
    return excerptOf(passage, sentence, ranked.matched, sentences);
  };

  const resultOf = (ranked: Ranked): SearchResult => {
    const passage = data.passages[ranked.index] as Passage;
    const excerpt = excerptFor(passage, ranked);
    return {
      id: passage.id,
      docId: passage.docId,
      docTitle: documents.get(passage.docId)?.title ?? passage.docId,
      lang: documents.get(passage.docId)?.lang ?? 'ja',
      section: passage.section,
      page: passage.page,
      kind: passage.kind,
      text: passage.text,
      snippet: excerpt.snippet,
      snippetStart: excerpt.start,
      highlights: excerpt.highlights,
      textHighlights: excerpt.textHighlights,
      score: Number(ranked.score.toFixed(4)),
      refs: passage.refs,
      citations: citationsOf(passage),
      matchedNote: ranked.note?.n ?? null,
    };
  };

  /** The best passage's answering sentence(s), verbatim: from the footnote that answers, or from the excerpt with its markers. */
  const answerOf = (ranked: Ranked, result: SearchResult): string => {
    const passage = data.passages[ranked.index] as Passage;
    if (ranked.note !== null) {
      const text = footnoteText(passage.docId, ranked.note.n) ?? '';
      return `${text.slice(ranked.note.start, ranked.note.end).trim()}[${ranked.note.n}]`;
    }
    return withMarkers(result.snippet, result.snippetStart, passage.refs);
  };

  /**
   * The chosen answer verbatim: the passage's sentence(s) with their `[n]` markers, or the footnote's
   * sentence with its number. A question for a source is answered by the footnote the sentence cites,
   * quoted after it on a line of its own (`…見積もった[17]。` / `[17] Jack Watling…`).
   */
  const quoteOf = (chosen: ChosenAnswer, intent: Intent | undefined, citedNotes: number): string => {
    const passage = data.passages[chosen.index] as Passage;
    if (chosen.note !== null) {
      const text = footnoteText(passage.docId, chosen.note) ?? '';
      return `${text.slice(chosen.quoteStart, chosen.end).trim()}[${chosen.note}]`;
    }
    const raw = passage.text.slice(chosen.quoteStart, chosen.end);
    const start = chosen.quoteStart + (raw.length - raw.trimStart().length);
    const quote = withMarkers(raw.trim(), start, passage.refs);
    if (intent !== 'source') return quote;
    const cited = [...new Set(passage.refs.filter((ref) => ref.offset > chosen.quoteStart && ref.offset <= chosen.end).map((ref) => ref.n))].slice(0, citedNotes);
    const notes = cited.map((n) => [n, footnoteText(passage.docId, n)] as const).filter((note): note is readonly [number, string] => note[1] !== undefined);
    return [quote, ...notes.map(([n, text]) => `[${n}] ${text.trim()}`)].join('\n');
  };

  /**
   * The passage an earlier answer quoted: its first sentence's opening, footnote markers and spaces aside,
   * found in the passage's text. Only follow-ups that point back ask, so nothing is kept for it.
   */
  const quotedPassage = (answer: string, docId: string | undefined, candidates: readonly { index: number }[]): number | undefined => {
    const compact = (text: string): string => text.replace(/\[\d+\]/gu, '').replace(/\s+/gu, '');
    const probe = compact(answer.split('\n')[0] ?? '').slice(0, QUOTE_PROBE);
    if (Array.from(probe).length < QUOTE_PROBE / 4) return undefined;
    const quotes = (index: number): boolean => {
      const passage = data.passages[index] as Passage;
      return (docId === undefined || passage.docId === docId) && compact(passage.text).includes(probe);
    };
    // Most often among this question's candidates (it is about the same subject); else anywhere.
    const among = candidates.find((candidate) => quotes(candidate.index))?.index;
    if (among !== undefined) return among;
    const index = data.passages.findIndex((_, position) => quotes(position));
    return index === -1 ? undefined : index;
  };

  return {
    data,
    search(text, options) {
      const params = relevanceWith(options.relevance);
      const query = analyzeQuery(text, vocabulary, { carried: options.context ?? [], refersBack: options.refersBack ?? false }, params);
      const candidates = [...retriever.retrieve(weightedTerms(query), query.grams, params.retrieval, options.docId)];
      const top = candidates[0]?.score ?? 0;
      // A follow-up that points back (`それはいつ？`) is most likely answered where the previous answer was.
      const previous = options.refersBack === true && options.previousAnswer !== undefined ? quotedPassage(options.previousAnswer, options.docId, candidates) : undefined;
      if (previous !== undefined && !candidates.some((candidate) => candidate.index === previous)) candidates.push({ index: previous, score: 0 });
      const ranked = diversify(
        candidates.map((candidate) => {
          const passage = data.passages[candidate.index] as Passage;
          const ranking = rankPassage(candidate.index, passage.kind, analysisOf(candidate.index), query, top > 0 ? candidate.score / top : 0, notesOf(candidate.index), params.rank);
          return candidate.index === previous ? { ...ranking, score: ranking.score * (1 + params.rank.previousAnswer) } : ranking;
        }),
        (index) => analysisOf(index).terms,
        params.rank.duplicates,
      );
      let results = ranked.slice(0, options.limit).map(resultOf);
      const best = ranked[0];
      const answered = isAnswered(best, params.answered);
      const termsByRarity = [...query.concepts].sort((a, b) => b.idf * b.weight - a.idf * a.weight).map((concept) => concept.label);
      // A follow-up that names something new (`ASEANは？`) asks what the question before it asked.
      const intent = intentOf(text) ?? (options.context?.[0] === undefined ? undefined : intentOf(options.context[0]));
      const chosen =
        answered && best !== undefined && intent !== undefined
          ? chooseAnswer(
              query,
              intent,
              ranked.slice(0, params.answer.depth).map((candidate) => ({
                index: candidate.index,
                kind: (data.passages[candidate.index] as Passage).kind,
                analysis: analysisOf(candidate.index),
                notes: notesOf(candidate.index),
                standing: best.score > 0 ? candidate.score / best.score : 0,
                refs: (data.passages[candidate.index] as Passage).refs.map((ref) => ref.offset),
              })),
              query.focus,
              { ...params.answer, noteView: params.rank.noteView },
              places,
            )
          : undefined;
      // A question for a fact (a date, a number, a sum, a name) is answered by a sentence that states one, tied to its terms.
      const found = answered && (intent === undefined || !FACT_INTENTS.has(intent) || chosen?.fits === true);
      const answer = !found || best === undefined || results[0] === undefined ? null : chosen !== undefined ? quoteOf(chosen, intent, params.answer.citedNotes) : answerOf(best, results[0]);
      // Where the answer is quoted from, among the ranked passages (the answer does not depend on `limit`).
      const quotedRank = answer === null ? -1 : chosen === undefined ? 0 : ranked.findIndex((candidate) => candidate.index === chosen.index);
      let answerResult: number | null = quotedRank >= 0 && quotedRank < results.length ? quotedRank : null;
      // The passage whose sentence gives the kind of answer asked for comes first: it answers, the others mention.
      if (quotedRank > 0 && chosen?.fits === true && params.answer.promote > 0) {
        const quoted = ranked[quotedRank] as Ranked;
        results = [resultOf(quoted), ...results.filter((result) => result.id !== (data.passages[quoted.index] as Passage).id)].slice(0, options.limit);
        answerResult = 0;
      }
      const searchedFor = query.concepts
        .filter((concept) => concept.origin === 'asked' && concept.translations.length > 0)
        .map((concept) => ({ asked: concept.label, japanese: concept.translations, ...(concept.via === undefined ? {} : { via: concept.via }) }));
      return { query: text, terms: termsByRarity, searchedFor, found, related: !found && isAbout(best, params.answered), answer, answerResult, results };
    },
    documents: () => data.documents,
    document: (id) => documents.get(id),
    passage(id) {
      const index = passageIndex.get(id);
      if (index === undefined) return undefined;
      const passage = data.passages[index] as Passage;
      const whole = { start: 0, end: passage.text.length, coverage: 0 };
      return resultOf({ index, score: 0, bm25: 0, coverage: 0, subject: 0, evidence: 0, requiredMet: true, askedMet: true, sentence: whole, note: null, phrase: 0, matched: new Set() });
    },
  };
}
