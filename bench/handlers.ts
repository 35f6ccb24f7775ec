/**
 * Handler latency on a loaded dataset: every command's handler (as the adapters call it), /ask over
 * several questions, an autocomplete, and the digest build. Timed with tinybench; each figure is
 * the p50 and p99 of its samples. The first call of each (caches cold: the /ask index, derived
 * comparisons) is timed apart, before any warm-up.
 */
import { openSync, readSync } from 'node:fs';
import { Bench } from 'tinybench';
import { commands } from '../commands/index.js';
import { commandRegistry } from '../src/contract/registry.js';
import type { CommandEnv, CommandInput, CommandModule } from '../src/contract/types.js';
import { type Dataset, defaultIncident } from '../src/dataset/dataset.js';
import { buildDigest } from '../src/digest/build.js';
import { renderReply } from '../src/render/render.js';

export interface LatencyRow {
  name: string;
  /** Milliseconds. */
  p50: number;
  p99: number;
  /** The p99 with the time spent waiting for a CPU (preempted by other processes) left out. */
  p99OnCpu: number;
  mean: number;
  samples: number;
  /** The first call, before any warm-up (caches cold), in milliseconds. */
  cold: number;
  /** Messages in the reply (a reply longer than one message is split). */
  messages?: number;
}

export interface HandlerOptions {
  /** Time budget per task, in milliseconds. */
  timeMs: number;
  /** At least this many samples per task. */
  iterations: number;
  /** Every handler is run in turn for this long before any is timed. */
  warmupMs: number;
  /** /ask questions, cycled through one per call. */
  questions: readonly string[];
  /** Also time /ask restricted to the default incident. */
  scopedAsk: boolean;
}

/** The handlers' clock: fixed, as handlers never read the clock themselves. */
const NOW = new Date('2025-06-01T12:00:00Z');

/** Questions any incident dataset can be asked: counts, who, where, when, why, typos, nonsense. */
export const GENERIC_QUESTIONS = [
  'how many were wounded',
  'who claimed the attack',
  'where did it happen',
  'when did the attack happen',
  'how many attackers were killed',
  'what did officials say',
  'suicide bombers',
  'why did they attack',
  'wher did the atack happen',
  'what happened',
  'purple elephant banana',
];

const registry = commandRegistry(commands);

function command(name: string): CommandModule {
  const found = registry.get(name);
  if (!found) throw new Error(`bench: no command ${name}`);
  return found;
}

interface Case {
  name: string;
  run: () => number;
}

/** Every command, with the input a user would most often give it. */
function cases(dataset: Dataset, options: HandlerOptions): Case[] {
  const context: CommandEnv = { dataset, now: NOW };
  const handle = (name: string, input: CommandInput) => () =>
    renderReply(command(name).handle(input, context)).messages.length;
  const cycle = (inputs: readonly CommandInput[], name: string) => {
    let i = 0;
    return () => {
      const input = inputs[i++ % inputs.length] as CommandInput;
      return renderReply(command(name).handle(input, context)).messages.length;
    };
  };
  const incident = defaultIncident(dataset);
  const list: Case[] = [
    { name: '/incident', run: handle('incident', { options: {} }) },
    { name: '/casualties', run: handle('casualties', { options: {} }) },
    { name: '/compare topic:casualties', run: handle('compare', { options: { topic: 'casualties' } }) },
    { name: '/timeline', run: handle('timeline', { options: {} }) },
    { name: '/group', run: handle('group', { options: {} }) },
    { name: '/context', run: handle('context', { options: {} }) },
    { name: '/sources', run: handle('sources', { options: {} }) },
    { name: '/digest preview', run: handle('digest', { subcommand: 'preview', options: {} }) },
    { name: '/help', run: handle('help', { options: {} }) },
    {
      name: `/ask (${options.questions.length} questions)`,
      run: cycle(
        options.questions.map((question) => ({ options: { question } })),
        'ask',
      ),
    },
  ];
  if (options.scopedAsk && incident) {
    list.push({
      name: `/ask incident:latest (${options.questions.length} questions)`,
      run: cycle(
        options.questions.map((question) => ({ options: { question, incident: incident.id } })),
        'ask',
      ),
    });
  }
  list.push(
    {
      name: 'Look up in briefing (message menu)',
      run: cycle(
        options.questions.map((question) => ({ options: {}, targetText: `${question}?` })),
        'Look up in briefing',
      ),
    },
    {
      name: 'autocomplete /casualties incident',
      run: () =>
        command('casualties').autocomplete?.({ name: 'incident', value: 'attack' }, { options: {} }, context)
          .length ?? 0,
    },
  );
  return list;
}

/** Handler latencies, in the order of `cases`. */
export function measureHandlers(dataset: Dataset, options: HandlerOptions): LatencyRow[] {
  const list = cases(dataset, options);
  const cold = new Map<string, { ms: number; messages: number }>();
  for (const c of list) {
    const started = performance.now();
    const messages = c.run();
    cold.set(c.name, { ms: performance.now() - started, messages });
  }
  // Every handler shares the rendering code: all are run a while before any is timed, so that
  // the compiler has settled (a first run of each, alone, would time its compilation too).
  const warmUntil = performance.now() + options.warmupMs;
  for (let round = 0; performance.now() < warmUntil || round < 20; round++) for (const c of list) c.run();
  const rows = timeTasks(
    list.map((c) => ({ name: c.name, fn: c.run })),
    options,
  );
  return rows.map((row) => ({
    ...row,
    cold: cold.get(row.name)?.ms ?? Number.NaN,
    messages: cold.get(row.name)?.messages,
  }));
}

/** The digest of the default incident, as the scheduler builds it (no previous digest). */
export function measureDigest(dataset: Dataset, options: HandlerOptions): LatencyRow {
  const incident = defaultIncident(dataset);
  if (!incident) throw new Error('bench: the dataset has no incident');
  const run = () => buildDigest({ dataset, incident, previous: null }).briefing.sections.length;
  const started = performance.now();
  run();
  const cold = performance.now() - started;
  const [row] = timeTasks([{ name: 'digest build', fn: run }], options);
  if (!row) throw new Error('bench: digest not timed');
  return { ...row, cold };
}

/**
 * Time spent waiting for a CPU by this process's main thread (ns, from /proc/self/schedstat), or
 * undefined where that is not available. On a shared machine a handler is sometimes preempted in
 * the middle of a call: the wait is counted in its latency (the p99 reported) and, apart, left out
 * (the "p99 on CPU": what the code costs when it has the CPU).
 */
export function runQueueClock(): (() => number) | undefined {
  try {
    const fd = openSync('/proc/self/schedstat', 'r');
    const buffer = Buffer.alloc(128);
    return () => {
      const n = readSync(fd, buffer, 0, buffer.length, 0);
      return Number(buffer.toString('latin1', 0, n).split(' ')[1]);
    };
  } catch {
    return undefined;
  }
}

function timeTasks(
  tasks: readonly { name: string; fn: () => unknown }[],
  options: Pick<HandlerOptions, 'timeMs' | 'iterations'>,
): Omit<LatencyRow, 'cold'>[] {
  const waited = runQueueClock();
  const bench = new Bench({
    time: options.timeMs,
    iterations: options.iterations,
    // Warmed up already (see measureHandlers): every call is a sample.
    warmup: false,
    throws: true,
  });
  const onCpu = new Map<string, number[]>();
  for (const task of tasks) {
    const samples: number[] = [];
    onCpu.set(task.name, samples);
    bench.add(task.name, () => {
      const before = waited?.() ?? 0;
      const started = performance.now();
      task.fn();
      const wall = performance.now() - started;
      const queued = ((waited?.() ?? 0) - before) / 1e6;
      samples.push(Math.max(0, wall - queued));
      // The schedstat reads above are not part of the sample.
      return { overriddenDuration: wall };
    });
  }
  const done = bench.runSync();
  return done.map((task) => {
    const result = task.result;
    if (result.state !== 'completed')
      throw new Error(`bench: ${task.name} did not complete (${result.state})`);
    const cpu = [...(onCpu.get(task.name) ?? [])].sort((a, b) => a - b);
    return {
      name: task.name,
      p50: result.latency.p50,
      p99: result.latency.p99,
      p99OnCpu: waited ? quantile(cpu, 0.99) : Number.NaN,
      mean: result.latency.mean,
      samples: result.latency.samplesCount,
    };
  });
}

/** Linear interpolation between closest ranks, as tinybench does. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (at - lo);
}
