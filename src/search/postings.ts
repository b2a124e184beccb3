import { FIELDS, type Field } from './index-format';
import type { FieldPostings, IndexStore } from './store';
import type { RelevanceParams } from './relevance';
import type { Candidate, CandidateRetriever, RetrievalTerm } from './retriever';

/**
 * The first stage (issue 14): BM25 over the four fields (the passage's words, its headings, its cited
 * footnotes, its bigrams) with Orama's formula and parameters, each term weighted by what it stands for
 * (the question's own word 1, a synonym or translation less), with the exact top k found term at a time
 * with the quit/continue rule (quitContinue). The top k is the same as scoring everything (`exhaustive`);
 * the work is not.
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

  // Scores by passage, shared by the calls: each fills them after its last await and clears what it touched.
  const scores = new Float64Array(count);
  const met = new Uint8Array(count);

  return {
    async retrieve(words, grams, params, docId) {
      const limit = params.candidates;
      const [low, high] = docId === undefined ? [0, count] : (range.get(docId) ?? [0, 0]);
      const postings = await store.postings([...words.map((word) => word.term), ...grams]);
      // Each (term, field) list with its weight: the term's weight × the field's boost × the term's idf there.
      const lists: WeightedList[] = [];
      const add = (term: RetrievalTerm, wordFields: readonly Field[]): void => {
        for (const name of wordFields) {
          const field = fields[name];
          const list = postings.get(term.term)?.[name];
          if (list === undefined) continue;
          const weight = term.weight * params.fieldBoost[name] * idf(list.ids.length);
          if (weight > 0) {
            const { factors, largest } = factorsOf(list, field, params.bm25);
            lists.push({ field, postings: list, factors, weight, bound: weight * largest });
          }
        }
      };
      for (const word of words) add(word, ['text', 'context', 'notes']);
      for (const gram of grams) add({ term: gram, weight: 1 }, ['grams']);
      // Strongest first; a passage's score is summed in this order whichever way it is found.
      lists.sort((a, b) => b.bound - a.bound);
      if (!prune) return exhaustive(lists, limit, low, high);
      const touched: number[] = [];
      try {
        return quitContinue(lists, limit, low, high, scores, met, touched);
      } finally {
        for (const id of touched) {
          scores[id] = 0;
          met[id] = 0;
        }
      }
    },
  };
}

interface WeightedList {
  field: FieldIndex;
  postings: FieldPostings;
  /** BM25's factor of each entry (factorsOf). */
  factors: Float64Array;
  weight: number;
  bound: number;
}

/** `met` of a passage that can still enter the top k once the search has closed (1: met, 0: not). */
const ALIVE = 2;

/** Slack for rounding when a passage's best possible score is set against the k-th score (sums in another order). */
const ROUNDING = 1e-9;

const contribution = (list: WeightedList, entry: number): number => list.weight * (list.factors[entry] as number);

/** Every passage of the lists within [low, high), scored term at a time: the reference the pruned search must equal. */
function exhaustive(lists: readonly WeightedList[], limit: number, low: number, high: number): Candidate[] {
  const scores = new Map<number, number>();
  for (const list of lists) {
    const { ids } = list.postings;
    for (let entry = 0; entry < ids.length; entry++) {
      const id = ids[entry] as number;
      if (id >= low && id < high) scores.set(id, (scores.get(id) ?? 0) + contribution(list, entry));
    }
  }
  return topOf([...scores].map(([index, score]) => ({ index, score })), limit);
}

/**
 * The exact top `limit` over `lists` (strongest first), term at a time into `scores` (zero outside
 * `touched`, which it fills; the caller clears both). While open, every passage a list holds is met and
 * scored. Once the k-th score is at least what the remaining lists could add (the quit rule of Moffat and
 * Zobel), it closes: no passage not yet met can enter, and of those met only the ones whose score plus that
 * remainder still reaches the k-th score are kept; each later list only updates them (read once, adding to
 * the marked ones; or, when they are few, each looked up in the list, so a long list of a frequent word is
 * not read whole), and they are thinned again as the remainder shrinks, on the k-th score's schedule. The
 * k-th score only grows, so one computed earlier that already covers the remainder closes without
 * computing it again.
 */
function quitContinue(lists: readonly WeightedList[], limit: number, low: number, high: number, scores: Float64Array, met: Uint8Array, touched: number[]): Candidate[] {
  let remaining = lists.reduce((sum, list) => sum + list.bound, 0);
  let position = 0;
  let known = 0; // a k-th score computed earlier (the k-th score never falls)
  let nextCheck = remaining;
  for (; position < lists.length; position++) {
    const list = lists[position] as WeightedList;
    remaining -= list.bound;
    const { ids } = list.postings;
    for (let entry = low === 0 ? 0 : lowerBound(ids, low, 0); entry < ids.length; entry++) {
      const id = ids[entry] as number;
      if (id >= high) break;
      if (met[id] === 0) {
        met[id] = 1;
        touched.push(id);
      }
      scores[id] = (scores[id] as number) + contribution(list, entry);
    }
    if (touched.length < limit) continue;
    if (known < remaining * (1 + ROUNDING) && remaining <= nextCheck) {
      known = kthLargest(touched, scores, limit);
      nextCheck = remaining * 0.7;
    }
    if (known >= remaining * (1 + ROUNDING)) {
      position++;
      break;
    }
  }
  if (position >= lists.length) return best(touched, scores, limit);

  // Closed: only passages already met, and only those that can still reach the k-th score (ALIVE in
  // `met`). A long list is read whole, adding to the alive passages it holds; a short one against few
  // alive passages is searched for each of them instead. The alive are thinned on the same schedule as the
  // k-th score is computed above (each pass over them was most of this phase when done after every list).
  const canReach = (id: number): boolean => (scores[id] as number) + Math.max(0, remaining) * (1 + ROUNDING) >= known * (1 - ROUNDING);
  let alive = touched.filter(canReach);
  for (const id of alive) met[id] = ALIVE;
  let sorted = false;
  for (; position < lists.length && alive.length > 0; position++) {
    const list = lists[position] as WeightedList;
    remaining -= list.bound;
    const { ids } = list.postings;
    if (alive.length * Math.log2(ids.length + 1) < ids.length) {
      // Few passages left: find each in the list (both ascend, so each search starts where the last ended).
      // (A typed array sorts numbers without a comparator.)
      if (!sorted) alive = Array.from(Int32Array.from(alive).sort());
      sorted = true;
      let from = 0;
      for (const id of alive) {
        from = lowerBound(ids, id, from);
        if (from >= ids.length) break;
        if (ids[from] === id) scores[id] = (scores[id] as number) + contribution(list, from);
      }
    } else {
      for (let entry = low === 0 ? 0 : lowerBound(ids, low, 0); entry < ids.length; entry++) {
        const id = ids[entry] as number;
        if (id >= high) break;
        if (met[id] === ALIVE) scores[id] = (scores[id] as number) + contribution(list, entry);
      }
    }
    if (alive.length > limit && remaining <= nextCheck) {
      known = Math.max(known, kthLargest(alive, scores, limit));
      nextCheck = remaining * 0.7;
      // (A passage thinned out keeps its mark: what a long list still adds to it is never read.)
      alive = alive.filter(canReach);
    }
  }
  return best(alive, scores, limit);
}

/**
 * The best `limit` of `ids` by score, ties by index. Only those scoring at least the limit-th score are
 * sorted (all of them, ties included, so the order is the full sort's): a question meets most of a large
 * corpus, and sorting every passage met was a large part of the first stage.
 */
function best(ids: readonly number[], scores: Float64Array, limit: number): Candidate[] {
  const kth = ids.length > limit ? kthLargest(ids, scores, limit) : Number.NEGATIVE_INFINITY;
  const candidates: Candidate[] = [];
  for (const index of ids) {
    const score = scores[index] as number;
    if (score >= kth) candidates.push({ index, score });
  }
  return topOf(candidates, limit);
}

/** The best `limit` candidates, by score and then by index (the order both searches return). */
function topOf(candidates: Candidate[], limit: number): Candidate[] {
  candidates.sort((a, b) => b.score - a.score || a.index - b.index);
  return candidates.slice(0, limit);
}

/** kthLargest's buffer, grown as needed. */
let selection = new Float64Array(1024);

/** The k-th largest score of `ids` (k ≤ their number), by selection: linear in their number. */
function kthLargest(ids: readonly number[], scores: Float64Array, k: number): number {
  // One buffer for every call (there is no await in between), grown as needed.
  if (selection.length < ids.length) selection = new Float64Array(Math.max(ids.length, 2 * selection.length));
  const values = selection;
  for (let position = 0; position < ids.length; position++) values[position] = scores[ids[position] as number] as number;
  let low = 0;
  let high = ids.length - 1;
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

/** The first position at or after `from` whose id is at least `id` (galloping, then binary search). */
function lowerBound(ids: Int32Array, id: number, from: number): number {
  let step = 1;
  let high = from;
  while (high < ids.length && (ids[high] as number) < id) {
    from = high + 1;
    high += step;
    step *= 2;
  }
  high = Math.min(high, ids.length);
  while (from < high) {
    const middle = (from + high) >> 1;
    if ((ids[middle] as number) < id) from = middle + 1;
    else high = middle;
  }
  return from;
}

type Bm25 = RelevanceParams['retrieval']['bm25'];

/** BM25's factor of a term in a field, idf aside, as Orama computes it (with `relativeTf`, the count over the field's length). */
function factor(count: number, length: number, averageLength: number, { k1, b, d, relativeTf }: Bm25): number {
  const tf = relativeTf > 0 ? count / Math.max(1, length) : count;
  return (d + tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / averageLength));
}

/**
 * BM25's factor of each entry of a list, and the largest (what the term can add at most), kept with the
 * list for the parameters they were computed with (they may change per call): the first stage reads most
 * of a question's postings, and a factor computed per read was most of its time.
 */
const computed = new WeakMap<FieldPostings, { key: string; factors: Float64Array; largest: number }>();
function factorsOf(postings: FieldPostings, field: FieldIndex, bm25: Bm25): { factors: Float64Array; largest: number } {
  const key = `${bm25.k1}|${bm25.b}|${bm25.d}|${bm25.relativeTf}|${field.averageLength}`;
  const known = computed.get(postings);
  if (known?.key === key) return known;
  const factors = new Float64Array(postings.ids.length);
  let largest = 0;
  for (let position = 0; position < postings.ids.length; position++) {
    const value = factor(postings.counts[position] as number, field.lengths[postings.ids[position] as number] as number, field.averageLength, bm25);
    factors[position] = value;
    largest = Math.max(largest, value);
  }
  const entry = { key, factors, largest };
  computed.set(postings, entry);
  return entry;
}
