/**
 * How the process ends: a fatal error in a real process, logged and exit status 1; a shutdown on
 * SIGTERM with the real bot, within its limit on a clock the test moves.
 */
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stopOnSignals } from '../src/lifecycle.js';
import { type Harness, startHarness } from './helpers/bot-harness.js';

describe('a fatal error', () => {
  const fail = (how: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/fatal-process.ts', how], {
      encoding: 'utf8',
      timeout: 30_000,
    });

  it.each([
    [
      'an unhandled rejection',
      'rejection',
      'unhandled promise rejection: exiting',
      'a promise no one awaited was rejected',
    ],
    ['an uncaught exception', 'exception', 'uncaught exception: exiting', 'a callback threw'],
  ])(
    '%s is logged as fatal, with its stack, and the process exits with status 1',
    (_what, how, msg, message) => {
      const { status, stdout } = fail(how);
      expect(status).toBe(1);
      const lines = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines).toEqual([expect.objectContaining({ level: 60, msg })]);
      expect(lines[0].err).toMatchObject({ type: 'Error', message });
      expect(lines[0].err.stack).toContain('fatal-process.ts');
    },
  );
});

/** Timers on the test's clock: set by the code under test, fired by the test. */
class TestClock {
  readonly timers = new Map<number, { ms: number; fire: () => void }>();
  private ids = 0;
  readonly set = (ms: number, fire: () => void) => {
    const id = this.ids++;
    this.timers.set(id, { ms, fire });
    return () => void this.timers.delete(id);
  };
  /** Time passes until every timer set has fired. */
  runAll(): void {
    const due = [...this.timers.values()];
    this.timers.clear();
    for (const timer of due) timer.fire();
  }
}

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('stopping on SIGTERM', () => {
  let h: Harness;
  let signals: EventEmitter;
  let clock: TestClock;
  let exits: number[];
  beforeEach(async () => {
    // A post that fails is not tried again: the held one ends as soon as the emulator closes.
    h = await startHarness({ digest: { retry: { attempts: 1, firstDelayMs: 0 } } });
    signals = new EventEmitter();
    clock = new TestClock();
    exits = [];
    stopOnSignals({
      logger: h.logger,
      stop: () => h.bot.stop(),
      limitMs: 8000,
      exit: (code) => void exits.push(code),
      events: signals,
      setTimer: clock.set,
    });
  });
  afterEach(async () => {
    await h.emu.close();
    await h.close();
  });

  it('stops the bot and exits 0, the limit no longer running', async () => {
    signals.emit('SIGTERM');
    expect([...clock.timers.values()].map((t) => t.ms)).toEqual([8000]);
    await expect.poll(() => exits).toEqual([0]);
    expect(clock.timers.size).toBe(0);
    expect(h.bot.client.isReady()).toBe(false);
    expect(h.logs.map((l) => JSON.parse(l).msg)).toEqual(
      expect.arrayContaining(['shutting down', 'disconnected', 'stopped']),
    );
  });

  it('exits 1 at the limit when a post to Discord holds the stop up', async () => {
    await h.bot.digests.saveSettings(h.emu.guildId, {
      enabled: true,
      channelId: h.emu.channelId,
      cron: '0 9 * * *',
      timeZone: 'UTC',
      incident: null,
      mode: 'always',
      activeSince: new Date().toISOString(),
    });
    // Discord takes a minute to answer the post: the stop waits for it.
    h.emu.injectFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, delayMs: 60_000 });
    const posting = h.bot.digests.postNow(h.emu.guildId, 'held').catch(() => undefined);

    signals.emit('SIGTERM');
    await turns();
    expect(exits).toEqual([]);
    clock.runAll();

    expect(exits).toEqual([1]);
    // Still waiting for the post: the connection is closed only after it.
    expect(h.bot.client.isReady()).toBe(true);
    const logged = h.logs.map((l) => JSON.parse(l));
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: 'shutdown did not finish within its limit: exiting',
        limitMs: 8000,
      }),
    );
    // The emulator closes and the post fails: nothing posts after the exit.
    await h.emu.close();
    await posting;
    expect(exits).toEqual([1]);
  });

  it('exits 1 at once on a second signal', async () => {
    signals.emit('SIGINT');
    signals.emit('SIGTERM');
    expect(exits).toEqual([1]);
  });
});
