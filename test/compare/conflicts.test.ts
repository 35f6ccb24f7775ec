import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conflictIndex, conflictsOf, meetingOf } from '../../src/compare/conflicts.js';
import { type Interval, intervalsOverlap } from '../../src/compare/intervals.js';

interface Item {
  name: number;
  interval: Interval;
}

/** Intervals as figures make them: points, closed ranges and open ends, with many ties. */
const intervalArb: fc.Arbitrary<Interval> = fc.oneof(
  fc.nat({ max: 30 }).map((n) => ({ lo: n, hi: n })),
  fc
    .tuple(fc.nat({ max: 30 }), fc.nat({ max: 30 }))
    .map(([a, b]) => ({ lo: Math.min(a, b), hi: Math.max(a, b) })),
  fc.nat({ max: 30 }).map((n) => ({ lo: n, hi: Number.POSITIVE_INFINITY })),
);
const itemsArb = fc
  .array(intervalArb, { maxLength: 40 })
  .map((intervals) => intervals.map((interval, name): Item => ({ name, interval })));

/** The definition: every pair compared. */
const conflicting = (items: readonly Item[], item: Item) =>
  items.filter((other) => other !== item && !intervalsOverlap(other.interval, item.interval));
const meeting = (items: readonly Item[], item: Item) =>
  items.filter((other) => other !== item && intervalsOverlap(other.interval, item.interval));
/** How far apart two intervals that do not meet are. */
const gap = (a: Interval, b: Interval) => Math.max(a.lo - b.hi, b.lo - a.hi);

describe('conflicts found by sorted bounds, against every pair compared', () => {
  it('finds the same conflicts, in the same order, and counts the same pairs', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        const index = conflictIndex(items);
        let pairs = 0;
        for (const item of items) {
          const expected = conflicting(items, item);
          pairs += expected.length;
          expect(conflictsOf(index, item)).toEqual({ items: expected, more: 0 });
          expect(conflictsOf(index, item, Number.POSITIVE_INFINITY, 'above').items).toEqual(
            expected.filter((other) => other.interval.lo > item.interval.hi),
          );
          expect(meetingOf(index, item)).toEqual({ items: meeting(items, item), more: 0 });
        }
        expect(index.pairs).toBe(pairs / 2);
      }),
    );
  });

  it('names the nearest conflicts within a limit and counts the rest', () => {
    fc.assert(
      fc.property(itemsArb, fc.nat({ max: 6 }), (items, limit) => {
        const index = conflictIndex(items);
        for (const item of items) {
          const all = conflicting(items, item);
          const named = conflictsOf(index, item, limit);
          expect(named.items).toHaveLength(Math.min(limit, all.length));
          expect(named.more).toBe(all.length - named.items.length);
          expect(named.items).toEqual(all.filter((other) => named.items.includes(other)));
          const farthestNamed = Math.max(...named.items.map((o) => gap(o.interval, item.interval)));
          for (const other of all.filter((o) => !named.items.includes(o)))
            expect(gap(other.interval, item.interval)).toBeGreaterThanOrEqual(farthestNamed);
          const fits = meetingOf(index, item, limit);
          const allFits = meeting(items, item);
          expect(fits.items).toHaveLength(Math.min(limit, allFits.length));
          expect(fits.more).toBe(allFits.length - fits.items.length);
          expect(fits.items).toEqual(allFits.filter((other) => fits.items.includes(other)));
        }
      }),
    );
  });
});
