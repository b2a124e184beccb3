import { describe, expect, it } from 'vitest';
import { LargeSet } from '../../src/ingest/large-set';

describe('LargeSet', () => {
  it('holds more strings than one Set may, each once, and knows every one', () => {
    const set = new LargeSet(3);
    const values = Array.from({ length: 10 }, (_, index) => `run${index}`);
    for (const value of [...values, ...values]) set.add(value);
    expect(set.size).toBe(10);
    for (const value of values) expect(set.has(value)).toBe(true);
    expect(set.has('run10')).toBe(false);
  });
});
