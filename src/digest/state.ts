/**
 * Per-server digest state on disk: settings and the last digest posted. One JSON file per server
 * (a shared store replaces this directory when the bot is sharded), written atomically: a crash at
 * any moment leaves the old file or the new one, never a broken one, and a write that fails (a
 * full disk, a read-only folder) leaves no temporary file behind. A lock per server lets several
 * processes (shards, or a second bot started by mistake) share the folder: one at a time changes a
 * server's state, and a process that posts holds the lock until the post is recorded.
 */
import { randomBytes } from 'node:crypto';
import nodeFs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { CronExpression, DigestMode, TimeZone } from './schedule-rules.js';
import { DigestSnapshot } from './snapshot.js';

const IsoDate = z.iso.datetime();

export const DigestSettings = z.object({
  enabled: z.boolean(),
  channelId: z.string(),
  cron: CronExpression,
  timeZone: TimeZone,
  /** null: the dataset's default incident. */
  incident: z.string().nullable(),
  mode: DigestMode,
  /** Slots before this moment are never caught up: they predate the schedule. */
  activeSince: IsoDate,
});
export type DigestSettings = z.infer<typeof DigestSettings>;

export const GuildState = z.object({
  version: z.literal(1),
  guildId: z.string(),
  /** When the bot first managed this server: the environment's default schedule starts here. */
  since: IsoDate,
  /** null: the defaults from the environment apply. */
  settings: DigestSettings.nullable(),
  /** The latest scheduled slot dealt with (posted, or skipped as unchanged). */
  lastSlot: IsoDate.nullable(),
  /**
   * A slot being posted, recorded before its post so that a post whose outcome was never recorded
   * (a crash, a disk that filled up) is never posted again once Discord has forgotten its nonce.
   */
  pending: z.object({ slot: IsoDate, claimedAt: IsoDate }).nullable().default(null),
  lastPost: z
    .object({
      slot: IsoDate.nullable(),
      postedAt: IsoDate,
      late: z.boolean(),
      channelId: z.string(),
      messageIds: z.array(z.string()),
      snapshot: DigestSnapshot,
    })
    .nullable(),
});
export type GuildState = z.infer<typeof GuildState>;
/** A state as written: fields with a default (added since the first version) may be left out. */
export type GuildStateInput = z.input<typeof GuildState>;

/** The file system the state lives on: Node's own, or in tests one that fails like a full or read-only disk. */
export type FileSystem = typeof nodeFs;

export function emptyGuildState(guildId: string, since: Date): GuildState {
  return {
    version: 1,
    guildId,
    since: since.toISOString(),
    settings: null,
    lastSlot: null,
    pending: null,
    lastPost: null,
  };
}

export class CorruptStateError extends Error {
  override name = 'CorruptStateError';
  constructor(
    readonly file: string,
    readonly setAsideTo: string,
    reason: string,
  ) {
    super(
      `The digest state ${file} could not be read (${reason}); it was moved to ${setAsideTo} and the server starts afresh.`,
    );
  }
}

const WRITE_FAILURES: Record<string, string> = {
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** The state folder refused a write: read-only, full, or not the bot's to write. */
export class StateWriteError extends Error {
  override name = 'StateWriteError';
  readonly code: string;
  constructor(
    readonly file: string,
    cause: NodeJS.ErrnoException,
  ) {
    super(`the digest state ${file} cannot be written (${cause.message})`, { cause });
    this.code = cause.code ?? 'error';
  }

  /** What a server manager is told: the cause, without the host's paths. */
  get reason(): string {
    return `the bot’s state folder cannot be written (${WRITE_FAILURES[this.code] ?? 'error'}, ${this.code})`;
  }
}

/** The server's lock could not be taken because the folder cannot be written (nothing was done). */
export class StateLockError extends StateWriteError {
  override name = 'StateLockError';
}

/** Another process holds the server's state: it is posting or saving for that server right now. */
export class StateBusyError extends Error {
  override name = 'StateBusyError';
}

export function guildStateFile(stateDir: string, guildId: string): string {
  return path.join(stateDir, 'guilds', `${guildId.replace(/[^\w-]/g, '_')}.json`);
}

/** The saved state, or null when there is none. A corrupt file is moved aside and reported. */
export async function readGuildState(
  stateDir: string,
  guildId: string,
  now = new Date(),
  fs: FileSystem = nodeFs,
): Promise<GuildState | null> {
  const file = guildStateFile(stateDir, guildId);
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let reason: string;
  try {
    const parsed = GuildState.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    reason = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  } catch (error) {
    reason = `not JSON: ${(error as Error).message}`;
  }
  const setAsideTo = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  await fs.promises.rename(file, setAsideTo);
  throw new CorruptStateError(file, setAsideTo, reason);
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
  await fs.promises.mkdir(dir, { recursive: true });
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
 * Removes temporary files a crashed writer left behind, once they are older than any write in
 * progress could be (another process sharing the folder may be writing one right now).
 */
export async function removeLeftovers(
  stateDir: string,
  now: Date,
  fs: FileSystem = nodeFs,
  olderThanMs = 10 * 60_000,
): Promise<string[]> {
  const dir = path.join(stateDir, 'guilds');
  const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names.filter((n) => TEMPORARY.test(n))) {
    const file = path.join(dir, name);
    const stat = await fs.promises.stat(file).catch(() => undefined);
    if (!stat || now.getTime() - stat.mtimeMs < olderThanMs) continue;
    await fs.promises.unlink(file).then(
      () => removed.push(file),
      () => undefined,
    );
  }
  return removed;
}

export interface LockOptions {
  /** Wait this long for another process to release the server; 0: fail at once with StateBusyError. */
  waitMs: number;
  /** Called if the lock was lost while held (the process stalled past the stale time). */
  onCompromised: (error: Error) => void;
}

/** A lock older than this was left by a process that died; it is taken over. */
const LOCK_STALE_MS = 30_000;

/**
 * Runs `work` while holding the server's lock (a folder beside its state file, kept fresh while
 * held, so a dead holder's lock goes stale and is taken over). Throws StateBusyError when another
 * process holds it, StateLockError when the folder cannot be written at all.
 */
export async function withGuildLock<T>(
  stateDir: string,
  guildId: string,
  work: () => Promise<T>,
  options: LockOptions,
  fs: FileSystem = nodeFs,
): Promise<T> {
  const file = guildStateFile(stateDir, guildId);
  let release: () => Promise<void>;
  try {
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    release = await lockfile.lock(file, {
      realpath: false,
      stale: LOCK_STALE_MS,
      update: LOCK_STALE_MS / 3,
      retries:
        options.waitMs > 0
          ? { retries: Math.ceil(options.waitMs / 250), minTimeout: 50, maxTimeout: 250, randomize: true }
          : 0,
      onCompromised: options.onCompromised,
      fs,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new StateBusyError(`another process is posting or saving for server ${guildId}`);
    }
    throw new StateLockError(`${file}.lock`, error as NodeJS.ErrnoException);
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}
