/**
 * Watching the dataset's folder: a change is reported once things have been quiet for a moment,
 * so that a report copied in with its text, or a branch checked out, is one reload, not dozens;
 * and at the latest a few seconds after the first change, so that edits that never pause still
 * reload. Editors' swap and backup files are not changes.
 *
 * One plain (not recursive) watch per folder, and one on the folder that holds DATA_DIR for
 * DATA_DIR itself. A watch follows a folder, not its name: after a folder is deleted, replaced
 * (`rm -rf sources && cp -r …`), renamed or swapped for a link, its watch hears nothing more. So
 * whenever an entry appears or goes, the folders on disk are listed again and each folder whose
 * identity (device and inode) changed is watched anew. Node's recursive watch is not used: on
 * Linux it kept watching a file replaced by a rename, and missed later edits of it. Where a folder
 * cannot be watched at all (no inotify watches left, a file system without them), the folder is
 * polled instead, and the status says so.
 */
import { type FSWatcher, watch as fsWatch, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log.js';

/** Quiet time after the last change before it is reported. */
export const WATCH_DELAY_MS = 1000;
/** The longest a change waits to be reported while changes keep coming. */
export const WATCH_MAX_WAIT_MS = 5000;
/** How often a folder that cannot be watched is listed and compared. */
export const POLL_INTERVAL_MS = 2000;

export interface WatchOptions {
  logger: Logger;
  delayMs?: number;
  maxWaitMs?: number;
  pollMs?: number;
  /** Calls `fire` in `ms` milliseconds and returns what cancels it: a timer, or the tests' clock. */
  setTimer?: (ms: number, fire: () => void) => () => void;
  /** Node's fs.watch; the tests give one that fails as the kernel does when out of watches. */
  watch?: typeof fsWatch;
}

/** How changes to the folder are noticed: `events` from the kernel, or `polling` when it cannot watch. */
export interface WatchStatus {
  mode: 'events' | 'polling';
  /** Why the folder is polled: what watching it failed with. */
  problem: string | null;
}

export interface DataWatch {
  status(): WatchStatus;
  /** Resolves once the folders watched are the folders on disk (after one was replaced). */
  settled(): Promise<void>;
  close(): void;
}

/** Calls `changed` after files in `dir` (or its folders) changed. */
export function watchData(dir: string, changed: () => void, options: WatchOptions): DataWatch {
  const { logger, setTimer = unrefTimer, watch = fsWatch, pollMs = POLL_INTERVAL_MS } = options;
  const noticed = debounce(
    changed,
    setTimer,
    options.delayMs ?? WATCH_DELAY_MS,
    options.maxWaitMs ?? WATCH_MAX_WAIT_MS,
  );
  const root = path.resolve(dir);
  const watched = new Map<string, { watcher: FSWatcher; identity: string }>();
  let status: WatchStatus = { mode: 'events', problem: null };
  let closed = false;
  let polling: { stop(): void; settled(): Promise<void> } | undefined;
  let parent: FSWatcher | null = null;
  /** Whether watching is over: closed, or given up for polling (which an arm may do at any time). */
  const stopped = () => closed || status.mode === 'polling';

  /** Watches one folder; null when it cannot be watched (it vanished meanwhile, or no watch is left). */
  const arm = (folder: string, onEvent: (event: string, name: string | null) => void): FSWatcher | null => {
    try {
      const watcher = watch(folder, { persistent: false }, (event, name) =>
        onEvent(event, name?.toString() ?? null),
      );
      // A watch that fails later (its folder gone, on some systems) is replaced by the next listing.
      watcher.on('error', () => {
        watcher.close();
        for (const [gone, entry] of watched) if (entry.watcher === watcher) watched.delete(gone);
        relist.request();
      });
      return watcher;
    } catch (error) {
      if (!vanished(error)) fallBackToPolling(error);
      return null;
    }
  };

  const inFolder = (folder: string) => (event: string, name: string | null) => {
    const file = path.relative(root, path.join(folder, name ?? ''));
    if (name !== null && ignoredFile(file)) return;
    logger.trace({ event, file }, 'dataset folder changed');
    noticed();
    // A file written in place changes no folder; anything else ('rename') may have.
    if (event !== 'change' || name === null) relist.request();
  };

  const relist = serialised(async () => {
    if (stopped()) return;
    const folders = await foldersOf(root);
    for (const [folder, entry] of watched) {
      if (folders.get(folder) === entry.identity) continue;
      entry.watcher.close();
      watched.delete(folder);
    }
    for (const [folder, identity] of folders) {
      if (watched.has(folder) || stopped()) continue;
      const watcher = arm(folder, inFolder(folder));
      if (watcher) watched.set(folder, { watcher, identity });
    }
  });

  const fallBackToPolling = (error: unknown) => {
    if (stopped()) return;
    const code =
      (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    const problem = `the dataset folder cannot be watched (${code}${code === 'ENOSPC' ? ', no inotify watches left' : ''}), so it is checked every ${pollMs / 1000} s instead`;
    status = { mode: 'polling', problem };
    logger.warn({ err: error }, problem);
    closeWatches();
    polling = poll(root, noticed, setTimer, pollMs);
  };

  const closeWatches = () => {
    for (const { watcher } of watched.values()) watcher.close();
    watched.clear();
    parent?.close();
  };

  // DATA_DIR itself replaced, renamed or swapped for a link: an event in the folder that holds it.
  const parentDir = path.dirname(root);
  if (parentDir !== root) {
    parent = arm(parentDir, (event, name) => {
      if (name !== null && name !== path.basename(root)) return;
      logger.trace({ event, file: '.' }, 'dataset folder changed');
      noticed();
      relist.request();
    });
  }
  relist.request();

  return {
    status: () => status,
    async settled() {
      // An event may still be on its way: listed again until what is watched is what is on disk.
      await polling?.settled();
      for (;;) {
        await relist.settled();
        if (stopped() || sameFolders(await foldersOf(root), watched)) return;
        relist.request();
      }
    },
    close() {
      closed = true;
      noticed.cancel();
      polling?.stop();
      closeWatches();
    },
  };
}

/** Hidden files, editors' swap and backup files: written beside data, never data. */
export function ignoredFile(file: string): boolean {
  return file
    .split(path.sep)
    .some((part) => part.startsWith('.') || part.endsWith('~') || /\.(swp|swx|tmp)$/i.test(part));
}

/**
 * `fire` once calls have stopped for `delayMs`, or `maxWaitMs` after the first call not yet
 * reported, whichever comes first.
 */
function debounce(
  fire: () => void,
  setTimer: NonNullable<WatchOptions['setTimer']>,
  delayMs: number,
  maxWaitMs: number,
): (() => void) & { cancel(): void } {
  let quiet: (() => void) | undefined;
  let deadline: (() => void) | undefined;
  const cancel = () => {
    quiet?.();
    deadline?.();
    quiet = deadline = undefined;
  };
  const due = () => {
    cancel();
    fire();
  };
  return Object.assign(
    () => {
      quiet?.();
      quiet = setTimer(delayMs, due);
      deadline ??= setTimer(maxWaitMs, due);
    },
    { cancel },
  );
}

/** Runs `task` on request, one run at a time; a request during a run gives one more run after it. */
function serialised(task: () => Promise<void>): { request(): void; settled(): Promise<void> } {
  let running: Promise<void> | undefined;
  let again = false;
  const run = async () => {
    do {
      again = false;
      await task();
    } while (again);
    running = undefined;
  };
  return {
    request() {
      if (running) again = true;
      else running = run();
    },
    settled: () => running ?? Promise.resolve(),
  };
}

/** Every folder under `root` (and `root` itself, a link followed), by path, with its identity; links to folders are not followed, as the loader refuses them. */
async function foldersOf(root: string): Promise<Map<string, string>> {
  const folders = new Map<string, string>();
  const visit = async (folder: string, info: Stats) => {
    folders.set(folder, identityOf(info));
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const inner = path.join(folder, entry.name);
      if (!entry.isDirectory() || ignoredFile(path.relative(root, inner))) continue;
      const innerInfo = await stat(inner).catch(() => undefined);
      if (innerInfo?.isDirectory()) await visit(inner, innerInfo);
    }
  };
  const info = await stat(root).catch(() => undefined);
  if (info?.isDirectory()) await visit(root, info);
  return folders;
}

function sameFolders(onDisk: Map<string, string>, watched: Map<string, { identity: string }>): boolean {
  return (
    onDisk.size === watched.size &&
    [...onDisk].every(([folder, identity]) => watched.get(folder)?.identity === identity)
  );
}

function identityOf(info: Stats): string {
  return `${info.dev}:${info.ino}`;
}

/**
 * Lists the folder every `everyMs` and calls `changed` when a file or folder appeared, went or
 * changed; `settled` resolves once the latest listing is done.
 */
function poll(
  root: string,
  changed: () => void,
  setTimer: NonNullable<WatchOptions['setTimer']>,
  everyMs: number,
): { stop(): void; settled(): Promise<void> } {
  let cancel: (() => void) | undefined;
  let stopped = false;
  let last: Promise<string> = snapshot(root);
  const next = () => {
    cancel = setTimer(everyMs, async () => {
      const before = await last;
      last = snapshot(root);
      const now = await last;
      if (stopped) return;
      if (now !== before) changed();
      next();
    });
  };
  next();
  return {
    stop() {
      stopped = true;
      cancel?.();
    },
    settled: async () => void (await last),
  };
}

/** What polling compares: every entry's path, identity, size and time of change. */
async function snapshot(root: string): Promise<string> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const lines = await Promise.all(
    entries.map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name);
      if (ignoredFile(path.relative(root, file))) return '';
      const info = await stat(file).catch(() => undefined);
      return info
        ? `${file}\u0000${identityOf(info)}\u0000${info.size}\u0000${info.mtimeMs}`
        : `${file}\u0000gone`;
    }),
  );
  const top = await stat(root).catch(() => undefined);
  return [top ? identityOf(top) : 'missing', ...lines.sort()].join('\n');
}

/** The folder went between being listed and being watched: the event that took it relists. */
function vanished(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function unrefTimer(ms: number, fire: () => void): () => void {
  const timer = setTimeout(fire, ms);
  timer.unref();
  return () => clearTimeout(timer);
}
