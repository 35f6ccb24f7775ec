/**
 * Two bots on one database and the emulator, as two machines would run them: each its own
 * discord.js client, state folder and database connections, sharing only the database. The
 * digest both are due to post at start is posted once; a button made by one is answered by the
 * other, which reads its kept call from the database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../emulator/index.js';
import { createLogger } from '../../src/log.js';
import { postgresStore } from '../../src/store/postgres.js';
import { emptyGuildState } from '../../src/store/records.js';
import { actionCommands, LONG_TEXT } from '../helpers/action-commands.js';
import { serving, startBotOn, TEST_TOKEN } from '../helpers/bot-harness.js';
import { messageText, pressButton, replyMessage } from '../helpers/components.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';
import { freshDatabase, postgresFor, type TestDatabase } from '../helpers/postgres.js';

const withPostgres = await postgresFor(import.meta.filename);

describe.skipIf(!withPostgres)('two bots on one database', () => {
  let emu: Emulator;
  let database: TestDatabase;
  const folders: string[] = [];
  beforeEach(async () => {
    emu = await startEmulator({ token: TEST_TOKEN });
    database = await freshDatabase();
  });
  afterEach(async () => {
    await emu.close();
    await database.drop();
    await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
  });

  it('post the digest due once, and answer each other’s buttons', async () => {
    // A schedule whose latest slot (1 January, 00:00 UTC) both bots find missed when they start.
    const store = postgresStore(database.url, { logger: createLogger({ level: 'silent' }) });
    await store.open(new Date());
    await store.write({
      ...emptyGuildState(emu.guildId, new Date('2020-01-01T00:00:00Z')),
      settings: {
        enabled: true,
        channelId: emu.channelId,
        cron: '0 0 1 1 *',
        timeZone: 'UTC',
        incident: null,
        mode: 'always',
        activeSince: '2020-01-01T00:00:00.000Z',
      },
    });
    const seeds = await loadSeeds();
    const startBot = async () => {
      const folder = await mkdtemp(path.join(tmpdir(), 'two-bots-'));
      folders.push(folder);
      return startBotOn(emu, folder, {
        commands: actionCommands,
        dataset: serving(seeds),
        env: { DATABASE_URL: database.url },
      });
    };

    const first = await startBot();
    await expect
      .poll(async () => (await store.read(emu.guildId, new Date()))?.lastPost, { timeout: 20_000 })
      .toBeTruthy();
    const reply = await emu.sendInteraction({ type: 'command', name: 'offers' });

    // The emulator sends events to the newest connection: from now on, the second bot answers.
    const second = await startBot();
    const pressed = await pressButton(emu, replyMessage(reply), 'Echo long');
    expect(messageText(pressed.original ?? pressed.followUps[0] ?? pressed.callback?.data)).toContain(
      `text=${JSON.stringify(LONG_TEXT)}`,
    );

    // Stopping waits for the digests under way: the second bot's catch-up has finished.
    await second.bot.stop();
    await first.bot.stop();
    const posted = (await store.read(emu.guildId, new Date()))?.lastPost;
    expect(posted?.slot).toMatch(/-01-01T00:00:00\.000Z$/);
    expect(emu.channelMessages.get(emu.channelId)?.map((m) => m.id)).toEqual(posted?.messageIds);
    expect(second.logs.join('')).not.toMatch(/"msg":"digest posted"/);
    expect(first.logs.join('')).toMatch(/"msg":"digest posted"/);
    await store.close();
  }, 90_000);
});
