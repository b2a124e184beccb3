import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/search/lru';

describe('the engine’s bounded caches', () => {
  it('keep at most their capacity, dropping the least recently used, and make a value once while it is kept', () => {
    const cache = new LruCache<number, string>(2);
    const made: number[] = [];
    const get = (key: number): string => cache.get(key, () => (made.push(key), `v${key}`));
    expect([get(1), get(2), get(1)]).toEqual(['v1', 'v2', 'v1']);
    expect(made).toEqual([1, 2]);
    // 3 pushes out 2, the least recently used (1 was used after it).
    get(3);
    expect(cache.size).toBe(2);
    get(1);
    expect(made).toEqual([1, 2, 3]);
    get(2);
    expect(made).toEqual([1, 2, 3, 2]);
    expect(cache.size).toBe(2);
  });

  it('keeps a value that is null or undefined as a value', () => {
    const cache = new LruCache<string, null>(4);
    let calls = 0;
    cache.get('a', () => (calls++, null));
    cache.get('a', () => (calls++, null));
    expect(calls).toBe(1);
  });

  it('weighs entries when told how: it keeps at most its capacity in weight, and never an entry heavier than that', () => {
    const cache = new LruCache<string, number[]>(10, (list) => list.length);
    cache.set('a', [1, 2, 3, 4]);
    cache.set('b', [1, 2, 3, 4]);
    expect(cache.weight).toBe(8);
    cache.set('c', [1, 2, 3]);
    // 11 > 10: the least recently used, a, goes.
    expect([cache.has('a'), cache.has('b'), cache.has('c'), cache.weight]).toEqual([false, true, true, 7]);
    expect(cache.peek('b')).toEqual([1, 2, 3, 4]);
    cache.set('d', Array.from({ length: 11 }, (_, index) => index));
    expect([cache.has('d'), cache.weight]).toEqual([false, 7]);
    cache.set('b', [1]);
    expect(cache.weight).toBe(4);
  });

  it('refuses a capacity below one', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});
