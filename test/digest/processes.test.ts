/**
 * Two bot processes serving one server from one store (a second bot started by mistake, or shards
 * sharing a state folder or a database): a slot is posted by one of them only, not left to
 * Discord's nonce.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../emulator/index.js';
import { createLogger } from '../../src/log.js';
import { readGuildState } from '../../src/store/files.js';
import { postgresStore } from '../../src/store/postgres.js';
import { TOKEN } from '../helpers/digest-setup.js';
import { freshDatabase, postgresFor } from '../helpers/postgres.js';

const withPostgres = await postgresFor(import.meta.filename);

const PROCESS = path.resolve('test/fixtures/digest-process.ts');

function start(args: string[]): {
  child: ChildProcess;
  ready: Promise<void>;
  outcome: Promise<{ outcome: string }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', PROCESS, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  const lines = new Promise<string[]>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) =>
      code === 0 ? resolve(output.trim().split('\n')) : reject(new Error(`exit ${code}`)),
    );
  });
  const ready = new Promise<void>((resolve) => {
    const check = () => output.includes('ready\n') && resolve();
    child.stdout?.on('data', check);
  });
  return { child, ready, outcome: lines.then((l) => JSON.parse(l.at(-1) ?? '{}')) };
}

/** Both processes at the slot while Discord is slow to answer the first post: one posts, once. */
async function contend(store: string, emu: Emulator): Promise<void> {
  emu.injectFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, delayMs: 1_000, times: 20 });
  const args = [store, emu.apiUrl, TOKEN, emu.guildId, emu.channelId, '2026-03-02T04:00:00.000Z'];
  const processes = [start(args), start(args)];
  await Promise.all(processes.map((p) => p.ready));
  for (const p of processes) p.child.stdin?.write('go\n');
  const outcomes = (await Promise.all(processes.map((p) => p.outcome))).map((o) => o.outcome).sort();
  expect(outcomes[1]).toBe('posted');
  expect(['busy', 'already_done']).toContain(outcomes[0]);
  const posts = emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
  expect(posts.length).toBe(emu.channelMessages.get(emu.channelId)?.length);
}

it('two processes on one state folder: one posts the slot, the other leaves it', async () => {
  const emu = await startEmulator({ token: TOKEN });
  const stateDir = await mkdtemp(path.join(tmpdir(), 'digest-shared-'));
  try {
    await contend(stateDir, emu);
    expect(await readGuildState(stateDir, emu.guildId)).toMatchObject({
      lastSlot: '2026-03-02T04:00:00.000Z',
    });
  } finally {
    await emu.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}, 60_000);

it.skipIf(!withPostgres)(
  'two processes on one database: one posts the slot, the other leaves it',
  async () => {
    const emu = await startEmulator({ token: TOKEN });
    const database = await freshDatabase();
    try {
      await contend(database.url, emu);
      const store = postgresStore(database.url, { logger: createLogger({ level: 'silent' }) });
      expect(await store.read(emu.guildId, new Date())).toMatchObject({
        lastSlot: '2026-03-02T04:00:00.000Z',
      });
      await store.close();
    } finally {
      await emu.close();
      await database.drop();
    }
  },
  60_000,
);
