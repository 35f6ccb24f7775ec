/**
 * Each server's slots, claimed before they are posted and recorded after, so that a digest goes
 * out at most once per slot and server, and exactly once whenever the post and its record both
 * succeed:
 * - a slot is claimed in the state (written to the store) before it is posted, and recorded as dealt
 *   with after; a state that cannot be written holds scheduled posts rather than risk a second one;
 * - a claim whose outcome was never recorded is posted again (with the same nonces) only while
 *   Discord still remembers them, and counts as posted after;
 * - one process at a time posts or saves for a server (the store's lock: a file beside its state,
 *   or a database lock), and one operation at a time within this process;
 * - after downtime, only the most recent missed slot is posted, marked late.
 */

import type { Logger } from '../log.js';
import {
  type DigestSettings,
  emptyGuildState,
  type GuildState,
  StateBusyError,
  StateLockError,
  StateWriteError,
} from '../store/records.js';
import type { GuildRecords, Store } from '../store/store.js';
import { type Composed, type DigestComposer, isPermanent, type NotComposed } from './composer.js';
import type { GuildStates } from './guild-states.js';
import { type CronSchedule, cronSchedule, floorToMinute } from './slots.js';

export interface SlotKeeperOptions {
  /** Where each server's state is kept, shared with every other process on the same store. */
  store: Store;
  /** The states as the digest reads and writes them. */
  states: GuildStates;
  composer: DigestComposer;
  logger: Logger;
  now: () => Date;
  /** Whether this process holds the server (with shards, only the shard that has it posts). */
  holds: ((guildId: string) => boolean) | undefined;
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

/** A problem that holds a server's scheduled digests, for /digest status. */
export interface DigestProblem {
  message: string;
  since: Date;
}

/** A slot posted more than this after its time is marked late. */
const LATE_AFTER_MS = 2 * 60_000;
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

export class SlotKeeper {
  /** Each server's operation under way in this process, which the next one waits for. */
  private readonly operations = new Map<string, Promise<unknown>>();
  private readonly problems = new Map<string, DigestProblem>();

  constructor(private readonly options: SlotKeeperOptions) {}

  /** What holds this server's scheduled digests, if anything does. */
  problem(guildId: string): DigestProblem | undefined {
    return this.problems.get(guildId);
  }

  /** Deals with the latest slot due at `at` and not yet dealt with. */
  tick(guildId: string, at: Date): Promise<SlotOutcome> {
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
        this.problems.set(guildId, { message: error.reason, since: this.options.now() });
        this.options.logger.error(
          { guild: guildId, err: error },
          'scheduled digests held: the state cannot be written, and a post that cannot be recorded could be posted twice',
        );
        return { outcome: 'failed', stage: 'state', error };
      }
    });
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

  /** Saves a server's settings, waiting for another process that holds it. */
  async saveSettings(guildId: string, settings: DigestSettings): Promise<void> {
    await this.exclusive(guildId, () =>
      this.locked(guildId, MANUAL_WAIT_MS, async (held) => {
        await this.options.states.write(held, {
          ...(await this.options.states.state(guildId, held)),
          settings,
        });
      }),
    );
  }

  /** Waits for the operations under way. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.operations.values()]);
  }

  private async dealWithSlot(held: GuildRecords, guildId: string, at: Date): Promise<SlotOutcome> {
    let state = await this.options.states.saved(guildId, held);
    const settings = this.options.states.settingsIn(
      guildId,
      state ?? emptyGuildState(guildId, this.options.now()),
    );
    if (!settings) return { outcome: 'not_scheduled' };
    if (!state) {
      // Remember when this server's schedule began, so a restart can tell a missed slot from one before it.
      state = emptyGuildState(guildId, this.options.now());
      await this.options.states.write(held, state);
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
    const late = this.options.now().getTime() - slot.getTime() > LATE_AFTER_MS;
    return this.postSlot(held, guildId, settings, state, slot, late);
  }

  private async postNowUnlocked(
    records: GuildRecords,
    guildId: string,
    requestId: string,
  ): Promise<SlotOutcome> {
    const state = await this.options.states.state(guildId, records);
    const settings = this.options.states.settingsIn(guildId, state);
    if (!settings) return { outcome: 'not_scheduled' };
    const composed = this.compose(guildId, settings, state, null);
    if ('outcome' in composed) return composed;
    try {
      const messageIds = await this.options.composer.send(
        guildId,
        settings.channelId,
        composed,
        `now:${requestId}`,
      );
      const recordError = await this.record(records, guildId, {
        ...state,
        lastPost: this.lastPost(settings, null, false, messageIds, composed.snapshot),
      });
      const outcome = { outcome: 'posted', slot: this.options.now(), late: false, messageIds } as const;
      return recordError ? { ...outcome, recordError } : outcome;
    } catch (error) {
      return this.postFailed(guildId, null, error);
    }
  }

  /** A slot: claimed, posted, recorded; or skipped when the dataset is unchanged and the mode says so. */
  private async postSlot(
    held: GuildRecords,
    guildId: string,
    settings: DigestSettings,
    state: GuildState,
    slot: Date,
    late: boolean,
  ): Promise<SlotOutcome> {
    const composed = this.compose(guildId, settings, state, late ? slot : null);
    if ('outcome' in composed) return composed;
    if (settings.mode === 'changed' && state.lastPost && !composed.changed) {
      await this.options.states.write(held, { ...state, lastSlot: slot.toISOString() });
      this.options.logger.info({ guild: guildId, slot }, 'digest skipped: dataset unchanged');
      return { outcome: 'unchanged', slot };
    }
    // Claimed on disk first: if this write fails, nothing is posted.
    await this.options.states.write(held, {
      ...state,
      pending: { slot: slot.toISOString(), claimedAt: this.options.now().toISOString() },
    });
    let messageIds: string[];
    try {
      messageIds = await this.options.composer.send(
        guildId,
        settings.channelId,
        composed,
        `slot:${slot.toISOString()}`,
      );
    } catch (error) {
      // Not posted: the claim is withdrawn, so the slot stays open for a later attempt. If even that
      // fails, the claim stands: the slot may still be posted within Discord's nonce memory, and
      // counts as posted after it (at most once).
      await this.options.states
        .write(held, { ...state, pending: null })
        .catch((writeError: unknown) =>
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

  /** The composer's digest; a channel not in this server holds the schedule until one is chosen. */
  private compose(
    guildId: string,
    settings: DigestSettings,
    state: GuildState,
    lateSlot: Date | null,
  ): Composed | NotComposed {
    const composed = this.options.composer.compose(guildId, settings, state, lateSlot);
    if ('outcome' in composed && composed.stage === 'channel') {
      this.problems.set(guildId, {
        message: 'the digest’s channel is not in this server',
        since: this.options.now(),
      });
    }
    return composed;
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
    await this.options.states.write(held, settled);
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
    await this.options.states.write(held, {
      ...state,
      pending: null,
      lastSlot: latestDue?.toISOString() ?? null,
    });
    return { outcome: 'clock_set_back', recordedSlot: recorded };
  }

  private lastPost(
    settings: DigestSettings,
    slot: Date | null,
    late: boolean,
    messageIds: string[],
    snapshot: Composed['snapshot'],
  ): GuildState['lastPost'] {
    return {
      slot: slot?.toISOString() ?? null,
      postedAt: this.options.now().toISOString(),
      late,
      channelId: settings.channelId,
      messageIds,
      snapshot,
    };
  }

  /** Writes the state after a post; a failure is logged and returned, the post having gone out. */
  private async record(
    records: GuildRecords,
    guildId: string,
    state: GuildState,
  ): Promise<StateWriteError | undefined> {
    try {
      await this.options.states.write(records, state);
      return undefined;
    } catch (error) {
      if (!(error instanceof StateWriteError)) throw error;
      this.problems.set(guildId, { message: error.reason, since: this.options.now() });
      this.options.logger.error(
        { guild: guildId, err: error },
        'digest posted but not recorded: the state cannot be written (a claimed slot is never posted twice)',
      );
      return error;
    }
  }

  private postFailed(guildId: string, slot: Date | null, error: unknown): SlotOutcome {
    this.options.logger.error(
      { guild: guildId, slot, err: error },
      isPermanent(error)
        ? 'digest not posted: Discord refused it, and trying again cannot help'
        : 'digest not posted after retries; the next slot posts the digest then due',
    );
    return { outcome: 'failed', stage: 'post', error };
  }

  /** Runs `work` holding the server across processes; see Store.withGuildLock. */
  private locked<T>(guildId: string, waitMs: number, work: (held: GuildRecords) => Promise<T>): Promise<T> {
    return this.options.store.withGuildLock(guildId, work, {
      waitMs,
      onCompromised: (error) =>
        this.options.logger.error({ guild: guildId, err: error }, 'digest state lock lost while held'),
    });
  }

  /** One operation at a time per server within this process (the lock covers other processes). */
  private exclusive<T>(guildId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.operations.get(guildId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.operations.set(guildId, settled);
    void settled.then(() => {
      if (this.operations.get(guildId) === settled) this.operations.delete(guildId);
    });
    return next;
  }
}

function maxDate(a: Date | null, b: Date): Date {
  return a && a > b ? a : b;
}
