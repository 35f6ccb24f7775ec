/**
 * Schedule slots from a real cron expression read in a time zone (node-cron's own matcher), for
 * any given moment: the scheduler and the tests use the same code with a clock they choose.
 */
import { createTask, type ScheduledTask } from 'node-cron';

const MINUTE = 60_000;
/** How far back a catch-up looks for a missed slot: a month covers daily, weekly and monthly digests. */
export const CATCH_UP_WINDOW_MS = 35 * 24 * 60 * MINUTE;

export interface CronSchedule {
  readonly expression: string;
  readonly timeZone: string;
  matches(date: Date): boolean;
  dispose(): void;
}

export function cronSchedule(expression: string, timeZone: string): CronSchedule {
  const task: ScheduledTask = createTask(expression, () => undefined, { timezone: timeZone });
  return { expression, timeZone, matches: (date) => task.match(date), dispose: () => void task.destroy() };
}

export function floorToMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / MINUTE) * MINUTE);
}

/** The latest slot at or before `atOrBefore` and after `after`, or null if there is none in the window. */
export function latestSlot(schedule: CronSchedule, atOrBefore: Date, after: Date | null): Date | null {
  const floor = Math.max(after ? after.getTime() : 0, atOrBefore.getTime() - CATCH_UP_WINDOW_MS);
  for (let t = floorToMinute(atOrBefore).getTime(); t > floor; t -= MINUTE) {
    if (schedule.matches(new Date(t))) return new Date(t);
  }
  return null;
}

/** The first slot after `after`, within the window. */
export function nextSlot(schedule: CronSchedule, after: Date): Date | null {
  const start = floorToMinute(after).getTime() + MINUTE;
  for (let t = start; t < start + CATCH_UP_WINDOW_MS; t += MINUTE) {
    if (schedule.matches(new Date(t))) return new Date(t);
  }
  return null;
}
