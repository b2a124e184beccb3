import { bigrams } from '../text/tokenizer';
import type { IndexData } from './index-format';
import type { RelevanceParams } from './relevance';
import type { Candidate, CandidateRetriever, RetrievalTerm } from './retriever';

/**
 * A first stage that weighs the question's terms and does not score the whole corpus (issue 14): Orama's
 * BM25 (the same formula and parameters) over the same four fields as Orama's (the passage's words, its headings, its cited footnotes, its bigrams),
 * each term weighted by what it stands for (the question's own word 1, a synonym or translation less), with
 * exact top-k by term-at-a-time evaluation and the quit/continue rule of Moffat and Zobel: terms are taken
 * strongest first (by their largest possible contribution), and once the k-th best score so far is at least
 * what all remaining terms could add, passages not yet met cannot enter the top k — the remaining terms only
 * update the passages already met. The top k is the same as scoring everything; the work is not.
 *
 * Built in memory from the index's own tokens (no format change): postings per field as typed arrays.
 */
const FIELDS = ['text', 'context', 'notes', 'grams'] as const;
type Field = (typeof FIELDS)[number];

interface Postings {
  ids: Int32Array;
  /** The raw count of the term in each passage's field. */
  counts: Float32Array;
}

interface FieldIndex {
  postings: Map<string, Postings>;
  lengths: Float32Array;
  averageLength: number;
}

/** `prune: false` scores every passage met (for tests: the top k must be the same). */
export function postingsRetriever(data: Pick<IndexData, 'passages'>, { prune = true }: { prune?: boolean } = {}): CandidateRetriever {
  const count = data.passages.length;
  const fields = {} as Record<Field, FieldIndex>;
  const termsOf: Record<Field, (index: number) => readonly string[]> = {
    text: (index) => (data.passages[index]?.tokens ?? []).map(([term]) => term),
    context: (index) => data.passages[index]?.contextTerms ?? [],
    notes: (index) => data.passages[index]?.noteTerms ?? [],
    grams: (index) => bigrams(data.passages[index]?.text ?? '').map((gram) => gram.term),
  };
  for (const field of FIELDS) {
    const lists = new Map<string, { ids: number[]; tfs: number[] }>();
    const lengths = new Float32Array(count);
    let total = 0;
    for (let index = 0; index < count; index++) {
      const terms = termsOf[field](index);
      lengths[index] = terms.length;
      total += terms.length;
      const frequencies = new Map<string, number>();
      for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
      for (const [term, frequency] of frequencies) {
        let list = lists.get(term);
        if (list === undefined) lists.set(term, (list = { ids: [], tfs: [] }));
        list.ids.push(index);
        list.tfs.push(frequency);
      }
    }
    const averageLength = total / Math.max(1, count) || 1;
    const postings = new Map<string, Postings>();
    for (const [term, list] of lists) postings.set(term, { ids: Int32Array.from(list.ids), counts: Float32Array.from(list.tfs) });
    fields[field] = { postings, lengths, averageLength };
  }
  const idf = (df: number): number => Math.log(1 + (count - df + 0.5) / (df + 0.5));

  return {
    retrieve(words, grams, params, docId) {
      const limit = params.candidates;
      // Each (term, field) list with its weight: the term's weight × the field's boost × the term's idf there.
      const lists: Array<{ field: FieldIndex; postings: Postings; weight: number; bound: number }> = [];
      const add = (term: RetrievalTerm, wordFields: readonly Field[]): void => {
        for (const name of wordFields) {
          const field = fields[name];
          const postings = field.postings.get(term.term);
          if (postings === undefined) continue;
          const weight = term.weight * params.fieldBoost[name] * idf(postings.ids.length);
          if (weight > 0) lists.push({ field, postings, weight, bound: weight * largestFactor(postings, field, params.bm25) });
        }
      };
      for (const word of words) add(word, ['text', 'context', 'notes']);
      for (const gram of grams) add({ term: gram, weight: 1 }, ['grams']);
      lists.sort((a, b) => b.bound - a.bound);
      let remaining = lists.reduce((sum, list) => sum + list.bound, 0);
      const scores = new Map<number, number>();
      let closed = false;
      for (const { field, postings, weight, bound } of lists) {
        remaining -= bound;
        const { ids, counts } = postings;
        for (let position = 0; position < ids.length; position++) {
          const id = ids[position] as number;
          const current = scores.get(id);
          if (current === undefined && closed) continue;
          if (docId !== undefined && data.passages[id]?.docId !== docId) continue;
          scores.set(id, (current ?? 0) + weight * factor(counts[position] as number, field.lengths[id] as number, field.averageLength, params.bm25));
        }
        // Quit adding passages once none not yet met can reach the k-th score with what is left.
        if (prune && !closed && scores.size >= limit && kthLargest(scores, limit) >= remaining) closed = true;
      }
      const ranked: Candidate[] = [...scores].map(([index, score]) => ({ index, score }));
      ranked.sort((a, b) => b.score - a.score || a.index - b.index);
      return ranked.slice(0, limit);
    },
  };
}

type Bm25 = RelevanceParams['retrieval']['bm25'];

/** BM25's factor of a term in a field, idf aside, as Orama computes it (with `relativeTf`, the count over the field's length). */
function factor(count: number, length: number, averageLength: number, { k1, b, d, relativeTf }: Bm25): number {
  const tf = relativeTf > 0 ? count / Math.max(1, length) : count;
  return (d + tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / averageLength));
}

/** The largest factor of any passage in a list: what the term can add at most (computed per call: the parameters may change). */
const largest = new WeakMap<Postings, { key: string; value: number }>();
function largestFactor(postings: Postings, field: FieldIndex, bm25: Bm25): number {
  const key = `${bm25.k1}|${bm25.b}|${bm25.d}|${bm25.relativeTf}`;
  const known = largest.get(postings);
  if (known?.key === key) return known.value;
  let value = 0;
  for (let position = 0; position < postings.ids.length; position++) value = Math.max(value, factor(postings.counts[position] as number, field.lengths[postings.ids[position] as number] as number, field.averageLength, bm25));
  largest.set(postings, { key, value });
  return value;
}

/** The k-th largest value of `scores` (k ≤ size), by selection: linear in the number of scores. */
function kthLargest(scores: ReadonlyMap<number, number>, k: number): number {
  const values = Float64Array.from(scores.values());
  let low = 0;
  let high = values.length - 1;
  const target = k - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1] as number;
    let left = low;
    let right = high;
    while (left <= right) {
      while ((values[left] as number) > pivot) left++;
      while ((values[right] as number) < pivot) right--;
      if (left <= right) {
        const swap = values[left] as number;
        values[left] = values[right] as number;
        values[right] = swap;
        left++;
        right--;
      }
    }
    if (target <= right) high = right;
    else if (target >= left) low = left;
    else break;
  }
  return values[target] ?? 0;
}
