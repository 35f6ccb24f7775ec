/**
 * Watching the dataset's folder: a change is reported once things have been quiet for a moment,
 * so that a report copied in with its text, or a branch checked out, is one reload, not dozens.
 * Editors' swap and backup files are not changes. Where the folder cannot be watched (no inotify
 * watches left, a network file system), that is logged and SIGHUP still reloads.
 */
import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.js';

/** Quiet time after the last change before it is reported. */
export const WATCH_DELAY_MS = 1000;

export interface WatchOptions {
  logger: Logger;
  delayMs?: number;
  /** Calls `fire` in `ms` milliseconds and returns what cancels it: a timer, or the tests' clock. */
  setTimer?: (ms: number, fire: () => void) => () => void;
}

export interface DataWatch {
  close(): void;
}

/** Calls `changed` after files in `dir` (or its folders) changed and then stayed still. */
export function watchData(dir: string, changed: () => void, options: WatchOptions): DataWatch {
  const { logger, delayMs = WATCH_DELAY_MS, setTimer = unrefTimer } = options;
  let cancel: (() => void) | undefined;
  const quiet = () => {
    cancel = undefined;
    changed();
  };
  let watcher: FSWatcher;
  try {
    // Not persistent: watching never keeps the process alive by itself.
    watcher = watch(dir, { recursive: true, persistent: false }, (_event, file) => {
      if (file !== null && ignoredFile(file)) return;
      cancel?.();
      cancel = setTimer(delayMs, quiet);
    });
  } catch (error) {
    logger.warn({ dir, err: error }, 'the dataset folder cannot be watched: send SIGHUP to reload it');
    return { close: () => undefined };
  }
  watcher.on('error', (error) => {
    logger.warn({ dir, err: error }, 'the dataset folder is no longer watched: send SIGHUP to reload it');
    watcher.close();
  });
  return {
    close() {
      cancel?.();
      watcher.close();
    },
  };
}

/** Hidden files, editors' swap and backup files: written beside data, never data. */
export function ignoredFile(file: string): boolean {
  return file
    .split(path.sep)
    .some((part) => part.startsWith('.') || part.endsWith('~') || /\.(swp|swx|tmp)$/i.test(part));
}

function unrefTimer(ms: number, fire: () => void): () => void {
  const timer = setTimeout(fire, ms);
  timer.unref();
  return () => clearTimeout(timer);
}
