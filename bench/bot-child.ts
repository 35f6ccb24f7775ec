/**
 * The real bot, as `npm start` runs it on Discord, with the backlog thresholds given on the command
 * line: for the benchmark's comparison of thresholds. Configuration comes from the environment.
 *
 *   DISCORD_TOKEN=... DISCORD_API_URL=... node --import tsx bench/bot-child.ts DEFER_AT ANSWERING
 */
import { commands } from '../commands/index.js';
import { readConfig } from '../src/config.js';
import { loadDataset } from '../src/dataset/load.js';
import { createBot } from '../src/discord/bot.js';
import { createLogger } from '../src/log.js';
import { LiveDataset } from '../src/reload/live.js';
import { loadInWorker } from '../src/reload/worker-load.js';

const [deferAt = Number.POSITIVE_INFINITY, answering = 4] = process.argv.slice(2).map(Number);
const config = readConfig();
if (!config.token) throw new Error('bot-child: set DISCORD_TOKEN');
const logger = createLogger({ level: config.logLevel, secrets: [config.token] });
const dataset = new LiveDataset({
  dir: config.dataDir,
  dataset: await loadDataset(config.dataDir),
  logger,
  load: loadInWorker,
});
await createBot({
  config: { ...config, token: config.token },
  dataset,
  commands,
  logger,
  backlog: { deferAt, answering },
}).start();
