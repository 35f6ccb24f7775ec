/**
 * `npm run preview [-- --port N]`: the curator's live preview, a page on 127.0.0.1 showing the
 * reports with their quotes marked, the drafts, the problems and every command's replies, updated
 * within a second of each save.
 */
import { parseArgs } from 'node:util';
import { commands } from '../../commands/index.js';
import { loadDotEnv, readDataDir } from '../config.js';
import { createLogger } from '../log.js';
import { startPreviewServer } from '../preview/server.js';
import { PreviewState } from '../preview/state.js';
import { endOnOutputErrors, exitOnStartupError } from '../startup.js';

const DEFAULT_PORT = 4173;

endOnOutputErrors();
try {
  loadDotEnv();
  const { values } = parseArgs({ options: { port: { type: 'string', default: String(DEFAULT_PORT) } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--port: expected a port number from 0 to 65535, not "${values.port}"`);
    process.exitCode = 2;
  } else {
    const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr });
    const state = new PreviewState(readDataDir(), logger);
    await state.start();
    const server = await startPreviewServer({ state, commands, logger, port });
    console.log(`Preview of ${state.dir} at ${server.url} (Ctrl+C stops it)`);
  }
} catch (error) {
  exitOnStartupError(error);
}
