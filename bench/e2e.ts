/**
 * End to end: the real bot against the Discord emulator, and a constant bot that sends the same
 * payloads without doing the work (bench/baseline-bot.ts, replies computed in advance by the
 * bot's own handlers: bench/mix.ts). Each bot runs in its own process, as in production: the real
 * one is `src/main.ts` itself (with DISCORD_TOKEN and DISCORD_API_URL pointing at an emulator).
 * The emulator serves one gateway session at a time, so each bot has its own emulator (same code,
 * same options), both in this process.
 *
 * - Round trip: from the emulator sending INTERACTION_CREATE to the answer arriving (the reply,
 *   or the edit of a deferred reply), over a mix of commands; interactions alternate between the
 *   two bots one by one, so that noise on the machine hits both alike; several runs, each giving
 *   a ratio at p50 and p99, and the median of those ratios.
 * - Presses: the same, for buttons and menu choices on the bot's messages (bench/mix.ts): from
 *   the press to its answer (a private reply, or the update of the message for a page turned in
 *   place), a call kept in the bot's state folder among them.
 * - Bursts (measureBursts, a section of its own): thousands of interactions at once to each bot,
 *   the two interleaved over several runs, with Discord's 3-second window for the acknowledgement
 *   enforced by the emulator: how many were acknowledged in time, how many answered, and when.
 * - Hostile schedules: servers asking for `/digest status` with rare cron expressions while
 *   another server asks `/casualties`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, type InteractionInput, startEmulator } from '../emulator/index.js';
import { loadDataset } from '../src/dataset/load.js';
import { createLogger } from '../src/log.js';
import { fileStore } from '../src/store/file-store.js';
import { quantile } from './handlers.js';
import { mixEntry, type PressEntry, pressMix, writeConstantPayloads } from './mix.js';

/** Long enough to pass the configuration's check; what the emulator expects as the bot token. */
const TOKEN = 'bench-emulator-token.abcdefghijklmnopqrstuvwxyz0123456789';
const START_TIMEOUT_MS = 60_000;
/** Discord's window for acknowledging an interaction. */
const WINDOW_MS = 3_000;

export interface Latency {
  /** Milliseconds. */
  p50: number;
  p99: number;
  max: number;
  count: number;
}

export interface RoundTripRun {
  real: Latency;
  baseline: Latency;
  ratioP50: number;
  ratioP99: number;
}

export interface BurstResult {
  sent: number;
  /** Acknowledged within Discord's 3 seconds (the emulator refuses a later callback). */
  acknowledged: number;
  /** Answered in full: the reply, or the edit of a deferred reply. */
  answered: number;
  /** Acknowledged with a deferral, then answered by an edit. */
  deferred: number;
  ack: Latency;
  answer: Latency;
}

/** Round trips of one kind, both bots, all runs pooled. */
export interface KindLatency {
  command: string;
  real: Latency;
  baseline: Latency;
  ratioP50: number;
  ratioP99: number;
}

export interface E2eResult {
  interactions: number;
  runs: RoundTripRun[];
  /** Medians over the runs. */
  ratioP50: number;
  ratioP99: number;
  /** Per command, all runs pooled. */
  commands: KindLatency[];
  /** Buttons and menu choices pressed: per run, the medians of the ratios, and per kind of press. */
  presses: {
    interactions: number;
    /** The presses of the mix: every action of the replies pressed, a kept call, a page turned. */
    distinct: number;
    runs: RoundTripRun[];
    ratioP50: number;
    ratioP99: number;
    kinds: KindLatency[];
  };
  hostile: {
    statusCalls: number;
    casualties: number;
    /** /casualties round trips while the hostile /digest status calls run. */
    casualtiesLatency: Latency;
    answered: number;
  };
}

export interface SweepRow {
  /** Interactions waiting for their acknowledgement at which the next is acknowledged first. */
  deferAt: number;
  answering: number;
  burst: BurstResult;
}

export interface E2eOptions {
  /** Interactions to each bot per run. */
  interactions: number;
  runs: number;
}

/** A figure over several runs: its median, and its spread from the fewest to the most. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface BurstComparison {
  /** Each run: a burst to each bot, the one first alternating. */
  runs: { real: BurstResult; baseline: BurstResult }[];
  /** Acknowledged within 3 s, over the runs. */
  acknowledged: { real: Spread; baseline: Spread };
}

interface Running {
  emu: Emulator;
  stop(): Promise<void>;
}

/** Starts a bot process against a fresh emulator; resolves once its stdout shows `readyText`. */
async function startBot(
  args: string[],
  env: (emu: Emulator) => NodeJS.ProcessEnv,
  readyText: string,
): Promise<Running> {
  const emu = await startEmulator({ token: TOKEN });
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, ...env(emu) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      let ready = false;
      const timer = setTimeout(
        () => reject(new Error(`bench: ${args.join(' ')} not ready: ${stderr}`)),
        START_TIMEOUT_MS,
      );
      // The bot's log lines are read (and dropped) all along, as a log collector would.
      child.stdout?.on('data', (chunk: Buffer) => {
        if (ready) return;
        seen = (seen + chunk.toString('utf8')).slice(-4000);
        if (seen.includes(readyText)) {
          ready = true;
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`bench: ${args.join(' ')} exited (${code}): ${stderr}`));
      });
    });
  } catch (error) {
    await stopProcess(child);
    await emu.close();
    throw error;
  }
  return {
    emu,
    async stop() {
      await stopProcess(child);
      await emu.close();
    },
  };
}

/** SIGTERM (a graceful stop), then SIGKILL if it lingers; only this child, by its id. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** From INTERACTION_CREATE to the answer (a reply, or the edit of a deferred one), in ms. */
async function roundTrip(emu: Emulator, input: InteractionInput): Promise<number> {
  const started = performance.now();
  const { id } = emu.dispatchInteraction(input);
  const exchange = await emu.waitForInteraction(id, { timeoutMs: 10_000 });
  const ms = performance.now() - started;
  if (!exchange.callback) throw new Error(`bench: interaction ${id} got no reply`);
  return ms;
}

export function summarise(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    count: sorted.length,
  };
}

const median = (values: readonly number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

/**
 * Dispatches `count` interactions of the mix at once, then reads from the emulator's log when
 * each was acknowledged and answered (or refused, past the window).
 */
async function burst(emu: Emulator, count: number, first: number): Promise<BurstResult> {
  const firstRequest = emu.requests.length;
  const sent = new Map<string, { id: string; at: number }>();
  for (let i = first; i < first + count; i++) {
    const at = Date.now();
    const { id, token } = emu.dispatchInteraction(mixEntry(i).input);
    sent.set(token, { id, at });
  }
  const outcomes = new Map<
    string,
    { ackAt?: number; refused?: boolean; deferred?: boolean; answerAt?: number }
  >();
  const settled = () => [...outcomes.values()].filter((o) => o.refused || o.answerAt !== undefined).length;
  const deadline = Date.now() + 120_000;
  let read = firstRequest;
  while (Date.now() < deadline) {
    for (; read < emu.requests.length; read++) {
      const request = emu.requests[read];
      if (!request) continue;
      const token = request.path.split('/')[3] ?? '';
      const interaction = sent.get(token);
      if (!interaction) continue;
      const outcome = outcomes.get(token) ?? {};
      outcomes.set(token, outcome);
      if (request.path.endsWith('/callback') && outcome.ackAt === undefined) {
        if (request.status !== 204) outcome.refused = true;
        else {
          outcome.ackAt = request.at - interaction.at;
          outcome.deferred = (request.body as { type?: number }).type === 5;
          if (!outcome.deferred) outcome.answerAt = outcome.ackAt;
        }
      } else if (
        request.path.startsWith('/webhooks/') &&
        request.status < 300 &&
        outcome.answerAt === undefined
      ) {
        outcome.answerAt = request.at - interaction.at;
      }
    }
    if (settled() === count) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const all = [...outcomes.values()];
  const acked = all.filter((o) => o.ackAt !== undefined && o.ackAt <= WINDOW_MS);
  const answered = all.filter((o) => o.answerAt !== undefined);
  return {
    sent: count,
    acknowledged: acked.length,
    answered: answered.length,
    deferred: all.filter((o) => o.deferred).length,
    ack: summarise(all.flatMap((o) => (o.ackAt === undefined ? [] : [o.ackAt]))),
    answer: summarise(answered.map((o) => o.answerAt ?? Number.NaN)),
  };
}

/**
 * The case that once stalled every server: ten `/digest set` and `/digest status` with schedules
 * that match once a year or less, while twenty `/casualties` are asked at the same moment.
 */
async function hostileSchedules(emu: Emulator): Promise<E2eResult['hostile']> {
  const crons = ['0 0 1 1 *', '0 0 29 2 1', '59 23 31 12 5', '0 0 1 * 0#5', '0 12 L 2 *'];
  const digest = (subcommand: string, options: { name: string; type: number; value: string }[] = []) => ({
    type: 'command' as const,
    name: 'digest',
    options: [{ name: subcommand, type: 1, options }],
  });
  const status = Array.from({ length: 10 }, (_, i) =>
    emu
      .sendInteraction(
        digest('set', [
          { name: 'channel', type: 7, value: emu.channelId },
          { name: 'cron', type: 3, value: crons[i % crons.length] ?? '0 0 1 1 *' },
        ]),
        { timeoutMs: 30_000 },
      )
      .then(() => emu.sendInteraction(digest('status'), { timeoutMs: 30_000 })),
  );
  const casualties = Array.from({ length: 20 }, () =>
    roundTrip(emu, { type: 'command', name: 'casualties' }),
  );
  const times = await Promise.all(casualties);
  await Promise.all(status);
  return {
    statusCalls: status.length,
    casualties: casualties.length,
    casualtiesLatency: summarise(times),
    answered: times.length,
  };
}

function kindLatency(command: string, samples: { real: number[]; baseline: number[] }): KindLatency {
  const r = summarise(samples.real);
  const b = summarise(samples.baseline);
  return { command, real: r, baseline: b, ratioP50: r.p50 / b.p50, ratioP99: r.p99 / b.p99 };
}

/**
 * Presses to each bot, one by one, alternating as the command round trips do: each press of the
 * mix in turn, on a stub message of the flags it needs (public; private for a page turned).
 */
async function pressRoundTrips(
  bots: { real: Emulator; baseline: Emulator },
  presses: readonly PressEntry[],
  opts: E2eOptions,
  log: (line: string) => void,
): Promise<E2eResult['presses']> {
  for (const entry of presses) {
    await roundTrip(bots.real, entry.input);
    await roundTrip(bots.baseline, entry.input);
  }
  const runs: RoundTripRun[] = [];
  const byKind = new Map<string, { real: number[]; baseline: number[] }>();
  for (let run = 0; run < opts.runs; run++) {
    log(`3. presses, run ${run + 1}/${opts.runs}: ${opts.interactions} to each bot`);
    const samples = { real: [] as number[], baseline: [] as number[] };
    for (let i = 0; i < opts.interactions; i++) {
      const entry = presses[i % presses.length] as PressEntry;
      const kind = byKind.get(entry.kind) ?? { real: [], baseline: [] };
      byKind.set(entry.kind, kind);
      const order = i % 4 < 2 ? (['real', 'baseline'] as const) : (['baseline', 'real'] as const);
      for (const which of order) {
        const ms = await roundTrip(bots[which], entry.input);
        samples[which].push(ms);
        kind[which].push(ms);
      }
    }
    const r = summarise(samples.real);
    const b = summarise(samples.baseline);
    runs.push({ real: r, baseline: b, ratioP50: r.p50 / b.p50, ratioP99: r.p99 / b.p99 });
  }
  return {
    interactions: opts.interactions,
    distinct: presses.length,
    runs,
    ratioP50: median(runs.map((r) => r.ratioP50)),
    ratioP99: median(runs.map((r) => r.ratioP99)),
    kinds: [...byKind].map(([kind, s]) => kindLatency(kind, s)),
  };
}

/** The bot and the constant bot, each on its own emulator, sharing a state folder's kept calls. */
interface Bots {
  real: Running;
  baseline: Running;
  presses: PressEntry[];
  stop(): Promise<void>;
}

/** Starts both bots, the constant one knowing the payloads of the first `count` interactions of the mix. */
async function startBots(dataDir: string, count: number): Promise<Bots> {
  const work = await mkdtemp(path.join(tmpdir(), 'bench-e2e-'));
  const payloads = path.join(work, 'payloads.json');
  const stateDir = path.join(work, 'state');
  const dataset = await loadDataset(dataDir);
  // The calls too long for an id are kept in the bot's state folder, as the bot itself keeps them.
  const store = fileStore(stateDir, { logger: createLogger({ level: 'silent' }) }).calls;
  const presses = pressMix(dataset, store);
  await writeConstantPayloads(dataset, payloads, count, { entries: presses, store });
  await store.flush();
  let real: Running | undefined;
  try {
    real = await startBot(
      ['src/main.ts'],
      (emu) => ({
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_URL: emu.apiUrl,
        DISCORD_CLIENT_ID: emu.applicationId,
        DATA_DIR: dataDir,
        STATE_DIR: stateDir,
        LOG_LEVEL: 'info',
      }),
      'connected to Discord',
    );
    const baseline = await startBot(
      [path.join('bench', 'baseline-bot.ts')],
      (emu) => ({ BENCH_TOKEN: TOKEN, BENCH_API_URL: emu.apiUrl, BENCH_PAYLOADS: payloads }),
      'ready',
    );
    const started = real;
    return {
      real: started,
      baseline,
      presses,
      async stop() {
        await started.stop();
        await baseline.stop();
        await rm(work, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await real?.stop();
    await rm(work, { recursive: true, force: true });
    throw error;
  }
}

/** Warm-up: both bots, every kind of interaction, before anything is timed. */
async function warmUp(bots: Bots, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await roundTrip(bots.real.emu, mixEntry(i).input);
    await roundTrip(bots.baseline.emu, mixEntry(i).input);
  }
}

const WARM_UP = 100;

export async function measureE2e(
  dataDir: string,
  opts: E2eOptions,
  log: (line: string) => void,
): Promise<E2eResult> {
  const bots = await startBots(dataDir, WARM_UP + opts.runs * opts.interactions);
  const { real, baseline } = bots;
  try {
    await warmUp(bots, WARM_UP);
    const runs: RoundTripRun[] = [];
    const byCommand = new Map<string, { real: number[]; baseline: number[] }>();
    for (let run = 0; run < opts.runs; run++) {
      log(`3. round trip, run ${run + 1}/${opts.runs}: ${opts.interactions} interactions to each bot`);
      const samples = { real: [] as number[], baseline: [] as number[] };
      for (let i = 0; i < opts.interactions; i++) {
        const { command, input } = mixEntry(WARM_UP + run * opts.interactions + i);
        const entry = byCommand.get(command) ?? { real: [], baseline: [] };
        byCommand.set(command, entry);
        // Which bot goes first alternates too.
        const order = i % 4 < 2 ? (['real', 'baseline'] as const) : (['baseline', 'real'] as const);
        for (const which of order) {
          const ms = await roundTrip(which === 'real' ? real.emu : baseline.emu, input);
          samples[which].push(ms);
          entry[which].push(ms);
        }
      }
      const r = summarise(samples.real);
      const b = summarise(samples.baseline);
      runs.push({ real: r, baseline: b, ratioP50: r.p50 / b.p50, ratioP99: r.p99 / b.p99 });
    }
    const commands = [...byCommand].map(([command, s]) => kindLatency(command, s));
    const pressed = await pressRoundTrips(
      { real: real.emu, baseline: baseline.emu },
      bots.presses,
      opts,
      log,
    );
    log('3. hostile schedules beside /casualties');
    const hostile = await hostileSchedules(real.emu);
    return {
      interactions: opts.interactions,
      runs,
      ratioP50: median(runs.map((r) => r.ratioP50)),
      ratioP99: median(runs.map((r) => r.ratioP99)),
      commands,
      presses: pressed,
      hostile,
    };
  } finally {
    await bots.stop();
  }
}

/**
 * Bursts of the same `count` interactions of the mix to the bot and to the constant bot, the two
 * interleaved over `runs` runs (which goes first alternates), so that noise on the machine hits
 * both alike; how many each acknowledged within Discord's 3 seconds, as a median and a spread.
 */
export async function measureBursts(
  dataDir: string,
  opts: { burst: number; runs: number },
  log: (line: string) => void,
): Promise<BurstComparison> {
  const bots = await startBots(dataDir, WARM_UP + opts.burst);
  try {
    await warmUp(bots, WARM_UP);
    const runs: BurstComparison['runs'] = [];
    for (let run = 0; run < opts.runs; run++) {
      const order = run % 2 === 0 ? (['real', 'baseline'] as const) : (['baseline', 'real'] as const);
      const results: Partial<BurstComparison['runs'][number]> = {};
      for (const which of order) {
        log(
          `3. burst of ${opts.burst}, run ${run + 1}/${opts.runs}: the ${which === 'real' ? 'bot' : 'constant bot'}`,
        );
        results[which] = await burst(bots[which].emu, opts.burst, WARM_UP);
      }
      runs.push(results as BurstComparison['runs'][number]);
    }
    const spread = (values: number[]): Spread => ({
      median: median(values),
      min: Math.min(...values),
      max: Math.max(...values),
    });
    return {
      runs,
      acknowledged: {
        real: spread(runs.map((r) => r.real.acknowledged)),
        baseline: spread(runs.map((r) => r.baseline.acknowledged)),
      },
    };
  } finally {
    await bots.stop();
  }
}

/**
 * The same burst to the bot with other backlog thresholds (bench/bot-child.ts): when to acknowledge
 * first, and how many deferred answers to work on at once.
 */
export async function measureBacklogSweep(
  dataDir: string,
  settings: readonly { deferAt: number; answering: number }[],
  count: number,
  log: (line: string) => void,
): Promise<SweepRow[]> {
  const rows: SweepRow[] = [];
  for (const { deferAt, answering } of settings) {
    log(`3. backlog thresholds: defer at ${deferAt}, ${answering} answering; burst of ${count}`);
    const work = await mkdtemp(path.join(tmpdir(), 'bench-sweep-'));
    const bot = await startBot(
      [path.join('bench', 'bot-child.ts'), String(deferAt), String(answering)],
      (emu) => ({
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_URL: emu.apiUrl,
        DATA_DIR: dataDir,
        STATE_DIR: path.join(work, 'state'),
        LOG_LEVEL: 'info',
      }),
      'connected to Discord',
    );
    try {
      for (let i = 0; i < 50; i++) await roundTrip(bot.emu, mixEntry(i).input);
      rows.push({ deferAt, answering, burst: await burst(bot.emu, count, 1_000_000) });
    } finally {
      await bot.stop();
      await rm(work, { recursive: true, force: true });
    }
  }
  return rows;
}
