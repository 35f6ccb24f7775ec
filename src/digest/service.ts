/**
 * Digests on schedule for the servers this process holds, made of three parts, each with one job:
 * the scheduler (scheduler.ts) wakes up for each server's slots; the slot keeper (slot-keeper.ts)
 * claims a slot in the store before it is posted and records it after, so that a digest goes out
 * at most once; the composer (composer.ts) makes the digest and posts it, trying again with
 * back-off. The states they read (guild-states.ts) are shared. This wires them together from what the adapter gives: a poster, which servers it holds
 * and which server a channel belongs to. Nothing here knows discord.js.
 */

import type { CallStore } from '../contract/calls.js';
import type { Dataset } from '../dataset/dataset.js';
import type { Logger } from '../log.js';
import type { DigestSettings, GuildState } from '../store/records.js';
import type { DigestDefaults } from '../store/schedule-rules.js';
import type { GuildRecords, Store } from '../store/store.js';
import { type ComposerOptions, DigestComposer, type DigestPoster } from './composer.js';
import { GuildStates } from './guild-states.js';
import { DigestScheduler, type SetTimer } from './scheduler.js';
import { type DigestProblem, SlotKeeper, type SlotOutcome } from './slot-keeper.js';

export interface DigestServiceOptions extends Pick<ComposerOptions, 'sleep' | 'retry' | 'random'> {
  /** Where each server's state is kept, shared with every other process on the same store. */
  store: Store;
  defaults: DigestDefaults;
  dataset: () => Dataset;
  poster: DigestPoster;
  logger: Logger;
  now?: () => Date;
  /** Calls `wake` in `ms` milliseconds and returns what cancels it: a timer, or the tests' clock. */
  setTimer?: SetTimer;
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

export class DigestService {
  readonly defaults: DigestDefaults;
  private readonly states: GuildStates;
  private readonly keeper: SlotKeeper;
  private readonly scheduler: DigestScheduler;
  private readonly now: () => Date;

  constructor(options: DigestServiceOptions) {
    const { store, logger, holds, guildOfChannel } = options;
    this.defaults = options.defaults;
    this.now = options.now ?? (() => new Date());
    const composer = new DigestComposer({
      dataset: options.dataset,
      poster: options.poster,
      logger,
      sleep: options.sleep,
      retry: options.retry,
      random: options.random,
      guildOfChannel,
      calls: options.calls ?? store.calls,
    });
    this.states = new GuildStates({
      records: store,
      defaults: options.defaults,
      logger,
      now: this.now,
      guildOfChannel,
    });
    this.keeper = new SlotKeeper({ store, states: this.states, composer, logger, now: this.now, holds });
    this.scheduler = new DigestScheduler({
      settings: (guildId) => this.states.settings(guildId),
      tick: (guildId, at) => this.keeper.tick(guildId, at),
      restart: (guildId) => this.startGuild(guildId),
      logger,
      now: this.now,
      setTimer: options.setTimer,
    });
  }

  /** The state of a server, or a fresh one; a corrupt file is set aside and reported once. */
  state(guildId: string, records?: GuildRecords): Promise<GuildState> {
    return this.states.state(guildId, records);
  }

  /** The settings in force: the server's own, else the environment's defaults if their channel is in this server. */
  settings(guildId: string, records?: GuildRecords): Promise<DigestSettings | null> {
    return this.states.settings(guildId, records);
  }

  /** What holds this server's scheduled digests, if anything does. */
  problem(guildId: string): DigestProblem | undefined {
    return this.keeper.problem(guildId);
  }

  /** The server's last post as this process knows it, without reading the disk. */
  lastPostOf(guildId: string): GuildState['lastPost'] {
    return this.states.lastPostOf(guildId);
  }

  nextRun(guildId: string): Promise<Date | null> {
    return this.scheduler.nextRun(guildId);
  }

  /** Called at start and whenever the server appears: catch up on a missed slot, then schedule. */
  async startGuild(guildId: string): Promise<SlotOutcome> {
    const at = this.now();
    try {
      return await this.tick(guildId, at);
    } finally {
      // Even if the catch-up failed, the server keeps its schedule, from the slot it dealt with.
      await this.scheduler.schedule(guildId, at);
    }
  }

  /** Deals with the latest slot due at `at` and not yet dealt with: the schedule's wake-up, and the tests' clock. */
  tick(guildId: string, at: Date = this.now()): Promise<SlotOutcome> {
    return this.keeper.tick(guildId, at);
  }

  /** `/digest now`: post at once, outside the schedule. */
  postNow(guildId: string, requestId: string): Promise<SlotOutcome> {
    return this.keeper.postNow(guildId, requestId);
  }

  /** Saves a server's settings (waiting for another process that holds it), then reschedules. */
  async saveSettings(guildId: string, settings: DigestSettings): Promise<void> {
    await this.keeper.saveSettings(guildId, settings);
    await this.scheduler.schedule(guildId);
  }

  /** Starts (or restarts) the server's schedule; slots up to now are the caller's. */
  schedule(guildId: string): Promise<void> {
    return this.scheduler.schedule(guildId);
  }

  /** When the server leaves: its schedule stops. */
  unschedule(guildId: string): void {
    this.scheduler.unschedule(guildId);
  }

  /** Stops every schedule and waits for posts under way. */
  async stop(): Promise<void> {
    this.scheduler.stop();
    await this.keeper.settled();
  }
}
