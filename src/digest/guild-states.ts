/**
 * Each server's state as the digest reads and writes it: a record that cannot be read is set aside
 * and reported (never overwritten), the environment's defaults apply to the server their channel
 * belongs to, and each server's last post is remembered for the health endpoint.
 */

import type { Logger } from '../log.js';
import {
  CorruptStateError,
  type DigestSettings,
  emptyGuildState,
  type GuildState,
} from '../store/records.js';
import type { DigestDefaults } from '../store/schedule-rules.js';
import type { GuildRecords } from '../store/store.js';

export interface GuildStatesOptions {
  /** Where states are read when no lock is held (the store itself). */
  records: GuildRecords;
  defaults: DigestDefaults;
  logger: Logger;
  now: () => Date;
  /** The server a channel belongs to: the environment's default channel applies to its server only. */
  guildOfChannel: ((channelId: string) => string | undefined) | undefined;
}

export class GuildStates {
  /** Each server's last post as last read or written: what the health endpoint reports. */
  private readonly lastPosts = new Map<string, GuildState['lastPost']>();

  constructor(private readonly options: GuildStatesOptions) {}

  /** The state of a server, or a fresh one. */
  async state(guildId: string, records: GuildRecords = this.options.records): Promise<GuildState> {
    return (await this.saved(guildId, records)) ?? emptyGuildState(guildId, this.options.now());
  }

  /** The settings in force: the server's own, else the environment's defaults if their channel is in this server. */
  async settings(
    guildId: string,
    records: GuildRecords = this.options.records,
  ): Promise<DigestSettings | null> {
    return this.settingsIn(guildId, await this.state(guildId, records));
  }

  /** The server's last post as this process knows it (its state is read when the server appears), without reading the disk. */
  lastPostOf(guildId: string): GuildState['lastPost'] {
    return this.lastPosts.get(guildId) ?? null;
  }

  /** The saved state, or null when there is none or it could not be read (it is then set aside and reported). */
  async saved(guildId: string, records: GuildRecords): Promise<GuildState | null> {
    try {
      const state = await records.read(guildId, this.options.now());
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

  async write(records: GuildRecords, state: GuildState): Promise<void> {
    await records.write(state);
    this.lastPosts.set(state.guildId, state.lastPost);
  }

  /** The settings a state puts in force: its own when it has any, else the environment's defaults. */
  settingsIn(guildId: string, state: GuildState): DigestSettings | null {
    if (state.settings) return state.settings.enabled ? state.settings : null;
    const { channelId, cron, timeZone, mode } = this.options.defaults;
    if (!channelId || this.options.guildOfChannel?.(channelId) !== guildId) return null;
    return { enabled: true, channelId, cron, timeZone, mode, incident: null, activeSince: state.since };
  }
}
