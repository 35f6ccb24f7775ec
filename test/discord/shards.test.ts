/**
 * The bot sharded across two processes on one database, as two machines run it (SHARD_COUNT=4,
 * SHARDS=0,1 on one and 2,3 on the other): each holds the servers of its shards only, posts their
 * digests and answers their presses; a press on a button made by one process is answered by the
 * process that receives it, which reads the call it carries from the database if it must.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../emulator/index.js';
import { createLogger } from '../../src/log.js';
import { postgresStore } from '../../src/store/postgres.js';
import { emptyGuildState } from '../../src/store/records.js';
import type { Store } from '../../src/store/store.js';
import { startBotOn, TEST_TOKEN } from '../helpers/bot-harness.js';
import { componentsOf } from '../helpers/components.js';
import { freshDatabase, postgresFor, type TestDatabase } from '../helpers/postgres.js';

const withPostgres = await postgresFor(import.meta.filename);

/** A schedule whose latest slot (1 January, 00:00 UTC) a bot finds missed when it starts. */
async function scheduleYearly(store: Store, guildId: string, channelId: string): Promise<void> {
  await store.write({
    ...emptyGuildState(guildId, new Date('2020-01-01T00:00:00Z')),
    settings: {
      enabled: true,
      channelId,
      cron: '0 0 1 1 *',
      timeZone: 'UTC',
      incident: null,
      mode: 'always',
      activeSince: '2020-01-01T00:00:00.000Z',
    },
  });
}

/** The servers a bot's logs say it posted a digest for. */
function postedFor(logs: string[]): string[] {
  return logs
    .map((line) => JSON.parse(line) as { msg: string; guild?: string })
    .filter((entry) => entry.msg === 'digest posted')
    .map((entry) => entry.guild ?? '')
    .sort();
}

describe.skipIf(!withPostgres)('the bot sharded across two processes', () => {
  let emu: Emulator;
  let database: TestDatabase;
  let store: Store;
  const folders: string[] = [];
  beforeEach(async () => {
    emu = await startEmulator({ token: TEST_TOKEN, shards: 4, maxConcurrency: 16 });
    database = await freshDatabase();
    store = postgresStore(database.url, { logger: createLogger({ level: 'silent' }) });
    await store.open(new Date());
  });
  afterEach(async () => {
    await store.close();
    await emu.close();
    await database.drop();
    await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
  });

  it('each process posts the digests of its shards’ servers, and answers presses on them', async () => {
    const servers = Array.from({ length: 8 }, (_, i) => emu.addGuild(`Server ${i}`));
    for (const { guildId, channelId } of servers) await scheduleYearly(store, guildId, channelId);
    const startBot = async (shards: string) => {
      const folder = await mkdtemp(path.join(tmpdir(), 'shards-'));
      folders.push(folder);
      return startBotOn(emu, folder, {
        env: { DATABASE_URL: database.url, SHARD_COUNT: '4', SHARDS: shards },
      });
    };
    const first = await startBot('0,1');
    const second = await startBot('2,3');
    const onShards = (shards: number[]) =>
      servers.map((s) => s.guildId).filter((id) => shards.includes(emu.shardOf(id)));

    await expect
      .poll(
        async () => {
          const states = await Promise.all(servers.map((s) => store.read(s.guildId, new Date())));
          return states.every((state) => state?.lastPost);
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    expect([...first.bot.client.guilds.cache.keys()].filter((id) => id !== emu.guildId).sort()).toEqual(
      onShards([0, 1]).sort(),
    );
    expect([...second.bot.client.guilds.cache.keys()].sort()).toEqual(
      [emu.guildId, ...onShards([2, 3])].filter((id) => [2, 3].includes(emu.shardOf(id))).sort(),
    );

    // A button on each server's digest, pressed: the process of its shard answers it.
    for (const { guildId, channelId } of servers) {
      const [digest] = emu.channelMessages.get(channelId) ?? [];
      const button = componentsOf(digest).find((c) => c.type === 2);
      if (!digest || !button) throw new Error(`no digest with a button in server ${guildId}`);
      const exchange = await emu.sendInteraction({
        type: 'component',
        customId: button.customId,
        messageId: digest.id,
      });
      expect(exchange.callback?.type, `press in server ${guildId}`).toBeDefined();
      // Logged once answered: the process whose log names the interaction is the one that answered.
      const answeredBy = () =>
        Object.entries({ first, second })
          .filter(([, bot]) => bot.logs.some((line) => line.includes(`"id":"${exchange.id}"`)))
          .map(([name]) => name);
      await expect.poll(answeredBy).toEqual([emu.shardOf(guildId) < 2 ? 'first' : 'second']);
    }

    await second.bot.stop();
    await first.bot.stop();
    // Posted once each, by the process that holds the server.
    for (const { channelId, guildId } of servers) {
      const state = await store.read(guildId, new Date());
      expect(emu.channelMessages.get(channelId)?.map((m) => m.id)).toEqual(state?.lastPost?.messageIds);
    }
    expect(postedFor(first.logs)).toEqual(onShards([0, 1]).sort());
    expect(postedFor(second.logs)).toEqual(onShards([2, 3]).sort());
  }, 90_000);
});
