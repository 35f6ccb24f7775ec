/**
 * Run by the benchmark in a fresh process, so that memory figures are those of a process that has
 * done nothing but this: loads and checks the dataset in `argv[2]` with the production loader, then
 * builds the /ask index, and prints one JSON line of timings and memory.
 *
 *   node --expose-gc --import tsx bench/load-child.ts DIR
 */
import { readFileSync } from 'node:fs';
import { loadDataset } from '../src/dataset/load.js';
import { searchIndex } from '../src/search/search.js';

export interface LoadChildResult {
  loadMs: number;
  claims: number;
  /** Resident memory right after loading, as the process holds it (VmRSS). */
  rssAfterLoadMB: number;
  /** The live heap after a full collection: what the dataset itself keeps. */
  liveHeapAfterLoadMB: number;
  indexMs: number;
  rssAfterIndexMB: number;
  liveHeapAfterIndexMB: number;
}

/** VmRSS from /proc (Linux), else Node's own figure. */
export function residentMB(pid: number | 'self' = 'self'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    if (Number.isFinite(kb)) return kb / 1024;
  } catch {
    // Not Linux: fall through.
  }
  return pid === 'self' ? process.memoryUsage().rss / 2 ** 20 : Number.NaN;
}

function liveHeapMB(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

async function main(dir: string): Promise<void> {
  const started = performance.now();
  const dataset = await loadDataset(dir);
  const loadMs = performance.now() - started;
  const rssAfterLoadMB = residentMB();
  const liveHeapAfterLoadMB = liveHeapMB();
  const indexStarted = performance.now();
  searchIndex(dataset);
  const indexMs = performance.now() - indexStarted;
  const result: LoadChildResult = {
    loadMs,
    claims: dataset.claims.length,
    rssAfterLoadMB,
    liveHeapAfterLoadMB,
    indexMs,
    rssAfterIndexMB: residentMB(),
    liveHeapAfterIndexMB: liveHeapMB(),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node --import tsx bench/load-child.ts DIR\n');
    process.exit(2);
  }
  await main(dir);
}
