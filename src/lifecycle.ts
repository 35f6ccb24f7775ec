/**
 * How the bot's process ends. Loudly: an error that nothing caught is logged as fatal and the
 * process exits with status 1, so that a process manager or a container platform starts it again,
 * rather than going on in a state no one planned for. Cleanly: SIGINT or SIGTERM stops the bot
 * (schedules, replies under way, the connection) and exits 0, within a time limit past which it
 * exits 1 anyway, before a platform's own kill; a second signal exits at once.
 */
import type { Logger } from './log.js';

/** The part of `process` used here: tests hand in an emitter of their own. */
export interface ProcessEvents {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface Ending {
  logger: Logger;
  exit?: (code: number) => void;
  events?: ProcessEvents;
}

export function exitOnFatalErrors({
  logger,
  exit = (code) => process.exit(code),
  events = process,
}: Ending): void {
  const fatal = (error: unknown, message: string) => {
    try {
      logger.fatal({ err: error }, message);
    } finally {
      exit(1);
    }
  };
  events.on('uncaughtException', (error) => fatal(error, 'uncaught exception: exiting'));
  events.on('unhandledRejection', (reason) => fatal(reason, 'unhandled promise rejection: exiting'));
}

export interface Stopping extends Ending {
  /** Stops everything the process runs; resolves when it is all stopped. */
  stop: () => Promise<void>;
  limitMs: number;
  /** Calls `fire` in `ms` milliseconds and returns what cancels it: a timer, or the tests' clock. */
  setTimer?: (ms: number, fire: () => void) => () => void;
}

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** On SIGINT or SIGTERM: `stop`, then exit 0; past `limitMs` or on a second signal, exit 1. */
export function stopOnSignals(options: Stopping): void {
  const {
    logger,
    stop,
    limitMs,
    exit = (code) => process.exit(code),
    events = process,
    setTimer = timer,
  } = options;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'a second signal while stopping: exiting now');
      return exit(1);
    }
    stopping = true;
    logger.info({ signal, limitMs }, 'shutting down');
    const cancel = setTimer(limitMs, () => {
      logger.error({ limitMs }, 'shutdown did not finish within its limit: exiting');
      exit(1);
    });
    stop().then(
      () => {
        cancel();
        logger.info('stopped');
        exit(0);
      },
      (error: unknown) => {
        cancel();
        logger.error({ err: error }, 'shutdown failed: exiting');
        exit(1);
      },
    );
  };
  for (const signal of STOP_SIGNALS) events.on(signal, () => shutdown(signal));
}

function timer(ms: number, fire: () => void): () => void {
  const handle = setTimeout(fire, ms);
  return () => clearTimeout(handle);
}
