/**
 * State files that are not files: a named pipe or a link to a device where the bot keeps its
 * state. Each is refused with its reason in the log, set aside, and the bot goes on: it connects,
 * answers /digest status and stops on SIGTERM within its limit. The bot runs as a real process
 * (a read that blocked would hang it, not the test) against the emulator.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../emulator/index.js';
import { guildStateFile } from '../../src/store/files.js';
import { TEST_TOKEN } from '../helpers/bot-harness.js';
import { messageText, replyMessage } from '../helpers/components.js';
import { ProcessLog } from '../helpers/process-log.js';

const run = promisify(execFile);

const HOSTILE: [string, (file: string) => Promise<void>, RegExp][] = [
  ['named pipes', (file) => run('mkfifo', [file]).then(() => undefined), /named pipe/],
  ['links to /dev/zero', (file) => symlink('/dev/zero', file), /it is a link/],
];

describe('state files that are not files', () => {
  let emu: Emulator;
  let stateDir: string;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    emu = await startEmulator({ token: TEST_TOKEN });
    stateDir = await mkdtemp(path.join(tmpdir(), 'hostile-state-'));
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await emu.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  it.each(HOSTILE)(
    '%s as the kept calls and a server’s state are refused with a reason; the bot serves and stops',
    async (_name, make, reason) => {
      const guildFile = guildStateFile(stateDir, emu.guildId);
      await mkdir(path.dirname(guildFile), { recursive: true });
      await make(path.join(stateDir, 'calls.json'));
      await make(guildFile);
      const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        env: {
          PATH: process.env.PATH ?? '',
          DISCORD_TOKEN: TEST_TOKEN,
          DISCORD_API_URL: emu.apiUrl,
          STATE_DIR: stateDir,
          DATA_WATCH: 'false',
          SHUTDOWN_TIMEOUT_MS: '3000',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child = bot;
      const exited = new Promise<number | null>((resolve) => bot.once('exit', (code) => resolve(code)));
      const log = new ProcessLog(bot);
      await log.seen('connected to Discord');
      expect(await log.seen('kept calls file could not be read; set aside, starting empty')).toMatchObject({
        reason: expect.stringMatching(reason),
      });

      const status = await emu.sendInteraction(
        { type: 'command', name: 'digest', options: [{ name: 'status', type: 1, options: [] }] },
        { timeoutMs: 20_000 },
      );
      expect(messageText(replyMessage(status))).toMatch(/digest/i);
      const refused = log.lines.find((l) => /^The digest state .* could not be read/.test(l.msg));
      expect(refused?.msg).toMatch(reason);
      // Both set aside, for a person to look at; the server starts afresh.
      expect((await readdir(stateDir)).filter((n) => n.startsWith('calls.json.corrupt-'))).toHaveLength(1);
      expect((await readdir(path.dirname(guildFile))).filter((n) => n.includes('.corrupt-'))).toHaveLength(1);

      bot.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
    60_000,
  );
});
