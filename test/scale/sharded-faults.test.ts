/**
 * The bot sharded across two processes on one PostgreSQL, at the scale of a public bot and under
 * faults (`npm run test:scale`, not part of `npm test`). Two processes run two shards each of
 * four, serving 500 servers that each have a digest every minute, on a test clock that runs
 * SPEED times as fast, while 5,000 presses are spread over the servers. One process is killed
 * (SIGKILL) in the middle of posting a slot and started again; PostgreSQL is restarted in the
 * middle of the run. Then:
 * - no slot of any server is ever posted twice, and nothing is posted but slots;
 * - every slot due after the faults is posted exactly once; one due before a fault ended, at
 *   most once (the latest slot missed is posted, not each one); the slot the process was killed
 *   posting is posted once (its nonces again), or past the nonce window logged as counted, or,
 *   not yet begun, gives way to the latest slot due when the process is back;
 * - every press delivered to a running process is answered, once; presses on the servers of the
 *   killed process while it is down reach no one, as on Discord;
 * - the survivor serves throughout, and the restarted process resumes its shards.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../emulator/index.js';
import { digestNonce } from '../../src/digest/composer.js';
import { createLogger } from '../../src/log.js';
import { postgresStore } from '../../src/store/postgres.js';
import { emptyGuildState } from '../../src/store/records.js';
import { TEST_TOKEN } from '../helpers/bot-harness.js';
import { componentsOf } from '../helpers/components.js';
import { freshDatabase, postgresFor, type TestDatabase } from '../helpers/postgres.js';
import { type LogLine, ProcessLog } from '../helpers/process-log.js';

const run = promisify(execFile);
const withPostgres = await postgresFor(import.meta.filename);

const SERVERS = 500;
const PRESSES = 5_000;
/**
 * Test minutes per real minute (SCALE_SPEED, default 2): a minute of digests passes in 30
 * seconds, time for each process to post its 250 servers' digests and answer its presses on a
 * machine of 2 cores shared with other work. Faster than the processes can post, slots fall
 * behind and the scheduler posts only the latest due: the test would fail, rightly, for the load.
 */
const SPEED = Number(process.env.SCALE_SPEED ?? 2);
const MINUTE = 60_000;
/** The clock's first reading, when the processes start; the first slot is a minute later. */
const CLOCK_FROM = new Date('2026-03-02T03:59:00.000Z');
const at = (hhmmss: string) => new Date(`2026-03-02T${hhmmss}.000Z`);
/** The slots the run covers, each posted at most once; the last is posted by every server. */
const SLOTS = ['04:00:00', '04:01:00', '04:02:00', '04:03:00', '04:04:00'].map(at);
/** The slot the second process is killed posting, and when PostgreSQL restarts. */
const KILL_SLOT = at('04:01:00');
const KILL_AT = at('04:01:04');
const RESTART_DATABASE_AT = at('04:02:20');
/** Discord remembers a nonce as long as the bot trusts it to (two minutes), and no longer. */
const NONCE_MEMORY_MS = (2 * MINUTE) / SPEED;

interface BotProcess {
  child: ChildProcess;
  log: ProcessLog;
  exited: Promise<number | null>;
}

interface Press {
  id: string;
  guildId: string;
  delivered: boolean;
}

let emu: Emulator;
let database: TestDatabase;
let stateDir: string;
/** The real instant the test clock reads CLOCK_FROM: when the processes are started. */
let realStart = Date.now();
const clockNow = () => new Date(CLOCK_FROM.getTime() + (Date.now() - realStart) * SPEED);
const processes: BotProcess[] = [];

beforeAll(async () => {
  if (!withPostgres) return;
  emu = await startEmulator({
    token: TEST_TOKEN,
    shards: 4,
    maxConcurrency: 16,
    // What this test asserts is that each press is answered once, not how fast: speed is the bench's.
    interactionDeadlineMs: 0,
    nonceMemoryMs: NONCE_MEMORY_MS,
  });
  database = await freshDatabase();
  stateDir = await mkdtemp(path.join(tmpdir(), 'briefing-scale-'));
});

afterAll(async () => {
  // What each process logged, for a failure to be read after the run.
  await Promise.all(
    processes.map((p, i) =>
      writeFile(
        path.join(tmpdir(), `briefing-scale-${i}.log`),
        p.log.lines.map((l) => JSON.stringify(l)).join('\n'),
      ),
    ),
  );
  for (const p of processes) p.child.kill('SIGKILL');
  await emu?.close();
  await database?.drop();
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

/** Every server's digest every minute, from before the first slot, in its own channel. */
async function scheduleEveryMinute(servers: { guildId: string; channelId: string }[]): Promise<void> {
  const store = postgresStore(database.url, { logger: createLogger({ level: 'silent' }) });
  await store.open(new Date());
  for (const { guildId, channelId } of servers) {
    await store.write({
      ...emptyGuildState(guildId, CLOCK_FROM),
      settings: {
        enabled: true,
        channelId,
        cron: '* * * * *',
        timeZone: 'UTC',
        incident: null,
        mode: 'always',
        activeSince: at('04:00:00').toISOString(),
      },
    });
  }
  await store.close();
}

/** The bot as `npm start` runs it, on the shared clock, database and emulator, running `shards`. */
function startBot(shards: string): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_API_URL: emu.apiUrl,
      DATABASE_URL: database.url,
      SHARD_COUNT: '4',
      SHARDS: shards,
      TEST_CLOCK: `${CLOCK_FROM.toISOString()} at ${realStart} x${SPEED}`,
      STATE_DIR: stateDir,
      DATA_WATCH: 'false',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = { child, log: new ProcessLog(child), exited };
  processes.push(started);
  return started;
}

/** Resolves once `check` holds, looking every 50 ms, or fails after `timeoutMs` saying what it waited for, and how things stand. */
async function until(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting: ${what}\n${howThingsStand()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** For a failure's message: the clock, the shards ready, and each process's warnings and errors, counted. */
function howThingsStand(): string {
  const problems = processes.map((p, i) => {
    const counts = new Map<string, number>();
    for (const l of p.log.lines.filter((line) => line.level >= 40))
      counts.set(l.msg, (counts.get(l.msg) ?? 0) + 1);
    return `process ${i}: ${JSON.stringify(Object.fromEntries(counts))}, ${p.log.lines.filter((l) => l.msg === 'digest posted').length} posted`;
  });
  return [
    `clock ${clockNow().toISOString()}, shards ready ${emu.readyShards().join()}`,
    ...problems,
    `(each process's log, after the run: ${path.join(tmpdir(), 'briefing-scale-N.log')})`,
  ].join('\n');
}

const clockReached = (moment: Date) => () => clockNow() >= moment;

/** The slot and part each nonce of a server's digests stands for. */
function slotOfNonce(guildId: string, slots: readonly Date[]): Map<string, { slot: Date; part: number }> {
  const nonces = new Map<string, { slot: Date; part: number }>();
  for (const slot of slots)
    for (const part of [0, 1])
      nonces.set(digestNonce(guildId, `slot:${slot.toISOString()}`, part), { slot, part });
  return nonces;
}

/**
 * Whether the process, back, posted a later slot first for the server: after downtime a server
 * posts the latest slot missed, not each one, so a slot the process was killed before beginning
 * gives way to the one due at its catch-up.
 */
function superseded(restarted: ProcessLog, guildId: string, slot: Date): boolean {
  const first = restarted.lines.find((l) => l.msg === 'digest posted' && l.guild === guildId);
  return first !== undefined && new Date(String(first.slot)) > slot;
}

/**
 * Whether a fault that ended at `to` may have kept a slot from being posted: one due before it
 * ended. A slot not yet posted when the fault began (on a busy machine a process may still be
 * posting an earlier minute's) is given up for the latest slot due when the process or the
 * database is back, as after any downtime; every slot due after the faults is posted exactly once.
 */
function touched(slot: Date, to: Date): boolean {
  return slot.getTime() <= to.getTime();
}

it.skipIf(!withPostgres)(
  'two processes, two shards each, 500 servers, 5,000 presses, a process killed and the database restarted',
  async () => {
    const servers = Array.from({ length: SERVERS }, (_, i) => emu.addGuild(`Server ${i}`));
    const secondShards = (guildId: string) => emu.shardOf(guildId) >= 2;
    await scheduleEveryMinute(servers);
    realStart = Date.now();

    const first = startBot('0,1');
    let second = startBot('2,3');
    await until('every shard ready', () => emu.readyShards().length === 4);

    // Presses spread over the servers, on the latest digest of each, while everything below happens.
    const presses: Press[] = [];
    let holdSecond = false;
    let pressing = true;
    const presser = (async () => {
      for (let next = 0; pressing && presses.length < PRESSES; next++) {
        const server = servers[next % SERVERS] as { guildId: string; channelId: string };
        const digest = emu.channelMessages.get(server.channelId)?.at(-1);
        const button = componentsOf(digest).find((c) => c.type === 2);
        if (digest && button && !(holdSecond && secondShards(server.guildId))) {
          const { id, delivered } = emu.dispatchInteraction({
            type: 'component',
            customId: button.customId,
            messageId: digest.id,
          });
          presses.push({ id, guildId: server.guildId, delivered });
        }
        if (next % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const answered = (which: (p: Press) => boolean) =>
      Promise.all(
        presses
          .filter((p) => p.delivered && which(p))
          .map((p) => emu.waitForInteraction(p.id, { timeoutMs: 180_000 })),
      );

    // The second process killed in the middle of posting a slot: its posts held up in Discord.
    // Its presses are held just before, and answered: a press that reaches a process that is then
    // killed is lost on Discord too, and is not what this test is about.
    const secondChannels = servers.filter((s) => secondShards(s.guildId)).map((s) => s.channelId);
    await until('the minute before the slot', clockReached(new Date(KILL_SLOT.getTime() - 15_000)));
    emu.injectFault({
      method: 'POST',
      path: new RegExp(`^/channels/(${secondChannels.join('|')})/messages$`),
      delayMs: 6_000,
      times: secondChannels.length * 2,
    });
    holdSecond = true;
    await answered((p) => secondShards(p.guildId));
    await until('the kill', clockReached(KILL_AT));
    second.child.kill('SIGKILL');
    await second.exited;
    await until('its shards gone', () => emu.readyShards().join() === '0,1', 10_000);
    // Presses on its servers now reach no one, until it is back.
    holdSecond = false;
    emu.clearFaults();
    const killedLog = second.log;
    second = startBot('2,3');
    await until('its shards back', () => emu.readyShards().length === 4);
    const resumedAt = clockNow();

    // PostgreSQL restarted under both processes (kept short: the server is shared).
    await until('the database restart', clockReached(RESTART_DATABASE_AT));
    const version = (await run('ls', ['/etc/postgresql'])).stdout.trim();
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart']);
    const databaseUpAt = clockNow();

    // Every server posts the last slot: the survivors and the restarted process serve on.
    const lastSlot = SLOTS.at(-1) as Date;
    await until(
      'the last slot posted everywhere',
      () =>
        servers.every((s) =>
          emu.channelMessages
            .get(s.channelId)
            ?.some((m) => m.nonce === digestNonce(s.guildId, `slot:${lastSlot.toISOString()}`, 0)),
        ),
      90_000,
    );
    await until('every press sent', () => presses.length >= PRESSES, 120_000);
    pressing = false;
    await presser;
    await answered(() => true);
    // Slots after the last awaited may be posted too, until the processes stop: at most once each.
    const stoppedAt = clockNow();
    const firstSlot = SLOTS[0] as Date;
    const everySlot = Array.from(
      { length: Math.floor((stoppedAt.getTime() - firstSlot.getTime()) / MINUTE) + 1 },
      (_, i) => new Date(firstSlot.getTime() + i * MINUTE),
    );
    for (const p of [first, second]) p.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await second.exited).toBe(0);

    // Digests: never twice, only slots, and exactly once where no fault touched them.
    const counted = new Set(
      [...killedLog.lines, ...second.log.lines]
        .filter((l: LogLine) => /counts as posted/.test(l.msg))
        .map((l) => `${l.guild}|${l.slot}`),
    );
    const problems: string[] = [];
    for (const { guildId, channelId } of servers) {
      const nonces = slotOfNonce(guildId, everySlot);
      const posted = new Map<string, number>();
      for (const message of emu.channelMessages.get(channelId) ?? []) {
        const known = nonces.get(String(message.nonce));
        if (!known) problems.push(`${guildId}: a message that is no slot's (${message.nonce})`);
        else if (known.part === 0) {
          const slot = known.slot.toISOString();
          posted.set(slot, (posted.get(slot) ?? 0) + 1);
        }
      }
      for (const slot of everySlot) {
        const times = posted.get(slot.toISOString()) ?? 0;
        const awaited = slot.getTime() <= lastSlot.getTime();
        const killed = secondShards(guildId) && slot.getTime() === KILL_SLOT.getTime();
        const mayMiss = touched(slot, databaseUpAt) || (secondShards(guildId) && touched(slot, resumedAt));
        if (times > 1) problems.push(`${guildId}: slot ${slot.toISOString()} posted ${times} times`);
        else if (
          killed &&
          times === 0 &&
          !counted.has(`${guildId}|${slot.toISOString()}`) &&
          !superseded(second.log, guildId, slot)
        )
          problems.push(
            `${guildId}: the slot killed in its post neither posted, logged as counted, nor followed by a later one`,
          );
        else if (awaited && !killed && !mayMiss && times === 0)
          problems.push(`${guildId}: slot ${slot.toISOString()} not posted`);
      }
    }

    // Presses: each delivered one answered once; the others were for the killed process's shards.
    const callbacks = new Map<string, number>();
    for (const r of emu.requests) {
      const id = /^\/interactions\/(\d+)\//.exec(r.path)?.[1];
      if (id) callbacks.set(id, (callbacks.get(id) ?? 0) + 1);
    }
    expect(presses.length).toBe(PRESSES);
    // The survivor answered presses all along, the killed process's presses before, the restarted one's after.
    const answeredBy = (log: ProcessLog) =>
      new Set(log.lines.filter((l) => l.msg === 'interaction').map((l) => String(l.id)));
    const byFirst = answeredBy(first.log);
    const bySecond = new Set([...answeredBy(killedLog), ...answeredBy(second.log)]);
    for (const p of presses) {
      const answers = callbacks.get(p.id) ?? 0;
      if (p.delivered && answers !== 1) problems.push(`press ${p.id}: answered ${answers} times`);
      if (p.delivered && !(secondShards(p.guildId) ? bySecond : byFirst).has(p.id))
        problems.push(`press ${p.id}: not answered by the process of its shard`);
      if (!p.delivered && !secondShards(p.guildId))
        problems.push(`press ${p.id}: reached no running process`);
    }
    expect(problems).toEqual([]);
    // The presses the killed process could not get were answered by no one, as on Discord.
    expect(presses.filter((p) => !p.delivered).every((p) => (callbacks.get(p.id) ?? 0) === 0)).toBe(true);
  },
  480_000,
);
