/**
 * Slot arithmetic: the same schedule as node-cron's over thousands of random expressions and time
 * zones, and the daylight-saving rule (each scheduled local time posted once) where they differ.
 */
import { tzOffset, tzScan } from '@date-fns/tz';
import fc from 'fast-check';
import { createTask, validate } from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cronSchedule } from '../../src/digest/slots.js';
import { cronProblem } from '../../src/store/schedule-rules.js';

const at = (iso: string) => new Date(iso);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Every slot in (from, until], in order. */
function slotsBetween(expression: string, zone: string, from: string, until: string): string[] {
  const schedule = cronSchedule(expression, zone);
  const slots: string[] = [];
  for (let s = schedule.next(at(from)); s && s <= at(until); s = schedule.next(s)) {
    slots.push(s.toISOString());
  }
  return slots;
}

describe('slots', () => {
  it('finds the next and the latest slot in the schedule’s time zone', () => {
    const daily = cronSchedule('0 9 * * *', 'Asia/Karachi');
    expect(daily.next(at('2026-03-02T03:00:00Z'))).toEqual(at('2026-03-02T04:00:00Z'));
    expect(daily.next(at('2026-03-02T04:00:00Z'))).toEqual(at('2026-03-03T04:00:00Z'));
    expect(daily.previous(at('2026-03-02T04:00:00Z'))).toEqual(at('2026-03-02T04:00:00Z'));
    expect(daily.previous(at('2026-03-02T03:59:00Z'))).toEqual(at('2026-03-01T04:00:00Z'));
    expect(daily.previous(at('2026-03-02T03:59:00Z'), at('2026-03-01T04:00:00Z'))).toBeNull();
  });

  it('finds slots a year or decades away, and says when an expression never matches', () => {
    expect(cronSchedule('0 0 1 1 *', 'UTC').next(at('2026-03-02T00:00:00Z'))).toEqual(
      at('2027-01-01T00:00:00Z'),
    );
    // 29 February on a Monday: 2016, then 2044.
    const leapMonday = cronSchedule('0 0 29 2 1', 'UTC');
    expect(leapMonday.next(at('2016-03-01T00:00:00Z'))).toEqual(at('2044-02-29T00:00:00Z'));
    expect(leapMonday.previous(at('2044-02-28T00:00:00Z'))).toEqual(at('2016-02-29T00:00:00Z'));
    // The 1st of a month is never its fifth Sunday.
    expect(cronSchedule('0 0 1 * 0#5', 'UTC').next(at('2026-03-02T00:00:00Z'))).toBeNull();
  });

  it('reads L, W and # as node-cron does', () => {
    // Last day of the month that is also the month's last Friday.
    expect(cronSchedule('0 9 L * 5L', 'Europe/London').next(at('2025-03-09T00:00:00Z'))).toEqual(
      at('2025-10-31T09:00:00Z'),
    );
    // The weekday nearest the 15th: 15 March 2025 is a Saturday, so Friday the 14th.
    expect(cronSchedule('0 9 15W * *', 'UTC').next(at('2025-03-01T00:00:00Z'))).toEqual(
      at('2025-03-14T09:00:00Z'),
    );
    // The second Sunday.
    expect(cronSchedule('0 9 * * sun#2', 'UTC').next(at('2025-03-01T00:00:00Z'))).toEqual(
      at('2025-03-09T09:00:00Z'),
    );
  });
});

describe('daylight saving time: each scheduled local time is posted once', () => {
  it('a local time the clock skips is posted when it would have been without the change', () => {
    // New York, 9 March 2025: 02:00 EST becomes 03:00 EDT; 02:30 is posted at 03:30 EDT.
    expect(
      slotsBetween('30 2 * * *', 'America/New_York', '2025-03-08T12:00:00Z', '2025-03-10T12:00:00Z'),
    ).toEqual(['2025-03-09T07:30:00.000Z', '2025-03-10T06:30:00.000Z']);
    // Every half hour: 02:00 and 02:30 move onto 03:00 and 03:30, which are slots anyway.
    expect(
      slotsBetween('*/30 * * * *', 'America/New_York', '2025-03-09T06:00:00Z', '2025-03-09T08:00:00Z'),
    ).toEqual([
      '2025-03-09T06:30:00.000Z',
      '2025-03-09T07:00:00.000Z',
      '2025-03-09T07:30:00.000Z',
      '2025-03-09T08:00:00.000Z',
    ]);
  });

  it('a local time the clock repeats is posted at its first occurrence only', () => {
    // New York, 2 November 2025: 02:00 EDT becomes 01:00 EST; 01:30 happens twice.
    expect(
      slotsBetween('30 1 * * *', 'America/New_York', '2025-11-01T12:00:00Z', '2025-11-03T12:00:00Z'),
    ).toEqual(['2025-11-02T05:30:00.000Z', '2025-11-03T06:30:00.000Z']);
    expect(
      slotsBetween('0 * * * *', 'America/New_York', '2025-11-02T03:30:00Z', '2025-11-02T08:00:00Z'),
    ).toEqual([
      '2025-11-02T04:00:00.000Z',
      '2025-11-02T05:00:00.000Z',
      '2025-11-02T07:00:00.000Z',
      '2025-11-02T08:00:00.000Z',
    ]);
    // Between the two 01:30s, the latest slot is still the first one.
    expect(cronSchedule('30 1 * * *', 'America/New_York').previous(at('2025-11-02T06:45:00Z'))).toEqual(
      at('2025-11-02T05:30:00Z'),
    );
  });

  it('holds for half-hour changes, changes at midnight and a skipped day', () => {
    // Lord Howe Island moves 30 minutes, 02:00 → 02:30, on 5 October 2025: 02:15 is posted at 02:45.
    expect(cronSchedule('15 2 * * *', 'Australia/Lord_Howe').next(at('2025-10-04T12:00:00Z'))).toEqual(
      new Date(Date.UTC(2025, 9, 5, 2, 45) - 11 * HOUR),
    );
    // Santiago skips from 00:00 to 01:00 on 7 September 2025: midnight is posted at 01:00.
    expect(cronSchedule('0 0 * * *', 'America/Santiago').next(at('2025-09-06T12:00:00Z'))).toEqual(
      at('2025-09-07T04:00:00Z'),
    );
    // Samoa skipped 30 December 2011 altogether (UTC-10 to UTC+14): that day's 09:00 and the 31st's
    // are one post.
    expect(slotsBetween('0 9 * * *', 'Pacific/Apia', '2011-12-29T00:00:00Z', '2012-01-01T00:00:00Z')).toEqual(
      ['2011-12-29T19:00:00.000Z', '2011-12-30T19:00:00.000Z', '2011-12-31T19:00:00.000Z'],
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Agreement with node-cron

const ZONES = Intl.supportedValuesOf('timeZone');
/** Zones whose clocks change: whole hours at night, half an hour, at midnight, southern summers. */
const DST_ZONES = [
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Tehran',
  'Pacific/Auckland',
  'America/Havana',
];

function field(min: number, max: number, names: readonly string[] = []): fc.Arbitrary<string> {
  const value = fc.integer({ min, max });
  const name = names.length > 0 ? fc.constantFrom(...names) : value.map(String);
  const single = fc.oneof(
    { weight: 3, arbitrary: value.map(String) },
    { weight: 1, arbitrary: name },
    { weight: 2, arbitrary: fc.tuple(value, value).map(([a, b]) => `${a}-${b}`) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: max - min + 1 }).map((s) => `*/${s}`) },
    {
      weight: 1,
      arbitrary: fc.tuple(value, value, fc.integer({ min: 1, max: 10 })).map(([a, b, s]) => `${a}-${b}/${s}`),
    },
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant('*') },
    { weight: 4, arbitrary: single },
    { weight: 2, arbitrary: fc.array(single, { minLength: 2, maxLength: 4 }).map((l) => l.join(',')) },
  );
}

const dayOfMonth = fc.oneof(
  { weight: 6, arbitrary: field(1, 31) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constant('L'),
      fc.constant('LW'),
      fc.integer({ min: 1, max: 30 }).map((n) => `L-${n}`),
      fc.integer({ min: 1, max: 31 }).map((n) => `${n}W`),
    ),
  },
);
const dayOfWeek = fc.oneof(
  { weight: 12, arbitrary: field(0, 7, ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.integer({ min: 0, max: 7 }).map((d) => `${d}L`),
      fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 5 })).map(([d, n]) => `${d}#${n}`),
    ),
  },
);
const expression = fc
  .tuple(
    field(0, 59),
    field(0, 23),
    dayOfMonth,
    field(1, 12, ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']),
    dayOfWeek,
  )
  .map((fields) => fields.join(' '))
  .filter((e) => validate(e) && cronProblem(e) === null);

/** node-cron's own next run after `from` (its getNextRuns counts from the clock, set here). */
function nodeCronNext(expr: string, zone: string, from: Date): Date | null {
  vi.setSystemTime(from);
  const task = createTask(expr, () => undefined, { timezone: zone });
  try {
    return task.getNextRuns(1)[0] ?? null;
  } catch {
    return null; // nothing within node-cron's hundred years
  } finally {
    void task.destroy();
  }
}

function matches(expr: string, zone: string, date: Date): boolean {
  const task = createTask(expr, () => undefined, { timezone: zone });
  try {
    return task.match(date);
  } finally {
    void task.destroy();
  }
}

/** Whether the zone's offset changes within a day of `date`. */
function nearChange(zone: string, date: Date): boolean {
  return tzOffset(zone, new Date(date.getTime() - DAY)) !== tzOffset(zone, new Date(date.getTime() + DAY));
}

/** The local wall-clock time of an instant, as if it were UTC. */
const wallClock = (zone: string, date: Date) => new Date(date.getTime() + tzOffset(zone, date) * MINUTE);

describe('agreement with node-cron', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Our next slot equals node-cron's, or differs exactly as the daylight-saving rule says. */
  function agreesWithNodeCron(expr: string, zone: string, from: Date): 'same' | 'rule' {
    const ours = cronSchedule(expr, zone).next(from);
    const theirs = nodeCronNext(expr, zone, from);
    if (ours?.getTime() === theirs?.getTime()) return 'same';
    const what = `${expr} in ${zone} after ${from.toISOString()}: ${ours?.toISOString()} / ${theirs?.toISOString()}`;
    expect(ours, what).not.toBeNull();
    if (!ours) return 'rule';
    if (!theirs || ours < theirs) {
      // Ours is a local time the clock skipped, moved forward (node-cron never runs it), or one
      // node-cron's own matcher accepts.
      expect(nearChange(zone, ours), what).toBe(true);
      const shift = tzOffset(zone, ours) - tzOffset(zone, new Date(ours.getTime() - DAY));
      const skipped = new Date(wallClock(zone, ours).getTime() - shift * MINUTE);
      expect(matches(expr, 'UTC', skipped) || matches(expr, zone, ours), what).toBe(true);
    } else {
      // node-cron runs a repeated local time twice; ours posts its first occurrence only.
      expect(nearChange(zone, theirs), what).toBe(true);
      const repeated = [30, 60, 120].some(
        (m) =>
          wallClock(zone, new Date(theirs.getTime() - m * MINUTE)).getTime() ===
          wallClock(zone, theirs).getTime(),
      );
      expect(repeated, what).toBe(true);
    }
    return 'rule';
  }

  it('gives node-cron’s next run, but where the daylight-saving rule says otherwise', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const outcomes: string[] = [];
    fc.assert(
      fc.property(
        expression,
        fc.constantFrom(...ZONES),
        fc.date({ min: at('2000-01-01T00:00:00Z'), max: at('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        (expr, zone, from) => {
          outcomes.push(agreesWithNodeCron(expr, zone, from));
        },
      ),
      { numRuns: 2000, seed: 12 },
    );
    // The rule concerns a few moments a year: nearly every case is plain agreement.
    expect(outcomes.filter((o) => o === 'same').length).toBeGreaterThan(1900);
    // 2,000 runs of node-cron's own search: on two cores shared with other work, past the default 30 s.
  }, 120_000);

  it('differs from node-cron only by the rule, hours before a change of offset', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const changes = DST_ZONES.flatMap((zone) =>
      tzScan(zone, { start: at('2020-01-01T00:00:00Z'), end: at('2030-01-01T00:00:00Z') }).map((c) => ({
        zone,
        date: c.date,
      })),
    );
    const outcomes: string[] = [];
    fc.assert(
      fc.property(
        fc.tuple(field(0, 59), field(0, 5)).map(([m, h]) => `${m} ${h} * * *`),
        fc.constantFrom(...changes),
        fc.integer({ min: 1, max: 36 * 60 }),
        (expr, change, minutesBefore) => {
          outcomes.push(
            agreesWithNodeCron(expr, change.zone, new Date(change.date.getTime() - minutesBefore * MINUTE)),
          );
        },
      ),
      { numRuns: 400, seed: 5 },
    );
    expect(outcomes).toContain('rule');
  });

  it('the latest slot at or before a moment is the one whose next is past it', () => {
    fc.assert(
      fc.property(
        expression,
        fc.constantFrom(...ZONES),
        fc.date({ min: at('2000-01-01T00:00:00Z'), max: at('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        (expr, zone, moment) => {
          const schedule = cronSchedule(expr, zone);
          const latest = schedule.previous(moment);
          if (!latest) return;
          expect(latest.getTime()).toBeLessThanOrEqual(moment.getTime());
          expect(schedule.next(new Date(latest.getTime() - 1))).toEqual(latest);
          const following = schedule.next(latest);
          if (following) expect(following.getTime()).toBeGreaterThan(moment.getTime());
        },
      ),
      { numRuns: 3000, seed: 21 },
    );
  });
});
