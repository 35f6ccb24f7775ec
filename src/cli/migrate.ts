/**
 * `npm run migrate`: brings the database of DATABASE_URL to the latest schema (the bot also does
 * at start). `npm run migrate -- --from-state-dir DIR` then copies the servers' state and the kept
 * calls of a state folder into it; safe to run twice, and beside a bot running on the database.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadDotEnv, readConfig } from '../config.js';
import { createLogger } from '../log.js';
import { endOnOutputErrors, exitOnStartupError } from '../startup.js';
import { copyStateFolder } from '../store/copy.js';
import { postgresStore } from '../store/postgres.js';

endOnOutputErrors();
try {
  loadDotEnv();
  const { values } = parseArgs({ options: { 'from-state-dir': { type: 'string' } } });
  const config = readConfig();
  if (!config.databaseUrl) {
    throw new ConfigError('DATABASE_URL is not set: migrate prepares a PostgreSQL database for the bot.');
  }
  const logger = createLogger({ level: 'warn' });
  const store = postgresStore(config.databaseUrl, { logger });
  try {
    await store.open(new Date());
    console.log('The database is at the latest schema.');
    const from = values['from-state-dir'];
    if (from) {
      const report = await copyStateFolder(from, store, new Date());
      console.log(
        `From ${from}: ${report.copied.length} servers copied, ${report.present.length} already in the database (left as they are there), ${report.calls} kept calls.`,
      );
      for (const { file, problem } of report.unreadable) {
        console.error(`  not copied: ${file}: ${problem}`);
      }
      if (report.unreadable.length > 0) process.exitCode = 1;
    }
  } finally {
    await store.close();
  }
} catch (error) {
  exitOnStartupError(error);
}
