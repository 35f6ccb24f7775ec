/**
 * Schedule slots from a cron expression read in a time zone, computed field by field: the month,
 * then the days that match in it, then the times of day. A slot is found in microseconds however
 * rare the expression (`0 0 1 1 *`, `0 0 29 2 1`), so no server's schedule can hold up the others.
 *
 * Fields mean what node-cron (which validates the expressions) makes of them: its own parser
 * expands names, ranges, steps and lists, and day of month and day of week must both match, as in
 * node-cron. Local times follow one rule where daylight saving time moves the clock: each
 * scheduled local time is posted once. A local time the clock skips is posted at the moment it
 * would have been without the change (02:30 skipped by a 02:00→03:00 jump is posted at 03:30);
 * a local time the clock repeats is posted at its first occurrence only.
 */
import { tzOffset } from '@date-fns/tz';
import { parse } from 'node-cron';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far ahead or back a search goes: an expression matching nothing in a century matches nothing. */
const HORIZON_MONTHS = 100 * 12;

export interface CronSchedule {
  readonly expression: string;
  readonly timeZone: string;
  /** The first slot strictly after `after`, or null when none falls within a century. */
  next(after: Date): Date | null;
  /** The latest slot at or before `atOrBefore` and strictly after `after` (a century back at most). */
  previous(atOrBefore: Date, after?: Date | null): Date | null;
}

export function floorToMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / MINUTE) * MINUTE);
}

/** Compiled expressions, kept: each server asks for its own again and again (bounded, oldest out). */
const compiled = new Map<string, Fields>();
const COMPILED_KEPT = 256;

export function cronSchedule(expression: string, timeZone: string): CronSchedule {
  let fields = compiled.get(expression);
  if (!fields) {
    fields = compileFields(expression);
    compiled.set(expression, fields);
    if (compiled.size > COMPILED_KEPT) compiled.delete(compiled.keys().next().value as string);
  }
  const zone = zoneDays(timeZone);
  const known = fields;
  return {
    expression,
    timeZone,
    next: (after) => findNext(known, zone, after.getTime()),
    previous: (atOrBefore, after) =>
      findPrevious(known, zone, atOrBefore.getTime(), after ? after.getTime() : Number.NEGATIVE_INFINITY),
  };
}

// ---------------------------------------------------------------------------------------------
// Fields

interface Fields {
  /** Minutes of the day (hour × 60 + minute) that match, ascending. */
  times: number[];
  months: Set<number>;
  /**
   * The days that match in a month of `lastDay` days whose 1st is `firstWeekday` (0 is Sunday), as
   * a bit mask (bit d − 1 for day d): both day fields must match, as in node-cron. A month's days
   * depend on nothing else, so the 28 possible masks are worked out once each.
   */
  days: (lastDay: number, firstWeekday: number) => number;
}

function compileFields(expression: string): Fields {
  const parsed = parse(expression);
  const ascending = (values: readonly number[]) => [...new Set(values)].sort((a, b) => a - b);
  const minutes = ascending(parsed.minute);
  // Hours then minutes, each ascending: the times of day come out in order.
  const times = ascending(parsed.hour).flatMap((h) => minutes.map((m) => h * 60 + m));
  const dayOfMonth = dayOfMonthMatcher(parsed.dayOfMonth);
  const dayOfWeek = dayOfWeekMatcher(parsed.dayOfWeek);
  const masks = new Map<number, number>();
  return {
    times,
    months: new Set(parsed.month),
    days(lastDay, firstWeekday) {
      const key = lastDay * 7 + firstWeekday;
      let mask = masks.get(key);
      if (mask === undefined) {
        mask = dayOfMonth(lastDay, firstWeekday) & dayOfWeek(lastDay, firstWeekday);
        masks.set(key, mask);
      }
      return mask;
    },
  };
}

const bit = (day: number) => 1 << (day - 1);
const allDays = (lastDay: number) => (lastDay === 31 ? 0x7fffffff : (1 << lastDay) - 1);
const weekdayOf = (day: number, firstWeekday: number) => (firstWeekday + day - 1) % 7;

type DayMatcher = (lastDay: number, firstWeekday: number) => number;

/** Day-of-month tokens as node-cron reads them: n, L (last), L-n, nW and LW (nearest weekday). */
function dayOfMonthMatcher(tokens: readonly (number | string)[]): DayMatcher {
  let fixed = 0;
  const special: string[] = [];
  for (const token of tokens) {
    if (typeof token === 'number') fixed |= bit(token);
    else special.push(token.toUpperCase());
  }
  return (lastDay, firstWeekday) => {
    let mask = fixed & allDays(lastDay);
    for (const token of special) {
      const day =
        token === 'L'
          ? lastDay
          : token.startsWith('L-')
            ? lastDay - Number(token.slice(2))
            : token.endsWith('W')
              ? nearestWeekday(lastDay, firstWeekday, token === 'LW' ? lastDay : Number(token.slice(0, -1)))
              : -1;
      if (day >= 1 && day <= lastDay) mask |= bit(day);
    }
    return mask;
  };
}

/** The weekday nearest to a day, within its month (node-cron's rule for `nW`). */
function nearestWeekday(lastDay: number, firstWeekday: number, target: number): number {
  if (target < 1 || target > lastDay) return -1;
  const weekday = weekdayOf(target, firstWeekday);
  if (weekday === 6) return target === 1 ? target + 2 : target - 1;
  if (weekday === 0) return target === lastDay ? target - 2 : target + 1;
  return target;
}

/** Day-of-week tokens as node-cron reads them: n (0 is Sunday), nL (the last one), n#k (the k-th). */
function dayOfWeekMatcher(tokens: readonly (number | string)[]): DayMatcher {
  const weekdays = new Set<number>();
  const special: string[] = [];
  for (const token of tokens) {
    if (typeof token === 'number') weekdays.add(token % 7);
    else special.push(token.toUpperCase());
  }
  return (lastDay, firstWeekday) => {
    let mask = 0;
    for (let day = 1; day <= lastDay; day++) if (weekdays.has(weekdayOf(day, firstWeekday))) mask |= bit(day);
    for (const token of special) {
      const weekday = Number(token[0]) % 7;
      const first = 1 + ((weekday - firstWeekday + 7) % 7);
      const day = token.endsWith('L')
        ? first + 7 * Math.floor((lastDay - first) / 7)
        : first + 7 * (Number(token.slice(2)) - 1);
      if (day <= lastDay) mask |= bit(day);
    }
    return mask;
  };
}

/** The matching days of a month, as a bit mask (bit d − 1 for day d); 0 when the month is not listed. */
function monthMask(fields: Fields, year: number, month: number): number {
  if (!fields.months.has(month)) return 0;
  // 1 January 1970 was a Thursday (4); days since then, modulo 7.
  const firstWeekday = (((Date.UTC(year, month - 1, 1) / DAY + 4) % 7) + 7) % 7;
  return fields.days(daysInMonth(year, month), firstWeekday);
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

// ---------------------------------------------------------------------------------------------
// Local days and the instants of their times

/**
 * A local calendar day and how its wall-clock times map to instants. A day is "plain" when the
 * zone's offset is the same a day before and two days after it (no change of offset can affect
 * it); otherwise the instant of the change is found, to the minute, and each time is placed by the
 * rule in the header.
 */
interface LocalDay {
  /** Midnight of the day's date, as if it were UTC (ms). */
  start: number;
  /** Offsets (minutes) before and after the day; equal for a plain day. */
  before: number;
  after: number;
  /** The instant the offset changes (ms), for a day that is not plain. */
  change: number;
}

function zoneDays(timeZone: string) {
  const offset = (ms: number) => Math.round(tzOffset(timeZone, new Date(ms)));
  return {
    /** The local date (as UTC midnight, ms) of an instant. */
    dateOf(ms: number): number {
      return Math.floor((ms + offset(ms) * MINUTE) / DAY) * DAY;
    },
    day(start: number): LocalDay {
      const before = offset(start - DAY);
      const after = offset(start + 2 * DAY);
      if (before === after) return { start, before, after, change: Number.NaN };
      // Binary search, to the minute, for the first instant with the later offset.
      let low = (start - DAY) / MINUTE;
      let high = (start + 2 * DAY) / MINUTE;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (offset(middle * MINUTE) === before) low = middle;
        else high = middle;
      }
      return { start, before, after, change: high * MINUTE };
    },
  };
}

/** The instant a local time of the day is posted at (see the rule in the header). */
function instantOf(day: LocalDay, minuteOfDay: number): number {
  const local = day.start + minuteOfDay * MINUTE;
  const early = local - day.before * MINUTE;
  if (day.before === day.after) return early;
  const late = local - day.after * MINUTE;
  const earlyValid = early < day.change;
  const lateValid = late >= day.change;
  if (earlyValid || !lateValid) return early; // the first occurrence, or a skipped time moved forward
  return late;
}

/** The local dates with at least one matching day, from `date` on (or back), month by month. */
function* matchingDates(fields: Fields, date: number, direction: 1 | -1): Generator<number> {
  const from = new Date(date);
  let year = from.getUTCFullYear();
  let month = from.getUTCMonth() + 1;
  const firstDay = from.getUTCDate();
  for (let i = 0; i < HORIZON_MONTHS; i++) {
    let mask = monthMask(fields, year, month);
    if (i === 0) mask &= direction === 1 ? ~(bit(firstDay) - 1) : (bit(firstDay) << 1) - 1;
    while (mask !== 0) {
      // Lowest set bit going forward, highest going back.
      const day = direction === 1 ? 32 - Math.clz32(mask & -mask) : 32 - Math.clz32(mask);
      mask &= ~bit(day);
      yield Date.UTC(year, month - 1, day);
    }
    month += direction;
    if (month === 13) [year, month] = [year + 1, 1];
    if (month === 0) [year, month] = [year - 1, 12];
  }
}

function findNext(fields: Fields, zone: ReturnType<typeof zoneDays>, after: number): Date | null {
  let best = Number.POSITIVE_INFINITY;
  let lookFurther = false;
  // From a day earlier: a time skipped on it may be moved past `after`.
  for (const date of matchingDates(fields, zone.dateOf(after) - DAY, 1)) {
    if (best !== Number.POSITIVE_INFINITY && !lookFurther) break;
    const day = zone.day(date);
    const plain = day.before === day.after;
    // On a plain day times map to instants in order, so the first one after `after` is the day's.
    const times = plain
      ? [fields.times[firstIndex(fields.times, (t) => instantOf(day, t) > after)] ?? -1]
      : fields.times;
    for (const t of times) {
      const instant = t < 0 ? Number.NaN : instantOf(day, t);
      if (instant > after && instant < best) best = instant;
    }
    // A change of offset can move a time past the next day's: look at one more day before answering.
    lookFurther = !plain;
  }
  return best === Number.POSITIVE_INFINITY ? null : new Date(best);
}

function findPrevious(
  fields: Fields,
  zone: ReturnType<typeof zoneDays>,
  atOrBefore: number,
  after: number,
): Date | null {
  let best = Number.NEGATIVE_INFINITY;
  let lookFurther = false;
  for (const date of matchingDates(fields, zone.dateOf(atOrBefore) + DAY, -1)) {
    if (best !== Number.NEGATIVE_INFINITY && !lookFurther) break;
    // Every time of this day and the ones before is at or before `after` (offsets and moves < 3 days).
    if (date + 3 * DAY <= after) break;
    const day = zone.day(date);
    const plain = day.before === day.after;
    const times = plain
      ? [fields.times.findLast((t) => instantOf(day, t) <= atOrBefore) ?? -1]
      : fields.times;
    for (const t of times) {
      const instant = t < 0 ? Number.NaN : instantOf(day, t);
      if (instant <= atOrBefore && instant > best) best = instant;
    }
    lookFurther = !plain;
  }
  return best > after ? new Date(best) : null;
}

/** The first index at which `isPast` holds, for a predicate false then true along the array. */
function firstIndex(values: readonly number[], isPast: (value: number) => boolean): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (isPast(values[middle] as number)) high = middle;
    else low = middle + 1;
  }
  return low;
}
