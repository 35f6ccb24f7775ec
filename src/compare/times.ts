/**
 * Times of day compared: two exact times agree only when equal; "about" a time allows half an hour
 * either side, as a report's "about 2:30 a.m." would not be contradicted by 2:45 but would by 4:00.
 */
import type { ClockTime } from '../dataset/schema.js';

/** How far from "about" a time another may be and still agree with it, in minutes. */
export const ABOUT_MINUTES = 30;

function minutesOf(time: ClockTime): number {
  const [hours = 0, minutes = 0] = time.at.split(':').map(Number);
  return hours * 60 + minutes;
}

export function timesAgree(a: ClockTime, b: ClockTime): boolean {
  const apart = Math.abs(minutesOf(a) - minutesOf(b));
  const gap = Math.min(apart, 24 * 60 - apart);
  return gap <= (a.about ? ABOUT_MINUTES : 0) + (b.about ? ABOUT_MINUTES : 0);
}
