/**
 * The calls too long for a component's id (see src/contract/calls.ts), kept in the state folder so
 * that their buttons and menus still work after the bot restarts and in every process sharing the
 * folder. One JSON file, read when the store opens, and written atomically (as a server's state is)
 * shortly after a new call is kept and on a graceful stop: under a lock, merged with what other
 * processes wrote meanwhile. A call this process does not have is looked for in the file again.
 * Bounded: the most recent calls up to a count and a size; a button whose call was let go gets a
 * private "expired" answer. A file that cannot be read (not JSON, a FIFO, a device, a link) is
 * moved aside and the store starts empty: buttons keep working for every call that fits in its id.
 */
import path from 'node:path';
import { z } from 'zod';
import { readCall, writeCall } from '../contract/calls.js';
import { readRegularFile } from '../dataset/read.js';
import type { Logger } from '../log.js';
import { type FileSystem, MAX_STATE_BYTES, setAside, withFileLock, writeFileAtomic } from './files.js';
import type { KeptCalls } from './store.js';

/** Enough for every long call of weeks of use; the file stays a few megabytes at most. */
export const CALL_STORE_LIMITS = { calls: 5_000, characters: 4_000_000 } as const;

/** On disk: [key, call as calls.ts writes it] pairs, oldest first. */
const CallFile = z.object({
  version: z.literal(1),
  calls: z.array(z.tuple([z.string().min(1), z.string().min(1)])),
});

export interface FileCalls extends KeptCalls {
  /** Reads the calls kept so far. */
  open(now: Date): Promise<void>;
  readonly size: number;
}

export interface FileCallOptions {
  logger: Logger;
  fs: FileSystem;
  limits?: { calls: number; characters: number };
}

export function callStoreFile(stateDir: string): string {
  return path.join(stateDir, 'calls.json');
}

/** How long a write waits for another process writing the file. */
const LOCK_WAIT_MS = 5_000;

export function fileCalls(stateDir: string, options: FileCallOptions): FileCalls {
  const { logger, fs } = options;
  const limits = options.limits ?? CALL_STORE_LIMITS;
  const file = callStoreFile(stateDir);
  /** Key → the call as written, in the order kept (a Map keeps insertion order: oldest first). */
  let calls = new Map<string, string>();
  let characters = 0;
  let writing: Promise<void> = Promise.resolve();
  let dirty = false;
  /** The file as this process last read or wrote it: read again only once another process changed it. */
  let seen: string | null = null;
  const readIfChanged = async (now: Date): Promise<Map<string, string> | null> => {
    const version = await versionOf(file, fs);
    if (version !== null && version === seen) return null;
    const kept = await readCallFile(file, fs, logger, now);
    seen = version;
    return kept;
  };

  const keepWithinLimits = () => {
    for (const [key, text] of calls) {
      if (calls.size <= limits.calls && characters <= limits.characters) break;
      calls.delete(key);
      characters -= text.length;
    }
  };
  /** Adds the calls other processes kept, before this process's own (which are the more recent). */
  const merge = (kept: Map<string, string>) => {
    const mine = [...calls].filter(([key]) => !kept.has(key));
    calls = new Map([...kept, ...mine]);
    characters = [...calls.values()].reduce((sum, text) => sum + text.length, 0);
    keepWithinLimits();
  };

  /** One write at a time; calls kept while one runs are written by the next, all together. */
  const scheduleWrite = () => {
    if (dirty) return;
    dirty = true;
    writing = writing.then(async () => {
      dirty = false;
      await withFileLock(
        file,
        async () => {
          const kept = await readIfChanged(new Date());
          if (kept) merge(kept);
          await writeFileAtomic(file, `${JSON.stringify({ version: 1, calls: [...calls] })}\n`, fs);
          seen = await versionOf(file, fs);
        },
        {
          waitMs: LOCK_WAIT_MS,
          busy: 'another process is writing the kept calls',
          onCompromised: (error) => logger.warn({ err: error, file }, 'kept calls lock lost while writing'),
        },
        fs,
      ).catch((error: unknown) =>
        logger.error(
          { err: error, file },
          'kept calls could not be written; their buttons work in this process until it stops',
        ),
      );
    });
  };

  return {
    async open(now) {
      const kept = await readIfChanged(now);
      if (kept) merge(kept);
    },
    put(key, stored) {
      if (calls.has(key)) return;
      const text = writeCall(stored);
      calls.set(key, text);
      characters += text.length;
      keepWithinLimits();
      scheduleWrite();
    },
    get(key) {
      const text = calls.get(key);
      return text === undefined ? undefined : (readCall(text) ?? undefined);
    },
    async load(key) {
      if (calls.has(key)) return;
      const kept = await readIfChanged(new Date());
      if (kept) merge(kept);
    },
    flush: () => writing,
    get size() {
      return calls.size;
    },
  };
}

/** Which version of the file is there (inode, size, time of change), or null when there is none. */
async function versionOf(file: string, fs: FileSystem): Promise<string | null> {
  const info = await fs.promises.lstat(file).catch(() => undefined);
  return info ? `${info.ino}:${info.size}:${info.mtimeMs}` : null;
}

/** The kept calls, or none when there is no file yet; a file that cannot be read is moved aside. */
async function readCallFile(
  file: string,
  fs: FileSystem,
  logger: Logger,
  now: Date,
): Promise<Map<string, string>> {
  const read = await readKeptCalls(file);
  if (read instanceof Map) return read;
  const setAsideTo = await setAside(file, now, fs);
  logger.warn(
    { file, setAsideTo, reason: read.problem },
    'kept calls file could not be read; set aside, starting empty',
  );
  return new Map();
}

/** The calls in a file of kept calls, by key (none when there is no file), or why it cannot be read. */
export async function readKeptCalls(file: string): Promise<Map<string, string> | { problem: string }> {
  const read = await readRegularFile(file, MAX_STATE_BYTES, 'refuse');
  if (!read.ok) return read.missing ? new Map() : { problem: read.reason };
  const parsed = parseCallFile(read.text);
  if (!parsed) return { problem: 'not a file of kept calls' };
  return new Map(parsed.filter(([, call]) => readCall(call) !== null));
}

function parseCallFile(text: string): [string, string][] | null {
  try {
    const parsed = CallFile.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.calls : null;
  } catch {
    return null;
  }
}
