/**
 * Which figures conflict, found without comparing every pair. Two figures conflict when their
 * intervals do not meet, so a figure conflicts with exactly those that end before it starts and
 * those that start after it ends. Sorted once by each end, both are runs of a sorted list, found by
 * binary search: a measure of thousands of figures is compared in n log n, its conflicting pairs
 * counted without listing them, and a reply names the nearest few of each figure's conflicts (or
 * of the figures it fits) at a cost that grows with the names, not with the figures.
 */
import { compareNumbers } from './claims.js';
import type { Interval } from './intervals.js';

export interface Ranged {
  interval: Interval;
}

export interface ConflictIndex<T extends Ranged> {
  /** The items in the order they were given, and each one's place: what is named comes back in that order. */
  items: readonly T[];
  position: ReadonlyMap<T, number>;
  /** The items by upper end, lowest first, and those ends. */
  byHi: readonly T[];
  his: Float64Array;
  /** The items by lower end, lowest first, and those ends. */
  byLo: readonly T[];
  los: Float64Array;
  /** A max-tree of the upper ends over `byLo`: the items that meet an interval, without a scan. */
  maxHi: Float64Array;
  leaves: number;
  /** How many pairs of items conflict. */
  pairs: number;
}

/** Items named, in their given order, and how many more there are. */
export interface Named<T> {
  items: T[];
  more: number;
}

export function conflictIndex<T extends Ranged>(items: readonly T[]): ConflictIndex<T> {
  const byHi = [...items].sort((a, b) => compareNumbers(a.interval.hi, b.interval.hi));
  const byLo = [...items].sort((a, b) => compareNumbers(a.interval.lo, b.interval.lo));
  let leaves = 1;
  while (leaves < items.length) leaves *= 2;
  const maxHi = new Float64Array(2 * leaves).fill(Number.NEGATIVE_INFINITY);
  byLo.forEach((item, i) => {
    maxHi[leaves + i] = item.interval.hi;
  });
  for (let node = leaves - 1; node >= 1; node--)
    maxHi[node] = Math.max(
      maxHi[2 * node] ?? Number.NEGATIVE_INFINITY,
      maxHi[2 * node + 1] ?? Number.NEGATIVE_INFINITY,
    );
  const index: ConflictIndex<T> = {
    items,
    position: new Map(items.map((item, i) => [item, i])),
    byHi,
    his: Float64Array.from(byHi, (item) => item.interval.hi),
    byLo,
    los: Float64Array.from(byLo, (item) => item.interval.lo),
    maxHi,
    leaves,
    pairs: 0,
  };
  // Each conflicting pair is counted once, from its higher item: the other ends below it.
  index.pairs = items.reduce((sum, item) => sum + countBelow(index, item), 0);
  return index;
}

/** How many items end below this one's start. */
function countBelow<T extends Ranged>(index: ConflictIndex<T>, item: T): number {
  return countUnder(index.his, item.interval.lo, false);
}

/** Where the items starting above this one's end begin in `byLo`. */
function aboveStart<T extends Ranged>(index: ConflictIndex<T>, item: T): number {
  return countUnder(index.los, item.interval.hi, true);
}

/**
 * The items this one conflicts with (above it only, or on both sides), the `limit` nearest named.
 * With no limit, all of them: in the given order, as comparing every pair would list them.
 */
export function conflictsOf<T extends Ranged>(
  index: ConflictIndex<T>,
  item: T,
  limit = Number.POSITIVE_INFINITY,
  sides: 'both' | 'above' = 'both',
): Named<T> {
  let below = sides === 'both' ? countBelow(index, item) - 1 : -1;
  let above = aboveStart(index, item);
  const total = below + 1 + (index.byLo.length - above);
  const named: T[] = [];
  while (named.length < limit && (below >= 0 || above < index.byLo.length)) {
    const under = below >= 0 ? (index.byHi[below] as T) : undefined;
    const over = above < index.byLo.length ? (index.byLo[above] as T) : undefined;
    // The nearer of the two: the smaller gap between the intervals.
    if (under && (!over || item.interval.lo - under.interval.hi <= over.interval.lo - item.interval.hi)) {
      named.push(under);
      below--;
    } else if (over) {
      named.push(over);
      above++;
    }
  }
  return { items: inGivenOrder(index, named), more: total - named.length };
}

/** The other items whose intervals meet this one's (both can be true), the `limit` starting nearest named. */
export function meetingOf<T extends Ranged>(
  index: ConflictIndex<T>,
  item: T,
  limit = Number.POSITIVE_INFINITY,
): Named<T> {
  const total =
    index.byLo.length - 1 - countBelow(index, item) - (index.byLo.length - aboveStart(index, item));
  const found: T[] = [];
  // Among the items that start at or before this one's end, those that end at or after its start.
  collectReaching(index, aboveStart(index, item), item.interval.lo, 1, 0, index.leaves, (other) => {
    if (found.length >= limit) return false;
    if (other !== item) found.push(other);
    return true;
  });
  return { items: inGivenOrder(index, found), more: total - found.length };
}

/**
 * Visits, latest start first, the items of `byLo` before `end` whose upper end reaches `lo`,
 * descending only into the parts of the max-tree that hold one; stops when `visit` says so.
 */
function collectReaching<T extends Ranged>(
  index: ConflictIndex<T>,
  end: number,
  lo: number,
  node: number,
  from: number,
  to: number,
  visit: (item: T) => boolean,
): boolean {
  if (from >= end || (index.maxHi[node] ?? Number.NEGATIVE_INFINITY) < lo) return true;
  if (to - from === 1) return visit(index.byLo[from] as T);
  const middle = (from + to) >> 1;
  return (
    collectReaching(index, end, lo, 2 * node + 1, middle, to, visit) &&
    collectReaching(index, end, lo, 2 * node, from, middle, visit)
  );
}

function inGivenOrder<T extends Ranged>(index: ConflictIndex<T>, items: readonly T[]): T[] {
  // Places sorted as numbers: a few named, or thousands (a chart's every conflict), sort quickly.
  const places = Uint32Array.from(items, (item) => index.position.get(item) ?? 0).sort();
  return Array.from(places, (place) => index.items[place] as T);
}

/** How many entries of an ascending list are below `value` (or equal to it, with `orEqual`). */
function countUnder(sorted: Float64Array, value: number, orEqual: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const middle = (lo + hi) >> 1;
    const entry = sorted[middle] ?? 0;
    if (entry < value || (orEqual && entry === value)) lo = middle + 1;
    else hi = middle;
  }
  return lo;
}
