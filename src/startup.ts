/** Start-up failures a user can fix (bad configuration, bad data) are reported plainly, without a stack trace. */
import { ConfigError } from './config.js';
import { DatasetError } from './dataset/problems.js';

export function exitOnStartupError(error: unknown): never {
  if (error instanceof DatasetError) {
    process.stderr.write(
      `Refusing to start: ${error.message}\nRun npm run validate after fixing the data.\n`,
    );
  } else if (error instanceof ConfigError) {
    process.stderr.write(`Refusing to start: ${error.message}\n`);
  } else {
    process.stderr.write(
      `Unexpected error at start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
}
