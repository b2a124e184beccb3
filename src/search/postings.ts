import { FIELDS, type Field } from './index-format';
import type { FieldPostings, IndexStore } from './store';
import type { RelevanceParams } from './relevance';
import type { Candidate, CandidateRetriever, RetrievalTerm } from './retriever';

/**
 * The first stage (issue 14): BM25 over the four fields (the passage's words, its headings, its cited
 * footnotes, its bigrams) with Orama's formula and parameters, each term weighted by what it stands for
 * (the question's own word 1, a synonym or translation less), with exact top-k by term-at-a-time
 * evaluation and the quit/continue rule of Moffat and Zobel: terms are taken strongest first (by their
 * largest possible contribution), and once the k-th best score so far is at least what all remaining terms
 * could add, passages not yet met cannot enter the top k — the remaining terms only update the passages
 * already met. The top k is the same as scoring everything; the work is not.
 *
 * The postings are the index's own (index-layout.ts), read through the store: only the question's terms'.
 */
interface FieldIndex {
  lengths: readonly number[];
  averageLength: number;
}

/** `prune: false` scores every passage met (for tests: the top k must be the same). */
export function postingsRetriever(store: Pick<IndexStore, 'core' | 'postings'>, { prune = true }: { prune?: boolean } = {}): CandidateRetriever {
  const { core } = store;
  const count = core.passageCount;
  const fields = {} as Record<Field, FieldIndex>;
  for (const field of FIELDS) fields[field] = { lengths: core.lengths[field].perPassage, averageLength: core.lengths[field].mean };
  const range = new Map(core.documents.map((document) => [document.id, [document.firstPassage, document.firstPassage + document.passages.length] as const]));
  const idf = (df: number): number => Math.log(1 + (count - df + 0.5) / (df + 0.5));

  return {
    async retrieve(words, grams, params, docId) {
      const limit = params.candidates;
      const [low, high] = docId === undefined ? [0, count] : (range.get(docId) ?? [0, 0]);
      const postings = await store.postings([...words.map((word) => word.term), ...grams]);
      // Each (term, field) list with its weight: the term's weight × the field's boost × the term's idf there.
      const lists: Array<{ field: FieldIndex; postings: FieldPostings; weight: number; bound: number }> = [];
      const add = (term: RetrievalTerm, wordFields: readonly Field[]): void => {
        for (const name of wordFields) {
          const field = fields[name];
          const list = postings.get(term.term)?.[name];
          if (list === undefined) continue;
          const weight = term.weight * params.fieldBoost[name] * idf(list.ids.length);
          if (weight > 0) lists.push({ field, postings: list, weight, bound: weight * largestFactor(list, field, params.bm25) });
        }
      };
      for (const word of words) add(word, ['text', 'context', 'notes']);
      for (const gram of grams) add({ term: gram, weight: 1 }, ['grams']);
      lists.sort((a, b) => b.bound - a.bound);
      let remaining = lists.reduce((sum, list) => sum + list.bound, 0);
      const scores = new Map<number, number>();
      let closed = false;
      for (const { field, postings: list, weight, bound } of lists) {
        remaining -= bound;
        const { ids, counts } = list;
        for (let position = 0; position < ids.length; position++) {
          const id = ids[position] as number;
          if (id < low || id >= high) continue;
          const current = scores.get(id);
          if (current === undefined && closed) continue;
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
const largest = new WeakMap<FieldPostings, { key: string; value: number }>();
function largestFactor(postings: FieldPostings, field: FieldIndex, bm25: Bm25): number {
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
