import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { longestChain, type ChainItem } from '../../src/ingest/sequence';

/**
 * The chain of footnote numbers and markers, against the plain quadratic search it replaced (the oracle):
 * the same chain for every input, including the ties between chains of equal length.
 */
function oracle(items: readonly ChainItem[], first?: number): number[] {
  const length: number[] = [];
  const steps: number[] = [];
  const previous: number[] = [];
  let best = -1;
  items.forEach((item, index) => {
    length[index] = item.mayStart ? 1 : 0;
    steps[index] = item.mayStart && item.value === first ? 1 : 0;
    previous[index] = -1;
    for (let before = 0; before < index; before++) {
      const earlier = items[before] as ChainItem;
      if ((length[before] as number) === 0 || earlier.value >= item.value) continue;
      const step = item.value === earlier.value + 1;
      if (!step && !item.mayJump) continue;
      const candidateLength = (length[before] as number) + 1;
      const candidateSteps = (steps[before] as number) + (step ? 1 : 0);
      if (candidateLength > (length[index] as number) || (candidateLength === length[index] && candidateSteps > (steps[index] as number))) {
        length[index] = candidateLength;
        steps[index] = candidateSteps;
        previous[index] = before;
      }
    }
    if ((length[index] as number) > 0 && (best === -1 || (length[index] as number) > (length[best] as number) || (length[index] === length[best] && (steps[index] as number) > (steps[best] as number)))) best = index;
  });
  const chain: number[] = [];
  for (let index = best; index !== -1; index = previous[index] as number) chain.unshift(index);
  return chain;
}

const item = fc.record({ value: fc.integer({ min: 0, max: 30 }), mayJump: fc.boolean(), mayStart: fc.boolean() });

describe('longestChain', () => {
  it('finds the chain the quadratic search finds, ties included', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }), (items, first) => {
        expect(longestChain(items, first)).toEqual(oracle(items, first));
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the increasing run out of digits that break it: 1 2 12 3 4 → 1 2 3 4', () => {
    const items = [1, 2, 12, 3, 4].map((value) => ({ value, mayJump: true, mayStart: true }));
    expect(longestChain(items, 1).map((index) => items[index]?.value)).toEqual([1, 2, 3, 4]);
  });

  it('jumps only onto items that allow it, and starts only where allowed', () => {
    const items = [
      { value: 1, mayJump: false, mayStart: true },
      { value: 2, mayJump: false, mayStart: false },
      { value: 5, mayJump: false, mayStart: false },
      { value: 6, mayJump: false, mayStart: false },
      { value: 9, mayJump: true, mayStart: false },
    ];
    expect(longestChain(items, 1)).toEqual([0, 1, 4]);
  });

  it('handles a paper full of candidates in one pass', () => {
    const items = Array.from({ length: 200_000 }, (_, index) => ({ value: (index % 999) + 1, mayJump: true, mayStart: true }));
    expect(longestChain(items, 1)).toHaveLength(999);
  });
});
