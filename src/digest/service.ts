/**
 * Posting digests on schedule, at most once per slot and server, and exactly once whenever the
 * post and its record both succeed:
 * - a slot is claimed in the state (written to the store) before it is posted, and recorded as dealt
 *   with after; a state that cannot be written holds scheduled posts rather than risk a second one;
 * - every message of a slot carries a nonce derived from the server, the slot and the part, sent
 *   with `enforce_nonce`, so a retry after an unseen success returns the same message; a claim
 *   whose outcome was never recorded is retried only while Discord still remembers the nonce;
 * - one process at a time posts or saves for a server (the store's lock: a file beside its state,
 *   or a database lock);
 * - after downtime, only the most recent missed slot is posted, marked late.
 * Nothing here knows discord.js: posting goes through a `DigestPoster`.
 */

import { createHash } from 'node:crypto';
import { withPictures } from '../chart/attach.js';
import type { FiguresChart } from '../chart/figures.js';
import type { CallStore } from '../contract/calls.js';
import { actionControls } from '../contract/render-reply.js';
import type { Dataset } from '../dataset/dataset.js';
import { findIncident } from '../dataset/names.js';
import type { Logger } from '../log.js';
import type { MessagePayload } from '../render/payload.js';
import { renderBriefing } from '../render/render.js';
import {
  CorruptStateError,
  type DigestSettings,
  type DigestSnapshot,
  emptyGuildState,
  type GuildState,
  StateBusyError,
  StateLockError,
  StateWriteError,
} from '../store/records.js';
import type { DigestDefaults } from '../store/schedule-rules.js';
import type { GuildRecords, Store } from '../store/store.js';
import { buildDigest } from './build.js';
import { type CronSchedule, cronSchedule, floorToMinute } from './slots.js';

export interface DigestPoster {
  /** Posts the messages in order and returns their ids; throws a DigestPostError when Discord refuses. */
  post(channelId: string, messages: readonly MessagePayload[], nonces: readonly string[]): Promise<string[]>;
}

/** Discord refused a post; `permanent` when trying again cannot help (a 4xx other than 429). */
export class DigestPostError extends Error {
  override name = 'DigestPostError';
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface DigestServiceOptions {
  /** Where each server's state is kept, shared with every other process on the same store. */
  store: Store;
  defaults: DigestDefaults;
  dataset: () => Dataset;
  poster: DigestPoster;
  logger: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Calls `wake` in `ms` milliseconds and returns what cancels it: a timer, or the tests' clock. */
  setTimer?: (ms: number, wake: () => Promise<void>) => () => void;
  /** Attempts per post before giving up until the next slot; the wait doubles each time, with jitter. */
  retry?: { attempts: number; firstDelayMs: number };
  /** Draws the jitter, in [0, 1). */
  random?: () => number;
  /** Whether this process holds the server (with shards, only the shard that has it posts). */
  holds?: (guildId: string) => boolean;
  /**
   * The server a channel belongs to: the environment's default channel applies to its server only,
   * and no digest is ever posted in a channel of another server.
   */
  guildOfChannel?: (channelId: string) => string | undefined;
  /** Where the buttons' calls too long for an id are kept (the store's, unless given). */
  calls?: CallStore;
}

export type SlotOutcome =
  | {
      outcome: 'posted';
      slot: Date;
      late: boolean;
      messageIds: string[];
      /** Set when the post went out but could not be recorded. */
      recordError?: StateWriteError;
    }
  | { outcome: 'unchanged'; slot: Date }
  | { outcome: 'already_done' | 'no_slot' | 'not_scheduled' | 'not_held' | 'busy' }
  | { outcome: 'clock_set_back'; recordedSlot: Date }
  | { outcome: 'failed'; stage: 'state' | 'channel' | 'post' | 'dataset'; error: unknown };

/** A digest ready to post. */
interface Composed {
  messages: MessagePayload[];
  /** The figures, drawn and attached when the digest is sent. */
  chart: FiguresChart | undefined;
  snapshot: DigestSnapshot;
  /** Whether the dataset changed since the last digest. */
  changed: boolean;
}

/** A problem that holds a server's scheduled digests, for /digest status. */
export interface DigestProblem {
  message: string;
  since: Date;
}

/** A slot posted more than this after its time is marked late. */
const LATE_AFTER_MS = 2 * 60_000;
/** The schedule looks at the clock at least this often, so a clock that jumps is noticed within it. */
const MAX_SLEEP_MS = 60_000;
/** A recorded slot further ahead of the clock than this means the clock was set back. */
const CLOCK_TOLERANCE_MS = 60_000;
/**
 * How long Discord is trusted to remember a nonce ("a few minutes"): within it a claimed slot whose
 * outcome is unknown is posted again with the same nonces (Discord returns the first messages);
 * after it, the slot counts as posted.
 */
const NONCE_MEMORY_MS = 2 * 60_000;
/** How long a change asked for by hand waits for another process that holds the server. */
const MANUAL_WAIT_MS = 10_000;
/** A digest is posted in two messages at most: what does not fit is a button away. */
const DIGEST_MESSAGES = 2;

export class DigestService {
  /** Each scheduled server's pending wake-up, as the function that cancels it. */
  private readonly timers = new Map<string, () => void>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly problems = new Map<string, DigestProblem>();
  /** Each server's last post as last read or written: what the health endpoint reports. */
  private readonly lastPosts = new Map<string, GuildState['lastPost']>();
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly setTimer: (ms: number, wake: () => Promise<void>) => () => void;
  private readonly retry: { attempts: number; firstDelayMs: number };
  private readonly random: () => number;
  private readonly calls: CallStore;

  constructor(private readonly options: DigestServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.setTimer = options.setTimer ?? nodeTimer;
    this.retry = options.retry ?? { attempts: 5, firstDelayMs: 2_000 };
    this.random = options.random ?? Math.random;
    this.calls = options.calls ?? options.store.calls;
  }

  /** The state of a server, or a fresh one; a corrupt file is set aside and reported once. */
  async state(guildId: string, records: GuildRecords = this.options.store): Promise<GuildState> {
    return (await this.savedState(guildId, records)) ?? emptyGuildState(guildId, this.now());
  }

  /** The settings in force: the server's own, else the environment's defaults if their channel is in this server. */
  async settings(
    guildId: string,
    records: GuildRecords = this.options.store,
  ): Promise<DigestSettings | null> {
    return this.settingsFrom(guildId, await this.state(guildId, records));
  }

  /** What holds this server's scheduled digests, if anything does. */
  problem(guildId: string): DigestProblem | undefined {
    return this.problems.get(guildId);
  }

  /** The server's last post as this process knows it (its state is read when the server appears), without reading the disk. */
  lastPostOf(guildId: string): GuildState['lastPost'] {
    return this.lastPosts.get(guildId) ?? null;
  }

  /** Called at start and whenever the server appears: catch up on a missed slot, then schedule. */
  async startGuild(guildId: string): Promise<SlotOutcome> {
    const at = this.now();
    try {
      return await this.tick(guildId, at);
    } finally {
      // Even if the catch-up failed, the server keeps its schedule, from the slot it dealt with.
      await this.schedule(guildId, at);
    }
  }

  /** Deals with the latest slot due at `at` and not yet dealt with: the schedule's wake-up, and the tests' clock. */
  tick(guildId: string, at: Date = this.now()): Promise<SlotOutcome> {
    return this.exclusive(guildId, async () => {
      if (this.options.holds && !this.options.holds(guildId)) return { outcome: 'not_held' };
      try {
        const outcome = await this.locked(guildId, 0, (held) => this.dealWithSlot(held, guildId, at));
        if (outcome.outcome !== 'failed') this.problems.delete(guildId);
        return outcome;
      } catch (error) {
        if (error instanceof StateBusyError) {
          this.options.logger.info(
            { guild: guildId },
            `digest slot left to the other process: ${error.message}`,
          );
          return { outcome: 'busy' };
        }
        if (!(error instanceof StateWriteError)) throw error;
        this.problems.set(guildId, { message: error.reason, since: this.now() });
        this.options.logger.error(
          { guild: guildId, err: error },
          'scheduled digests held: the state cannot be written, and a post that cannot be recorded could be posted twice',
        );
        return { outcome: 'failed', stage: 'state', error };
      }
    });
  }

  private async dealWithSlot(held: GuildRecords, guildId: string, at: Date): Promise<SlotOutcome> {
    let state = await this.savedState(guildId, held);
    const settings = this.settingsFrom(guildId, state ?? emptyGuildState(guildId, this.now()));
    if (!settings) return { outcome: 'not_scheduled' };
    if (!state) {
      // Remember when this server's schedule began, so a restart can tell a missed slot from one before it.
      state = emptyGuildState(guildId, this.now());
      await this.write(held, state);
    }
    const schedule = cronSchedule(settings.cron, settings.timeZone);
    const recorded = state.lastSlot ? new Date(state.lastSlot) : null;
    if (recorded && recorded.getTime() > at.getTime() + CLOCK_TOLERANCE_MS) {
      return this.clockSetBack(held, guildId, state, schedule, at, recorded);
    }
    if (state.pending) state = await this.settleUnrecorded(held, guildId, state, at);
    // A slot in the very minute the schedule became active counts; earlier ones never do.
    const activeFrom = new Date(floorToMinute(new Date(settings.activeSince)).getTime() - 1);
    const lastSlot = state.lastSlot ? new Date(state.lastSlot) : null;
    const slot = schedule.previous(at, maxDate(lastSlot, activeFrom));
    if (!slot) return { outcome: state.lastSlot ? 'already_done' : 'no_slot' };
    return this.postSlot(
      held,
      guildId,
      settings,
      state,
      slot,
      this.now().getTime() - slot.getTime() > LATE_AFTER_MS,
    );
  }

  /** `/digest now`: post at once, outside the schedule. */
  postNow(guildId: string, requestId: string): Promise<SlotOutcome> {
    return this.exclusive(guildId, async () => {
      const post = (records: GuildRecords) => this.postNowUnlocked(records, guildId, requestId);
      try {
        return await this.locked(guildId, MANUAL_WAIT_MS, post);
      } catch (error) {
        if (error instanceof StateBusyError) return { outcome: 'busy' };
        // A folder that cannot be written does not stop a post asked for by hand: its nonce is the
        // request's own, so nothing will post it again; the reply says it was not recorded.
        if (error instanceof StateLockError) return post(this.options.store);
        throw error;
      }
    });
  }

  private async postNowUnlocked(
    records: GuildRecords,
    guildId: string,
    requestId: string,
  ): Promise<SlotOutcome> {
    const state = await this.state(guildId, records);
    const settings = this.settingsFrom(guildId, state);
    if (!settings) return { outcome: 'not_scheduled' };
    const composed = this.compose(guildId, settings, state, null);
    if (!('messages' in composed)) return composed;
    try {
      const messageIds = await this.send(guildId, settings.channelId, composed, `now:${requestId}`);
      const recordError = await this.record(records, guildId, {
        ...state,
        lastPost: this.lastPost(settings, null, false, messageIds, composed.snapshot),
      });
      const outcome = { outcome: 'posted', slot: this.now(), late: false, messageIds } as const;
      return recordError ? { ...outcome, recordError } : outcome;
    } catch (error) {
      return this.postFailed(guildId, null, error);
    }
  }

  /** Saves a server's settings (waiting for another process that holds it), then reschedules. */
  async saveSettings(guildId: string, settings: DigestSettings): Promise<void> {
    await this.exclusive(guildId, () =>
      this.locked(guildId, MANUAL_WAIT_MS, async (held) => {
        await this.write(held, { ...(await this.state(guildId, held)), settings });
      }),
    );
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
  async schedule(guildId: string, dealtWithUpTo: Date = this.now()): Promise<void> {
    this.unschedule(guildId);
    let settings: DigestSettings | null;
    try {
      settings = await this.settings(guildId);
    } catch (error) {
      if (!(error instanceof StateWriteError)) throw error;
      // The store is away (a database restarting): the server is started again within a minute,
      // catch-up included, rather than left without a schedule until the process restarts.
      this.options.logger.warn(
        { guild: guildId, err: error },
        'digest schedule not read; trying again within a minute',
      );
      this.timers.set(
        guildId,
        this.setTimer(MAX_SLEEP_MS, async () => {
          await this.startGuild(guildId).catch((retryError: unknown) =>
            this.options.logger.error({ guild: guildId, err: retryError }, 'digest start failed'),
          );
        }),
      );
      return;
    }
    if (!settings) return;
    const schedule = cronSchedule(settings.cron, settings.timeZone);
    let dealtWith = schedule.previous(dealtWithUpTo)?.getTime();
    const arm = () => {
      const now = this.now();
      const next = schedule.next(now);
      // A slot came while the caller dealt with an earlier one (a catch-up slower than a minute,
      // as at the start of many servers on a busy machine): at once, rather than never.
      const missed = schedule.previous(now)?.getTime() !== dealtWith;
      const wait = missed ? 0 : next ? Math.min(next.getTime() - now.getTime(), MAX_SLEEP_MS) : MAX_SLEEP_MS;
      this.timers.set(guildId, this.setTimer(Math.max(0, wait), wake));
    };
    const wake = async () => {
      const now = this.now();
      const due = schedule.previous(now)?.getTime();
      const fresh = due !== undefined && due !== dealtWith;
      if (fresh) dealtWith = due;
      arm();
      if (!fresh) return;
      const outcome = await this.tick(guildId, now).catch((error: unknown) => {
        this.options.logger.error({ guild: guildId, err: error }, 'scheduled digest failed');
      });
      // The store refused (a read-only folder, a database away): the slot is tried again at the
      // next wake-up, within a minute, rather than left to the next slot.
      if (outcome?.outcome === 'failed' && outcome.stage === 'state') dealtWith = undefined;
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

  // -------------------------------------------------------------------------------------------
  // A slot: claim, post, record

  private async postSlot(
    held: GuildRecords,
    guildId: string,
    settings: DigestSettings,
    state: GuildState,
    slot: Date,
    late: boolean,
  ): Promise<SlotOutcome> {
    const composed = this.compose(guildId, settings, state, late ? slot : null);
    if (!('messages' in composed)) return composed;
    if (settings.mode === 'changed' && state.lastPost && !composed.changed) {
      await this.write(held, { ...state, lastSlot: slot.toISOString() });
      this.options.logger.info({ guild: guildId, slot }, 'digest skipped: dataset unchanged');
      return { outcome: 'unchanged', slot };
    }
    // Claimed on disk first: if this write fails, nothing is posted.
    await this.write(held, {
      ...state,
      pending: { slot: slot.toISOString(), claimedAt: this.now().toISOString() },
    });
    let messageIds: string[];
    try {
      messageIds = await this.send(guildId, settings.channelId, composed, `slot:${slot.toISOString()}`);
    } catch (error) {
      // Not posted: the claim is withdrawn, so the slot stays open for a later attempt. If even that
      // fails, the claim stands: the slot may still be posted within Discord's nonce memory, and
      // counts as posted after it (at most once).
      await this.write(held, { ...state, pending: null }).catch((writeError: unknown) =>
        this.options.logger.warn({ guild: guildId, slot, err: writeError }, 'digest claim not withdrawn'),
      );
      return this.postFailed(guildId, slot, error);
    }
    const recordError = await this.record(held, guildId, {
      ...state,
      pending: null,
      lastSlot: slot.toISOString(),
      lastPost: this.lastPost(settings, slot, late, messageIds, composed.snapshot),
    });
    this.options.logger.info({ guild: guildId, slot, late, parts: messageIds.length }, 'digest posted');
    const outcome = { outcome: 'posted', slot, late, messageIds } as const;
    return recordError ? { ...outcome, recordError } : outcome;
  }

  /**
   * A claim on disk means a post was under way when its process stopped (or its record failed).
   * Within Discord's nonce memory the slot may simply be posted again: the same nonces return the
   * first messages if there were any. Past it, the slot counts as posted: never twice.
   */
  private async settleUnrecorded(
    held: GuildRecords,
    guildId: string,
    state: GuildState,
    now: Date,
  ): Promise<GuildState> {
    const pending = state.pending;
    if (!pending) return state;
    const age = now.getTime() - new Date(pending.claimedAt).getTime();
    if (age >= 0 && age <= NONCE_MEMORY_MS) return state;
    this.options.logger.warn(
      { guild: guildId, slot: pending.slot, claimedAt: pending.claimedAt },
      'a digest post whose outcome was never recorded counts as posted: Discord no longer remembers its nonce',
    );
    const lastSlot = maxDate(state.lastSlot ? new Date(state.lastSlot) : null, new Date(pending.slot));
    const settled = { ...state, pending: null, lastSlot: lastSlot.toISOString() };
    await this.write(held, settled);
    return settled;
  }

  /**
   * The latest slot dealt with lies ahead of the clock: the clock ran ahead and was set right.
   * Slots up to now count as dealt with (they were posted while the clock was ahead, or predate
   * the correction), and the schedule goes on from now rather than waiting for the recorded slot.
   */
  private async clockSetBack(
    held: GuildRecords,
    guildId: string,
    state: GuildState,
    schedule: CronSchedule,
    now: Date,
    recorded: Date,
  ): Promise<SlotOutcome> {
    const latestDue = schedule.previous(now);
    this.options.logger.warn(
      { guild: guildId, recordedSlot: recorded, now, resumeAfter: latestDue },
      'the latest digest slot on record is in the future: the clock was set back; the schedule resumes from now',
    );
    await this.write(held, { ...state, pending: null, lastSlot: latestDue?.toISOString() ?? null });
    return { outcome: 'clock_set_back', recordedSlot: recorded };
  }

  // -------------------------------------------------------------------------------------------
  // Parts shared by scheduled and manual posts

  private compose(
    guildId: string,
    settings: DigestSettings,
    state: GuildState,
    lateSlot: Date | null,
  ): Composed | SlotOutcome {
    const { guildOfChannel } = this.options;
    if (guildOfChannel && guildOfChannel(settings.channelId) !== guildId) {
      // Saved before channels were checked, or moved or deleted since: never post into another server.
      const error = new Error(`the digest channel ${settings.channelId} is not a channel of this server`);
      this.problems.set(guildId, {
        message: 'the digest’s channel is not in this server',
        since: this.now(),
      });
      this.options.logger.error(
        { guild: guildId, err: error },
        'digest not posted: choose a channel with /digest set',
      );
      return { outcome: 'failed', stage: 'channel', error };
    }
    const dataset = this.options.dataset();
    const incident = findIncident(dataset, settings.incident ?? undefined);
    if (!incident) {
      const error = new Error(`the digest's incident "${settings.incident}" is not in the dataset`);
      this.options.logger.error(
        { guild: guildId, err: error },
        'digest not posted: choose another incident with /digest set',
      );
      return { outcome: 'failed', stage: 'dataset', error };
    }
    const digest = buildDigest({
      dataset,
      incident,
      previous: state.lastPost?.snapshot ?? null,
      lateFor: lateSlot ? { slot: lateSlot, timeZone: settings.timeZone } : undefined,
    });
    return {
      messages: renderBriefing(digest.briefing, {
        controls: actionControls(digest.actions, dataset.version, this.calls),
        maxMessages: DIGEST_MESSAGES,
      }).messages,
      chart: digest.chart,
      snapshot: digest.snapshot,
      changed: digest.changed,
    };
  }

  private lastPost(
    settings: DigestSettings,
    slot: Date | null,
    late: boolean,
    messageIds: string[],
    snapshot: DigestSnapshot,
  ): GuildState['lastPost'] {
    return {
      slot: slot?.toISOString() ?? null,
      postedAt: this.now().toISOString(),
      late,
      channelId: settings.channelId,
      messageIds,
      snapshot,
    };
  }

  /** Posts with the slot's nonces, trying again on what may pass (5xx, network), never on a refusal. */
  private async send(
    guildId: string,
    channelId: string,
    composed: Pick<Composed, 'messages' | 'chart'>,
    nonceKey: string,
  ): Promise<string[]> {
    // A chart that cannot be drawn leaves the text to go alone: it says every figure too.
    const { messages } = await withPictures(
      { messages: composed.messages, ephemeral: false },
      composed.chart,
      (error) =>
        this.options.logger.warn({ guild: guildId, err: error }, 'digest chart not drawn; posting the text'),
    );
    const nonces = messages.map((_, part) => digestNonce(guildId, nonceKey, part));
    for (let tried = 1; ; tried++) {
      try {
        return await this.options.poster.post(channelId, messages, nonces);
      } catch (error) {
        const permanent = error instanceof DigestPostError && error.permanent;
        if (permanent || tried >= this.retry.attempts) throw error;
        // Exponential back-off with jitter, so that many servers failing at once do not retry in step.
        const delay = Math.round(this.retry.firstDelayMs * 2 ** (tried - 1) * (0.5 + this.random() / 2));
        this.options.logger.warn(
          { guild: guildId, nonceKey, tried, retryInMs: delay, err: error },
          'digest post failed; retrying',
        );
        await this.sleep(delay);
      }
    }
  }

  /** Writes the state after a post; a failure is logged and returned, the post having gone out. */
  private async record(
    records: GuildRecords,
    guildId: string,
    state: GuildState,
  ): Promise<StateWriteError | undefined> {
    try {
      await this.write(records, state);
      return undefined;
    } catch (error) {
      if (!(error instanceof StateWriteError)) throw error;
      this.problems.set(guildId, { message: error.reason, since: this.now() });
      this.options.logger.error(
        { guild: guildId, err: error },
        'digest posted but not recorded: the state cannot be written (a claimed slot is never posted twice)',
      );
      return error;
    }
  }

  private postFailed(guildId: string, slot: Date | null, error: unknown): SlotOutcome {
    const permanent = error instanceof DigestPostError && error.permanent;
    this.options.logger.error(
      { guild: guildId, slot, err: error },
      permanent
        ? 'digest not posted: Discord refused it, and trying again cannot help'
        : 'digest not posted after retries; the next slot posts the digest then due',
    );
    return { outcome: 'failed', stage: 'post', error };
  }

  private async write(records: GuildRecords, state: GuildState): Promise<void> {
    await records.write(state);
    this.lastPosts.set(state.guildId, state.lastPost);
  }

  /** Runs `work` holding the server across processes; see Store.withGuildLock. */
  private locked<T>(guildId: string, waitMs: number, work: (held: GuildRecords) => Promise<T>): Promise<T> {
    return this.options.store.withGuildLock(guildId, work, {
      waitMs,
      onCompromised: (error) =>
        this.options.logger.error({ guild: guildId, err: error }, 'digest state lock lost while held'),
    });
  }

  private async savedState(guildId: string, records: GuildRecords): Promise<GuildState | null> {
    try {
      const state = await records.read(guildId, this.now());
      this.lastPosts.set(guildId, state?.lastPost ?? null);
      return state;
    } catch (error) {
      if (!(error instanceof CorruptStateError)) throw error;
      this.options.logger.error(
        { guild: guildId, record: error.record, setAsideTo: error.setAsideTo },
        error.message,
      );
      return null;
    }
  }

  private settingsFrom(guildId: string, state: GuildState): DigestSettings | null {
    if (state.settings) return state.settings.enabled ? state.settings : null;
    const { channelId, cron, timeZone, mode } = this.options.defaults;
    if (!channelId || this.options.guildOfChannel?.(channelId) !== guildId) return null;
    return { enabled: true, channelId, cron, timeZone, mode, incident: null, activeSince: state.since };
  }

  /** One operation at a time per server within this process (the lock covers other processes). */
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
