import { sentenceSpans, type Span } from '../text/sentences';
import { bigrams } from '../text/tokenizer';
import type { Passage } from './index-format';
import type { AnalyzedQuery, Concept } from './query';

/**
 * Ranking of the candidates Orama's BM25 retrieves. Each passage gets
 *  - bm25: Orama's score over text, headings, cited footnotes and bigrams, relative to the best candidate;
 *  - coverage: the share of the question's concepts (weighted by rarity) the passage has, in its text
 *    (full credit), its headings (0.6), its cited footnotes (0.5), or for a word the corpus does not know,
 *    partly through its bigrams;
 *  - sentence: the same share within the passage's best single sentence, where answers to factual
 *    questions sit;
 *  - phrase: how many adjacent pairs of query terms stand adjacent in the passage;
 *  - heading: the share of the question its section headings name (`【インド】` for a question on India),
 *    which tells what a passage is about rather than what it mentions.
 * A passage is also read through each footnote it cites: when a footnote covers the question better than
 * the passage's own text (`what did the cited report say…`), coverage and sentence come from that footnote,
 * at NOTE_VIEW of their value. Summary bullets restate the body in fewer words, so on equal evidence the
 * body, which carries the footnotes, comes first (KIND_PRIOR). Near-duplicates of a better passage (a
 * summary bullet and the paragraph it sums up) are pushed down.
 */
export const WEIGHTS = { bm25: 0.3, coverage: 0.4, sentence: 0.25, phrase: 0.05, heading: 0.1 } as const;
const NOTE_VIEW = 0.9;
const KIND_PRIOR: Record<Passage['kind'], number> = { paragraph: 1, 'table-row': 1, closing: 1, summary: 0.85 };
/** A passage that does not state the unit a counting question asks for (`何か国`) is a weaker answer. */
const REQUIRED_MISSING = 0.8;
const CONTEXT_CREDIT = 0.6;
const NOTE_CREDIT = 0.5;
const GRAM_CREDIT = 0.6;
const DUPLICATE_OVERLAP = 0.5;
const DUPLICATE_PENALTY = 0.7;

export interface PassageTerms {
  text: ReadonlySet<string>;
  context: ReadonlySet<string>;
  notes: ReadonlySet<string>;
}

/** A footnote a passage cites, as read for ranking. */
export interface NoteView {
  n: number;
  text: string;
  tokens: ReadonlyArray<readonly [string, number, number]>;
  terms: ReadonlySet<string>;
}

export interface Ranked {
  index: number;
  score: number;
  bm25: number;
  /** Share of the question's concepts the passage holds (0..1). */
  coverage: number;
  /** The same, unnormalized: the rarity-weighted concepts held, so a long question is not penalized for its length. */
  evidence: number;
  /** Whether the passage states the unit a counting question asks for (true when the question asks none). */
  requiredMet: boolean;
  /** The best sentence of the passage's text and its share of the question. */
  sentence: Span & { coverage: number };
  /** When a cited footnote answers better than the text: its number, its share, and its best sentence with that sentence's share. */
  note: (Span & { n: number; coverage: number; sentenceCoverage: number }) | null;
  phrase: number;
  /** Query terms present in the passage's text, for highlights. */
  matched: Set<string>;
}

export function termsOf(passage: Passage): PassageTerms {
  return { text: new Set(passage.tokens.map(([term]) => term)), context: new Set(passage.contextTerms), notes: new Set(passage.noteTerms) };
}

const has = (set: ReadonlySet<string>, terms: readonly string[]): boolean => terms.every((term) => set.has(term));
const totalWeight = (concepts: readonly Concept[]): number => concepts.reduce((sum, concept) => sum + concept.weight * concept.idf, 0);

/** How much of `concept` a passage holds: 1 in its text, less in headings, footnotes or as part of a word. */
export function conceptCredit(concept: Concept, terms: PassageTerms, grams: () => ReadonlySet<string>): number {
  if (concept.alternatives.some((alternative) => has(terms.text, alternative))) return 1;
  let credit = 0;
  if (concept.alternatives.some((alternative) => has(terms.context, alternative))) credit = CONTEXT_CREDIT;
  else if (concept.alternatives.some((alternative) => has(terms.notes, alternative))) credit = NOTE_CREDIT;
  if (concept.grams.length > 0) {
    const present = grams();
    const share = concept.grams.filter((gram) => present.has(gram)).length / concept.grams.length;
    credit = Math.max(credit, GRAM_CREDIT * share);
  }
  return credit;
}

/** The share of the question in `terms` (whole concepts only), and the best sentence of `text` by the same measure. */
function bestSentence(text: string, tokens: ReadonlyArray<readonly [string, number, number]>, query: AnalyzedQuery, total: number): Span & { coverage: number } {
  let best: Span & { coverage: number } = { start: 0, end: text.length, coverage: 0 };
  for (const span of sentenceSpans(text)) {
    const inside = new Set(tokens.filter(([, start, end]) => start >= span.start && end <= span.end).map(([term]) => term));
    const share = query.concepts.reduce((sum, concept) => sum + (concept.alternatives.some((alternative) => has(inside, alternative)) ? concept.weight * concept.idf : 0), 0) / total;
    if (share > best.coverage) best = { ...span, coverage: share };
  }
  return best;
}

export function rankPassage(index: number, passage: Passage, terms: PassageTerms, query: AnalyzedQuery, bm25: number, notes: readonly NoteView[] = []): Ranked {
  const total = totalWeight(query.concepts) || 1;
  let gramSet: ReadonlySet<string> | undefined;
  const grams = (): ReadonlySet<string> => (gramSet ??= new Set(bigrams(passage.text).map((gram) => gram.term)));

  let covered = 0;
  let requiredMet = true;
  const matched = new Set<string>();
  for (const concept of query.concepts) {
    const credit = conceptCredit(concept, terms, grams);
    if (concept.required && credit < NOTE_CREDIT) requiredMet = false;
    covered += concept.weight * concept.idf * credit;
    for (const alternative of concept.alternatives) if (has(terms.text, alternative)) for (const term of alternative) matched.add(term);
  }

  const best = bestSentence(passage.text, passage.tokens, query, total);
  let note: Ranked['note'] = null;
  for (const view of notes) {
    const share = query.concepts.reduce((sum, concept) => sum + (concept.alternatives.some((alternative) => has(view.terms, alternative)) ? concept.weight * concept.idf : 0), 0) / total;
    if (NOTE_VIEW * share <= Math.max(covered / total, note === null ? 0 : NOTE_VIEW * note.coverage)) continue;
    const sentence = bestSentence(view.text, view.tokens, query, total);
    note = { n: view.n, start: sentence.start, end: sentence.end, coverage: share, sentenceCoverage: sentence.coverage };
  }

  let adjacent = 0;
  const pairs = new Set<string>();
  for (let position = 0; position + 1 < passage.tokens.length; position++) {
    pairs.add(`${passage.tokens[position]?.[0]}\u0000${passage.tokens[position + 1]?.[0]}`);
  }
  for (let position = 0; position + 1 < query.sequence.length; position++) {
    if (pairs.has(`${query.sequence[position]}\u0000${query.sequence[position + 1]}`)) adjacent++;
  }
  const phrase = query.sequence.length > 1 ? adjacent / (query.sequence.length - 1) : 0;
  const heading = query.concepts.reduce((sum, concept) => sum + (concept.alternatives.some((alternative) => has(terms.context, alternative)) ? concept.weight * concept.idf : 0), 0) / total;
  const coverage = Math.max(covered / total, NOTE_VIEW * (note?.coverage ?? 0));
  const sentenceShare = Math.max(best.coverage, NOTE_VIEW * (note?.sentenceCoverage ?? 0));
  const score = (requiredMet ? 1 : REQUIRED_MISSING) * KIND_PRIOR[passage.kind] * (WEIGHTS.bm25 * bm25 + WEIGHTS.coverage * coverage + WEIGHTS.sentence * sentenceShare + WEIGHTS.phrase * phrase + WEIGHTS.heading * heading);
  return { index, score, bm25, coverage, evidence: coverage * total, requiredMet, sentence: best, note, phrase, matched };
}

/** Sorts by score, then pushes each near-duplicate of a better passage down (text terms overlapping by half). */
export function diversify(ranked: readonly Ranked[], terms: (index: number) => PassageTerms): Ranked[] {
  const sorted = [...ranked].sort((a, b) => b.score - a.score || a.index - b.index);
  const kept: Ranked[] = [];
  for (const candidate of sorted) {
    const own = terms(candidate.index).text;
    const duplicate = kept.some((better) => overlap(own, terms(better.index).text) >= DUPLICATE_OVERLAP);
    kept.push(duplicate ? { ...candidate, score: candidate.score * DUPLICATE_PENALTY } : candidate);
  }
  return kept.sort((a, b) => b.score - a.score || a.index - b.index);
}

/** Jaccard similarity of two term sets. */
function overlap(first: ReadonlySet<string>, second: ReadonlySet<string>): number {
  let common = 0;
  for (const term of first) if (second.has(term)) common++;
  const union = first.size + second.size - common;
  return union === 0 ? 0 : common / union;
}
