/**
 * Digest slot arithmetic on hostile schedules: how long finding the next and the latest slot takes
 * for expressions that match once a year, once in decades or never, in zones whose clocks change;
 * and how late the event loop runs while many servers ask for such schedules one after another.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cronSchedule } from '../src/digest/slots.js';
import { summarise } from './e2e.js';

export const HOSTILE = [
  { expression: '0 0 1 1 *', what: 'once a year' },
  { expression: '0 0 29 2 1', what: '29 February on a Monday (2016, 2044)' },
  { expression: '0 0 1 * 0#5', what: 'never (the 1st is never a fifth Sunday)' },
  { expression: '59 23 31 12 5', what: 'New Year’s Eve on a Friday' },
  { expression: '* * * * *', what: 'every minute' },
  { expression: '*/7 0-3 L * *', what: 'last day of the month, night hours' },
] as const;
const ZONES = ['Asia/Karachi', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Apia'];

export interface ScheduleResult {
  rows: { expression: string; what: string; nextUs: number; previousUs: number; maxUs: number }[];
  eventLoop: { computations: number; p50Ms: number; p99Ms: number; maxMs: number };
}

/** Moments spread over 2025-2027, each near a different hour of a different day. */
const moment = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 7_919_993);

export async function measureSchedules(callsPerCase: number): Promise<ScheduleResult> {
  // A zone's first use builds its formatter once per process (a millisecond or two): not timed.
  for (const zone of ZONES) cronSchedule('0 0 * * *', zone).next(new Date());
  const rows = HOSTILE.map(({ expression, what }) => {
    const next: number[] = [];
    const previous: number[] = [];
    for (let i = 0; i < callsPerCase; i++) {
      // A schedule built per call, as /digest status does (its expression's fields are kept).
      const zone = ZONES[i % ZONES.length] ?? 'UTC';
      let started = performance.now();
      cronSchedule(expression, zone).next(moment(i));
      next.push((performance.now() - started) * 1000);
      started = performance.now();
      cronSchedule(expression, zone).previous(moment(i), new Date(Date.UTC(2000, 0, 1)));
      previous.push((performance.now() - started) * 1000);
    }
    return {
      expression,
      what,
      nextUs: summarise(next).p50,
      previousUs: summarise(previous).p50,
      maxUs: Math.max(summarise(next).p99, summarise(previous).p99),
    };
  });
  // Ten servers, each asking for a hostile schedule again as soon as the last answer is out.
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let computations = 0;
  const until = performance.now() + 2_000;
  await Promise.all(
    Array.from({ length: 10 }, async (_, server) => {
      for (let i = server; performance.now() < until; i += 10) {
        const { expression } = HOSTILE[i % HOSTILE.length] ?? HOSTILE[0];
        const schedule = cronSchedule(expression, ZONES[i % ZONES.length] ?? 'UTC');
        schedule.next(moment(i));
        schedule.previous(moment(i), new Date(Date.UTC(2000, 0, 1)));
        computations++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }),
  );
  histogram.disable();
  return {
    rows,
    eventLoop: {
      computations,
      p50Ms: histogram.percentile(50) / 1e6,
      p99Ms: histogram.percentile(99) / 1e6,
      maxMs: histogram.max / 1e6,
    },
  };
}
