import { describe, expect, it } from 'vitest';
import { focusOf } from '../../src/search/query';

/** What an English question asks its datum of: the words a quoted answer has to hold (query.ts, focusOf). */
const focus = (question: string): string[] => [...focusOf(question, []).words].sort();

describe('what an English question asks a number or a sum of', () => {
  it('is the thing named after how many / how much, nouns and all', () => {
    expect(focus('How much ransom did the group demand?')).toEqual(['ransom']);
    expect(focus('How many member countries does the alliance have?')).toEqual(['countries', 'member']);
    expect(focus('How many tonnes of gallium were exported?')).toEqual(['tonnes']);
  });

  it('leaves out a hyphenated adjective before the noun, which narrows the thing and is asked as any word', () => {
    expect(focus('How many attack-related packets did the sensors log?')).toEqual(['packets']);
    expect(focus('How many Shahed-type drones were built?')).toEqual(['drones']);
  });

  it('names nothing when a verb follows the question phrase, or only the kind of answer', () => {
    expect(focus('How much was stolen from the exchange?')).toEqual([]);
    expect(focus('How much money was spent?')).toEqual([]);
    // A word that names the answer's kind (people, items) ends the thing counted; a verb follows it.
    expect(focus('How many people sit on the commission?')).toEqual([]);
    expect(focus('How many items did Japan designate?')).toEqual([]);
  });
});
