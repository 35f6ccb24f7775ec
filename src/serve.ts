/**
 * `npm start` with a token: the bot on Discord, run as a service. Errors nothing caught end the
 * process loudly; SIGINT/SIGTERM stop it within SHUTDOWN_TIMEOUT_MS; the dataset is reloaded when
 * data/ changes (DATA_WATCH) and on SIGHUP.
 */
import { commands } from '../commands/index.js';
import type { Config } from './config.js';
import type { Dataset } from './dataset/dataset.js';
import { createBot } from './discord/bot.js';
import { exitOnFatalErrors, stopOnSignals } from './lifecycle.js';
import { createLogger } from './log.js';
import { LiveDataset } from './reload/live.js';
import { watchData } from './reload/watch.js';
import { loadInWorker } from './reload/worker-load.js';
import { prepareSearchIndex } from './search/search.js';

export async function serveDiscord(config: Config & { token: string }, loaded: Dataset): Promise<void> {
  const logger = createLogger({ level: config.logLevel, secrets: [config.token] });
  exitOnFatalErrors({ logger });
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
  stopOnSignals({
    logger,
    limitMs: config.shutdownTimeoutMs,
    stop: async () => {
      watching?.close();
      await bot.stop();
    },
  });
  await bot.start();
}
