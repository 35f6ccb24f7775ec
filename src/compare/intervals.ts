/**
 * The interval rule: a reported figure stands for a range of possible true values.
 *
 * exact n → [n, n]; at least n → [n, ∞); more than n → [n+1, ∞); up to n → [0, n];
 * about n → the range the curator declared, or by default n ± 10% (rounded outwards).
 * Two figures agree when their intervals intersect.
 */
import type { Figure } from '../dataset/schema.js';

export interface Interval {
  lo: number;
  /** Infinity for open-ended figures ("at least 24"). */
  hi: number;
}

export const ABOUT_TOLERANCE = 0.1;

export function figureInterval(figure: Figure): Interval {
  const n = figure.value;
  switch (figure.qualifier) {
    case 'exact':
      return { lo: n, hi: n };
    case 'at_least':
      return { lo: n, hi: Number.POSITIVE_INFINITY };
    case 'more_than':
      return { lo: n + 1, hi: Number.POSITIVE_INFINITY };
    case 'up_to':
      return { lo: 0, hi: n };
    case 'about': {
      // In whole percent: in floating point 100 * 1.1 is 110.00000000000001, which would round
      // outwards to 111; (100 * 110) / 100 is exactly 110.
      const percent = Math.round(ABOUT_TOLERANCE * 100);
      const [lo, hi] = figure.range ?? [
        Math.floor((n * (100 - percent)) / 100),
        Math.ceil((n * (100 + percent)) / 100),
      ];
      return { lo, hi };
    }
  }
}

/** The values every interval allows, or null when they have none in common. */
export function intersect(intervals: readonly Interval[]): Interval | null {
  const lo = Math.max(...intervals.map((i) => i.lo));
  const hi = Math.min(...intervals.map((i) => i.hi));
  return lo <= hi ? { lo, hi } : null;
}

export function intervalsOverlap(a: Interval, b: Interval): boolean {
  return intersect([a, b]) !== null;
}

/**
 * The count a report states, for the conservative figure (the lowest reported, as ACLED codes
 * fatalities when reports differ): n for exact, at least, about and up to n; n+1 for more than n.
 * "Up to n" counts as n so that the conservative figure never exceeds what any report allows.
 */
export function reportedCount(figure: Figure): number {
  return figure.qualifier === 'more_than' ? figure.value + 1 : figure.value;
}

const QUALIFIER_WORDS: Record<Figure['qualifier'], string> = {
  exact: '',
  at_least: 'at least ',
  more_than: 'more than ',
  about: 'about ',
  up_to: 'up to ',
};

/** "at least 24": the qualifier and number, without the source's word for who was counted. */
export function describeAmount(figure: Figure): string {
  return `${QUALIFIER_WORDS[figure.qualifier]}${formatCount(figure.value)}`;
}

/** "at least 24 officers" */
export function describeFigure(figure: Figure): string {
  return `${describeAmount(figure)} ${figure.counted}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}

/** "23–24+" style: the span of what was reported, open-ended when any report is. */
export function describeInterval({ lo, hi }: Interval): string {
  if (hi === Number.POSITIVE_INFINITY) return `${formatCount(lo)} or more`;
  return lo === hi ? formatCount(lo) : `${formatCount(lo)}–${formatCount(hi)}`;
}
