/**
 * The scoring rules of test/eval/README.md, shared by `npm run eval`, `npm run bench` (shiori and the
 * alternatives, scored alike) and `npm run bench:scale`. A result hits when its text plus its citations'
 * text and URLs contain a gold string (NFKC, lower case, no white space on both sides); table items hit on
 * the row label and a cell mark.
 */
export interface EvalItem {
  id: string;
  lang: 'ja' | 'en';
  question: string;
  gold: string[];
  kind: string;
}

export interface Hit {
  text: string;
  citations: ReadonlyArray<{ text: string; urls: readonly string[] }>;
}

export const normalizeForScoring = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');

export function isHit(item: EvalItem, result: Hit): boolean {
  const haystack = normalizeForScoring([result.text, ...result.citations.flatMap((citation) => [citation.text, ...citation.urls])].join(''));
  if (item.kind === 'table') {
    const label = normalizeForScoring((item.gold[0] ?? '').split(/\s+/u)[0] ?? '');
    return label !== '' && haystack.includes(label) && /[◎〇○]/u.test(haystack);
  }
  return item.gold.some((gold) => haystack.includes(normalizeForScoring(gold)));
}

/** A@1: the chat's quoted answer (`reply.text`, when found) holds a gold string, under the same comparison. */
export function isAnswer(item: EvalItem, reply: { found: boolean; text: string }): boolean {
  return reply.found && isHit(item, { text: reply.text, citations: [] });
}

export interface RankScore {
  n: number;
  /** Share of questions whose first result hits. */
  r1: number;
  /** Share with a hit in the first five. */
  r5: number;
  /** Mean reciprocal rank of the first hit within ten (0 when none). */
  mrr10: number;
}

/** R@1, R@5 and MRR@10 over `ranks`: the 0-based rank of each question's first hit, -1 for none. */
export function scoreRanks(ranks: readonly number[]): RankScore {
  const n = ranks.length;
  if (n === 0) return { n, r1: 0, r5: 0, mrr10: 0 };
  return {
    n,
    r1: ranks.filter((rank) => rank === 0).length / n,
    r5: ranks.filter((rank) => rank >= 0 && rank < 5).length / n,
    mrr10: ranks.reduce((sum, rank) => sum + (rank >= 0 && rank < 10 ? 1 / (rank + 1) : 0), 0) / n,
  };
}
