/** "Did you mean": the names nearest a typo, whole or word by word, and how they are offered. */
import { describe, expect, it } from 'vitest';
import { didYouMean, matchChoices, nearest } from '../../src/contract/choices.js';

const NAMES = ['casualties', 'attackers', 'target', 'Distance from Dera Ismail Khan city', 'People injured'];
const near = (typed: string, limit?: number) => nearest(NAMES, (name) => [name], typed, limit);

describe('nearest', () => {
  it('finds a name a few edits from what was typed, more edits allowed in longer words', () => {
    expect(near('casualtys')).toEqual(['casualties']);
    expect(near('tagret')).toEqual(['target']);
    expect(near('CASUALTIES!')).toEqual(['casualties']);
  });

  it('finds a name by its words, each typed word one of them or its start, in any order', () => {
    expect(near('distance')).toEqual(['Distance from Dera Ismail Khan city']);
    expect(near('khan dist')).toEqual(['Distance from Dera Ismail Khan city']);
    expect(near('injred')).toEqual(['People injured']);
  });

  it('allows no typo in a short word, and leaves out short words of what was typed', () => {
    expect(near('tar')).toEqual(['target']);
    expect(near('tir')).toEqual([]);
    expect(near('people of injured')).toEqual(['People injured']);
  });

  it('puts the name as typed first, then names holding the words as typed, then typos; at most `limit`', () => {
    const names = ['targets', 'the target of the attack', 'target'];
    expect(nearest(names, (n) => [n], 'target')).toEqual(['target', 'the target of the attack', 'targets']);
    expect(nearest(names, (n) => [n], 'target', 1)).toEqual(['target']);
  });

  it('finds nothing for nothing, or for something else', () => {
    expect(near('')).toEqual([]);
    expect(near('the weather')).toEqual([]);
  });
});

describe('matchChoices', () => {
  const choices = NAMES.map((name) => ({ name, value: name }));
  const match = (typed: string) =>
    matchChoices(
      choices,
      (c) => [c.name],
      (c) => c,
      typed,
    ).map((c) => c.value);

  it('offers the names containing what was typed, else the nearest', () => {
    expect(match('ties')).toEqual(['casualties']);
    expect(match('casualtys')).toEqual(['casualties']);
    expect(match('zzz')).toEqual([]);
  });
});

describe('didYouMean', () => {
  it('says nothing for none, and names one, two or three', () => {
    expect(didYouMean([])).toBe('');
    expect(didYouMean(['casualties'])).toBe(' Did you mean “casualties”?');
    expect(didYouMean(['a', 'b', 'c'])).toBe(' Did you mean “a”, “b” or “c”?');
  });
});
