/**
 * The first picture a user asks for, as the bot serves it: a fresh process per run loads the
 * dataset and starts drawing its pictures ahead in a child process (as `npm start` does at start
 * and after a reload), is "ready for N seconds", then asks for /casualties with its chart: the time
 * to put the pictures on the reply (a cache hit when they were drawn ahead), then a picture not drawn
 * yet (the renderer loaded in the process for it) and one after it (warm). The bot's memory once its
 * pictures are drawn ahead is measured in its own process, built, as users run it (startup.ts): this
 * process runs the TypeScript through tsx.
 *
 *   npx tsx bench/first-picture.ts DIR SECONDS      # one run: prints one JSON line
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { commands } from '../commands/index.js';
import { withPictures } from '../src/chart/attach.js';
import { drawCharts } from '../src/chart/draw.js';
import { casualtiesChart, type FiguresChart } from '../src/chart/figures.js';
import { commandRegistry } from '../src/contract/registry.js';
import { defaultIncident } from '../src/dataset/dataset.js';
import { loadDataset } from '../src/dataset/load.js';
import { drawAhead } from '../src/reload/draw-ahead.js';
import { renderReply } from '../src/render/render.js';
import { quantile } from './handlers.js';

export interface FirstPictureRun {
  /** Putting the pictures on the reply, asked after being ready for `readySeconds`. */
  firstMs: number;
  /** A picture not drawn yet, in a process that has not drawn any itself. */
  notDrawnMs: number;
  /** One more picture not drawn yet, the renderer loaded. */
  warmMs: number;
}

export interface FirstPictureResult {
  dataset: string;
  readySeconds: number;
  runs: number;
  firstP50: number;
  notDrawnP50: number;
  warmP50: number;
}

async function timedMs(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function oneRun(dir: string, readySeconds: number): Promise<FirstPictureRun> {
  const dataset = await loadDataset(dir);
  const incident = defaultIncident(dataset);
  const chart = incident ? casualtiesChart(dataset, incident) : undefined;
  if (!chart) throw new Error(`bench: no figures in ${dir}`);
  const drawing = drawAhead(dir, dataset);
  await new Promise((resolve) => setTimeout(resolve, readySeconds * 1000));
  await drawing;
  const casualties = commandRegistry(commands).get('casualties');
  if (!casualties) throw new Error('bench: no /casualties');
  const rendered = renderReply(casualties.handle({ options: { chart: true } }, { dataset, now: new Date() }));
  const firstMs = await timedMs(() =>
    withPictures(rendered, chart, (error) => {
      throw error;
    }),
  );
  const fresh = (n: number): FiguresChart => ({ ...chart, key: `${chart.key}|not drawn ${n}` });
  const notDrawnMs = await timedMs(() => drawCharts(fresh(1)));
  const warmMs = await timedMs(() => drawCharts(fresh(2)));
  return { firstMs, notDrawnMs, warmMs };
}

/** `runs` fresh processes on the dataset in `dir`: medians. */
export async function measureFirstPicture(
  name: string,
  dir: string,
  { runs, readySeconds }: { runs: number; readySeconds: number },
): Promise<FirstPictureResult> {
  const results: FirstPictureRun[] = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join('bench', 'first-picture.ts'), dir, String(readySeconds)],
      { timeout: 120_000, maxBuffer: 1 << 20 },
    );
    results.push(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as FirstPictureRun);
  }
  const p50 = (pick: (r: FirstPictureRun) => number) =>
    quantile(
      results.map(pick).sort((a, b) => a - b),
      0.5,
    );
  return {
    dataset: name,
    readySeconds,
    runs,
    firstP50: p50((r) => r.firstMs),
    notDrawnP50: p50((r) => r.notDrawnMs),
    warmP50: p50((r) => r.warmMs),
  };
}

/** The lines the benchmark prints. */
export function firstPictureLines(results: readonly FirstPictureResult[]): string[] {
  return results.map(
    (r) =>
      `7. first picture, ${r.dataset}: ready for ${r.readySeconds} s, then ask ${r.firstP50.toFixed(1)} ms (target 50); a picture not drawn yet ${r.notDrawnP50.toFixed(0)} ms (target 300), warm ${r.warmP50.toFixed(0)} ms (p50 of ${r.runs}); the bot's memory at rest, its pictures drawn ahead, is in the start-up table`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, seconds] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: npx tsx bench/first-picture.ts DIR SECONDS\n');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(await oneRun(dir, Number(seconds ?? 5)))}\n`);
}
