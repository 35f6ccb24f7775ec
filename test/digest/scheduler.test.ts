/**
 * The scheduler alone: when it wakes up for a server and which slots it hands to the slot keeper.
 * Real cron expressions and time zones; the clock and the timers are the test's, and the slot
 * keeper is replaced by a record of the slots it is handed.
 */
import { describe, expect, it } from 'vitest';
import { DigestScheduler } from '../../src/digest/scheduler.js';
import type { SlotOutcome } from '../../src/digest/slot-keeper.js';
import { createLogger } from '../../src/log.js';
import type { DigestSettings } from '../../src/store/records.js';
import { at, FakeTimers } from '../helpers/digest-setup.js';

const GUILD = '100000000000000001';

const daily = (cron: string): DigestSettings => ({
  enabled: true,
  channelId: '200000000000000002',
  cron,
  timeZone: 'Asia/Karachi',
  incident: null,
  mode: 'always',
  activeSince: '2026-03-01T00:00:00.000Z',
});

/** A scheduler whose ticks are recorded and answered by `keeper.answer` (the slot keeper's part). */
function scheduler(settings: DigestSettings | null) {
  const clock = { now: at('2026-03-02T03:58:00Z') };
  const timers = new FakeTimers();
  const ticks: string[] = [];
  const keeper = { answer: (): SlotOutcome => ({ outcome: 'already_done' }) };
  const logs: string[] = [];
  const scheduled = new DigestScheduler({
    settings: async () => settings,
    tick: async (_guildId, moment) => {
      ticks.push(moment.toISOString());
      return keeper.answer();
    },
    restart: async () => undefined,
    logger: createLogger({ level: 'info', destination: { write: (l: string) => logs.push(l) } }),
    now: () => clock.now,
    setTimer: timers.set,
  });
  return { scheduled, clock, timers, ticks, keeper, logs };
}

describe('the scheduler', () => {
  it('wakes at the slot when it is less than a minute away, else after a minute', async () => {
    // 09:00 in Karachi is 04:00 UTC: two minutes away, then ten seconds away.
    const s = scheduler(daily('0 9 * * *'));
    await s.scheduled.schedule(GUILD);
    expect(s.timers.nextDelays).toEqual([60_000]);
    s.clock.now = at('2026-03-02T03:59:50Z');
    await s.timers.fire();
    expect(s.timers.nextDelays).toEqual([10_000]);
    expect(s.ticks).toEqual([]);
  });

  it('hands each slot to the slot keeper once, however often it wakes after it', async () => {
    const s = scheduler(daily('0 9 * * *'));
    await s.scheduled.schedule(GUILD);
    s.clock.now = at('2026-03-02T04:00:00Z');
    await s.timers.fire();
    s.clock.now = at('2026-03-02T04:01:00Z');
    await s.timers.fire();
    s.clock.now = at('2026-03-03T04:00:30Z');
    await s.timers.fire();
    expect(s.ticks).toEqual(['2026-03-02T04:00:00.000Z', '2026-03-03T04:00:30.000Z']);
  });

  it('leaves slots up to the moment it starts to the caller', async () => {
    const s = scheduler(daily('* * * * *'));
    s.clock.now = at('2026-03-02T04:00:30Z');
    await s.scheduled.schedule(GUILD);
    await s.timers.fire();
    expect(s.ticks).toEqual([]);
    s.clock.now = at('2026-03-02T04:01:00Z');
    await s.timers.fire();
    expect(s.ticks).toEqual(['2026-03-02T04:01:00.000Z']);
  });

  it('hands a slot again at the next wake-up when the store refused it, not otherwise', async () => {
    const s = scheduler(daily('0 9 * * *'));
    s.keeper.answer = () => ({ outcome: 'failed', stage: 'state', error: new Error('read-only') });
    await s.scheduled.schedule(GUILD);
    s.clock.now = at('2026-03-02T04:00:00Z');
    await s.timers.fire();
    s.keeper.answer = () => ({ outcome: 'failed', stage: 'post', error: new Error('500') });
    s.clock.now = at('2026-03-02T04:01:00Z');
    await s.timers.fire();
    s.clock.now = at('2026-03-02T04:02:00Z');
    await s.timers.fire();
    expect(s.ticks).toEqual(['2026-03-02T04:00:00.000Z', '2026-03-02T04:01:00.000Z']);
  });

  it('keeps its schedule when a slot throws, and logs it', async () => {
    const s = scheduler(daily('0 9 * * *'));
    s.keeper.answer = () => {
      throw new Error('the dataset vanished');
    };
    await s.scheduled.schedule(GUILD);
    s.clock.now = at('2026-03-02T04:00:00Z');
    await s.timers.fire();
    expect(s.ticks).toEqual(['2026-03-02T04:00:00.000Z']);
    expect(s.timers.nextDelays).toEqual([60_000]);
    expect(
      s.logs.some((l) => l.includes('scheduled digest failed') && l.includes('the dataset vanished')),
    ).toBe(true);
  });

  it('sets no timer for a server without a schedule, and none after unschedule', async () => {
    const none = scheduler(null);
    await none.scheduled.schedule(GUILD);
    expect(none.timers.nextDelays).toEqual([]);
    expect(await none.scheduled.nextRun(GUILD)).toBeNull();

    const s = scheduler(daily('0 9 * * *'));
    await s.scheduled.schedule(GUILD);
    await s.scheduled.schedule(GUILD);
    expect(s.timers.nextDelays).toHaveLength(1);
    s.scheduled.unschedule(GUILD);
    expect(s.timers.nextDelays).toEqual([]);
  });

  it('gives the next run in the schedule’s time zone', async () => {
    const s = scheduler(daily('30 7 * * 1'));
    // Monday 2 March 2026, 08:58 in Karachi: the next Monday 07:30 is a week later.
    expect(await s.scheduled.nextRun(GUILD)).toEqual(at('2026-03-09T02:30:00Z'));
  });
});
