/**
 * Files of the state folder: one JSON file per server under `guilds/`, and the kept calls in
 * `calls.json` (see file-calls.ts). Each file is written atomically: a crash at any moment
 * leaves the old file or the new one, never a broken one, and a write that fails (a full disk, a
 * read-only folder) leaves no temporary file behind. A lock per server (a folder beside its file)
 * lets processes on one machine, or on machines sharing the folder, take turns: a process that
 * posts holds it until the post is recorded.
 *
 * Files are read as the dataset's files are: only regular files, never through a link, within a
 * size limit, opened without blocking; anything else (a FIFO, a device, a link to one) is set aside
 * with its reason, and the server starts afresh.
 */
import { randomBytes } from 'node:crypto';
import nodeFs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { readRegularFile } from '../dataset/read.js';
import {
  CorruptStateError,
  GuildState,
  type GuildStateInput,
  StateBusyError,
  StateLockError,
  StateWriteError,
  schemaProblem,
} from './records.js';
import type { LockOptions } from './store.js';

/** The file system the state lives on: Node's own, or in tests one that fails like a full or read-only disk. */
export type FileSystem = typeof nodeFs;

/** Far beyond any real state: a digest of 100,000 claims keeps about 5 MB of fingerprints. */
export const MAX_STATE_BYTES = 64 * 2 ** 20;

export function guildStateFile(stateDir: string, guildId: string): string {
  return path.join(stateDir, 'guilds', `${guildId.replace(/[^\w-]/g, '_')}.json`);
}

/** The saved state, or null when there is none. A file that cannot be read is moved aside and reported. */
export async function readGuildState(
  stateDir: string,
  guildId: string,
  now = new Date(),
  fs: FileSystem = nodeFs,
): Promise<GuildState | null> {
  const file = guildStateFile(stateDir, guildId);
  const read = await readGuildFile(file);
  if (read === null || 'state' in read) return read?.state ?? null;
  const setAsideTo = await setAside(file, now, fs);
  throw new CorruptStateError(file, setAsideTo, read.problem);
}

/** A server's state file as it is: its state, why it cannot be read, or null when there is none. */
export async function readGuildFile(
  file: string,
): Promise<{ state: GuildState } | { problem: string } | null> {
  const read = await readRegularFile(file, MAX_STATE_BYTES, 'refuse');
  if (!read.ok) return read.missing ? null : { problem: read.reason };
  try {
    const parsed = GuildState.safeParse(JSON.parse(read.text));
    return parsed.success ? { state: parsed.data } : { problem: schemaProblem(parsed.error) };
  } catch (error) {
    return { problem: `not JSON: ${(error as Error).message}` };
  }
}

/** Moves a file that cannot be read out of the way, keeping it for a person to look at. */
export async function setAside(file: string, now: Date, fs: FileSystem = nodeFs): Promise<string | null> {
  const setAsideTo = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  return fs.promises.rename(file, setAsideTo).then(
    () => setAsideTo,
    () => null, // left where it is: the next write replaces it
  );
}

export async function writeGuildState(
  stateDir: string,
  state: GuildStateInput,
  fs: FileSystem = nodeFs,
): Promise<void> {
  const file = guildStateFile(stateDir, state.guildId);
  try {
    await writeFileAtomic(file, `${JSON.stringify(GuildState.parse(state), null, 2)}\n`, fs);
  } catch (error) {
    throw new StateWriteError(file, error as NodeJS.ErrnoException);
  }
}

const TEMPORARY = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/** Temporary file, flushed to disk, renamed over the old one, and the folder flushed too. */
export async function writeFileAtomic(file: string, content: string, fs: FileSystem = nodeFs): Promise<void> {
  const dir = path.dirname(file);
  await makeFolder(dir, fs);
  const temporary = path.join(
    dir,
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const handle = await fs.promises.open(temporary, 'w');
  try {
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temporary, file);
  } catch (error) {
    // A full disk leaves an empty or partial temporary file: never leave it behind.
    await fs.promises.unlink(temporary).catch(() => undefined);
    throw error;
  }
  const folder = await fs.promises.open(dir, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/**
 * Creates a folder and its parents. Node's recursive mkdir reports any failure to create a missing
 * folder as ENOENT (on a read-only file system, say); the folder is then made one level at a time,
 * so that the error names the real cause.
 */
export async function makeFolder(dir: string, fs: FileSystem = nodeFs): Promise<void> {
  try {
    await fs.promises.mkdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const parent = path.dirname(dir);
    if (parent !== dir) await makeFolder(parent, fs);
    await fs.promises.mkdir(dir).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}

/**
 * Removes temporary files a crashed writer left behind, once they are older than any write in
 * progress could be (another process sharing the folder may be writing one right now).
 */
export async function removeLeftovers(
  stateDir: string,
  now: Date,
  fs: FileSystem = nodeFs,
  olderThanMs = 10 * 60_000,
): Promise<string[]> {
  const removed: string[] = [];
  for (const dir of [stateDir, path.join(stateDir, 'guilds')]) {
    const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => TEMPORARY.test(n))) {
      const file = path.join(dir, name);
      const stat = await fs.promises.lstat(file).catch(() => undefined);
      if (!stat || now.getTime() - stat.mtimeMs < olderThanMs) continue;
      await fs.promises.unlink(file).then(
        () => removed.push(file),
        () => undefined,
      );
    }
  }
  return removed;
}

/** A lock older than this was left by a process that died; it is taken over. */
const LOCK_STALE_MS = 30_000;

/**
 * Runs `work` while holding a file's lock (a folder beside it, kept fresh while held, so a dead
 * holder's lock goes stale and is taken over). Throws StateBusyError when another process holds
 * it, StateLockError when the folder cannot be written at all.
 */
export async function withFileLock<T>(
  file: string,
  work: () => Promise<T>,
  options: LockOptions & { busy: string },
  fs: FileSystem = nodeFs,
): Promise<T> {
  let release: () => Promise<void>;
  try {
    await makeFolder(path.dirname(file), fs);
    release = await lockWhenFree(file, options, fs);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new StateBusyError(options.busy);
    throw new StateLockError(`${file}.lock`, error as NodeJS.ErrnoException);
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}

/** Takes the lock, asking again while another process holds it (not on other errors: a read-only disk stays one). */
async function lockWhenFree(
  file: string,
  options: LockOptions,
  fs: FileSystem,
): Promise<() => Promise<void>> {
  const giveUpAt = Date.now() + options.waitMs;
  for (;;) {
    try {
      return await lockfile.lock(file, {
        realpath: false,
        stale: LOCK_STALE_MS,
        update: LOCK_STALE_MS / 3,
        onCompromised: options.onCompromised,
        fs,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() >= giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
    }
  }
}

export function withGuildLock<T>(
  stateDir: string,
  guildId: string,
  work: () => Promise<T>,
  options: LockOptions,
  fs: FileSystem = nodeFs,
): Promise<T> {
  const busy = `another process is posting or saving for server ${guildId}`;
  return withFileLock(guildStateFile(stateDir, guildId), work, { ...options, busy }, fs);
}
