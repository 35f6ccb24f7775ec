/**
 * The real bot (real config, dataset, commands, discord.js client) logged in to the local Discord
 * emulator, with its logs captured. Nothing leaves 127.0.0.1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commands as allCommands } from '../../commands/index.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../emulator/index.js';
import { readConfig } from '../../src/config.js';
import type { CommandModule } from '../../src/contract/types.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadDataset } from '../../src/dataset/load.js';
import { type Bot, type BotOptions, createBot } from '../../src/discord/bot.js';
import { createLogger, type Logger } from '../../src/log.js';
import { LiveDataset, type ServedDataset } from '../../src/reload/live.js';
import { loadInWorker } from '../../src/reload/worker-load.js';
import { loadSeeds, seedsDir } from './dataset-fixture.js';

/** Long enough to pass the configuration's check; what the emulator expects as the bot token. */
export const TEST_TOKEN = 'emulator-token.abcdefghijklmnopqrstuvwxyz0123456789';

export interface Harness {
  emu: Emulator;
  bot: Bot;
  /** The dataset the bot serves now (the seeds unless the test handed in its own). */
  readonly dataset: Dataset;
  /** What the bot reads its dataset from. */
  served: ServedDataset;
  logger: Logger;
  stateDir: string;
  /** Every log line the bot wrote, as serialised. */
  logs: string[];
  close(): Promise<void>;
}

export interface HarnessOptions extends BotOnEmulatorOptions {
  emulator?: EmulatorOptions;
  stateDir?: string;
}

export interface BotOnEmulatorOptions {
  commands?: readonly CommandModule[];
  logLevel?: string;
  env?: Record<string, string>;
  digest?: BotOptions['digest'];
  backlog?: BotOptions['backlog'];
  now?: () => Date;
  /** The dataset to serve, made with the harness's logger (a test that reloads it); default the seeds. */
  dataset?: (logger: Logger) => Promise<ServedDataset>;
  /** Start the bot (login and ready); default true. */
  start?: boolean;
}

let sharedDataset: Promise<Dataset> | undefined;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emu = await startEmulator({ token: TEST_TOKEN, ...options.emulator });
  const stateDir = options.stateDir ?? (await mkdtemp(path.join(tmpdir(), 'briefing-state-')));
  const { bot, served, logger, logs } = await startBotOn(emu, stateDir, options);
  return {
    emu,
    bot,
    get dataset() {
      return served.current();
    },
    served,
    logger,
    stateDir,
    logs,
    async close() {
      await bot.stop();
      await emu.close();
      if (!options.stateDir) await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * A bot logged in to an emulator that is already running, with its state in `stateDir`: a second
 * bot on the same emulator and folder is the first one restarted (stop the first one before).
 */
export async function startBotOn(
  emu: Emulator,
  stateDir: string,
  options: BotOnEmulatorOptions = {},
): Promise<{ bot: Bot; served: ServedDataset; logger: Logger; logs: string[] }> {
  const config = readConfig({
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_API_URL: emu.apiUrl,
    DISCORD_CLIENT_ID: emu.applicationId,
    STATE_DIR: stateDir,
    LOG_LEVEL: options.logLevel ?? 'info',
    ...options.env,
  });
  const logs: string[] = [];
  const logger = createLogger({
    level: config.logLevel,
    secrets: [TEST_TOKEN],
    destination: { write: (line: string) => logs.push(line) },
  });
  // The seed reports: what the bot answers holds however many reports a curator adds to data/.
  sharedDataset ??= loadSeeds();
  const served = await (options.dataset ?? serving(await sharedDataset))(logger);
  const bot = createBot({
    config: { ...config, token: TEST_TOKEN },
    dataset: served,
    commands: options.commands ?? allCommands,
    logger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.digest ? { digest: options.digest } : {}),
    ...(options.backlog ? { backlog: options.backlog } : {}),
  });
  if (options.start ?? true) await bot.start();
  return { bot, served, logger, logs };
}

/** Serves a dataset already loaded; a reload reads `dir`, the seed reports' folder unless given. */
export function serving(dataset: Dataset, dir?: string): (logger: Logger) => Promise<ServedDataset> {
  return async (logger) =>
    new LiveDataset({ dir: dir ?? (await seedsDir()), dataset, logger, load: loadDataset });
}

/** Serves the dataset in `dir`, reloaded from it as the bot reloads (checked on a worker thread). */
export function reloading(dir: string): (logger: Logger) => Promise<LiveDataset> {
  return async (logger) =>
    new LiveDataset({ dir, dataset: await loadDataset(dir), logger, load: loadInWorker });
}

/** Discord's shape for string options: `{ name, type: 3, value }`. */
export function stringOptions(values: Record<string, string | boolean>) {
  return Object.entries(values).map(([name, value]) => ({
    name,
    type: typeof value === 'boolean' ? 5 : 3,
    value,
  }));
}
