/**
 * Run by the benchmark in a fresh process: a reload of a large dataset under a bot that serves
 * one, and how long it holds the event loop at a time. The dataset in `argv[2]` is loaded as at
 * start (with its /ask index), then a copy of it with one more context file is reloaded as the
 * bot reloads it (LiveDataset: checked on a worker thread, received in pieces, its index built
 * before the swap), with the event loop's delay recorded phase by phase; then, for comparison,
 * the same folder loaded on the main thread. Prints one JSON line.
 *
 *   node --expose-gc --import tsx bench/reload-child.ts DIR
 */
import { cp, rm, writeFile } from 'node:fs/promises';
import type { Dataset } from '../src/dataset/dataset.js';
import { loadDataset } from '../src/dataset/load.js';
import { createLogger } from '../src/log.js';
import { LiveDataset } from '../src/reload/live.js';
import { loadInWorker } from '../src/reload/worker-load.js';
import { prepareSearchIndex, searchIndex } from '../src/search/search.js';
import { quantile, runQueueClock } from './handlers.js';
import { residentMB } from './load-child.js';

/**
 * How long the event loop was held at a time over one phase (ms): the lateness of a 1 ms timer,
 * as measured (wall) and without the time the thread waited for a CPU (on CPU: from
 * /proc/self/schedstat; on a shared machine the wall figures carry other processes' work).
 */
export interface Held {
  ms: number;
  p99Ms: number;
  maxMs: number;
  p99OnCpuMs: number;
  maxOnCpuMs: number;
}

export interface ReloadChildResult {
  claims: number;
  /** Checked on the worker thread and received in pieces, up to the dataset being whole. */
  received: Held;
  /** The /ask index built, in slices, before the swap. */
  prepared: Held;
  /** The whole reload, as the bot does it. */
  reload: Held & { outcome: string };
  /** For comparison: the same folder loaded on the main thread, as at start. */
  onMainThread: Held;
  rssBeforeMB: number;
  /** Sampled every 50 ms during the reload: two datasets and the worker's heap at once. */
  rssPeakMB: number;
  /** After the reload and a full collection (the old dataset collected; RSS shrinks slowly). */
  rssAfterMB: number;
}

const TICK_MS = 1;

/** Records how long the event loop is held at a time while `work` runs. */
async function held<T>(work: () => Promise<T>): Promise<{ result: T; held: Held }> {
  const waited = runQueueClock();
  const late: number[] = [];
  const lateOnCpu: number[] = [];
  let last = performance.now();
  let lastWait = waited?.() ?? 0;
  const tick = setInterval(() => {
    const now = performance.now();
    const wait = waited?.() ?? 0;
    const lateness = Math.max(0, now - last - TICK_MS);
    late.push(lateness);
    lateOnCpu.push(Math.max(0, lateness - (wait - lastWait) / 1e6));
    last = now;
    lastWait = wait;
  }, TICK_MS);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  // A turn of the event loop, so that the tick delayed by the last stretch of work is recorded.
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(tick);
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const wall = sorted(late);
  const onCpu = sorted(lateOnCpu);
  return {
    result,
    held: {
      ms,
      p99Ms: quantile(wall, 0.99),
      maxMs: wall.at(-1) ?? 0,
      p99OnCpuMs: waited ? quantile(onCpu, 0.99) : Number.NaN,
      maxOnCpuMs: waited ? (onCpu.at(-1) ?? 0) : Number.NaN,
    },
  };
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main(dir: string): Promise<void> {
  const copy = `${dir}-reloaded`;
  await cp(dir, copy, { recursive: true });
  // A change: one more context file, as a curator adds a place.
  await writeFile(
    `${copy}/context/bench-reload.yaml`,
    'places:\n  - id: bench-reload-place\n    name: Benchpur\n    kind: town\n',
  );
  try {
    const start = await loadDataset(dir);
    searchIndex(start);
    collect();
    const rssBeforeMB = residentMB();
    let rssPeakMB = rssBeforeMB;
    const sampler = setInterval(() => {
      rssPeakMB = Math.max(rssPeakMB, residentMB());
    }, 50);

    const phases: { received?: Held; prepared?: Held } = {};
    const live = new LiveDataset({
      dir: copy,
      dataset: start,
      logger: createLogger({ level: 'silent' }),
      load: async (from) => {
        const { result, held: h } = await held(() => loadInWorker(from));
        phases.received = h;
        return result;
      },
      prepare: async (dataset: Dataset) => {
        const { held: h } = await held(() => prepareSearchIndex(dataset));
        phases.prepared = h;
      },
    });
    const { result: outcome, held: reload } = await held(() => live.reload('bench'));
    clearInterval(sampler);
    collect();
    const rssAfterMB = residentMB();
    const { held: onMainThread } = await held(() => loadDataset(copy));
    const empty: Held = {
      ms: Number.NaN,
      p99Ms: Number.NaN,
      maxMs: Number.NaN,
      p99OnCpuMs: Number.NaN,
      maxOnCpuMs: Number.NaN,
    };
    const result: ReloadChildResult = {
      claims: live.current().claims.length,
      received: phases.received ?? empty,
      prepared: phases.prepared ?? empty,
      reload: { ...reload, outcome: outcome.outcome },
      onMainThread,
      rssBeforeMB,
      rssPeakMB,
      rssAfterMB,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node --expose-gc --import tsx bench/reload-child.ts DIR\n');
    process.exit(2);
  }
  await main(dir);
}
