import type { Document } from '../model/document';
import { footnoteKey, parsePassageId } from '../model/ids';
import { COUNTERS } from '../text/counters';
import { sentenceAt } from '../text/sentences';
import { Lexicon } from '../text/tokenizer';
import { chooseAnswer, type ChosenAnswer } from './answer';
import { excerptOf, withMarkers, type Excerpt } from './excerpt';
import { FACT_INTENTS, intentOf, type Intent } from './intent';
import type { DocumentEntry, IndexCore, Manifest, Passage, PassageKind, TableLabel } from './index-format';
import { LruCache } from './lru';
import { postingsRetriever } from './postings';
import type { CandidateRetriever, RetrievalTerm } from './retriever';
import type { IndexStore, StoredPassage } from './store';
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
  /** For a table row, its table's caption and legend (a legend passage: the caption); null otherwise. */
  table: TableLabel | null;
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
  /** How many of `results`, from the first, to show at first (RelevanceParams.display); the rest behind "more". */
  shown: number;
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

/** What ranking reads of a passage, kept by the engine between questions (see createSearchEngine). */
interface PassageView {
  kind: PassageKind;
  refs: Passage['refs'];
  analysis: PassageAnalysis;
  /** The analyses of the footnotes it cites. */
  notes: NoteView[];
}

/** The footnote numbers a passage cites, each once, in the order of their markers. */
const citedNumbers = (passage: Passage): number[] => [...new Set(passage.refs.map((ref) => ref.n))];

/** The spellings of every counter and unit (src/text/counters.ts). */
const UNIT_FORMS: ReadonlySet<string> = new Set(COUNTERS.flatMap((counter) => counter.forms));

/** Characters of an earlier answer's opening looked for in the passages (a quarter of it at least). */
const QUOTE_PROBE = 40;

export interface SearchEngine {
  search(query: string, options: SearchOptions): Promise<SearchResponse>;
  /** The papers, as the index lists them. */
  documents(): readonly DocumentEntry[];
  /** Whether the index has this paper. */
  hasDocument(id: string): boolean;
  document(id: string): Promise<Document | undefined>;
  passage(id: string): Promise<SearchResult | undefined>;
  readonly manifest: Manifest;
  readonly core: IndexCore;
}

/** How the engine is put together; by default from the index store alone. */
export interface EngineOptions {
  /** The first stage (retriever.ts); the store's postings (postings.ts) by default. */
  retriever?: CandidateRetriever;
  /** Passage and footnote analyses kept at most, each (the least recently used go first). */
  cacheEntries?: number;
}

/**
 * Analyses kept per cache by default: every passage of a corpus of ~50 papers, and the working set of a
 * larger one (a passage's analysis is a few kilobytes: 4,096 of them some 10–20 MB).
 */
export const CACHE_ENTRIES = 4096;

export function createSearchEngine(store: IndexStore, options: EngineOptions = {}): SearchEngine {
  const { core } = store;
  const lexicon = new Lexicon(core.lexicon);
  const retriever: CandidateRetriever = options.retriever ?? postingsRetriever(store);
  const cacheEntries = options.cacheEntries ?? CACHE_ENTRIES;
  const documents = new Map(core.documents.map((document) => [document.id, document]));
  const places: ReadonlySet<string> = new Set(core.places);
  const vocabulary: QueryVocabulary = {
    lexicon,
    aliases: core.aliases,
    synonyms: core.synonyms,
    english: new EnglishVocabulary(core.english, lexicon, () => Object.keys(core.documentFrequency), core.englishRelated, core.capitals, core.readings),
    documentFrequency: (term) => core.documentFrequency[term] ?? 0,
    passageCount: core.passageCount,
  };

  /**
   * What ranking reads of a passage (its kind, footnote markers, analysis and cited footnotes' analyses),
   * kept between questions: a candidate seen before is ranked without reading its passage again, and only
   * the passages a question shows are read (issue 14: in the Worker each read is a round trip).
   */
  const views = new LruCache<number, PassageView>(cacheEntries);
  const noteCache = new LruCache<string, NoteView | null>(cacheEntries);
  const viewOf = (index: number, { passage, notes }: StoredPassage): PassageView =>
    views.get(index, () => ({
      kind: passage.kind,
      refs: passage.refs,
      analysis: analyzePassage(passage),
      notes: citedNumbers(passage).flatMap((n) => {
        const view = noteCache.get(footnoteKey(passage.docId, n), () => {
          const note = notes[footnoteKey(passage.docId, n)];
          return note === undefined ? null : { n, ...analyzeText(note.text, note.tokens) };
        });
        return view === null ? [] : [view];
      }),
    }));
  /** The views of these passages: those kept, and the others from their passages, read in one go. */
  const viewsOf = async (indexes: readonly number[]): Promise<Map<number, PassageView>> => {
    const found = new Map<number, PassageView>();
    const unseen = indexes.filter((index) => {
      const view = views.peek(index);
      if (view !== undefined) found.set(index, view);
      return view === undefined;
    });
    const read = unseen.length === 0 ? new Map<number, StoredPassage>() : await store.passages(unseen);
    for (const index of unseen) {
      const stored = read.get(index);
      if (stored !== undefined) found.set(index, viewOf(index, stored));
    }
    return found;
  };
  const noteText = (view: PassageView, n: number): string | undefined => view.notes.find((note) => note.n === n)?.text;

  const citationsOf = ({ passage, notes }: StoredPassage): Citation[] =>
    citedNumbers(passage).flatMap((n) => {
      const note = notes[footnoteKey(passage.docId, n)];
      return note === undefined ? [] : [{ n, text: note.text, urls: note.urls }];
    });

  /** The excerpt: the best sentence of the text, or, when a footnote answers, the sentence that cites it. */
  const excerptFor = (passage: Passage, ranked: Ranked, { sentences }: PassageAnalysis): Excerpt => {
    const citing = ranked.note === null ? undefined : passage.refs.find((ref) => ref.n === ranked.note?.n);
    const sentence = citing === undefined ? ranked.sentence : sentenceAt(passage.text, citing.offset, sentences);
    return excerptOf(passage, sentence, ranked.matched, sentences);
  };

  const resultOf = (ranked: Ranked, stored: StoredPassage, view: PassageView): SearchResult => {
    const { passage } = stored;
    const excerpt = excerptFor(passage, ranked, view.analysis);
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
      citations: citationsOf(stored),
      matchedNote: ranked.note?.n ?? null,
      table: passage.table ?? null,
    };
  };

  /** The best passage's answering sentence(s), verbatim: from the footnote that answers, or from the excerpt with its markers. */
  const answerOf = (ranked: Ranked, result: SearchResult, view: PassageView): string => {
    if (ranked.note !== null) {
      const text = noteText(view, ranked.note.n) ?? '';
      return `${text.slice(ranked.note.start, ranked.note.end).trim()}[${ranked.note.n}]`;
    }
    return withMarkers(result.snippet, result.snippetStart, view.refs);
  };

  /**
   * The chosen answer verbatim: the passage's sentence(s) with their `[n]` markers, or the footnote's
   * sentence with its number. A question for a source is answered by the footnote the sentence cites,
   * quoted after it on a line of its own (`…見積もった[17]。` / `[17] Jack Watling…`).
   */
  const quoteOf = (chosen: ChosenAnswer, intent: Intent | undefined, citedNotes: number, view: PassageView): string => {
    if (chosen.note !== null) {
      const text = noteText(view, chosen.note) ?? '';
      return `${text.slice(chosen.quoteStart, chosen.end).trim()}[${chosen.note}]`;
    }
    const raw = view.analysis.text.slice(chosen.quoteStart, chosen.end);
    const start = chosen.quoteStart + (raw.length - raw.trimStart().length);
    const quote = withMarkers(raw.trim(), start, view.refs);
    if (intent !== 'source') return quote;
    const cited = [...new Set(view.refs.filter((ref) => ref.offset > chosen.quoteStart && ref.offset <= chosen.end).map((ref) => ref.n))].slice(0, citedNotes);
    const notes = cited.map((n) => [n, noteText(view, n)] as const).filter((note): note is readonly [number, string] => note[1] !== undefined);
    return [quote, ...notes.map(([n, text]) => `[${n}] ${text.trim()}`)].join('\n');
  };

  /**
   * The passage an earlier answer quoted, among this question's candidates (it is about the same subject):
   * its first sentence's opening, footnote markers and spaces aside, found in the passage's text. Only
   * follow-ups that point back ask, so nothing is kept for it.
   */
  const quotedPassage = (answer: string, candidates: readonly { index: number }[], seen: ReadonlyMap<number, PassageView>): number | undefined => {
    const compact = (text: string): string => text.replace(/\[\d+\]/gu, '').replace(/\s+/gu, '');
    const probe = compact(answer.split('\n')[0] ?? '').slice(0, QUOTE_PROBE);
    if (Array.from(probe).length < QUOTE_PROBE / 4) return undefined;
    return candidates.find((candidate) => compact(seen.get(candidate.index)?.analysis.text ?? '').includes(probe))?.index;
  };

  return {
    manifest: core.manifest,
    core,
    async search(text, options) {
      const params = relevanceWith(options.relevance);
      const query = analyzeQuery(text, vocabulary, { carried: options.context ?? [], refersBack: options.refersBack ?? false }, params);
      const retrieved = await retriever.retrieve(weightedTerms(query), query.grams, params.retrieval, options.docId);
      const seen = await viewsOf(retrieved.map((candidate) => candidate.index));
      const viewAt = (index: number): PassageView => seen.get(index) as PassageView;
      const candidates = retrieved.filter((candidate) => seen.has(candidate.index));
      const top = candidates[0]?.score ?? 0;
      // A follow-up that points back (`それはいつ？`) is most likely answered where the previous answer was.
      const previous = options.refersBack === true && options.previousAnswer !== undefined ? quotedPassage(options.previousAnswer, candidates, seen) : undefined;
      const ranked = diversify(
        candidates.map((candidate) => {
          const view = viewAt(candidate.index);
          const ranking = rankPassage(candidate.index, view.kind, view.analysis, query, top > 0 ? candidate.score / top : 0, view.notes, params.rank);
          return candidate.index === previous ? { ...ranking, score: ranking.score * (1 + params.rank.previousAnswer) } : ranking;
        }),
        (index) => viewAt(index).analysis.terms,
        params.rank.duplicates,
      );
      const best = ranked[0];
      const termsByRarity = [...query.concepts].sort((a, b) => b.idf * b.weight - a.idf * a.weight).map((concept) => concept.label);
      // A follow-up that names something new (`ASEANは？`) asks what the question before it asked.
      const intent = intentOf(text) ?? (options.context?.[0] === undefined ? undefined : intentOf(options.context[0]));
      // A fact is stated by a passage that holds what the question asks it of (`規模はいくら`: 規模) and the unit
      // it asks: when the best passage does not, one of the others that does may answer (its note, say), by a
      // sentence that itself names what is asked of (factNeedsFocus below).
      const bestAnswers = isAnswered(best, params.answered);
      // A unit (`how many tonnes`: トン) names how the fact is stated, not what it is of: it ties nothing.
      const things = query.focus.filter((term) => !UNIT_FORMS.has(term));
      const fallback = !bestAnswers && intent !== undefined && FACT_INTENTS.has(intent) && things.length > 0;
      const answering = fallback ? ranked.slice(1, params.answer.depth).filter((candidate) => isAnswered(candidate, params.answered)) : [];
      const answered = bestAnswers || answering.length > 0;
      const chosen =
        answered && best !== undefined && intent !== undefined
          ? chooseAnswer(
              query,
              intent,
              (bestAnswers ? ranked.slice(0, params.answer.depth) : answering).map((candidate) => {
                const view = viewAt(candidate.index);
                return { index: candidate.index, kind: view.kind, analysis: view.analysis, notes: view.notes, standing: best.score > 0 ? candidate.score / best.score : 0, refs: view.refs };
              }),
              bestAnswers ? query.focus : things,
              { ...params.answer, noteView: params.rank.noteView, ...(bestAnswers ? {} : { factNeedsFocus: 1 }) },
              places,
            )
          : undefined;
      // A question for a fact (a date, a number, a sum, a name) is answered by a sentence that states one, tied to its terms.
      const found = answered && (intent === undefined || !FACT_INTENTS.has(intent) || chosen?.fits === true);
      // Where the answer is quoted from, among the ranked passages (the answer does not depend on `limit`).
      const quotedRank = !found || best === undefined ? -1 : chosen === undefined ? 0 : ranked.findIndex((candidate) => candidate.index === chosen.index);
      // The passage whose sentence gives the kind of answer asked for comes first: it answers, the others mention.
      const quoted = quotedRank > 0 && chosen?.fits === true && params.answer.promote > 0 ? ranked[quotedRank] : undefined;
      const shown = quoted === undefined ? ranked.slice(0, options.limit) : [quoted, ...ranked.filter((candidate) => candidate !== quoted)].slice(0, options.limit);
      // Only the passages shown are read (the others were ranked from their views).
      const read = await store.passages(shown.map((candidate) => candidate.index));
      const results = shown.flatMap((candidate) => {
        const stored = read.get(candidate.index);
        return stored === undefined ? [] : [resultOf(candidate, stored, viewAt(candidate.index))];
      });
      const answer =
        quotedRank === -1 || best === undefined || results[0] === undefined
          ? null
          : chosen !== undefined
            ? quoteOf(chosen, intent, params.answer.citedNotes, viewAt(chosen.index))
            : answerOf(best, results[0], viewAt(best.index));
      const answerResult = answer === null ? null : quoted !== undefined ? 0 : quotedRank >= 0 && quotedRank < results.length ? quotedRank : null;
      const searchedFor = query.concepts
        .filter((concept) => concept.origin === 'asked' && concept.translations.length > 0)
        .map((concept) => ({ asked: concept.label, japanese: concept.translations, ...(concept.via === undefined ? {} : { via: concept.via }) }));
      // The best score, not the first result's: the quoted passage may be listed first with a lower one.
      const bestScore = results.reduce((best, result) => Math.max(best, result.score), 0);
      const clearing = results.filter((result) => result.score >= bestScore * params.display.shown.share).length;
      const listed = Math.min(results.length, Math.max(clearing, params.display.shown.least, (answerResult ?? -1) + 1));
      return { query: text, terms: termsByRarity, searchedFor, found, related: !found && isAbout(best, params.answered), answer, answerResult, results, shown: listed };
    },
    documents: () => core.documents,
    hasDocument: (id) => documents.has(id),
    document: (id) => store.document(id),
    async passage(id) {
      const parsed = parsePassageId(id);
      const entry = parsed === undefined ? undefined : documents.get(parsed.docId);
      const position = entry === undefined || parsed === undefined ? -1 : entry.passages.indexOf(parsed.local);
      if (entry === undefined || position === -1) return undefined;
      const index = entry.firstPassage + position;
      const stored = (await store.passages([index])).get(index);
      if (stored === undefined) return undefined;
      const whole = { start: 0, end: stored.passage.text.length, coverage: 0 };
      const ranked: Ranked = { index, score: 0, bm25: 0, coverage: 0, subject: 0, evidence: 0, requiredMet: true, askedMet: true, sentence: whole, note: null, phrase: 0, matched: new Set() };
      return resultOf(ranked, stored, viewOf(index, stored));
    },
  };
}
