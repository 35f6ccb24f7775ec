/**
 * An empty state folder on a read-only file system (a real one: a tmpfs mounted read-only in a
 * mount namespace of the test's own): what a server manager is told names the cause. Node's
 * recursive mkdir reports it as ENOENT, which read "(error, ENOENT)".
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs the fixture with its state folder mounted read-only, or says why it cannot be done here. */
async function reasonOnReadOnlyFolder(dir: string): Promise<string | { cannot: string }> {
  const script =
    'mount -t tmpfs -o ro tmpfs "$1" && exec "$2" --import tsx test/fixtures/state-write-reason.ts "$1"';
  try {
    await run('unshare', ['--mount', '--map-root-user', 'true']);
  } catch (error) {
    return { cannot: `no mount namespace here (${(error as Error).message.split('\n')[0]})` };
  }
  const { stdout } = await run('unshare', [
    '--mount',
    '--map-root-user',
    'sh',
    '-c',
    script,
    'sh',
    dir,
    process.execPath,
  ]);
  return stdout.trim();
}

it('a read-only, empty state folder: the reason says read-only file system', async (context) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'read-only-state-'));
  try {
    const reason = await reasonOnReadOnlyFolder(dir);
    if (typeof reason !== 'string') {
      process.stderr.write(`SKIPPED: read-only state folder: ${reason.cannot}\n`);
      context.skip();
      return;
    }
    expect(reason).toBe('the bot’s state folder cannot be written (read-only file system, EROFS)');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 30_000);
