/**
 * What every entry point does with what goes wrong: start-up failures a user can fix (bad
 * configuration, bad data, a port in use, Discord refusing the token) are said in a line, without
 * a stack trace, and nothing printed ever carries the bot token.
 */
import { ConfigError } from './config.js';
import { DatasetError } from './dataset/problems.js';
import { hideSecrets } from './log.js';

/** Says why the program could not `doing` what it was run for, and exits 1. */
export function exitOnStartupError(error: unknown, doing = 'start'): never {
  if (error instanceof DatasetError) {
    say(`Refusing to start: ${error.message}\nRun npm run validate after fixing the data.`);
  } else if (error instanceof ConfigError) {
    say(`Refusing to start: ${error.message}`);
  } else {
    say(`Could not ${doing}: ${describeError(error)}`);
  }
  process.exit(1);
}

/**
 * An error as a person reads it: one line for what the system or Discord refused (a port in use,
 * a full disk, a file in the way, an unreachable or refusing API), the stack only for a bug.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return isRefusal(error) || (error.cause instanceof Error && isRefusal(error.cause))
    ? error.message
    : (error.stack ?? error.message);
}

/** A system call's failure (it has a code and a syscall), an answer of Discord's API, a token refused. */
function isRefusal(error: Error): boolean {
  const { code, syscall, status } = error as Error & { code?: unknown; syscall?: unknown; status?: unknown };
  return (
    (typeof code === 'string' && typeof syscall === 'string') ||
    typeof status === 'number' ||
    code === 'TokenInvalid'
  );
}

/** Writes a line to standard error, less any secret: the token may be in an error an API echoed. */
function say(text: string): void {
  process.stderr.write(`${hideSecrets(text, [process.env.DISCORD_TOKEN])}\n`);
}

/**
 * A reader that stops reading (`npm run validate | head`) closes the pipe: there is no one left to
 * write to, so the program ends quietly, with the status it had, instead of crashing on EPIPE. Any
 * other failure to write (`> /dev/full`: ENOSPC) loses output the user asked for: it is said in a
 * line on standard error, and the program exits 1.
 */
export function endOnOutputErrors(): void {
  for (const [stream, name] of [
    [process.stdout, 'standard output'],
    [process.stderr, 'standard error'],
  ] as const) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit();
      if (stream !== process.stderr) say(`The output could not be written (${name}): ${error.message}`);
      process.exit(1);
    });
  }
}
