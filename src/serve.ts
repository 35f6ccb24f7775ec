/**
 * `npm start` with a token: the bot on Discord, run as a service. Errors nothing caught end the
 * process loudly; SIGINT/SIGTERM stop it within SHUTDOWN_TIMEOUT_MS; the dataset is reloaded when
 * data/ changes (DATA_WATCH) and on SIGHUP; HEALTH_PORT opens the health endpoint.
 */
import { commands } from '../commands/index.js';
import { fastClock } from './clock.js';
import type { Config } from './config.js';
import type { Dataset } from './dataset/dataset.js';
import { createBot } from './discord/bot.js';
import { botHealth } from './discord/health.js';
import { startHealthServer } from './health/server.js';
import { exitOnFatalErrors, stopOnSignals } from './lifecycle.js';
import { createLogger } from './log.js';
import { drawAhead } from './reload/draw-ahead.js';
import { LiveDataset } from './reload/live.js';
import { loadInWorker } from './reload/worker-load.js';
import { prepareSearchIndex } from './search/search.js';

export async function serveDiscord(config: Config & { token: string }, loaded: Dataset): Promise<void> {
  const logger = createLogger({ level: config.logLevel, secrets: [config.token] });
  exitOnFatalErrors({ logger });
  // The pictures of the dataset served, drawn in a process that then exits: the first ask is a cache
  // hit, and the renderer's memory is not kept at rest. Not awaited: the dataset serves meanwhile.
  const drawPictures = (served: Dataset) => {
    const started = performance.now();
    drawAhead(config.dataDir, served).then(
      (charts) =>
        logger.info({ charts, ms: Math.round(performance.now() - started) }, 'pictures drawn ahead'),
      (error: unknown) =>
        logger.warn({ err: error }, 'pictures not drawn ahead; each is drawn when first asked'),
    );
  };
  const dataset = new LiveDataset({
    dir: config.dataDir,
    dataset: loaded,
    logger,
    load: loadInWorker,
    prepare: async (next) => {
      await prepareSearchIndex(next);
      drawPictures(next);
    },
  });
  drawPictures(loaded);
  const bot = createBot({ config, dataset, commands, logger, ...testClock(config) });
  if (config.watchData) dataset.watch();
  process.on('SIGHUP', () => void dataset.reload('SIGHUP'));
  // Open before connecting: a platform sees the bot starting (503) rather than nothing.
  const health = config.health
    ? await startHealthServer({ ...config.health, logger, check: () => botHealth(bot, dataset.status()) })
    : null;
  stopOnSignals({
    logger,
    limitMs: config.shutdownTimeoutMs,
    stop: async () => {
      dataset.stopWatching();
      await health?.close();
      await bot.stop();
    },
  });
  await bot.start();
}

/** TEST_CLOCK: the bot reads a fast clock, and its digests wait by it (tests of many minutes). */
function testClock(config: Config) {
  if (!config.testClock) return {};
  const clock = fastClock(config.testClock);
  return { now: clock.now, digest: { sleep: clock.sleep, setTimer: clock.setTimer } };
}
