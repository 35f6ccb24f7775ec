/**
 * Vague and approximate quantities ("dozens", "two dozen", "a handful"): the one table of what
 * each word allows, so that a report which gives no number can still be checked against those
 * that do.
 *
 * The bounds are deliberately generous: a vague word should only conflict with a figure it clearly
 * cannot mean. They follow plain English and the practice of conflict-data coders (ACLED codes
 * "dozens" as 12 and "hundreds" as 100 when nothing better is known, never more): the lowest
 * value below is the smallest count the word can honestly mean, and the highest stops where the
 * next word takes over ("dozens" ends where "hundreds" starts). A vague figure takes part in the
 * consistency check through this interval, but never becomes a range endpoint or the conservative
 * figure while a report gives a number.
 *
 * `value` is the number a word names, when it names one ("two dozen" is about 24).
 */
export interface VagueQuantity {
  lo: number;
  /** Infinity when the word sets no upper limit ("some", "many"). */
  hi: number;
  value?: number;
  /** Why the interval is what it is, in a sentence, for the curator (docs/curating.md). */
  reason: string;
}

const OPEN = Number.POSITIVE_INFINITY;

export const VAGUE_QUANTITIES = {
  some: { lo: 2, hi: OPEN, reason: 'a plural with no size: two or more' },
  'a few': { lo: 2, hi: 9, reason: 'a small plural, below ten' },
  'a handful': { lo: 2, hi: 9, reason: 'what fits a hand: a small plural, below ten' },
  several: { lo: 3, hi: 19, reason: 'more than a couple, fewer than a score' },
  many: { lo: 4, hi: OPEN, reason: 'more than a few, with no upper limit' },
  numerous: { lo: 4, hi: OPEN, reason: 'as "many"' },
  'a dozen': { lo: 10, hi: 14, value: 12, reason: 'about 12, by the ±10% rule of "about"' },
  'two dozen': { lo: 21, hi: 27, value: 24, reason: 'about 24, by the ±10% rule of "about"' },
  dozens: { lo: 24, hi: 199, reason: 'at least two dozen, and fewer than "hundreds"' },
  scores: { lo: 40, hi: 199, reason: 'at least two score (40), and fewer than "hundreds"' },
  hundreds: { lo: 200, hi: 1999, reason: 'at least two hundred, and fewer than "thousands"' },
  thousands: { lo: 2000, hi: OPEN, reason: 'at least two thousand' },
} as const satisfies Record<string, VagueQuantity>;

export type VagueWord = keyof typeof VAGUE_QUANTITIES;

export const VAGUE_WORDS = Object.keys(VAGUE_QUANTITIES) as [VagueWord, ...VagueWord[]];

/** The share of a number that "about n" and "nearly n" allow either side (in whole percent). */
export const ABOUT_PERCENT = 10;
