/**
 * A map that keeps at most `capacity` units of entries, dropping the least recently used: the engine's
 * caches of passage and footnote analyses, and the index store's postings and passage blocks, which would
 * otherwise grow with every passage ever asked about (the whole corpus, at 300× some 23,000 passages).
 * Each entry weighs 1 unit unless `weigh` says otherwise (a postings list weighs its length); an entry
 * heavier than the whole capacity is returned but not kept. Map keeps insertion order, so re-inserting on
 * use is the order.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private total = 0;

  constructor(
    readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`an LRU cache holds at least 1 entry, not ${capacity}`);
  }

  /** Entries kept. */
  get size(): number {
    return this.entries.size;
  }

  /** Units kept (the entries' weights summed). */
  get weight(): number {
    return this.total;
  }

  /** The value for `key` if kept (it becomes the most recently used), else undefined. */
  peek(key: K): V | undefined {
    const found = this.entries.get(key);
    if (found === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, found);
    return found.value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** The value for `key`, made by `make` when absent; either way it becomes the most recently used. */
  get(key: K, make: () => V): V {
    if (this.entries.has(key)) return this.peek(key) as V;
    const value = make();
    this.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.total -= old.weight;
    }
    const weight = Math.max(0, this.weigh(value));
    if (weight > this.capacity) return;
    this.entries.set(key, { value, weight });
    this.total += weight;
    while (this.total > this.capacity) {
      const [oldest, entry] = this.entries.entries().next().value as [K, { value: V; weight: number }];
      this.entries.delete(oldest);
      this.total -= entry.weight;
    }
  }
}
