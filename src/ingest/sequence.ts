/**
 * The longest chain of items, taken in order, whose values strictly increase: how footnote markers and
 * footnote numbers are told from digits that only look like them. A step to the next number (`n → n + 1`)
 * is always allowed; a jump past numbers only onto an item that allows one, and a chain starts only at an
 * item that allows it. Among chains of equal length the one with more `n → n + 1` steps wins (a start at
 * `first` counts as one), then the one whose items come earliest.
 *
 * O(n log V) for n items with values below V (a Fenwick tree of prefix maxima over the values), so a
 * paper full of digits costs little: the quadratic textbook version took minutes on such a file.
 */
export interface ChainItem {
  /** A whole number from 0 to MAX_VALUE. */
  value: number;
  /** May follow an item whose value is more than one below. */
  mayJump: boolean;
  /** May be the first item of the chain. */
  mayStart: boolean;
}

/** Footnote numbers have at most three digits. */
export const MAX_VALUE = 999;

/** A chain's (length, steps) and, third, minus the index of its last item: larger is better, so ties go to the earlier item. */
type Score = readonly [number, number, number];
const NONE: Score = [0, 0, -Infinity];

function compare(first: Score, second: Score): number {
  return first[0] - second[0] || first[1] - second[1] || first[2] - second[2];
}

/** Indices into `items` of the best chain, in order. */
export function longestChain(items: readonly ChainItem[], first?: number): number[] {
  const size = MAX_VALUE + 1;
  // Fenwick tree of the best score among inserted items with value < k, for prefix(k); 1-based.
  const tree: Score[] = Array.from({ length: size + 1 }, () => NONE);
  const atValue: Score[] = Array.from({ length: size }, () => NONE);
  const previous: number[] = [];
  const prefix = (limit: number): Score => {
    let result = NONE;
    for (let position = Math.min(limit, size); position > 0; position -= position & -position) if (compare(tree[position] as Score, result) > 0) result = tree[position] as Score;
    return result;
  };
  const insert = (value: number, score: Score): void => {
    for (let position = value + 1; position <= size; position += position & -position) if (compare(score, tree[position] as Score) > 0) tree[position] = score;
    if (compare(score, atValue[value] as Score) > 0) atValue[value] = score;
  };

  let top: Score = NONE;
  items.forEach((item, index) => {
    if (!Number.isInteger(item.value) || item.value < 0 || item.value > MAX_VALUE) return;
    // The best predecessor: the previous number (a step), or with a jump any smaller one.
    const step = item.value >= 1 ? (atValue[item.value - 1] as Score) : NONE;
    let link: Score = step[0] > 0 ? [step[0] + 1, step[1] + 1, step[2]] : NONE;
    if (item.mayJump) {
      const jump = prefix(item.value - 1);
      if (jump[0] > 0 && compare([jump[0] + 1, jump[1], jump[2]], link) > 0) link = [jump[0] + 1, jump[1], jump[2]];
    }
    const start: Score = item.mayStart ? [1, item.value === first ? 1 : 0, 0] : NONE;
    let score: Score;
    if (link[0] > 0 && (link[0] > start[0] || (link[0] === start[0] && link[1] > start[1]))) {
      score = [link[0], link[1], -index];
      previous[index] = -link[2];
    } else if (start[0] > 0) {
      score = [start[0], start[1], -index];
      previous[index] = -1;
    } else {
      return;
    }
    insert(item.value, score);
    if (score[0] > top[0] || (score[0] === top[0] && score[1] > top[1])) top = score;
  });
  const chain: number[] = [];
  for (let index = top[0] > 0 ? -top[2] : -1; index >= 0; index = previous[index] as number) chain.push(index);
  return chain.reverse();
}
