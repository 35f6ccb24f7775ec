/**
 * `npm run migrate -- --from-state-dir DIR`, spawned as an operator runs it, on a database of this
 * file's own: the servers' state and the kept calls of a state folder reach the database whole; a
 * file that cannot be read is named, not moved; run twice, it copies nothing twice.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSharedCall, encodeCall, type StoredCall } from '../../src/contract/calls.js';
import { createLogger } from '../../src/log.js';
import { fileStore } from '../../src/store/file-store.js';
import { guildStateFile, writeGuildState } from '../../src/store/files.js';
import { postgresStore } from '../../src/store/postgres.js';
import { emptyGuildState, type GuildState } from '../../src/store/records.js';
import { freshDatabase, postgresFor, type TestDatabase } from '../helpers/postgres.js';

const withPostgres = await postgresFor(import.meta.filename);
const logger = createLogger({ level: 'silent' });

function migrate(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/migrate.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
}

const question: StoredCall = {
  call: {
    command: 'ask',
    input: { options: { question: `what did the reports say ${'about the attack '.repeat(8)}` } },
  },
};

describe.skipIf(!withPostgres)('npm run migrate', () => {
  let database: TestDatabase;
  let stateDir: string;
  beforeAll(async () => {
    database = await freshDatabase();
    stateDir = await mkdtemp(path.join(tmpdir(), 'migrate-from-'));
  });
  afterAll(async () => {
    await database.drop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('copies a state folder into the database once, and names what it cannot read', async () => {
    const since = new Date('2026-01-01T00:00:00.000Z');
    const states: GuildState[] = [
      emptyGuildState('100000000000000001', since),
      { ...emptyGuildState('100000000000000002', since), lastSlot: '2026-03-02T04:00:00.000Z' },
    ];
    for (const state of states) await writeGuildState(stateDir, state);
    await writeFile(guildStateFile(stateDir, '100000000000000003'), '{"version": 1, "guil');
    const files = fileStore(stateDir, { logger });
    const id = encodeCall(question, 'v1', files.calls);
    await files.close();
    const before = await readdir(path.join(stateDir, 'guilds'));

    const first = await migrate(['--from-state-dir', stateDir], { DATABASE_URL: database.url });
    expect(first.out).toContain(
      '2 servers copied, 0 already in the database (left as they are there), 1 kept calls.',
    );
    expect(first.err).toMatch(/not copied: .*100000000000000003\.json: not JSON/);
    expect(first.code).toBe(1);
    // The folder is only read.
    expect(await readdir(path.join(stateDir, 'guilds'))).toEqual(before);

    const db = postgresStore(database.url, { logger });
    try {
      for (const state of states) expect(await db.read(state.guildId, since)).toEqual(state);
      expect(await decodeSharedCall(id, db.calls)).toEqual({ ...question, version: 'v1' });
      // A server the bot has moved on with in the database is left as it is there.
      await db.write({ ...states[0], lastSlot: '2026-03-03T04:00:00.000Z' } as GuildState);
    } finally {
      await db.close();
    }

    const second = await migrate(['--from-state-dir', stateDir], { DATABASE_URL: database.url });
    expect(second.out).toContain(
      '0 servers copied, 2 already in the database (left as they are there), 1 kept calls.',
    );
    const after = postgresStore(database.url, { logger });
    try {
      expect((await after.read('100000000000000001', since))?.lastSlot).toBe('2026-03-03T04:00:00.000Z');
    } finally {
      await after.close();
    }
  }, 60_000);

  it('without DATABASE_URL, says what it needs', async () => {
    const run = await migrate([], {});
    expect(run.code).toBe(1);
    expect(run.err).toContain('DATABASE_URL is not set');
  });
});
