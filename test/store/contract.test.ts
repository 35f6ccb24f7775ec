/**
 * The contract every store keeps, run on files (a real folder) and on PostgreSQL (a database of
 * this file's own): what is written is read back whole, by this process and by another; a server
 * is held by one process at a time, so that of many processes claiming one slot exactly one gets
 * it; a call kept by one process is read by every other.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSharedCall, encodeCall, type StoredCall } from '../../src/contract/calls.js';
import { createLogger } from '../../src/log.js';
import { fileStore } from '../../src/store/file-store.js';
import { postgresStore } from '../../src/store/postgres.js';
import { type GuildState, StateBusyError } from '../../src/store/records.js';
import type { Store } from '../../src/store/store.js';
import { freshDatabase, postgresFor, type TestDatabase } from '../helpers/postgres.js';

const logger = createLogger({ level: 'silent' });
const withPostgres = await postgresFor(import.meta.filename);

interface Kind {
  name: string;
  /** Where the stores are: a folder or a database, made afresh for the kind. */
  prepare(): Promise<{ store(): Store; cleanup(): Promise<void> }>;
}

const KINDS: Kind[] = [
  {
    name: 'files',
    async prepare() {
      const dir = await mkdtemp(path.join(tmpdir(), 'store-contract-'));
      return {
        store: () => fileStore(dir, { logger }),
        cleanup: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'PostgreSQL',
    async prepare() {
      const database: TestDatabase = await freshDatabase();
      return { store: () => postgresStore(database.url, { logger }), cleanup: () => database.drop() };
    },
  },
];

const NOW = new Date('2026-03-02T04:00:00.000Z');

const fullState: GuildState = {
  version: 1,
  guildId: '100000000000000001',
  since: '2026-01-01T00:00:00.000Z',
  settings: {
    enabled: true,
    channelId: '200000000000000002',
    cron: '0 9 * * 1-5',
    timeZone: 'Asia/Karachi',
    incident: 'daraban-2023',
    mode: 'changed',
    activeSince: '2026-01-02T03:04:05.678Z',
  },
  lastSlot: '2026-03-01T04:00:00.000Z',
  pending: { slot: '2026-03-02T04:00:00.000Z', claimedAt: '2026-03-02T04:00:01.234Z' },
  lastPost: {
    slot: '2026-03-01T04:00:00.000Z',
    postedAt: '2026-03-01T04:00:02.000Z',
    late: true,
    channelId: '200000000000000002',
    messageIds: ['300000000000000003', '300000000000000004'],
    snapshot: {
      incident: 'daraban-2023',
      sources: ['a', 'b'],
      claims: { 'c-1': 'f1', 'c-2': 'f2' },
      standing: { 'figures:police:killed': { verdict: 'differ', holds: '23 · 24' } },
    },
  },
};

const longQuestion = (i: number): StoredCall => ({
  call: { command: 'ask', input: { options: { question: `question ${i}: ${'why so many '.repeat(12)}` } } },
});

/** Claims the slot if no one has: what the digest service does under the lock. */
function claim(store: Store, guildId: string, slot: string): Promise<boolean> {
  return store.withGuildLock(
    guildId,
    async (held) => {
      const state = await held.read(guildId, NOW);
      if (state?.pending) return false;
      await held.write({
        ...(state ?? { ...fullState, guildId, settings: null, lastPost: null, lastSlot: null }),
        pending: { slot, claimedAt: NOW.toISOString() },
      });
      return true;
    },
    { waitMs: 10_000, onCompromised: () => undefined },
  );
}

for (const kind of KINDS) {
  describe.skipIf(kind.name === 'PostgreSQL' && !withPostgres)(`the store on ${kind.name}`, () => {
    let where: Awaited<ReturnType<Kind['prepare']>>;
    const opened: Store[] = [];
    /** A store as one more process opens it. */
    const open = async () => {
      const store = where.store();
      await store.open(NOW);
      opened.push(store);
      return store;
    };
    beforeAll(async () => {
      where = await kind.prepare();
    });
    afterAll(async () => {
      await Promise.all(opened.map((s) => s.close()));
      await where.cleanup();
    });

    it('has nothing for a server it never saw', async () => {
      const store = await open();
      expect(await store.read('100000000000000999', NOW)).toBeNull();
    });

    it('reads back every part of a state, in this process and in another', async () => {
      const [one, other] = [await open(), await open()];
      await one.write(fullState);
      expect(await one.read(fullState.guildId, NOW)).toEqual(fullState);
      expect(await other.read(fullState.guildId, NOW)).toEqual(fullState);
    });

    it('removes the parts a later state no longer has', async () => {
      const store = await open();
      const guildId = '100000000000000002';
      await store.write({ ...fullState, guildId });
      const cleared = {
        ...fullState,
        guildId,
        settings: null,
        pending: null,
        lastPost: null,
        lastSlot: null,
      };
      await store.write(cleared);
      expect(await (await open()).read(guildId, NOW)).toEqual(cleared);
    });

    it('lets one process at a time hold a server; another gets it once it is let go', async () => {
      const [one, other] = [await open(), await open()];
      const guildId = '100000000000000003';
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered!: () => void;
      const holding = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const first = one.withGuildLock(
        guildId,
        async () => {
          entered();
          await released;
          return 'first';
        },
        { waitMs: 0, onCompromised: () => undefined },
      );
      await holding;
      await expect(
        other.withGuildLock(guildId, async () => 'second', { waitMs: 0, onCompromised: () => undefined }),
      ).rejects.toBeInstanceOf(StateBusyError);
      const waiting = other.withGuildLock(guildId, async () => 'second', {
        waitMs: 10_000,
        onCompromised: () => undefined,
      });
      release();
      expect(await first).toBe('first');
      expect(await waiting).toBe('second');
    });

    it('gives a slot claimed by eight processes at once to exactly one of them', async () => {
      const stores = await Promise.all(Array.from({ length: 8 }, () => open()));
      const guildId = '100000000000000004';
      const won = await Promise.all(stores.map((s) => claim(s, guildId, '2026-03-02T04:00:00.000Z')));
      expect(won.filter(Boolean)).toHaveLength(1);
      expect((await stores[0]?.read(guildId, NOW))?.pending?.slot).toBe('2026-03-02T04:00:00.000Z');
    });

    it('answers with a call that another process kept, and a key no one kept stays expired', async () => {
      const [one, other] = [await open(), await open()];
      const id = encodeCall(longQuestion(1), 'v1', one.calls);
      expect(id).toMatch(/@/);
      await one.calls.flush();
      expect(other.calls.get(id.split('@')[1] ?? '')).toBeUndefined();
      expect(await decodeSharedCall(id, other.calls)).toEqual({ ...longQuestion(1), version: 'v1' });
      expect(await decodeSharedCall('b1|v1|@AAAAAAAAAAAAAAAA', other.calls)).toEqual({ problem: 'expired' });
    });

    it('keeps the calls of processes writing at the same time', async () => {
      const stores = await Promise.all(Array.from({ length: 4 }, () => open()));
      const ids = stores.flatMap((s, i) =>
        [0, 1, 2].map((j) => encodeCall(longQuestion(10 + i * 3 + j), 'v1', s.calls)),
      );
      await Promise.all(stores.map((s) => s.calls.flush()));
      const later = await open();
      for (const [n, id] of ids.entries()) {
        expect(await decodeSharedCall(id, later.calls)).toEqual({ ...longQuestion(10 + n), version: 'v1' });
      }
    });
  });
}
