/**
 * A digest service on the emulator with a clock, timers and back-off the tests control: nothing
 * waits in real time. The cron expressions, time zones, state files and REST client are real.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REST } from '@discordjs/rest';
import { expect } from 'vitest';
import { type Emulator, startEmulator } from '../../emulator/index.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import type { DigestPoster } from '../../src/digest/composer.js';
import { DigestService } from '../../src/digest/service.js';
import { restPoster } from '../../src/discord/poster.js';
import { createLogger } from '../../src/log.js';
import { fileStore } from '../../src/store/file-store.js';
import type { FileSystem } from '../../src/store/files.js';
import type { Store } from '../../src/store/store.js';
import { loadSeeds } from './dataset-fixture.js';

export const TOKEN = 'digest-test-token.abcdefghijklmnopqrstuvwxyz';
/** 09:00 in Asia/Karachi (UTC+5) is 04:00 UTC. */
export const at = (iso: string) => new Date(iso);

type Message = {
  content?: string;
  embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  nonce?: string;
};

export interface Setup {
  emu: Emulator;
  service: DigestService;
  /** The service's store: files in `stateDir` unless another was handed in. */
  store: Store;
  stateDir: string;
  clock: { now: Date };
  timers: FakeTimers;
  sleeps: number[];
  logs: string[];
  dataset: { current: Dataset };
  messages(): Message[];
  /** Stops the service, and the emulator and state folder unless they were handed in. */
  close(): Promise<void>;
}

export interface SetupOptions {
  mode?: 'always' | 'changed';
  cron?: string;
  stateDir?: string;
  emu?: Emulator;
  fs?: FileSystem;
  /** Another store than files in the state folder (PostgreSQL). */
  store?: Store;
  /** Wraps the real poster, e.g. to fill the disk while a post is under way. */
  poster?: (real: DigestPoster) => DigestPoster;
}

/** The service's timers, fired by the test: each wake-up runs once the test says time has come. */
export class FakeTimers {
  private pending = new Map<number, { dueIn: number; wake: () => Promise<void> }>();
  private ids = 0;
  readonly set = (ms: number, wake: () => Promise<void>) => {
    const id = this.ids++;
    this.pending.set(id, { dueIn: ms, wake });
    return () => void this.pending.delete(id);
  };
  /** How long each pending timer was set for. */
  get nextDelays(): number[] {
    return [...this.pending.values()].map((t) => t.dueIn);
  }
  /** Runs every pending wake-up (the clock having been moved on), and what they started. */
  async fire(): Promise<void> {
    const due = [...this.pending.values()];
    this.pending.clear();
    await Promise.all(due.map((t) => t.wake()));
  }
}

/** The seed reports: what the digests' content is asserted on. */
let seeds: Promise<Dataset> | undefined;

export async function setup(options: SetupOptions = {}): Promise<Setup> {
  seeds ??= loadSeeds();
  const emu = options.emu ?? (await startEmulator({ token: TOKEN }));
  const stateDir = options.stateDir ?? (await mkdtemp(path.join(tmpdir(), 'digest-state-')));
  const clock = { now: at('2026-03-02T03:00:00Z') };
  const timers = new FakeTimers();
  const sleeps: number[] = [];
  const logs: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (l: string) => logs.push(l) } });
  const store = options.store ?? fileStore(stateDir, { logger, ...(options.fs ? { fs: options.fs } : {}) });
  const dataset = { current: await seeds };
  // As the bot has it: discord.js does not retry, the service is the one retry layer.
  const poster = restPoster(new REST({ api: emu.apiUrl, retries: 0 }).setToken(TOKEN));
  const service = new DigestService({
    store,
    defaults: {
      channelId: emu.channelId,
      cron: options.cron ?? '0 9 * * *',
      timeZone: 'Asia/Karachi',
      mode: options.mode ?? 'always',
    },
    dataset: () => dataset.current,
    poster: options.poster ? options.poster(poster) : poster,
    logger,
    now: () => clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    setTimer: timers.set,
    retry: { attempts: 4, firstDelayMs: 1_000 },
    holds: (guildId) => guildId === emu.guildId,
    guildOfChannel: (channelId) =>
      channelId === emu.channelId || channelId === emu.otherChannelId ? emu.guildId : undefined,
  });
  return {
    emu,
    service,
    store,
    stateDir,
    clock,
    timers,
    sleeps,
    logs,
    dataset,
    messages: () => (emu.channelMessages.get(emu.channelId) ?? []) as Message[],
    async close() {
      await service.stop();
      if (!options.store) await store.close();
      if (!options.emu) await emu.close();
      if (!options.stateDir) await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Waits that double from one second, each drawn between half and all of its step (jitter). */
export function expectBackOff(sleeps: number[], count: number) {
  expect(sleeps).toHaveLength(count);
  sleeps.forEach((ms, i) => {
    expect(ms).toBeGreaterThanOrEqual(500 * 2 ** i);
    expect(ms).toBeLessThanOrEqual(1000 * 2 ** i);
  });
}

export function textOf(messages: readonly Message[]): string {
  return messages
    .flatMap((m) =>
      (m.embeds ?? []).flatMap((e) => [
        e.title,
        e.description,
        ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      ]),
    )
    .join('\n');
}
