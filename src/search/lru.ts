/**
 * A map that keeps at most `capacity` entries, dropping the least recently used: the engine's caches of
 * passage and footnote analyses, which would otherwise grow with every passage ever asked about (the whole
 * corpus, at 300× some 23,000 passages). Map keeps insertion order, so re-inserting on use is the order.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`an LRU cache holds at least 1 entry, not ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value for `key`, made by `make` when absent; either way it becomes the most recently used. */
  get(key: K, make: () => V): V {
    const found = this.entries.get(key);
    if (found !== undefined || this.entries.has(key)) {
      this.entries.delete(key);
      this.entries.set(key, found as V);
      return found as V;
    }
    const value = make();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    return value;
  }
}
