/**
 * `work` over `items` with at most `limit` at once, the results in the items' order. The build reads a
 * few files per paper (its text, sidecar, cached parse and analysis): one at a time, a large corpus spent
 * a second of each rebuild waiting on the disk.
 */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
