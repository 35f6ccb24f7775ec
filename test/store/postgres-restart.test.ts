/**
 * The database restarted under the digest service (a throwaway cluster of this file's own, stopped
 * and started for real): while it is down, scheduled digests are held, not posted and not lost;
 * once it is back the schedule's next wake-up posts the slot, once; restarted in the middle of a post, the post is
 * recorded on the next attempt with the same nonces, so Discord keeps one copy. No error of the
 * database's reaches the process as an uncaught one (vitest fails a run that has one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { postgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/store.js';
import { setup } from '../helpers/digest-setup.js';
import { type Cluster, canMakeCluster, postgresFor, throwawayCluster } from '../helpers/postgres.js';

const withPostgres = canMakeCluster && (await postgresFor(import.meta.filename));

describe.skipIf(!withPostgres)('the database restarted while digests are posted', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await throwawayCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.remove();
  });

  it('loses nothing and posts nothing twice', async () => {
    const store: Store = postgresStore(cluster.url, { logger: createLogger({ level: 'silent' }) });
    await store.open(new Date());
    let restartDuringPost = false;
    const s = await setup({
      store,
      poster: (real) => ({
        async post(channelId, messages, nonces) {
          if (restartDuringPost) {
            restartDuringPost = false;
            await cluster.stop();
            await cluster.start();
          }
          return real.post(channelId, messages, nonces);
        },
      }),
    });
    try {
      const guild = s.emu.guildId;
      s.clock.now = new Date('2026-03-02T04:00:30Z');
      expect(await s.service.tick(guild)).toMatchObject({ outcome: 'posted' });
      const afterFirst = s.messages().length;

      // Down at the next slot, on the schedule's own wake-ups: held, and the reason is the database's.
      await s.service.schedule(guild);
      await cluster.stop();
      s.clock.now = new Date('2026-03-03T04:00:30Z');
      await s.timers.fire();
      expect(s.messages()).toHaveLength(afterFirst);
      expect(s.service.problem(guild)?.message).toMatch(/database/);

      // Back: the next wake-up, a minute later, posts the slot, once.
      await cluster.start();
      s.clock.now = new Date('2026-03-03T04:01:30Z');
      await s.timers.fire();
      const afterSecond = s.messages().length;
      expect(afterSecond).toBeGreaterThan(afterFirst);
      expect((await store.read(guild, s.clock.now))?.lastSlot).toBe('2026-03-03T04:00:00.000Z');
      expect(s.service.problem(guild)).toBeUndefined();
      s.service.unschedule(guild);
      expect(afterSecond).toBeGreaterThan(afterFirst);

      // Restarted while the third slot's post is under way: posted, but its record is lost with the connection.
      restartDuringPost = true;
      s.clock.now = new Date('2026-03-04T04:00:30Z');
      const third = await s.service.tick(guild);
      expect(third).toMatchObject({ outcome: 'posted', recordError: expect.anything() });
      const afterThird = s.messages().length;
      // The claim was committed before the post: the next attempt posts again with the same nonces,
      // Discord returns the messages it has, and the slot is recorded.
      s.clock.now = new Date('2026-03-04T04:01:00Z');
      const again = await s.service.tick(guild);
      expect(again).toMatchObject({ outcome: 'posted' });
      expect(again.outcome === 'posted' && again.messageIds).toEqual(
        third.outcome === 'posted' && third.messageIds,
      );
      expect(s.messages()).toHaveLength(afterThird);
      expect(await s.service.tick(guild)).toMatchObject({ outcome: 'already_done' });

      // Nothing lost: every digest on record, the last one the third slot's.
      const state = await store.read(guild, s.clock.now);
      expect(state).toMatchObject({ lastSlot: '2026-03-04T04:00:00.000Z', pending: null });
      expect(state?.lastPost?.messageIds).toEqual(third.outcome === 'posted' ? third.messageIds : []);
      expect(s.logs.join('')).toMatch(/database connection lost|lock lost while held/);
    } finally {
      await s.close();
      await store.close();
    }
  }, 120_000);
});
