/**
 * A set of strings past V8's limit of 2^24 entries per Set (a 1,000× corpus has more distinct word runs
 * than that: corpusVocabulary failed there with "Set maximum size exceeded"). Entries go into the last of a
 * list of Sets, a new one once it is full; lookups ask each (a handful at most).
 */
export class LargeSet {
  private readonly sets: Array<Set<string>> = [new Set()];

  constructor(private readonly perSet = 1 << 23) {}

  has(value: string): boolean {
    for (const set of this.sets) if (set.has(value)) return true;
    return false;
  }

  add(value: string): void {
    if (this.has(value)) return;
    let last = this.sets[this.sets.length - 1] as Set<string>;
    if (last.size >= this.perSet) this.sets.push((last = new Set()));
    last.add(value);
  }

  get size(): number {
    return this.sets.reduce((sum, set) => sum + set.size, 0);
  }
}
