/** The test clock the bot's processes read: it starts where told and runs faster, waits included. */
import { describe, expect, it } from 'vitest';
import { fastClock } from '../src/clock.js';

describe('fastClock', () => {
  it('reads the set moment at the set instant, and runs `speed` times as fast', () => {
    let real = 1_000_000;
    const clock = fastClock({ from: new Date('2026-03-02T04:00:00Z'), at: real, speed: 60 }, () => real);
    expect(clock.now().toISOString()).toBe('2026-03-02T04:00:00.000Z');
    real += 1_000;
    expect(clock.now().toISOString()).toBe('2026-03-02T04:01:00.000Z');
  });

  it('two processes given the same setting read the same time', () => {
    const setting = { from: new Date('2026-03-02T04:00:00Z'), at: 5_000, speed: 6 };
    const real = () => 65_000;
    expect(fastClock(setting, real).now()).toEqual(fastClock(setting, real).now());
  });

  it('wakes a timer when its own clock, not the real one, has gone the time', async () => {
    const clock = fastClock({ from: new Date(), at: Date.now(), speed: 1_000 });
    const before = clock.now().getTime();
    let woke = 0;
    await new Promise<void>((resolve) =>
      clock.setTimer(60_000, async () => {
        woke = clock.now().getTime();
        resolve();
      }),
    );
    expect(woke - before).toBeGreaterThanOrEqual(60_000 - 1_000);
  });

  it('cancels a timer', async () => {
    const clock = fastClock({ from: new Date(), at: Date.now(), speed: 1_000 });
    let woke = false;
    const cancel = clock.setTimer(10_000, async () => {
      woke = true;
    });
    cancel();
    await clock.sleep(50_000);
    expect(woke).toBe(false);
  });
});
