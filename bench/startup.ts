/**
 * Start-up: the bot spawned as a user or a process manager starts it, timed from the spawn, in
 * each of the ways of `LAUNCHES`: `npm start` (the compiled bot), the compiled bot run by node
 * directly (as a container or process manager runs it), and the TypeScript run through tsx, as
 * `npm start` did before the build (the old figures).
 *
 * - Local console (no token): until the banner appears on stderr, and until the answer to a
 *   command written on stdin at the spawn appears on stdout.
 * - Discord (token, DISCORD_API_URL at an emulator started here): until the emulator receives the
 *   Identify, and until the bot logs "connected to Discord".
 *
 * Idle memory: VmRSS of the node process running the bot (npm, npx and tsx start it as a child), a
 * second after it is ready (on Discord, connected and its pictures drawn ahead in the process that
 * then exits); and of the whole process tree (npm or npx, tsx and the bot).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from '../emulator/index.js';
import { residentMB } from './load-child.js';

const TOKEN = 'bench-emulator-token.abcdefghijklmnopqrstuvwxyz0123456789';
const IDLE_WAIT_MS = 1000;
const TIMEOUT_MS = 60_000;

/** A way of starting the bot: the command, and what names the bot's own process in its command line. */
export interface Launch {
  name: string;
  command: string;
  args: string[];
  botMarker: string;
}

/** The compiled bot's entry, as built in dist/ (the benchmark builds it first). */
const COMPILED = 'dist/main.js';

/** Node's flags as `npm start` gives them ("--enable-source-maps --max-semi-space-size=1"): one place. */
const START_FLAGS = startFlags();

function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}

export const LAUNCHES: readonly Launch[] = [
  { name: 'npm start', command: 'npm', args: ['start', '--silent'], botMarker: COMPILED },
  {
    name: `node ${START_FLAGS.join(' ')} ${COMPILED}`,
    command: process.execPath,
    args: [...START_FLAGS, COMPILED],
    botMarker: COMPILED,
  },
  {
    name: 'npx tsx src/main.ts (before the build)',
    command: 'npx',
    args: ['tsx', 'src/main.ts'],
    botMarker: 'src/main.ts',
  },
];

export interface ConsoleStartup {
  launch: string;
  dataDir: string;
  bannerMs: number;
  firstAnswerMs: number;
  idleRssMB: number;
  treeRssMB: number;
}

export interface DiscordStartup {
  launch: string;
  identifyMs: number;
  connectedMs: number;
  idleRssMB: number;
  treeRssMB: number;
}

/** The process tree under `pid` (children from /proc), the root first. */
function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    const parent = all[i] as number;
    try {
      for (const task of readdirSync(`/proc/${parent}/task`)) {
        const children = readFileSync(`/proc/${parent}/task/${task}/children`, 'utf8').trim();
        if (children) all.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // Gone, or not Linux.
    }
  }
  return all;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** The node process running the bot: the deepest of the tree whose command line names its entry. */
function botProcess(tree: readonly number[], launch: Launch): number | undefined {
  return tree.filter((p) => commandLine(p).includes(launch.botMarker)).pop();
}

/** The RSS of the process running the bot, and of the whole tree. */
function memoryOf(tree: readonly number[], launch: Launch): { idleRssMB: number; treeRssMB: number } {
  const bot = botProcess(tree, launch);
  return {
    idleRssMB: bot === undefined ? Number.NaN : residentMB(bot),
    treeRssMB: tree.reduce((sum, p) => sum + (residentMB(p) || 0), 0),
  };
}

function spawnMain(launch: Launch, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(launch.command, launch.args, {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Resolves with the time (ms since `started`) at which `test` first passes on the stream's text. */
function whenSeen(
  stream: NodeJS.ReadableStream | null,
  test: (text: string) => boolean,
  started: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`bench: not seen within ${TIMEOUT_MS} ms: ${text.slice(0, 500)}`)),
      TIMEOUT_MS,
    );
    stream?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (test(text)) {
        clearTimeout(timer);
        resolve(performance.now() - started);
      }
    });
  });
}

function exited(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(resolve, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Ends what is left of a process tree this module started, by id, deepest first; an id whose
 * command line is no longer the one recorded has been reused by another process and is left alone.
 */
function killTree(pids: readonly number[], recorded: ReadonlyMap<number, string>): void {
  for (const pid of [...pids].reverse()) {
    const was = recorded.get(pid);
    if (was === undefined || commandLine(pid) !== was) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

function record(tree: readonly number[]): Map<number, string> {
  return new Map(tree.map((pid) => [pid, commandLine(pid)]));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function consoleStartup(launch: Launch, dataDir = 'data'): Promise<ConsoleStartup> {
  const started = performance.now();
  const child = spawnMain(launch, { DISCORD_TOKEN: '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  let tree: number[] = [];
  let recorded = new Map<number, string>();
  try {
    const banner = whenSeen(child.stderr, (t) => t.includes('local mode'), started);
    const answer = whenSeen(child.stdout, (t) => t.includes('Casualties'), started);
    child.stdin?.write('/casualties\n');
    const [bannerMs, firstAnswerMs] = await Promise.all([banner, answer]);
    await sleep(IDLE_WAIT_MS);
    tree = processTree(child.pid ?? 0);
    recorded = record(tree);
    const memory = memoryOf(tree, launch);
    child.stdin?.end();
    await exited(child);
    return { launch: launch.name, dataDir, bannerMs, firstAnswerMs, ...memory };
  } finally {
    if (tree.length === 0) {
      tree = processTree(child.pid ?? 0);
      recorded = record(tree);
    }
    killTree(tree, recorded);
  }
}

export async function discordStartup(launch: Launch): Promise<DiscordStartup> {
  const emu = await startEmulator({ token: TOKEN });
  const stateDir = await mkdtemp(path.join(tmpdir(), 'bench-state-'));
  const started = performance.now();
  const child = spawnMain(launch, {
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: emu.apiUrl,
    DISCORD_CLIENT_ID: emu.applicationId,
    STATE_DIR: stateDir,
    LOG_LEVEL: 'info',
  });
  let tree: number[] = [];
  let recorded = new Map<number, string>();
  try {
    let identifyMs = Number.NaN;
    const identified = (async () => {
      while (emu.gatewayStats.identifies === 0 && performance.now() - started < TIMEOUT_MS) await sleep(2);
      identifyMs = performance.now() - started;
    })();
    // Idle once its pictures are drawn ahead (or have failed to be): they are kept in its memory.
    const [connectedMs] = await Promise.all([
      whenSeen(child.stdout, (t) => t.includes('connected to Discord'), started),
      whenSeen(child.stdout, (t) => t.includes('drawn ahead'), started),
    ]);
    await identified;
    await sleep(IDLE_WAIT_MS);
    tree = processTree(child.pid ?? 0);
    recorded = record(tree);
    const memory = memoryOf(tree, launch);
    // A graceful stop, as on SIGTERM in production: the bot process itself is told.
    const bot = botProcess(tree, launch);
    if (bot !== undefined) process.kill(bot, 'SIGTERM');
    await exited(child);
    return { launch: launch.name, identifyMs, connectedMs, ...memory };
  } finally {
    if (tree.length === 0) {
      tree = processTree(child.pid ?? 0);
      recorded = record(tree);
    }
    killTree(tree, recorded);
    await emu.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}
