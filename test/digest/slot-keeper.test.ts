/**
 * The slot keeper alone: a slot claimed in the store before its post and recorded after, a claim
 * left by a crash settled by Discord's memory of nonces, one operation at a time. Real state
 * files in a temporary folder and the real composer on a fixture dataset; the poster records
 * what it is handed and reads the state as it stands at that moment.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryCallStore } from '../../src/contract/calls.js';
import { DigestComposer, DigestPostError, type DigestPoster } from '../../src/digest/composer.js';
import { GuildStates } from '../../src/digest/guild-states.js';
import { SlotKeeper } from '../../src/digest/slot-keeper.js';
import { createLogger } from '../../src/log.js';
import { fileStore } from '../../src/store/file-store.js';
import type { GuildState } from '../../src/store/records.js';
import type { Store } from '../../src/store/store.js';
import { loadStory } from '../helpers/dataset-fixture.js';
import { at } from '../helpers/digest-setup.js';

const GUILD = '100000000000000001';
const CHANNEL = '200000000000000002';
/** 09:00 in Asia/Karachi. */
const SLOT = '2026-03-02T04:00:00.000Z';

interface Keeper {
  keeper: SlotKeeper;
  states: GuildStates;
  store: Store;
  clock: { now: Date };
  /** The claim in the store at each post. */
  posts: { pending: GuildState['pending'] }[];
  /** Whether Discord refuses posts, which server the channel is in, whether this process holds the server. */
  poster: { refuse: boolean };
  where: { guild: string };
  held: { now: boolean };
}

describe('the slot keeper', () => {
  let stateDir: string;
  let k: Keeper;

  beforeEach(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'slot-keeper-'));
    const logger = createLogger({ level: 'silent' });
    const store = fileStore(stateDir, { logger });
    const clock = { now: at(SLOT) };
    const posts: Keeper['posts'] = [];
    const poster = { refuse: false };
    const where = { guild: GUILD };
    const held = { now: true };
    const recording: DigestPoster = {
      async post(_channelId, messages) {
        posts.push({ pending: (await store.read(GUILD, clock.now))?.pending ?? null });
        if (poster.refuse) throw new DigestPostError('Missing Access', true);
        return messages.map((_, part) => `30000000000000000${part}`);
      },
    };
    const dataset = await loadStory();
    const guildOfChannel = () => where.guild;
    const composer = new DigestComposer({
      dataset: () => dataset,
      poster: recording,
      logger,
      guildOfChannel,
      calls: memoryCallStore(),
    });
    const states = new GuildStates({
      records: store,
      defaults: { channelId: CHANNEL, cron: '0 9 * * *', timeZone: 'Asia/Karachi', mode: 'always' },
      logger,
      now: () => clock.now,
      guildOfChannel,
    });
    const keeper = new SlotKeeper({
      store,
      states,
      composer,
      logger,
      now: () => clock.now,
      holds: () => held.now,
    });
    k = { keeper, states, store, clock, posts, poster, where, held };
  });

  afterEach(async () => {
    await k.keeper.settled();
    await k.store.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  const saved = () => k.store.read(GUILD, k.clock.now);

  it('claims a slot in the store before posting it, and records it after', async () => {
    const outcome = await k.keeper.tick(GUILD, at(SLOT));
    expect(outcome).toMatchObject({ outcome: 'posted', slot: at(SLOT), late: false });
    expect(k.posts).toEqual([{ pending: { slot: SLOT, claimedAt: SLOT } }]);
    expect(await saved()).toMatchObject({
      pending: null,
      lastSlot: SLOT,
      lastPost: {
        slot: SLOT,
        channelId: CHANNEL,
        messageIds: outcome.outcome === 'posted' ? outcome.messageIds : [],
      },
    });
    expect(k.states.lastPostOf(GUILD)?.slot).toBe(SLOT);
    expect(await k.keeper.tick(GUILD, at(SLOT))).toEqual({ outcome: 'already_done' });
  });

  it('withdraws the claim of a post Discord refused: the slot stays open, and is posted late later', async () => {
    k.poster.refuse = true;
    expect(await k.keeper.tick(GUILD, at(SLOT))).toMatchObject({ outcome: 'failed', stage: 'post' });
    expect(await saved()).toMatchObject({ pending: null, lastSlot: null, lastPost: null });
    k.poster.refuse = false;
    k.clock.now = at('2026-03-02T04:10:00Z');
    expect(await k.keeper.tick(GUILD, k.clock.now)).toMatchObject({ outcome: 'posted', late: true });
  });

  it('posts again a claim younger than Discord’s memory of its nonces, and counts an older one as posted', async () => {
    const since = '2026-03-01T00:00:00.000Z';
    const claimed = (claimedAt: string): GuildState => ({
      version: 1,
      guildId: GUILD,
      since,
      settings: null,
      lastSlot: null,
      pending: { slot: SLOT, claimedAt },
      lastPost: null,
    });
    k.clock.now = at('2026-03-02T04:01:00Z');
    await k.store.write(claimed(SLOT));
    expect(await k.keeper.tick(GUILD, k.clock.now)).toMatchObject({ outcome: 'posted', slot: at(SLOT) });
    expect(k.posts).toHaveLength(1);

    await k.store.write(claimed(SLOT));
    k.clock.now = at('2026-03-02T04:03:00Z');
    expect(await k.keeper.tick(GUILD, k.clock.now)).toEqual({ outcome: 'already_done' });
    expect(k.posts).toHaveLength(1);
    expect(await saved()).toMatchObject({ pending: null, lastSlot: SLOT });
  });

  it('deals with one slot at a time: two wake-ups at once post it once', async () => {
    const outcomes = await Promise.all([k.keeper.tick(GUILD, at(SLOT)), k.keeper.tick(GUILD, at(SLOT))]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['already_done', 'posted']);
    expect(k.posts).toHaveLength(1);
  });

  it('leaves a server this process does not hold alone', async () => {
    k.held.now = false;
    expect(await k.keeper.tick(GUILD, at(SLOT))).toEqual({ outcome: 'not_held' });
    expect(await saved()).toBeNull();
  });

  it('holds digests while the channel is not the server’s, and says so until a slot goes out', async () => {
    await k.keeper.saveSettings(GUILD, {
      enabled: true,
      channelId: CHANNEL,
      cron: '0 9 * * *',
      timeZone: 'Asia/Karachi',
      incident: null,
      mode: 'always',
      activeSince: '2026-03-01T00:00:00.000Z',
    });
    k.where.guild = '100000000000000009';
    expect(await k.keeper.tick(GUILD, at(SLOT))).toMatchObject({ outcome: 'failed', stage: 'channel' });
    expect(k.keeper.problem(GUILD)?.message).toBe('the digest’s channel is not in this server');
    expect(k.posts).toEqual([]);
    k.where.guild = GUILD;
    expect(await k.keeper.tick(GUILD, at(SLOT))).toMatchObject({ outcome: 'posted' });
    expect(k.keeper.problem(GUILD)).toBeUndefined();
  });
});
