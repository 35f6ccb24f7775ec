/**
 * When each server's slots are dealt with: a timer per server, set for its next slot but never more
 * than a minute ahead, so that a slot the clock jumped over is caught up (and marked late) within a
 * minute, and a clock set back is noticed as soon. What a wake-up does with a slot is the slot
 * keeper's.
 */

import type { Logger } from '../log.js';
import { type DigestSettings, StateWriteError } from '../store/records.js';
import type { SlotOutcome } from './slot-keeper.js';
import { cronSchedule } from './slots.js';

/** Calls `wake` in `ms` milliseconds and returns what cancels it: a timer, or the tests' clock. */
export type SetTimer = (ms: number, wake: () => Promise<void>) => () => void;

export interface SchedulerOptions {
  /** The settings in force for a server, or null when it has no schedule. */
  settings: (guildId: string) => Promise<DigestSettings | null>;
  /** Deals with the latest slot due at `at`. */
  tick: (guildId: string, at: Date) => Promise<SlotOutcome>;
  /** Starts the server again, catch-up included: when its settings could not be read. */
  restart: (guildId: string) => Promise<unknown>;
  logger: Logger;
  now: () => Date;
  /** A Node timer unless given (the tests' clock). */
  setTimer?: SetTimer;
}

/** The schedule looks at the clock at least this often, so a clock that jumps is noticed within it. */
const MAX_SLEEP_MS = 60_000;

export class DigestScheduler {
  /** Each scheduled server's pending wake-up, as the function that cancels it. */
  private readonly timers = new Map<string, () => void>();

  constructor(private readonly options: SchedulerOptions) {}

  /** When the server's next slot falls, or null when it has no schedule (or none within a century). */
  async nextRun(guildId: string): Promise<Date | null> {
    const settings = await this.options.settings(guildId);
    if (!settings) return null;
    return cronSchedule(settings.cron, settings.timeZone).next(this.options.now());
  }

  /**
   * Starts (or restarts) the server's schedule. Slots up to `dealtWithUpTo` are the caller's: the
   * catch-up at start, or a schedule that begins now.
   */
  async schedule(guildId: string, dealtWithUpTo: Date = this.options.now()): Promise<void> {
    this.unschedule(guildId);
    const { now, setTimer = nodeTimer, tick, logger } = this.options;
    const settings = await this.settingsOrRetry(guildId, setTimer);
    if (!settings) return;
    const schedule = cronSchedule(settings.cron, settings.timeZone);
    let dealtWith = schedule.previous(dealtWithUpTo)?.getTime();
    const arm = () => {
      const moment = now();
      const next = schedule.next(moment);
      // A slot came while the caller dealt with an earlier one (a catch-up slower than a minute,
      // as at the start of many servers on a busy machine): at once, rather than never.
      const missed = schedule.previous(moment)?.getTime() !== dealtWith;
      const wait = missed
        ? 0
        : next
          ? Math.min(next.getTime() - moment.getTime(), MAX_SLEEP_MS)
          : MAX_SLEEP_MS;
      this.timers.set(guildId, setTimer(Math.max(0, wait), wake));
    };
    const wake = async () => {
      const moment = now();
      const due = schedule.previous(moment)?.getTime();
      const fresh = due !== undefined && due !== dealtWith;
      if (fresh) dealtWith = due;
      arm();
      if (!fresh) return;
      const outcome = await tick(guildId, moment).catch((error: unknown) => {
        logger.error({ guild: guildId, err: error }, 'scheduled digest failed');
      });
      // The store refused (a read-only folder, a database away): the slot is tried again at the
      // next wake-up, within a minute, rather than left to the next slot.
      if (outcome?.outcome === 'failed' && outcome.stage === 'state') dealtWith = undefined;
    };
    arm();
  }

  /**
   * The server's settings; when the store is away (a database restarting), null, with the server
   * started again within a minute, catch-up included, rather than left without a schedule until
   * the process restarts.
   */
  private async settingsOrRetry(guildId: string, setTimer: SetTimer): Promise<DigestSettings | null> {
    try {
      return await this.options.settings(guildId);
    } catch (error) {
      if (!(error instanceof StateWriteError)) throw error;
      const { logger, restart } = this.options;
      logger.warn({ guild: guildId, err: error }, 'digest schedule not read; trying again within a minute');
      this.timers.set(
        guildId,
        setTimer(MAX_SLEEP_MS, async () => {
          await restart(guildId).catch((retryError: unknown) =>
            logger.error({ guild: guildId, err: retryError }, 'digest start failed'),
          );
        }),
      );
      return null;
    }
  }

  unschedule(guildId: string): void {
    this.timers.get(guildId)?.();
    this.timers.delete(guildId);
  }

  /** Stops every schedule. */
  stop(): void {
    for (const guildId of [...this.timers.keys()]) this.unschedule(guildId);
  }
}

/** The schedule alone never keeps the process alive. */
function nodeTimer(ms: number, wake: () => Promise<void>): () => void {
  const timer = setTimeout(() => void wake(), ms);
  timer.unref();
  return () => clearTimeout(timer);
}
