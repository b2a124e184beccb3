/** The q-quantile (0..1) of ascending `sorted` by the nearest-rank method; NaN when there are no values. */
export function quantile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
