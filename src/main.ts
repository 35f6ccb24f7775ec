/**
 * `npm start`: with DISCORD_TOKEN, serve Discord (serve.ts); without it, the local console on the
 * same dataset. `--json` (console) prints each reply as the exact Discord message payload, one per line.
 */
import { commands } from '../commands/index.js';
import { loadDotEnv, readConfig } from './config.js';
import { banner, runConsole } from './console/console.js';
import { loadDataset } from './dataset/load.js';
import { describeError, endOnOutputErrors, exitOnStartupError } from './startup.js';

endOnOutputErrors();
try {
  loadDotEnv();
  const config = readConfig();
  const dataset = await loadDataset(config.dataDir);
  if (config.token) {
    // Loaded only to serve Discord: the console starts without discord.js.
    const { serveDiscord } = await import('./serve.js');
    await serveDiscord({ ...config, token: config.token }, dataset);
  } else {
    const interactive = Boolean(process.stdin.isTTY);
    process.stderr.write(banner(dataset));
    await runConsole({
      commands,
      dataset,
      input: process.stdin,
      output: process.stdout,
      messages: process.stderr,
      json: process.argv.includes('--json'),
      interactive,
      pictureDir: config.chartDir,
      onError: (error) => process.stderr.write(`error: ${describeError(error)}\n`),
    });
  }
} catch (error) {
  exitOnStartupError(error);
}
