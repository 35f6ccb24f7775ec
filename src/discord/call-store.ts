/**
 * The calls too long for a component's id (see src/command/calls.ts), kept in the state folder so
 * that their buttons and menus still work after the bot restarts. One JSON file, read once at
 * start and rewritten atomically (as the digest state is) shortly after a new call is kept, and on
 * a graceful stop. Bounded: the most recent calls up to a count and a size; a button whose call
 * was let go gets a private "expired" answer. A file that cannot be read is moved aside and the
 * store starts empty: buttons keep working for every call that fits in its id.
 *
 * One process owns the file (as it owns the state folder: a shared store replaces it when the
 * bot is sharded).
 */
import nodeFs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type CallStore, readCall, writeCall } from '../command/calls.js';
import { type FileSystem, writeFileAtomic } from '../digest/state.js';
import type { Logger } from '../log.js';

/** Enough for every long call of weeks of use; the file stays a few megabytes at most. */
export const CALL_STORE_LIMITS = { calls: 5_000, characters: 4_000_000 } as const;

/** On disk: [key, call as calls.ts writes it] pairs, oldest first. */
const CallFile = z.object({
  version: z.literal(1),
  calls: z.array(z.tuple([z.string().min(1), z.string().min(1)])),
});

export interface FileCallStore extends CallStore {
  /** Resolves once every call kept so far is on disk (or its write failed and was logged). */
  flush(): Promise<void>;
  readonly size: number;
}

export interface FileCallStoreOptions {
  logger: Logger;
  limits?: { calls: number; characters: number };
  fs?: FileSystem;
  now?: () => Date;
}

export function callStoreFile(stateDir: string): string {
  return path.join(stateDir, 'calls.json');
}

export function fileCallStore(stateDir: string, options: FileCallStoreOptions): FileCallStore {
  const { logger } = options;
  const fs = options.fs ?? nodeFs;
  const limits = options.limits ?? CALL_STORE_LIMITS;
  const file = callStoreFile(stateDir);
  const now = options.now ?? (() => new Date());
  removeLeftovers(file, fs, now());
  /** Key → the call as written, in the order kept (a Map keeps insertion order: oldest first). */
  const calls = readCallFile(file, fs, logger, now);
  let characters = [...calls.values()].reduce((sum, text) => sum + text.length, 0);
  let writing: Promise<void> = Promise.resolve();
  let dirty = false;

  const keepWithinLimits = () => {
    for (const [key, text] of calls) {
      if (calls.size <= limits.calls && characters <= limits.characters) break;
      calls.delete(key);
      characters -= text.length;
    }
  };
  keepWithinLimits();

  /** One write at a time; calls kept while one runs are written by the next, all together. */
  const scheduleWrite = () => {
    if (dirty) return;
    dirty = true;
    writing = writing.then(async () => {
      dirty = false;
      const content = `${JSON.stringify({ version: 1, calls: [...calls] })}\n`;
      await writeFileAtomic(file, content, fs).catch((error: unknown) =>
        logger.error(
          { err: error, file },
          'kept calls could not be written; their buttons work until a restart',
        ),
      );
    });
  };

  return {
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
    flush: () => writing,
    get size() {
      return calls.size;
    },
  };
}

/** A write older than any in progress could be was cut short by a crash: its temporary file goes. */
function removeLeftovers(file: string, fs: FileSystem, now: Date): void {
  const dir = path.dirname(file);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return; // no folder yet
  }
  for (const name of names.filter((n) => TEMPORARY.test(n))) {
    try {
      const leftover = path.join(dir, name);
      if (now.getTime() - fs.statSync(leftover).mtimeMs > LEFTOVER_AGE_MS) fs.unlinkSync(leftover);
    } catch {
      // Gone already, or not ours to remove: the next start tries again.
    }
  }
}

const LEFTOVER_AGE_MS = 10 * 60_000;
/** What writeFileAtomic names its temporary file: `.calls.json.<pid>.<random>.tmp`. */
const TEMPORARY = /^\.calls\.json\.\d+\.[0-9a-f]{8}\.tmp$/;

/** The kept calls, or none when there is no file yet; a file that cannot be read is moved aside. */
function readCallFile(file: string, fs: FileSystem, logger: Logger, now: () => Date): Map<string, string> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      logger.error(
        { err: error, file },
        'kept calls could not be read; buttons of long calls will say they expired',
      );
    }
    return new Map();
  }
  const parsed = parseCallFile(text);
  if (parsed) return new Map(parsed.filter(([, call]) => readCall(call) !== null));
  const setAsideTo = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
  try {
    fs.renameSync(file, setAsideTo);
  } catch {
    // Left where it is: the next write replaces it.
  }
  logger.warn({ file, setAsideTo }, 'kept calls file could not be read; set aside, starting empty');
  return new Map();
}

function parseCallFile(text: string): [string, string][] | null {
  try {
    const parsed = CallFile.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.calls : null;
  } catch {
    return null;
  }
}
