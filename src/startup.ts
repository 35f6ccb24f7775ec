/** Start-up failures a user can fix (bad configuration, bad data) are reported plainly, without a stack trace. */
import { ConfigError } from './config.js';
import { DatasetError } from './dataset/problems.js';
import { StoreOpenError } from './store/records.js';

export function exitOnStartupError(error: unknown): never {
  if (error instanceof DatasetError) {
    process.stderr.write(
      `Refusing to start: ${error.message}\nRun npm run validate after fixing the data.\n`,
    );
  } else if (error instanceof ConfigError || error instanceof StoreOpenError) {
    process.stderr.write(`Refusing to start: ${error.message}\n`);
  } else {
    process.stderr.write(
      `Unexpected error at start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
}

/**
 * A reader that stops reading (`npm run validate | head`) closes the pipe: there is no one left to
 * write to, so the program ends quietly, with the status it had, instead of crashing on EPIPE.
 */
export function endQuietlyWhenOutputCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit();
    });
  }
}
