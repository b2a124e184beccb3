import { sentenceSpans, type Span } from '../text/sentences';
import { bigrams } from '../text/tokenizer';
import type { Passage } from './index-format';
import type { Alternative, AnalyzedQuery, Concept } from './query';
import type { RelevanceParams } from './relevance';

/**
 * The features of a candidate passage for a question, pure functions of the passage's analysis and the
 * analysed question (rank.ts scores them; RelevanceParams.rank holds their tunables). Each passage gets
 *  - bm25: Orama's score over text, headings, cited footnotes and bigrams, relative to the best candidate;
 *  - coverage: the share of the question's concepts (weighted by rarity) the passage has, in its text
 *    (full credit), its headings, its cited footnotes (rank.credit), or for a word the corpus does not know,
 *    partly through its bigrams; a concept held only through a weaker translation counts that much less;
 *  - sentence: the same share within the passage's best single sentence, where answers to factual
 *    questions sit;
 *  - phrase: how many adjacent pairs of query terms stand adjacent in the passage;
 *  - heading: the share of the question its section headings name (`【インド】` for a question on India),
 *    which tells what a passage is about rather than what it mentions.
 * A passage is also read through each footnote it cites: when a footnote covers the question better than
 * the passage's own text (`what did the cited report say…`), coverage and sentence come from that footnote,
 * at rank.noteView of their value.
 *
 * What a passage or footnote is made of (its term sets, sentences and their terms, bigrams) does not
 * depend on the question: it is analysed once (TextAnalysis) and reused by every query.
 */

type TokenList = ReadonlyArray<readonly [string, number, number]>;

/** The question-independent make-up of a text: its terms, its sentences with their terms, its bigrams. */
export interface TextAnalysis {
  text: string;
  terms: ReadonlySet<string>;
  sentences: ReadonlyArray<Span & { terms: ReadonlySet<string> }>;
  /** Adjacent term pairs, for phrase matches. */
  pairs: ReadonlySet<string>;
  /** Character bigrams, computed on first need. */
  grams(): ReadonlySet<string>;
}

export interface PassageAnalysis extends TextAnalysis {
  context: ReadonlySet<string>;
  notes: ReadonlySet<string>;
}

/** A footnote a passage cites, as read for ranking. */
export interface NoteView extends TextAnalysis {
  n: number;
}

const PAIR = '\u0000';

export function analyzeText(text: string, tokens: TokenList): TextAnalysis {
  const sentences = sentenceSpans(text).map((span) => ({
    ...span,
    terms: new Set(tokens.filter(([, start, end]) => start >= span.start && end <= span.end).map(([term]) => term)),
  }));
  const pairs = new Set(pairKeys(tokens.map(([term]) => term)));
  let grams: ReadonlySet<string> | undefined;
  return {
    text,
    terms: new Set(tokens.map(([term]) => term)),
    sentences,
    pairs,
    grams: () => (grams ??= new Set(bigrams(text).map((gram) => gram.term))),
  };
}

export function analyzePassage(passage: Passage): PassageAnalysis {
  return { ...analyzeText(passage.text, passage.tokens), context: new Set(passage.contextTerms), notes: new Set(passage.noteTerms) };
}


/**
 * Sets read as one, without copying them (a footnote read with the sentence that cites it): membership is
 * all the choice of an answer asks of them.
 */
export class UnionSet implements ReadonlySet<string> {
  private readonly sets: ReadonlyArray<ReadonlySet<string>>;
  constructor(...sets: ReadonlyArray<ReadonlySet<string>>) {
    this.sets = sets;
  }
  has(value: string): boolean {
    return this.sets.some((set) => set.has(value));
  }
  get size(): number {
    return [...this.keys()].length;
  }
  *keys(): SetIterator<string> {
    const seen = new Set<string>();
    for (const set of this.sets) for (const value of set) if (!seen.has(value)) { seen.add(value); yield value; }
  }
  values(): SetIterator<string> {
    return this.keys();
  }
  *entries(): SetIterator<[string, string]> {
    for (const value of this.keys()) yield [value, value];
  }
  [Symbol.iterator](): SetIterator<string> {
    return this.keys();
  }
  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void): void {
    for (const value of this.keys()) callback(value, value, this);
  }
}

function has(set: ReadonlySet<string>, terms: readonly string[]): boolean {
  for (const term of terms) if (!set.has(term)) return false;
  return true;
}
/**
 * How strongly `set` holds `concept`: the weight of the strongest alternative it has, 0 for none. An
 * alternative that is one word split into terms (`集団|安全|保障`) must also stand together in the text,
 * when the text's adjacent pairs are known.
 */
function strength(concept: Concept, set: ReadonlySet<string>, pairs?: ReadonlySet<string>): number {
  let best = 0;
  for (const alternative of concept.alternatives) {
    if (alternative.weight <= best || !has(set, alternative.terms)) continue;
    if (alternative.adjacent && pairs !== undefined && !standTogether(alternative.terms, pairs)) continue;
    best = alternative.weight;
  }
  return best;
}

function standTogether(terms: readonly string[], pairs: ReadonlySet<string>): boolean {
  for (const pair of adjacentPairs(terms)) if (!pairs.has(pair)) return false;
  return true;
}

/** The adjacent pairs of a term sequence, as the keys of TextAnalysis.pairs. */
function pairKeys(terms: readonly string[]): string[] {
  const keys: string[] = [];
  for (let position = 0; position + 1 < terms.length; position++) keys.push(`${terms[position]}${PAIR}${terms[position + 1]}`);
  return keys;
}

/** pairKeys, worked out once per sequence: a query's terms are asked about for every candidate. */
const pairsOfSequence = new WeakMap<readonly string[], string[]>();
function adjacentPairs(terms: readonly string[]): string[] {
  let pairs = pairsOfSequence.get(terms);
  if (pairs === undefined) pairsOfSequence.set(terms, (pairs = pairKeys(terms)));
  return pairs;
}
export const mass = (concept: Concept): number => concept.weight * concept.idf;

/** The alternatives of `concept` that `analysis`'s text holds (every term, side by side where they must be). */
function heldAlternatives(concept: Concept, analysis: TextAnalysis): Alternative[] {
  return concept.alternatives.filter((alternative) => has(analysis.terms, alternative.terms) && (!alternative.adjacent || standTogether(alternative.terms, analysis.pairs)));
}

const strongest = (alternatives: readonly Alternative[]): number => alternatives.reduce((best, alternative) => Math.max(best, alternative.weight), 0);

/**
 * How much of `concept` a passage holds: fully in its text (`inText`: the alternatives its text holds),
 * less in its headings (`inContext`: its strength there), footnotes or as part of a word.
 */
function conceptCredit(concept: Concept, passage: PassageAnalysis, inText: readonly Alternative[], inContext: number, credit: FeatureParams['credit']): number {
  let value = Math.max(strongest(inText), credit.context * inContext, credit.note * strength(concept, passage.notes));
  if (concept.grams.length > 0) {
    const grams = passage.grams();
    const share = concept.grams.filter((gram) => grams.has(gram)).length / concept.grams.length;
    value = Math.max(value, credit.gram * share);
  }
  return value;
}

/** The share of the question held by `terms`, whole concepts only. */
export function share(concepts: readonly Concept[], terms: ReadonlySet<string>, total: number, pairs?: ReadonlySet<string>): number {
  let sum = 0;
  for (const concept of concepts) sum += mass(concept) * strength(concept, terms, pairs);
  return sum / total;
}

/**
 * The concepts `analysis` holds, each with only the alternatives it holds: a sentence's terms are a
 * subset of its text's, so nothing else can count in a sentence, and its sentences are scored against
 * these alone (the same sums, with far fewer set lookups).
 */
export function heldIn(analysis: TextAnalysis, concepts: readonly Concept[]): Concept[] {
  const held: Concept[] = [];
  for (const concept of concepts) {
    const alternatives = heldAlternatives(concept, analysis);
    if (alternatives.length > 0) held.push({ ...concept, alternatives });
  }
  return held;
}

/** The sentence of `analysis` holding the largest share of the question, scored on the concepts the whole text holds. */
function bestSentence(analysis: TextAnalysis, held: readonly Concept[], total: number): Span & { coverage: number } {
  let best: Span & { coverage: number } = { start: 0, end: analysis.text.length, coverage: 0 };
  if (held.length === 0) return best;
  for (const sentence of analysis.sentences) {
    const coverage = share(held, sentence.terms, total, analysis.pairs);
    if (coverage > best.coverage) best = { start: sentence.start, end: sentence.end, coverage };
  }
  return best;
}

/** What a passage's features depend on of RelevanceParams.rank. */
export type FeatureParams = Pick<RelevanceParams['rank'], 'credit' | 'noteView'>;

/** How a passage answers a question, feature by feature (see the top of this file); scored in rank.ts. */
export interface Features {
  bm25: number;
  /** Share of the question's concepts the passage holds (0..1). */
  coverage: number;
  /** The same, unnormalized: the rarity-weighted concepts held, so a long question is not penalized for its length. */
  evidence: number;
  /** Coverage of what the question is about, without the unit a counting question asks for (at most coverage). */
  subject: number;
  /** Whether the passage states the unit a counting question asks for (true when the question asks none). */
  requiredMet: boolean;
  /** Whether the passage holds what the question asks a datum about (true when it names nothing: see Concept.asked). */
  askedMet: boolean;
  /** The best sentence of the passage's text and its share of the question. */
  sentence: Span & { coverage: number };
  /** The share of the best sentence, or of a cited footnote's best sentence read as the passage. */
  sentenceShare: number;
  /** When a cited footnote answers better than the text: its number, its share, and its best sentence with that sentence's share. */
  note: (Span & { n: number; coverage: number; sentenceCoverage: number }) | null;
  phrase: number;
  heading: number;
  /** Query terms present in the passage's text, for highlights. */
  matched: Set<string>;
}

export function passageFeatures(passage: PassageAnalysis, query: AnalyzedQuery, bm25: number, notes: readonly NoteView[], params: FeatureParams): Features {
  const total = query.concepts.reduce((sum, concept) => sum + mass(concept), 0) || 1;

  let covered = 0;
  /** The same over what the question is about, without the unit it asks a number of. */
  let subjectCovered = 0;
  let subjectTotal = 0;
  let requiredMet = true;
  let askedMet = true;
  const matched = new Set<string>();
  const held: Concept[] = [];
  let named = 0;
  for (const concept of query.concepts) {
    const inText = heldAlternatives(concept, passage);
    const inContext = strength(concept, passage.context);
    named += mass(concept) * inContext;
    const credit = conceptCredit(concept, passage, inText, inContext, params.credit);
    if (concept.required && credit < params.credit.note) requiredMet = false;
    if (concept.asked === true && credit < params.credit.note) askedMet = false;
    covered += mass(concept) * credit;
    if (!concept.required) {
      subjectCovered += mass(concept) * credit;
      subjectTotal += mass(concept);
    }
    if (inText.length === 0) continue;
    held.push({ ...concept, alternatives: inText });
    for (const alternative of inText) for (const term of alternative.terms) matched.add(term);
  }

  const best = bestSentence(passage, held, total);
  let note: Features['note'] = null;
  for (const view of notes) {
    const coverage = share(query.concepts, view.terms, total, view.pairs);
    if (params.noteView * coverage <= Math.max(covered / total, note === null ? 0 : params.noteView * note.coverage)) continue;
    const sentence = bestSentence(view, heldIn(view, query.concepts), total);
    note = { n: view.n, start: sentence.start, end: sentence.end, coverage, sentenceCoverage: sentence.coverage };
  }

  let adjacent = 0;
  for (const pair of adjacentPairs(query.sequence)) if (passage.pairs.has(pair)) adjacent++;
  const phrase = query.sequence.length > 1 ? adjacent / (query.sequence.length - 1) : 0;
  const coverage = Math.max(covered / total, params.noteView * (note?.coverage ?? 0));
  const sentenceShare = Math.max(best.coverage, params.noteView * (note?.sentenceCoverage ?? 0));
  // A unit alone (`何メートル` meeting `5メートル`) says nothing of what is asked about.
  const subject = subjectTotal === 0 ? coverage : Math.min(coverage, subjectCovered / subjectTotal);
  return { bm25, coverage, subject, evidence: coverage * total, requiredMet, askedMet, sentence: best, sentenceShare, note, phrase, heading: named / total, matched };
}
