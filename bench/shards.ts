/**
 * Presses across shards: the bot run as one process holding all four shards, and as two processes
 * of two shards each (SHARD_COUNT=4, SHARDS=0,1 and 2,3, sharing a state folder as shards on one
 * machine do), each against an emulator of its own serving the same servers. Buttons on a reply in
 * each server are pressed, spread over every shard: one at a time (from the press to its answer),
 * then all at once (a burst: when the last is answered). The layouts alternate, run by run, so
 * that noise on the machine hits both alike.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, type InteractionInput, startEmulator } from '../emulator/index.js';
import { stopProcess } from './e2e.js';
import { quantile } from './handlers.js';
import { table } from './report-page.js';

const TOKEN = 'bench-emulator-token.abcdefghijklmnopqrstuvwxyz0123456789';
const START_TIMEOUT_MS = 90_000;

export interface ShardsOptions {
  /** Servers, spread over the four shards. */
  servers: number;
  /** Presses one at a time, per layout and run. */
  presses: number;
  /** Presses at once, per layout and run. */
  burst: number;
  runs: number;
}

export interface LayoutResult {
  /** Press to answer, one at a time, ms (medians over the runs). */
  p50: number;
  p99: number;
  /** A burst: from the first press to the last answer, ms (median over the runs). */
  burstMs: number;
  /** Presses answered a second in the burst. */
  burstPerSecond: number;
}

export interface ShardsResult {
  servers: number;
  presses: number;
  burst: number;
  runs: number;
  single: LayoutResult;
  sharded: LayoutResult;
}

interface Layout {
  name: 'single' | 'sharded';
  /** SHARDS for each process. */
  processes: string[];
}

const LAYOUTS: Layout[] = [
  { name: 'single', processes: ['0-3'] },
  { name: 'sharded', processes: ['0,1', '2,3'] },
];

interface Running {
  emu: Emulator;
  /** A press on a button of a reply in each server, round the servers. */
  press(index: number): InteractionInput;
  stop(): Promise<void>;
}

async function startLayout(layout: Layout, servers: number): Promise<Running> {
  const emu = await startEmulator({ token: TOKEN, shards: 4, maxConcurrency: 16, interactionDeadlineMs: 0 });
  const guilds = Array.from({ length: servers }, (_, i) => emu.addGuild(`Server ${i}`));
  const stateDir = await mkdtemp(path.join(tmpdir(), 'bench-shards-'));
  const children = layout.processes.map((shards) =>
    spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_URL: emu.apiUrl,
        STATE_DIR: stateDir,
        SHARD_COUNT: '4',
        SHARDS: shards,
        DATA_WATCH: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  const stop = async () => {
    await Promise.all(children.map(stopProcess));
    await emu.close();
    await rm(stateDir, { recursive: true, force: true });
  };
  try {
    const giveUpAt = Date.now() + START_TIMEOUT_MS;
    while (emu.readyShards().length < 4) {
      if (Date.now() > giveUpAt) throw new Error(`bench: the ${layout.name} layout's shards not ready`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // A reply with buttons in each server, to press.
    const buttons = await Promise.all(
      guilds.map(async ({ channelId }) => {
        const reply = await emu.sendInteraction(
          { type: 'command', name: 'casualties', channelId },
          { timeoutMs: 30_000 },
        );
        const message = reply.original ?? reply.followUps[0];
        const button = (message?.components ?? [])
          .flatMap((row) => (row.components ?? []) as { type: number; custom_id: string }[])
          .find((c) => c.type === 2);
        if (!message?.id || !button) throw new Error('bench: a /casualties reply without a button');
        return { messageId: message.id, customId: button.custom_id };
      }),
    );
    return {
      emu,
      press: (index) => ({ type: 'component', ...(buttons[index % buttons.length] as (typeof buttons)[0]) }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function oneAtATime(running: Running, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const { id } = running.emu.dispatchInteraction(running.press(i));
    await running.emu.waitForInteraction(id, { timeoutMs: 30_000 });
    samples.push(performance.now() - started);
  }
  return samples;
}

async function atOnce(running: Running, count: number): Promise<number> {
  const started = performance.now();
  const ids = Array.from({ length: count }, (_, i) => running.emu.dispatchInteraction(running.press(i)).id);
  await Promise.all(ids.map((id) => running.emu.waitForInteraction(id, { timeoutMs: 120_000 })));
  return performance.now() - started;
}

const median = (values: readonly number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

export async function measureShards(options: ShardsOptions): Promise<ShardsResult> {
  const samples = new Map(
    LAYOUTS.map((l) => [l.name, { p50: [] as number[], p99: [] as number[], burst: [] as number[] }]),
  );
  for (let run = 0; run < options.runs; run++) {
    for (const layout of run % 2 === 0 ? LAYOUTS : [...LAYOUTS].reverse()) {
      const running = await startLayout(layout, options.servers);
      try {
        // A first round warms both layouts alike (the first answer of a process builds its views).
        await oneAtATime(running, 20);
        const sorted = (await oneAtATime(running, options.presses)).sort((a, b) => a - b);
        const kept = samples.get(layout.name);
        kept?.p50.push(quantile(sorted, 0.5));
        kept?.p99.push(quantile(sorted, 0.99));
        kept?.burst.push(await atOnce(running, options.burst));
      } finally {
        await running.stop();
      }
    }
  }
  const result = (name: Layout['name']): LayoutResult => {
    const kept = samples.get(name) ?? { p50: [], p99: [], burst: [] };
    const burstMs = median(kept.burst);
    return {
      p50: median(kept.p50),
      p99: median(kept.p99),
      burstMs,
      burstPerSecond: Math.round((options.burst / burstMs) * 1000),
    };
  };
  return { ...options, single: result('single'), sharded: result('sharded') };
}

export function printShards(r: ShardsResult): string {
  const row = (name: string, l: LayoutResult) => [
    name,
    l.p50.toFixed(1),
    l.p99.toFixed(1),
    (l.burstMs / 1000).toFixed(2),
    String(l.burstPerSecond),
  ];
  return table(
    `10. Presses across shards: buttons on replies in ${r.servers} servers spread over 4 shards, pressed one at a time (${r.presses} a run: press to answer, ms) and ${r.burst} at once (to the last answer); medians of ${r.runs} runs, the layouts alternating`,
    ['layout', 'press p50', 'press p99', 'burst, s', 'presses/s'],
    [row('one process, shards 0-3', r.single), row('two processes, shards 0,1 and 2,3', r.sharded)],
  );
}
