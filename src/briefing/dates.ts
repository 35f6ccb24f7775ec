/** Dates as readers expect them, at the precision the data has. */

import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns';

/** "12 December 2023", "May 2023" or "2021". */
export function formatPartialDate(date: string): string {
  return formatAt(date, 'MMMM yyyy', 'd MMMM yyyy');
}

/** "12 Dec 2023", "May 2023" or "2021": for lists where space counts. */
export function formatShortDate(date: string): string {
  return formatAt(date, 'MMM yyyy', 'd MMM yyyy');
}

/**
 * Dates formatted once each: formatting in a time zone costs microseconds a call, and a reply of a
 * story told by many reports formats the same few dates dozens of times. The data's dates are few.
 */
const formatted = new Map<string, string>();

function formatAt(date: string, monthPattern: string, dayPattern: string): string {
  const key = `${monthPattern}|${dayPattern}|${date}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = formatOnce(date, monthPattern, dayPattern);
    formatted.set(key, text);
  }
  return text;
}

function formatOnce(date: string, monthPattern: string, dayPattern: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (month === undefined) return String(year);
  const at = new Date(Date.UTC(year ?? 0, month - 1, day ?? 1, 12));
  // Formatted in UTC, where the date was built: the host's zone must not move it a day.
  return format(at, day === undefined ? monthPattern : dayPattern, { in: tz('UTC') });
}

/** Middays worked out once each, as dates are formatted (`formatted`): the zone's rules cost as much. */
const middays = new Map<string, number>();

/** Midday of a calendar date in a time zone, as Unix seconds. */
export function middayUnixSeconds(date: string, timeZone: string): number {
  const key = `${timeZone}|${date}`;
  let seconds = middays.get(key);
  if (seconds === undefined) {
    const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
    seconds = Math.floor(new TZDate(year, month - 1, day, 12, 0, 0, timeZone).getTime() / 1000);
    middays.set(key, seconds);
  }
  return seconds;
}

/**
 * A moment as Discord's timestamp markup, which each reader's client shows in their own zone and
 * language: `R` "2 years ago", `f` "12 December 2023 12:00", `F` with the weekday.
 */
export function discordTimestamp(at: Date | number, style: 'R' | 'f' | 'F'): string {
  const seconds = at instanceof Date ? Math.floor(at.getTime() / 1000) : at;
  return `<t:${seconds}:${style}>`;
}

/**
 * "(2 years ago)" as a Discord timestamp, for a date known to the day. Only the relative style:
 * a full-date timestamp is shown in each reader's zone and would move the day for some of them.
 */
export function howLongAgo(date: string, timeZone: string): string {
  return isDayPrecise(date) ? `(${discordTimestamp(middayUnixSeconds(date, timeZone), 'R')})` : '';
}

/** "12 December 2023", "May 2023 (day not given)", "2023 (month not given)": the precision said aloud. */
export function formatPartialDateWithPrecision(date: string): string {
  const parts = date.split('-').length;
  const formatted = formatPartialDate(date);
  if (parts === 1) return `${formatted} (month not given)`;
  return parts === 2 ? `${formatted} (day not given)` : formatted;
}

/**
 * An event's date (as `single` writes one), or the window it falls in: "between 12 and 13 December
 * 2023" (each end at its own precision when they differ: "between 30 November 2023 and December
 * 2023 (day not given)").
 */
export function formatDateWindow(
  date: string,
  until: string | undefined,
  single: (date: string) => string = formatPartialDateWithPrecision,
): string {
  if (until === undefined) return single(date);
  const [y1, m1] = date.split('-');
  const [y2, m2] = until.split('-');
  const bothDays = isDayPrecise(date) && isDayPrecise(until);
  if (bothDays && y1 === y2 && m1 === m2)
    return `between ${Number(date.split('-')[2])} and ${formatPartialDate(until)}`;
  return `between ${formatPartialDateWithPrecision(date)} and ${formatPartialDateWithPrecision(until)}`;
}

/** Whether a partial date gives the day ("2023-12-12"), not just the month or the year. */
export function isDayPrecise(date: string): boolean {
  return date.split('-').length === 3;
}
