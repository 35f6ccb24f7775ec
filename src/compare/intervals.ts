/**
 * The interval rule: a reported figure stands for a range of possible true values.
 *
 * exact n → [n, n]; at least n → [n, ∞); more than n → [n+1, ∞); up to n → [0, n];
 * about n → the range the curator declared, or by default n ± 10% (rounded outwards);
 * nearly n → [n − 10%, n − 1] (rounded outwards), or the declared range;
 * a vague quantity ("dozens") → the interval of its word (src/dataset/quantities.ts).
 * Two figures are consistent when their intervals intersect.
 */
import { ABOUT_PERCENT, VAGUE_QUANTITIES } from '../dataset/quantities.js';
import type { Figure, Qualifier } from '../dataset/schema.js';

export interface Interval {
  lo: number;
  /** Infinity for open-ended figures ("at least 24"). */
  hi: number;
}

export function figureInterval(figure: Figure): Interval {
  if (figure.words !== undefined) {
    const { lo, hi } = VAGUE_QUANTITIES[figure.words];
    return { lo, hi };
  }
  return countInterval(figure.value ?? 0, figure.qualifier, figure.range);
}

/** The interval of a number given with a qualifier (a figure, or a count a figure includes). */
export function countInterval(n: number, qualifier: Qualifier, range?: readonly [number, number]): Interval {
  if (range) return { lo: range[0], hi: range[1] };
  switch (qualifier) {
    case 'exact':
      return { lo: n, hi: n };
    case 'at_least':
      return { lo: n, hi: Number.POSITIVE_INFINITY };
    case 'more_than':
      return { lo: n + 1, hi: Number.POSITIVE_INFINITY };
    case 'up_to':
      return { lo: 0, hi: n };
    case 'about':
      return { lo: lessPercent(n), hi: morePercent(n) };
    case 'nearly':
      return { lo: lessPercent(n), hi: Math.max(n - 1, 0) };
  }
}

// In whole percent: in floating point 100 * 1.1 is 110.00000000000001, which would round outwards
// to 111; (100 * 110) / 100 is exactly 110.
function lessPercent(n: number): number {
  return Math.floor((n * (100 - ABOUT_PERCENT)) / 100);
}

function morePercent(n: number): number {
  return Math.ceil((n * (100 + ABOUT_PERCENT)) / 100);
}

/** The values every interval allows, or null when they have none in common. */
export function intersect(intervals: readonly Interval[]): Interval | null {
  const lo = Math.max(...intervals.map((i) => i.lo));
  const hi = Math.min(...intervals.map((i) => i.hi));
  return lo <= hi ? { lo, hi } : null;
}

export function intervalsOverlap(a: Interval, b: Interval): boolean {
  return Math.max(a.lo, b.lo) <= Math.min(a.hi, b.hi);
}

/** The sum of intervals: what the parts of a total allow together. */
export function addIntervals(intervals: readonly Interval[]): Interval {
  return intervals.reduce((sum, i) => ({ lo: sum.lo + i.lo, hi: sum.hi + i.hi }), { lo: 0, hi: 0 });
}

/**
 * Whether a figure gives a number with a definite bound (exact, at least, more than, up to).
 * Approximate figures ("about", "nearly") and vague ones ("dozens") take part in the consistency
 * check, but never make the range or the conservative figure while a precise one exists.
 */
export function isPrecise(figure: Figure): boolean {
  return figure.words === undefined && figure.qualifier !== 'about' && figure.qualifier !== 'nearly';
}

/**
 * The count a report states, to order figures and for the conservative figure (the lowest
 * reported, as ACLED codes fatalities when reports differ): n for exact, at least, about and up to
 * n; n+1 for more than n; n-1 for nearly n; a vague word's number ("two dozen": 24), else the
 * lowest it allows. "Up to n" counts as n so that the conservative figure never exceeds what a
 * report allows.
 */
export function reportedCount(figure: Figure): number {
  if (figure.words !== undefined) {
    const word: { lo: number; value?: number } = VAGUE_QUANTITIES[figure.words];
    return word.value ?? word.lo;
  }
  const n = figure.value ?? 0;
  if (figure.qualifier === 'more_than') return n + 1;
  return figure.qualifier === 'nearly' ? Math.max(n - 1, 0) : n;
}

/** The words before a number for each qualifier: "at least 23". */
export const QUALIFIER_WORDS: Record<Qualifier, string> = {
  exact: '',
  at_least: 'at least ',
  more_than: 'more than ',
  about: 'about ',
  nearly: 'nearly ',
  up_to: 'up to ',
};

/** "at least 24", "nearly 30", "dozens": the amount, without the source's word for who was counted. */
export function describeAmount(figure: Figure): string {
  if (figure.words !== undefined) return figure.words;
  return `${QUALIFIER_WORDS[figure.qualifier]}${formatCount(figure.value ?? 0)}`;
}

/**
 * "40 km", "about 35,000 US dollars": the amount with its unit, for every unit that is not a head
 * count (what a head count counts stays in the measure's label).
 */
export function describeAmountIn(figure: Figure, unit: string): string {
  const amount = describeAmount(figure);
  return unit === HEAD_COUNT || figure.words !== undefined ? amount : `${amount} ${unit}`;
}

/** "40–60 km": an interval with its unit, unless it counts people. */
export function describeIntervalIn(interval: Interval, unit: string): string {
  const span = describeInterval(interval);
  return unit === HEAD_COUNT ? span : `${span} ${unit}`;
}

/** The unit of a measure that counts people: its figures need no unit beside them. */
export const HEAD_COUNT = 'people';

/** "at least 24 officers" */
export function describeFigure(figure: Figure): string {
  return `${describeAmount(figure)} ${figure.counted}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}

/** "23–24", "25 or more": the span of an interval. */
export function describeInterval({ lo, hi }: Interval): string {
  if (hi === Number.POSITIVE_INFINITY) return `${formatCount(lo)} or more`;
  return lo === hi ? formatCount(lo) : `${formatCount(lo)}–${formatCount(hi)}`;
}
