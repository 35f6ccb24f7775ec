/**
 * Posting digests on schedule, exactly once per slot and server:
 * - the state records the latest slot dealt with, written only after the post succeeded;
 * - every message of a slot carries a nonce derived from the server, the slot and the part, sent
 *   with `enforce_nonce`, so a retry after an unseen success returns the same message;
 * - after downtime, only the most recent missed slot is posted, marked late.
 * Nothing here knows discord.js: posting goes through a `DigestPoster`.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../config.js';
import type { Dataset } from '../dataset/dataset.js';
import { findIncident } from '../dataset/lookup.js';
import type { Logger } from '../log.js';
import type { MessagePayload } from '../render/briefing.js';
import { renderBriefing } from '../render/render.js';
import { buildDigest } from './build.js';
import { cronSchedule, floorToMinute } from './slots.js';
import {
  CorruptStateError,
  type DigestSettings,
  emptyGuildState,
  type GuildState,
  readGuildState,
  writeGuildState,
} from './state.js';

export interface DigestPoster {
  /** Posts the messages in order and returns their ids; throws when Discord refuses after its own retries. */
  post(channelId: string, messages: readonly MessagePayload[], nonces: readonly string[]): Promise<string[]>;
}

export interface DigestServiceOptions {
  stateDir: string;
  defaults: Config['digest'];
  dataset: () => Dataset;
  poster: DigestPoster;
  logger: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Calls `wake` in `ms` milliseconds and returns what cancels it: a timer, or the tests' clock. */
  setTimer?: (ms: number, wake: () => Promise<void>) => () => void;
  /** Attempts per slot before giving up until the next tick; the wait doubles each time. */
  retry?: { attempts: number; firstDelayMs: number };
  /** Whether this process holds the server (with shards, only the shard that has it posts). */
  holds?: (guildId: string) => boolean;
  /** The server a channel belongs to, so the environment's default channel applies to its server only. */
  guildOfChannel?: (channelId: string) => string | undefined;
}

export type SlotOutcome =
  | { outcome: 'posted'; slot: Date; late: boolean; messageIds: string[] }
  | { outcome: 'unchanged'; slot: Date }
  | { outcome: 'already_done' | 'no_slot' | 'not_scheduled' | 'not_held' }
  | { outcome: 'clock_set_back'; recordedSlot: Date }
  | { outcome: 'failed'; error: unknown };

/** A slot posted more than this after its time is marked late. */
const LATE_AFTER_MS = 2 * 60_000;
/** The schedule looks at the clock at least this often, so a clock that jumps is noticed within it. */
const MAX_SLEEP_MS = 60_000;
/** A recorded slot further ahead of the clock than this means the clock was set back. */
const CLOCK_TOLERANCE_MS = 60_000;

export class DigestService {
  /** Each scheduled server's pending wake-up, as the function that cancels it. */
  private readonly timers = new Map<string, () => void>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly setTimer: (ms: number, wake: () => Promise<void>) => () => void;
  private readonly retry: { attempts: number; firstDelayMs: number };

  constructor(private readonly options: DigestServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.setTimer = options.setTimer ?? nodeTimer;
    this.retry = options.retry ?? { attempts: 5, firstDelayMs: 2_000 };
  }

  /** The state of a server, or a fresh one; a corrupt file is set aside and reported once. */
  async state(guildId: string): Promise<GuildState> {
    return (await this.savedState(guildId)) ?? emptyGuildState(guildId, this.now());
  }

  /** The settings in force: the server's own, else the environment's defaults if their channel is in this server. */
  async settings(guildId: string): Promise<DigestSettings | null> {
    return this.settingsFrom(guildId, await this.state(guildId));
  }

  private settingsFrom(guildId: string, state: GuildState): DigestSettings | null {
    if (state.settings) return state.settings.enabled ? state.settings : null;
    const { channelId, cron, timeZone, mode } = this.options.defaults;
    if (!channelId || this.options.guildOfChannel?.(channelId) !== guildId) return null;
    return { enabled: true, channelId, cron, timeZone, mode, incident: null, activeSince: state.since };
  }

  private async savedState(guildId: string): Promise<GuildState | null> {
    try {
      return await readGuildState(this.options.stateDir, guildId, this.now());
    } catch (error) {
      if (!(error instanceof CorruptStateError)) throw error;
      this.options.logger.error(
        { guild: guildId, file: error.file, setAsideTo: error.setAsideTo },
        error.message,
      );
      return null;
    }
  }

  /** Called at start and whenever the server appears: catch up on a missed slot, then schedule. */
  async startGuild(guildId: string): Promise<SlotOutcome> {
    try {
      return await this.tick(guildId);
    } finally {
      // Even if the catch-up failed, the server keeps its schedule.
      await this.schedule(guildId);
    }
  }

  /** Deals with the latest slot due at `at` and not yet dealt with: the schedule's wake-up, and the tests' clock. */
  tick(guildId: string, at: Date = this.now()): Promise<SlotOutcome> {
    return this.exclusive(guildId, async () => {
      if (this.options.holds && !this.options.holds(guildId)) return { outcome: 'not_held' };
      let state = await this.savedState(guildId);
      const settings = this.settingsFrom(guildId, state ?? emptyGuildState(guildId, this.now()));
      if (!settings) return { outcome: 'not_scheduled' };
      if (!state) {
        // Remember when this server's schedule began, so a restart can tell a missed slot from one before it.
        state = emptyGuildState(guildId, this.now());
        await writeGuildState(this.options.stateDir, state);
      }
      const schedule = cronSchedule(settings.cron, settings.timeZone);
      const recorded = state.lastSlot ? new Date(state.lastSlot) : null;
      if (recorded && recorded.getTime() > at.getTime() + CLOCK_TOLERANCE_MS) {
        return this.clockSetBack(guildId, state, schedule.previous(at), at, recorded);
      }
      // A slot in the very minute the schedule became active counts; earlier ones never do.
      const activeFrom = new Date(floorToMinute(new Date(settings.activeSince)).getTime() - 1);
      const slot = schedule.previous(at, maxDate(recorded, activeFrom));
      if (!slot) return { outcome: state.lastSlot ? 'already_done' : 'no_slot' };
      return this.postSlot(
        guildId,
        settings,
        state,
        slot,
        this.now().getTime() - slot.getTime() > LATE_AFTER_MS,
      );
    });
  }

  /** `/digest now`: post at once, outside the schedule. */
  postNow(guildId: string, requestId: string): Promise<SlotOutcome> {
    return this.exclusive(guildId, async () => {
      const settings = await this.settings(guildId);
      if (!settings) return { outcome: 'not_scheduled' };
      return this.post(guildId, settings, await this.state(guildId), {
        slot: null,
        late: false,
        nonceKey: `now:${requestId}`,
      });
    });
  }

  async saveSettings(guildId: string, settings: DigestSettings): Promise<void> {
    await this.exclusive(guildId, async () => {
      const state = await this.state(guildId);
      await writeGuildState(this.options.stateDir, { ...state, settings });
    });
    await this.schedule(guildId);
  }

  async nextRun(guildId: string): Promise<Date | null> {
    const settings = await this.settings(guildId);
    if (!settings) return null;
    return cronSchedule(settings.cron, settings.timeZone).next(this.now());
  }

  /**
   * Starts (or restarts) the server's schedule: a timer set for the next slot, but never more than a
   * minute ahead, so that a slot the clock jumped over is caught up (and marked late) within a
   * minute, and a clock set back is noticed as soon. Slots up to now are the caller's: the
   * catch-up at start, or a schedule that begins now.
   */
  async schedule(guildId: string): Promise<void> {
    this.unschedule(guildId);
    const settings = await this.settings(guildId);
    if (!settings) return;
    const schedule = cronSchedule(settings.cron, settings.timeZone);
    let dealtWith = schedule.previous(this.now())?.getTime();
    const arm = () => {
      const now = this.now();
      const next = schedule.next(now);
      const wait = next ? Math.min(next.getTime() - now.getTime(), MAX_SLEEP_MS) : MAX_SLEEP_MS;
      this.timers.set(guildId, this.setTimer(Math.max(0, wait), wake));
    };
    const wake = async () => {
      arm();
      const now = this.now();
      const due = schedule.previous(now)?.getTime();
      if (due === undefined || due === dealtWith) return;
      dealtWith = due;
      await this.tick(guildId, now).then(undefined, (error: unknown) => {
        this.options.logger.error({ guild: guildId, err: error }, 'scheduled digest failed');
      });
    };
    arm();
  }

  unschedule(guildId: string): void {
    this.timers.get(guildId)?.();
    this.timers.delete(guildId);
  }

  /** Stops every schedule and waits for posts under way. */
  async stop(): Promise<void> {
    for (const guildId of [...this.timers.keys()]) this.unschedule(guildId);
    await Promise.allSettled([...this.locks.values()]);
  }

  /**
   * The latest slot dealt with lies ahead of the clock: the clock ran ahead and was set right.
   * Slots up to now count as dealt with (they were posted while the clock was ahead, or predate
   * the correction), and the schedule goes on from now rather than waiting for the recorded slot.
   */
  private async clockSetBack(
    guildId: string,
    state: GuildState,
    latestDue: Date | null,
    now: Date,
    recorded: Date,
  ): Promise<SlotOutcome> {
    this.options.logger.warn(
      { guild: guildId, recordedSlot: recorded, now, resumeAfter: latestDue },
      'the latest digest slot on record is in the future: the clock was set back; the schedule resumes from now',
    );
    await writeGuildState(this.options.stateDir, { ...state, lastSlot: latestDue?.toISOString() ?? null });
    return { outcome: 'clock_set_back', recordedSlot: recorded };
  }

  private postSlot(
    guildId: string,
    settings: DigestSettings,
    state: GuildState,
    slot: Date,
    late: boolean,
  ): Promise<SlotOutcome> {
    return this.post(guildId, settings, state, { slot, late, nonceKey: `slot:${slot.toISOString()}` });
  }

  private async post(
    guildId: string,
    settings: DigestSettings,
    state: GuildState,
    { slot, late, nonceKey }: { slot: Date | null; late: boolean; nonceKey: string },
  ): Promise<SlotOutcome> {
    const dataset = this.options.dataset();
    const incident = findIncident(dataset, settings.incident ?? undefined);
    if (!incident) {
      const error = new Error(`the digest's incident "${settings.incident}" is not in the dataset`);
      this.options.logger.error(
        { guild: guildId, err: error },
        'digest not posted: choose another incident with /digest set',
      );
      return { outcome: 'failed', error };
    }
    const digest = buildDigest({
      dataset,
      incident,
      previous: state.lastPost?.snapshot ?? null,
      lateFor: late && slot ? { slot, timeZone: settings.timeZone } : undefined,
    });
    if (slot && settings.mode === 'changed' && state.lastPost && !digest.changed) {
      await writeGuildState(this.options.stateDir, { ...state, lastSlot: slot.toISOString() });
      this.options.logger.info({ guild: guildId, slot }, 'digest skipped: dataset unchanged');
      return { outcome: 'unchanged', slot };
    }
    const messages = renderBriefing(digest.briefing).messages;
    const nonces = messages.map((_, part) => digestNonce(guildId, nonceKey, part));
    let messageIds: string[];
    try {
      messageIds = await this.withRetries(
        () => this.options.poster.post(settings.channelId, messages, nonces),
        { guildId, nonceKey },
      );
    } catch (error) {
      this.options.logger.error(
        { guild: guildId, slot, err: error },
        'digest not posted after retries; the next slot posts the digest then due',
      );
      return { outcome: 'failed', error };
    }
    const postedAt = this.now().toISOString();
    await writeGuildState(this.options.stateDir, {
      ...state,
      lastSlot: slot ? slot.toISOString() : state.lastSlot,
      lastPost: {
        slot: slot?.toISOString() ?? null,
        postedAt,
        late,
        channelId: settings.channelId,
        messageIds,
        snapshot: digest.snapshot,
      },
    });
    this.options.logger.info({ guild: guildId, slot, late, parts: messageIds.length }, 'digest posted');
    return slot
      ? { outcome: 'posted', slot, late, messageIds }
      : { outcome: 'posted', slot: this.now(), late: false, messageIds };
  }

  private async withRetries<T>(attempt: () => Promise<T>, context: Record<string, unknown>): Promise<T> {
    let delay = this.retry.firstDelayMs;
    for (let tried = 1; ; tried++) {
      try {
        return await attempt();
      } catch (error) {
        if (tried >= this.retry.attempts) throw error;
        this.options.logger.warn(
          { ...context, tried, retryInMs: delay, err: error },
          'digest post failed; retrying',
        );
        await this.sleep(delay);
        delay *= 2;
      }
    }
  }

  /** One operation at a time per server, so a scheduled post and /digest now never race on the state. */
  private exclusive<T>(guildId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(guildId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.locks.set(guildId, settled);
    void settled.then(() => {
      if (this.locks.get(guildId) === settled) this.locks.delete(guildId);
    });
    return next;
  }
}

function nodeTimer(ms: number, wake: () => Promise<void>): () => void {
  const timer = setTimeout(() => void wake(), ms);
  // The schedule alone never keeps the process alive.
  timer.unref();
  return () => clearTimeout(timer);
}

/** Discord keeps a nonce for a few minutes; derived from server, slot and part, a retry reuses it. */
export function digestNonce(guildId: string, key: string, part: number): string {
  return createHash('sha256').update(`${guildId}|${key}|${part}`).digest('base64url').slice(0, 25);
}

function maxDate(a: Date | null, b: Date): Date {
  return a && a > b ? a : b;
}
