/**
 * Run by the benchmark in a fresh process per figure, as the first chart of a process pays for
 * loading the renderer (resvg's WebAssembly, the fonts): loads the dataset in `argv[2]`,
 * makes the figures chart of its latest incident as /casualties and the digest make it, then
 *
 * - `cold`: draws it, the first drawing of the process, timed from the call to the PNG bytes;
 * - `warmed`: draws it once under another key first (as a running bot that drew the chart of an
 *   earlier dataset version, before a reload), then draws it, timed the same way;
 *   with `renders`, also draws that many charts not cached yet (the same chart under new keys, as
 *   after a reload), and with `cachedCalls`, times putting the drawn pictures on the rendered
 *   /casualties reply, as every later reply with the chart does.
 *
 * Prints one JSON line.
 *
 *   node --import tsx bench/charts-child.ts DIR '{"mode":"cold"}'
 */
import { readFileSync } from 'node:fs';
import { commands } from '../commands/index.js';
import { casualtyComparisons } from '../src/briefing/casualties.js';
import { withPictures } from '../src/chart/attach.js';
import { type ChartFile, drawCharts } from '../src/chart/draw.js';
import { type FiguresChart, figuresChart } from '../src/chart/figures.js';
import { commandRegistry } from '../src/contract/registry.js';
import { defaultIncident } from '../src/dataset/dataset.js';
import { loadDataset } from '../src/dataset/load.js';
import { renderReply } from '../src/render/render.js';
import { quantile } from './handlers.js';
import { residentMB } from './load-child.js';

export interface ChartsChildOptions {
  mode: 'cold' | 'warmed';
  /** Charts not cached yet drawn after the first (warmed only). */
  renders?: number;
  /** Timed calls putting the drawn pictures on a reply (warmed only); a tenth as many warm up first. */
  cachedCalls?: number;
}

export interface ChartImage {
  name: string;
  bytes: number;
  width: number;
  height: number;
}

export interface ChartsChildResult {
  mode: ChartsChildOptions['mode'];
  /** The first drawing of the process (every picture of the chart), ms from the call to the PNG bytes. */
  firstMs: number;
  /** The earlier chart's own time (warmed only). */
  warmMs?: number;
  images: ChartImage[];
  /** Resident memory before anything was drawn (the dataset loaded), and the process's peak at the end. */
  rssBeforeMB: number;
  peakRssMB: number;
  /** Each drawing of a chart not cached yet, ms. */
  renderMs?: number[];
  /** Putting the drawn pictures on the reply, µs per call. */
  cachedUs?: { p50: number; p99: number; max: number; calls: number };
}

/** The handlers' clock: fixed, as handlers never read the clock themselves. */
const NOW = new Date('2025-06-01T12:00:00Z');

/** The process's peak resident memory (VmHWM on Linux, else Node's maximum RSS). */
function peakResidentMB(): number {
  try {
    const kb = Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
    if (Number.isFinite(kb)) return kb / 1024;
  } catch {
    // Not Linux: fall through.
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function timed(draw: () => Promise<ChartFile[]>): Promise<{ ms: number; files: ChartFile[] }> {
  const started = performance.now();
  const files = await draw();
  return { ms: performance.now() - started, files };
}

async function main(dir: string, options: ChartsChildOptions): Promise<void> {
  const dataset = await loadDataset(dir);
  const incident = defaultIncident(dataset);
  if (!incident) throw new Error(`bench: no incident in ${dir}`);
  const chart = figuresChart(dataset, incident.title, casualtyComparisons(dataset, incident));
  const rssBeforeMB = residentMB();

  let warmMs: number | undefined;
  if (options.mode === 'warmed') {
    const started = performance.now();
    await drawCharts({ ...chart, key: `${chart.key}#earlier` });
    warmMs = performance.now() - started;
  }
  const first = await timed(() => drawCharts(chart));
  const images = first.files.map((f) => ({
    name: f.name,
    bytes: f.png.data.byteLength,
    width: f.png.width,
    height: f.png.height,
  }));
  const peakRssMB = peakResidentMB();

  const renderMs: number[] = [];
  for (let i = 0; i < (options.renders ?? 0); i++) {
    const fresh: FiguresChart = { ...chart, key: `${chart.key}|bench-${i}` };
    renderMs.push((await timed(() => drawCharts(fresh))).ms);
  }

  const result: ChartsChildResult = {
    mode: options.mode,
    firstMs: first.ms,
    ...(warmMs === undefined ? {} : { warmMs }),
    images,
    rssBeforeMB,
    peakRssMB,
    ...(renderMs.length > 0 ? { renderMs } : {}),
    ...(options.cachedCalls ? { cachedUs: await cachedPictures(chart, dataset, options.cachedCalls) } : {}),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** withPictures on the rendered /casualties reply with its chart, the chart already drawn: µs per call. */
async function cachedPictures(
  chart: FiguresChart,
  dataset: Awaited<ReturnType<typeof loadDataset>>,
  calls: number,
): Promise<NonNullable<ChartsChildResult['cachedUs']>> {
  const casualties = commandRegistry(commands).get('casualties');
  if (!casualties) throw new Error('bench: no /casualties');
  const rendered = renderReply(casualties.handle({ options: { chart: true } }, { dataset, now: NOW }));
  let files = 0;
  const fail = (error: unknown) => {
    throw error;
  };
  for (let i = 0; i < Math.ceil(calls / 10); i++) {
    files += (await withPictures(rendered, chart, fail)).messages[0]?.files?.length ?? 0;
  }
  const us: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    const withFiles = await withPictures(rendered, chart, fail);
    us.push((performance.now() - started) * 1000);
    files += withFiles.messages[0]?.files?.length ?? 0;
  }
  if (files === 0) throw new Error('bench: the reply carries no pictures');
  us.sort((a, b) => a - b);
  return { p50: quantile(us, 0.5), p99: quantile(us, 0.99), max: us[us.length - 1] ?? Number.NaN, calls };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, json] = process.argv.slice(2);
  if (!dir || !json) {
    process.stderr.write('usage: node --import tsx bench/charts-child.ts DIR \'{"mode":"cold"}\'\n');
    process.exit(2);
  }
  await main(dir, JSON.parse(json) as ChartsChildOptions);
}
