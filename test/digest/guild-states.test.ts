/**
 * Each server's state as the digest reads it: the defaults in force for the server their channel
 * belongs to, a record that cannot be read set aside, the last post remembered. Real state files.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GuildStates } from '../../src/digest/guild-states.js';
import { createLogger } from '../../src/log.js';
import { fileStore } from '../../src/store/file-store.js';
import { guildStateFile } from '../../src/store/files.js';
import { emptyGuildState } from '../../src/store/records.js';
import type { Store } from '../../src/store/store.js';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000009';
const CHANNEL = '200000000000000002';
const NOW = new Date('2026-03-02T04:00:00Z');
const DEFAULTS = { channelId: CHANNEL, cron: '0 9 * * *', timeZone: 'Asia/Karachi', mode: 'always' } as const;

describe('the servers’ states', () => {
  let stateDir: string;
  let store: Store;
  let states: GuildStates;
  let logs: string[];

  beforeEach(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'guild-states-'));
    logs = [];
    const logger = createLogger({ level: 'info', destination: { write: (l: string) => logs.push(l) } });
    store = fileStore(stateDir, { logger });
    states = new GuildStates({
      records: store,
      defaults: DEFAULTS,
      logger,
      now: () => NOW,
      guildOfChannel: (channelId) => (channelId === CHANNEL ? GUILD : undefined),
    });
  });
  afterEach(async () => {
    await store.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('puts the environment’s defaults in force only in the server their channel belongs to', async () => {
    expect(await states.settings(GUILD)).toEqual({
      enabled: true,
      ...DEFAULTS,
      incident: null,
      activeSince: NOW.toISOString(),
    });
    expect(await states.settings(OTHER_GUILD)).toBeNull();
  });

  it('puts a server’s own settings in force, and none once it turned digests off', async () => {
    const own = {
      ...DEFAULTS,
      enabled: true,
      cron: '0 7 * * *',
      incident: null,
      activeSince: NOW.toISOString(),
    };
    await states.write(store, { ...emptyGuildState(OTHER_GUILD, NOW), settings: own });
    expect(await states.settings(OTHER_GUILD)).toEqual(own);
    await states.write(store, { ...emptyGuildState(GUILD, NOW), settings: { ...own, enabled: false } });
    expect(await states.settings(GUILD)).toBeNull();
  });

  it('remembers each server’s last post as written, without reading the disk again', async () => {
    expect(states.lastPostOf(GUILD)).toBeNull();
    const lastPost = {
      slot: NOW.toISOString(),
      postedAt: NOW.toISOString(),
      late: false,
      channelId: CHANNEL,
      messageIds: ['300000000000000000'],
      snapshot: { incident: 'x', sources: [], claims: {} },
    };
    await states.write(store, { ...emptyGuildState(GUILD, NOW), lastPost });
    await rm(guildStateFile(stateDir, GUILD));
    expect(states.lastPostOf(GUILD)).toEqual(lastPost);
  });

  it('sets a record that cannot be read aside, reports it, and reads the server as new', async () => {
    await states.write(store, emptyGuildState(GUILD, new Date('2026-01-01T00:00:00Z')));
    await writeFile(guildStateFile(stateDir, GUILD), '{"version": 1, "guildId": ');
    expect(await states.saved(GUILD, store)).toBeNull();
    expect(await states.state(GUILD)).toEqual(emptyGuildState(GUILD, NOW));
    expect(
      (await readdir(path.dirname(guildStateFile(stateDir, GUILD)))).some((f) => f.includes('.corrupt-')),
    ).toBe(true);
    expect(logs.some((l) => l.includes('"level":50') && l.includes('could not be read'))).toBe(true);
  });
});
