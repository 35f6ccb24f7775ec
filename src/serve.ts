/**
 * `npm start` with a token: the bot on Discord, run as a service. The dataset is reloaded when
 * data/ changes (DATA_WATCH) and on SIGHUP; SIGINT/SIGTERM stop it gracefully.
 */
import { commands } from '../commands/index.js';
import type { Config } from './config.js';
import type { Dataset } from './dataset/dataset.js';
import { createBot } from './discord/bot.js';
import { createLogger } from './log.js';
import { LiveDataset } from './reload/live.js';
import { watchData } from './reload/watch.js';
import { loadInWorker } from './reload/worker-load.js';
import { prepareSearchIndex } from './search/search.js';

export async function serveDiscord(config: Config & { token: string }, loaded: Dataset): Promise<void> {
  const logger = createLogger({ level: config.logLevel, secrets: [config.token] });
  const dataset = new LiveDataset({
    dir: config.dataDir,
    dataset: loaded,
    logger,
    load: loadInWorker,
    prepare: prepareSearchIndex,
  });
  const bot = createBot({ config, dataset, commands, logger });
  const reload = (reason: string) => void dataset.reload(reason);
  const watching = config.watchData
    ? watchData(config.dataDir, () => reload('data changed'), { logger })
    : null;
  process.on('SIGHUP', () => reload('SIGHUP'));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    watching?.close();
    void bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  await bot.start();
}
