/**
 * `npm start` with a token, as a process manager runs it: the real process against the emulator,
 * with a health port. SIGHUP reloads an edited dataset, the health endpoint follows, and SIGTERM
 * stops it with status 0. The test waits for what the process logs, never on the clock.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../emulator/index.js';
import type { HealthReport } from '../src/discord/health.js';
import { TEST_TOKEN } from './helpers/bot-harness.js';
import { DatasetCopy } from './helpers/dataset-fixture.js';
import { ProcessLog } from './helpers/process-log.js';

/** A port free on 127.0.0.1 a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm start on Discord, as a service', () => {
  let emu: Emulator;
  let copy: DatasetCopy;
  let stateDir: string;
  let child: ChildProcess;
  let exited: Promise<number | null>;
  beforeEach(async () => {
    emu = await startEmulator({ token: TEST_TOKEN });
    copy = await DatasetCopy.seeds();
    stateDir = await mkdtemp(path.join(tmpdir(), 'briefing-serve-'));
  });
  afterEach(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    await emu.close();
    await copy.cleanup();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('draws its pictures ahead, reloads on SIGHUP, reports its health, and stops on SIGTERM with status 0', async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        DISCORD_TOKEN: TEST_TOKEN,
        DISCORD_API_URL: emu.apiUrl,
        DATA_DIR: copy.dir,
        STATE_DIR: stateDir,
        DATA_WATCH: 'false',
        HEALTH_PORT: String(port),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const log = new ProcessLog(child);
    await log.seen('connected to Discord');
    // The dataset's one incident: its chart drawn in the child process, and said so.
    expect(await log.seen('pictures drawn ahead')).toMatchObject({ charts: 1 });
    const health = async () =>
      (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as HealthReport;
    const before = await health();
    expect(before).toMatchObject({ status: 'ok', dataset: { sources: 2 } });

    await copy.addStory();
    const sources = await copy.reportCount();
    child.kill('SIGHUP');
    const reloaded = await log.seen('dataset reloaded: now serving the new version');
    expect(reloaded).toMatchObject({ reason: 'SIGHUP', previous: before.dataset.version, sources });
    expect(await health()).toMatchObject({ dataset: { version: reloaded.version, sources } });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log.messages()).toEqual(expect.arrayContaining(['shutting down', 'disconnected', 'stopped']));
  });
});
