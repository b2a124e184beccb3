/**
 * A set past V8's limit of 2^24 entries per Set (a 1,000× corpus had more distinct word runs than that:
 * corpusVocabulary failed there with "Set maximum size exceeded"; it now keeps character pairs here).
 * Entries go into the last of a list of Sets, a new one once it is full; lookups ask each (a handful at most).
 */
export class LargeSet<T = string> {
  private readonly sets: Array<Set<T>> = [new Set()];

  constructor(private readonly perSet = 1 << 23) {}

  has(value: T): boolean {
    for (const set of this.sets) if (set.has(value)) return true;
    return false;
  }

  add(value: T): void {
    let last = this.sets[this.sets.length - 1] as Set<T>;
    if (this.sets.length > 1 && this.has(value)) return;
    if (last.has(value)) return;
    if (last.size >= this.perSet) this.sets.push((last = new Set()));
    last.add(value);
  }

  get size(): number {
    return this.sets.reduce((sum, set) => sum + set.size, 0);
  }
}
