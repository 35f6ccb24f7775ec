/**
 * End to end: the real bot against the Discord emulator, and a baseline bot that answers every
 * interaction with one constant embed. Each bot runs in its own process, as in production: the real
 * one is `src/main.ts` itself (with DISCORD_TOKEN and DISCORD_API_URL pointing at an emulator), the
 * baseline is bench/baseline-bot.ts (a plain discord.js client with the same intents, caches and
 * REST settings). The emulator serves one gateway session at a time, so each bot has its own
 * emulator (same code, same options), both in this process; interactions alternate between the two
 * bots one by one, so that noise on the machine hits both alike.
 *
 * A round trip is timed from the emulator sending INTERACTION_CREATE to it receiving the callback.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, type InteractionInput, startEmulator } from '../test/emulator/index.js';
import { GENERIC_QUESTIONS, quantile } from './handlers.js';

/** Long enough to pass the configuration's check; what the emulator expects as the bot token. */
const TOKEN = 'bench-emulator-token.abcdefghijklmnopqrstuvwxyz0123456789';
const START_TIMEOUT_MS = 60_000;

export interface RoundTrip {
  /** Milliseconds. */
  p50: number;
  p99: number;
  max: number;
  count: number;
}

export interface E2eResult {
  interactions: number;
  /** Per command: the real bot's round trips, the baseline's, and real / baseline. */
  commands: {
    command: string;
    real: RoundTrip;
    baseline: RoundTrip;
    ratioP50: number;
    ratioP99: number;
  }[];
  burst: {
    sent: number;
    /** Answered within Discord's 3 seconds (the emulator refuses a later callback). */
    answered: number;
    slowestMs: number;
    p50Ms: number;
    /** The same burst to the constant-reply bot, for comparison. */
    baselineAnswered: number;
    baselineSlowestMs: number;
  };
}

export interface E2eOptions {
  /** Interactions to each bot, split evenly between /casualties and /ask. */
  interactions: number;
  burst: number;
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
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function options(values: Record<string, string>) {
  return Object.entries(values).map(([name, value]) => ({ name, type: 3, value }));
}

/** The i-th interaction of the run: /casualties and /ask in turn, /ask with a question in turn. */
function interaction(i: number): { command: string; input: InteractionInput } {
  if (i % 2 === 0) return { command: '/casualties', input: { type: 'command', name: 'casualties' } };
  const question = GENERIC_QUESTIONS[Math.floor(i / 2) % GENERIC_QUESTIONS.length] ?? 'killed';
  return { command: '/ask', input: { type: 'command', name: 'ask', options: options({ question }) } };
}

async function roundTrip(emu: Emulator, input: InteractionInput): Promise<number> {
  const started = performance.now();
  const { id } = emu.dispatchInteraction(input);
  const exchange = await emu.waitForInteraction(id, { timeoutMs: 10_000 });
  const ms = performance.now() - started;
  if (exchange.callback?.type !== 4) throw new Error(`bench: interaction ${id} got no reply`);
  return ms;
}

export function summarise(samples: readonly number[]): RoundTrip {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    count: sorted.length,
  };
}

/** Dispatches `count` interactions at once; how many were answered within the window, and when. */
async function burst(emu: Emulator, count: number): Promise<{ answered: number; times: number[] }> {
  const sent = Array.from({ length: count }, (_, i) => {
    const started = performance.now();
    return { started, ...emu.dispatchInteraction(interaction(i).input) };
  });
  const times: number[] = [];
  let answered = 0;
  await Promise.all(
    sent.map(async ({ id, started }) => {
      try {
        const exchange = await emu.waitForInteraction(id, { timeoutMs: 15_000 });
        if (exchange.callback?.type === 4) {
          answered++;
          times.push(performance.now() - started);
        }
      } catch {
        // Not answered within the window: counted as such.
      }
    }),
  );
  return { answered, times };
}

export async function measureE2e(dataDir: string, opts: E2eOptions): Promise<E2eResult> {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'bench-state-'));
  const real = await startBot(
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
  let baseline: Running | undefined;
  try {
    baseline = await startBot(
      [path.join('bench', 'baseline-bot.ts')],
      (emu) => ({ BENCH_TOKEN: TOKEN, BENCH_API_URL: emu.apiUrl }),
      'ready',
    );
    // Warm-up: both bots, every kind of interaction, before anything is timed.
    for (let i = 0; i < 40; i++) {
      await roundTrip(real.emu, interaction(i).input);
      await roundTrip(baseline.emu, interaction(i).input);
    }
    const samples = new Map<string, { real: number[]; baseline: number[] }>();
    for (let i = 0; i < opts.interactions; i++) {
      const { command, input } = interaction(i);
      const entry = samples.get(command) ?? { real: [], baseline: [] };
      samples.set(command, entry);
      // Which bot goes first alternates too.
      if (i % 4 < 2) {
        entry.real.push(await roundTrip(real.emu, input));
        entry.baseline.push(await roundTrip(baseline.emu, input));
      } else {
        entry.baseline.push(await roundTrip(baseline.emu, input));
        entry.real.push(await roundTrip(real.emu, input));
      }
    }
    const rows = [...samples].map(([command, s]) => {
      const r = summarise(s.real);
      const b = summarise(s.baseline);
      return { command, real: r, baseline: b, ratioP50: r.p50 / b.p50, ratioP99: r.p99 / b.p99 };
    });

    const realBurst = await burst(real.emu, opts.burst);
    const baselineBurst = await burst(baseline.emu, opts.burst);
    const realTimes = summarise(realBurst.times);
    return {
      interactions: opts.interactions,
      commands: rows,
      burst: {
        sent: opts.burst,
        answered: realBurst.answered,
        slowestMs: realTimes.max,
        p50Ms: realTimes.p50,
        baselineAnswered: baselineBurst.answered,
        baselineSlowestMs: summarise(baselineBurst.times).max,
      },
    };
  } finally {
    await real.stop();
    await baseline?.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}
