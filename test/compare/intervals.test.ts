import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeAmount,
  describeFigure,
  describeInterval,
  figureInterval,
  type Interval,
  intersect,
  intervalsOverlap,
  isPrecise,
  reportedCount,
} from '../../src/compare/intervals.js';
import { VAGUE_QUANTITIES } from '../../src/dataset/quantities.js';
import { fig, figureArb, INF, vague } from './support.js';

describe('the interval rule', () => {
  it('reads each qualifier as an interval', () => {
    expect(figureInterval(fig(23, 'exact'))).toEqual({ lo: 23, hi: 23 });
    expect(figureInterval(fig(24, 'at_least'))).toEqual({ lo: 24, hi: INF });
    expect(figureInterval(fig(20, 'more_than'))).toEqual({ lo: 21, hi: INF });
    expect(figureInterval(fig(10, 'up_to'))).toEqual({ lo: 0, hi: 10 });
  });

  it('reads "about n" as n ± 10%, rounded outwards', () => {
    expect(figureInterval(fig(35_000, 'about'))).toEqual({ lo: 31_500, hi: 38_500 });
    expect(figureInterval(fig(5, 'about'))).toEqual({ lo: 4, hi: 6 });
    expect(figureInterval(fig(0, 'about'))).toEqual({ lo: 0, hi: 0 });
    // Exact tenths stay exact: no floating-point 10 * 1.1 = 11.000000000000002 rounding up to 12.
    expect(figureInterval(fig(10, 'about'))).toEqual({ lo: 9, hi: 11 });
    expect(figureInterval(fig(100, 'about'))).toEqual({ lo: 90, hi: 110 });
  });

  it('reads "nearly n" as below n, by at most 10% rounded outwards', () => {
    expect(figureInterval(fig(30, 'nearly'))).toEqual({ lo: 27, hi: 29 });
    expect(figureInterval(fig(100, 'nearly'))).toEqual({ lo: 90, hi: 99 });
    expect(figureInterval(fig(1, 'nearly'))).toEqual({ lo: 0, hi: 0 });
  });

  it('uses the range a curator declared for "about" or "nearly"', () => {
    expect(figureInterval(fig(35, 'about', [30, 40]))).toEqual({ lo: 30, hi: 40 });
    expect(figureInterval(fig(30, 'nearly', [25, 29]))).toEqual({ lo: 25, hi: 29 });
  });

  it('reads a vague quantity through its table', () => {
    expect(figureInterval(vague('dozens'))).toEqual({ lo: 24, hi: 199 });
    expect(figureInterval(vague('two dozen'))).toEqual({ lo: 21, hi: 27 });
    expect(figureInterval(vague('some'))).toEqual({ lo: 2, hi: INF });
    expect(reportedCount(vague('two dozen'))).toBe(24);
    expect(reportedCount(vague('dozens'))).toBe(24);
    expect(describeAmount(vague('a handful'))).toBe('a handful');
  });

  it('tells precise figures from approximate and vague ones', () => {
    for (const q of ['exact', 'at_least', 'more_than', 'up_to'] as const)
      expect(isPrecise(fig(5, q))).toBe(true);
    expect(isPrecise(fig(5, 'about'))).toBe(false);
    expect(isPrecise(fig(5, 'nearly'))).toBe(false);
    expect(isPrecise(vague('dozens'))).toBe(false);
  });

  it('intersects intervals, touching ends included', () => {
    expect(
      intersect([
        { lo: 23, hi: 23 },
        { lo: 23, hi: INF },
      ]),
    ).toEqual({ lo: 23, hi: 23 });
    expect(
      intersect([
        { lo: 23, hi: 23 },
        { lo: 24, hi: INF },
      ]),
    ).toBeNull();
    expect(intervalsOverlap({ lo: 21, hi: INF }, { lo: 34, hi: 34 })).toBe(true);
    expect(intervalsOverlap({ lo: 5, hi: 5 }, { lo: 6, hi: 6 })).toBe(false);
  });

  it('describes figures and ranges in words', () => {
    expect(describeFigure({ ...fig(24, 'at_least'), counted: 'officers' })).toBe('at least 24 officers');
    expect(describeFigure({ ...fig(35_000, 'about'), counted: 'US dollars' })).toBe(
      'about 35,000 US dollars',
    );
    expect(describeFigure({ ...vague('dozens'), counted: 'wounded' })).toBe('dozens wounded');
    expect(describeInterval({ lo: 23, hi: INF })).toBe('23 or more');
    expect(describeInterval({ lo: 23, hi: 26 })).toBe('23–26');
    expect(describeInterval({ lo: 5, hi: 5 })).toBe('5');
  });
});

const intervalArb: fc.Arbitrary<Interval> = fc
  .tuple(fc.nat({ max: 1000 }), fc.option(fc.nat({ max: 1000 }), { nil: undefined }))
  .map(([lo, width]) => ({ lo, hi: width === undefined ? INF : lo + width }));

describe('properties of the interval rule', () => {
  it('every interval is well formed, holds the reported count, and is read from the table for words', () => {
    fc.assert(
      fc.property(figureArb, (f) => {
        const { lo, hi } = figureInterval(f);
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(lo).toBeLessThanOrEqual(hi);
        const count = reportedCount(f);
        if (!f.range) expect(lo <= count && count <= hi).toBe(true);
        if (f.words)
          expect({ lo, hi }).toEqual({ lo: VAGUE_QUANTITIES[f.words].lo, hi: VAGUE_QUANTITIES[f.words].hi });
        if (f.qualifier === 'up_to' && !f.words) expect(count).toBe(hi);
      }),
    );
  });

  it('the default "about" range is exactly [floor(0.9 n), ceil(1.1 n)]', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000_000 }), (n) => {
        const { lo, hi } = figureInterval(fig(n, 'about'));
        expect(10 * lo <= 9 * n && 9 * n < 10 * (lo + 1)).toBe(true);
        expect(10 * (hi - 1) < 11 * n && 11 * n <= 10 * hi).toBe(true);
      }),
    );
  });

  it('two intervals overlap exactly when neither ends before the other begins, in either order', () => {
    fc.assert(
      fc.property(intervalArb, intervalArb, (a, b) => {
        expect(intervalsOverlap(a, b)).toBe(!(a.hi < b.lo || b.hi < a.lo));
        expect(intervalsOverlap(a, b)).toBe(intervalsOverlap(b, a));
        expect(intersect([a, b]) !== null).toBe(intervalsOverlap(a, b));
      }),
    );
  });

  it('the intersection lies in every interval and does not depend on their order', () => {
    fc.assert(
      fc.property(fc.array(intervalArb, { minLength: 1, maxLength: 6 }), (intervals) => {
        const common = intersect(intervals);
        expect(intersect([...intervals].reverse())).toEqual(common);
        if (common === null) return;
        for (const i of intervals) expect(i.lo <= common.lo && common.hi <= i.hi).toBe(true);
      }),
    );
  });
});
