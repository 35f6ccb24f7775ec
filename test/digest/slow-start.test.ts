/**
 * A catch-up slower than a minute (many servers starting at once on a busy machine): the slot
 * that came meanwhile is posted at once after it, not taken for dealt with.
 */
import { expect, it } from 'vitest';
import { at, setup } from '../helpers/digest-setup.js';

it('a slot that comes while the catch-up posts is posted right after it', async () => {
  let clockDuringPost: Date | undefined;
  const s = await setup({
    cron: '* * * * *',
    // Discord is slow to take the first post: two minutes pass on the clock.
    poster: (real) => ({
      post: async (channelId, messages, nonces) => {
        const ids = await real.post(channelId, messages, nonces);
        if (clockDuringPost) s.clock.now = clockDuringPost;
        clockDuringPost = undefined;
        return ids;
      },
    }),
  });
  try {
    s.clock.now = at('2026-03-02T04:00:05Z');
    clockDuringPost = at('2026-03-02T04:02:10Z');
    expect((await s.service.startGuild(s.emu.guildId)).outcome).toBe('posted');
    expect(s.timers.nextDelays).toEqual([0]);
    await s.timers.fire();
    const nonces = s.messages().map((m) => m.nonce);
    expect(nonces).toHaveLength(2);
    expect(new Set(nonces).size).toBe(2);
    // Then back to the schedule: the next slot, 04:03, in 50 seconds.
    expect(s.timers.nextDelays).toEqual([50_000]);
  } finally {
    await s.close();
  }
});
