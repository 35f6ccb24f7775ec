/**
 * Run by the benchmark in a fresh process per dataset, as the bot holds one dataset per process:
 * loads `argv[2]` (timing the load `loads` times), collects the loading's garbage once, as a
 * long-running process would have long since, then times every handler (handlers.ts). Prints one
 * JSON line.
 *
 *   node --expose-gc --import tsx bench/handlers-child.ts DIR '{"timeMs":400,...}'
 */
import type { Dataset } from '../src/dataset/dataset.js';
import { loadDataset } from '../src/dataset/load.js';
import { type HandlerOptions, type LatencyRow, measureDigest, measureHandlers } from './handlers.js';

export interface HandlersChildOptions extends HandlerOptions {
  /** How many times to load the dataset (each timed); the last one is measured. */
  loads: number;
}

export interface HandlersChildResult {
  loadMs: number[];
  handlers: LatencyRow[];
  digest: LatencyRow;
}

async function main(dir: string, options: HandlersChildOptions): Promise<void> {
  const loadMs: number[] = [];
  let dataset: Dataset | undefined;
  for (let i = 0; i < Math.max(1, options.loads); i++) {
    dataset = undefined;
    const started = performance.now();
    dataset = await loadDataset(dir);
    loadMs.push(performance.now() - started);
  }
  if (!dataset) throw new Error('bench: no dataset');
  (globalThis as { gc?: () => void }).gc?.();
  const handlers = measureHandlers(dataset, options);
  const digest = measureDigest(dataset, options);
  const result: HandlersChildResult = { loadMs, handlers, digest };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, json] = process.argv.slice(2);
  if (!dir || !json) {
    process.stderr.write("usage: node --expose-gc --import tsx bench/handlers-child.ts DIR 'OPTIONS-JSON'\n");
    process.exit(2);
  }
  await main(dir, JSON.parse(json) as HandlersChildOptions);
}
