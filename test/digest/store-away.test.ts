/**
 * A server that appears while the store is away (a database restarting as a shard connects): it
 * is not left without a schedule until the process restarts; it is started again within a
 * minute, and the slot it missed is posted then.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { fileStore } from '../../src/store/file-store.js';
import { DatabaseError } from '../../src/store/records.js';
import type { Store } from '../../src/store/store.js';
import { at, setup } from '../helpers/digest-setup.js';

/** A store that fails every read and lock, as a database that does not answer, while `away` is set. */
function awayWhile(store: Store, flag: { away: boolean }): Store {
  const refused = () =>
    new DatabaseError(
      'of the server in the database',
      Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }),
    );
  return {
    kind: store.kind,
    calls: store.calls,
    open: (now) => store.open(now),
    close: () => store.close(),
    write: (state) => (flag.away ? Promise.reject(refused()) : store.write(state)),
    read: (guildId, now) => (flag.away ? Promise.reject(refused()) : store.read(guildId, now)),
    withGuildLock: (guildId, work, options) =>
      flag.away ? Promise.reject(refused()) : store.withGuildLock(guildId, work, options),
  };
}

it('a server started while the store is away is started again within a minute, and posts the slot it missed', async () => {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'digest-away-'));
  const flag = { away: true };
  const store = awayWhile(fileStore(stateDir, { logger: createLogger({ level: 'silent' }) }), flag);
  const s = await setup({ store });
  try {
    // 09:00 in Karachi is due; the store does not answer.
    s.clock.now = at('2026-03-02T04:00:05Z');
    await s.service.startGuild(s.emu.guildId);
    expect(s.messages()).toHaveLength(0);
    expect(s.timers.nextDelays).toEqual([60_000]);
    expect(s.logs.join('')).toMatch(/digest schedule not read; trying again within a minute/);

    flag.away = false;
    s.clock.now = at('2026-03-02T04:00:50Z');
    await s.timers.fire();
    expect(s.messages().length).toBeGreaterThan(0);
    // Scheduled again: the next wake-up is pending, within a minute.
    expect(s.timers.nextDelays).toEqual([60_000]);
  } finally {
    await s.close();
    await store.close();
    await rm(stateDir, { recursive: true, force: true });
  }
});
