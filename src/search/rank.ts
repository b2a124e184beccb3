import type { Passage } from './index-format';
import { passageFeatures, type Features, type NoteView, type PassageAnalysis } from './features';
import type { AnalyzedQuery } from './query';
import type { RelevanceParams } from './relevance';

/**
 * Scoring of the candidates Orama's BM25 retrieves, from their features (features.ts): a weighted mix
 * (RelevanceParams.rank.weights), a prior by kind (summary bullets restate the body in fewer words, so on
 * equal evidence the body, which carries the footnotes, comes first), a factor for a counting question's
 * missing unit; then near-duplicates of a better passage (a summary bullet and the paragraph it sums up)
 * are pushed down.
 */
export interface Ranked extends Omit<Features, 'sentenceShare' | 'heading'> {
  index: number;
  score: number;
}

export function rankPassage(index: number, kind: Passage['kind'], passage: PassageAnalysis, query: AnalyzedQuery, bm25: number, notes: readonly NoteView[], params: RelevanceParams['rank']): Ranked {
  const { sentenceShare, heading, ...features } = passageFeatures(passage, query, bm25, notes, params);
  const { weights } = params;
  const score =
    (features.requiredMet ? 1 : params.requiredMissing) *
    params.kindPrior[kind] *
    (weights.bm25 * bm25 + weights.coverage * features.coverage + weights.sentence * sentenceShare + weights.phrase * features.phrase + weights.heading * heading);
  return { index, score, ...features };
}

/**
 * Sorts by score, then, among the top `duplicates.top`, pushes each near-duplicate of a better passage
 * down (text terms overlapping by `duplicates.overlap`).
 */
export function diversify(ranked: readonly Ranked[], terms: (index: number) => ReadonlySet<string>, duplicates: RelevanceParams['rank']['duplicates']): Ranked[] {
  const sorted = [...ranked].sort((a, b) => b.score - a.score || a.index - b.index);
  const kept: Ranked[] = [];
  for (const candidate of sorted.slice(0, duplicates.top)) {
    const own = terms(candidate.index);
    const duplicate = kept.some((better) => overlapsBy(own, terms(better.index), duplicates.overlap));
    kept.push(duplicate ? { ...candidate, score: candidate.score * duplicates.penalty } : candidate);
  }
  return [...kept.sort((a, b) => b.score - a.score || a.index - b.index), ...sorted.slice(duplicates.top)];
}

/**
 * Whether two term sets overlap by at least `share` (Jaccard). Sets whose sizes differ by more than that
 * allows cannot (common ≤ the smaller, union ≥ the larger), and counting stops once `share` is out of reach.
 */
function overlapsBy(first: ReadonlySet<string>, second: ReadonlySet<string>, share: number): boolean {
  const [small, large] = first.size <= second.size ? [first, second] : [second, first];
  if (large.size === 0 || small.size < share * large.size) return false;
  // Jaccard ≥ share needs common ≥ share·(|small| + |large|) / (1 + share).
  const needed = (share * (small.size + large.size)) / (1 + share);
  let common = 0;
  let left = small.size;
  for (const term of small) {
    if (large.has(term)) common++;
    if (common + --left < needed) return false;
  }
  return common / (small.size + large.size - common) >= share;
}
