/**
 * `npm run bench`: the benchmark. Prints a table grouped by section, each figure beside its target;
 * `-- --json` prints one JSON object instead (progress goes to stderr either way). A full run
 * (neither --quick nor --only) also writes the tables to docs/benchmark.md (bench/report-page.ts).
 *
 *   npm run bench                 # the full run (a few minutes on 2 cores)
 *   npm run bench -- --json       # the same, as one JSON object on stdout
 *   npm run bench -- --quick      # a smaller run: 10,000 claims only, fewer interactions
 *   npm run bench -- --seed 2     # another generated dataset (default seed 1)
 *   npm run bench -- --only e2e,schedule   # some sections only (handlers, large, e2e, burst, sweep,
 *                                          # schedule, startup, reload, charts, store, many, draft,
 *                                          # shards)
 *
 * Sections:
 * 1. The bundled dataset (data/): load-and-check time; every handler's p50/p99; the digest build.
 * 2. Generated datasets (bench/generate.ts, deterministic from the seed): 1,000 incidents, 100
 *    sources, and 10,000 / 50,000 / 100,000 claims, written as JSON and read by the production
 *    loader. Load-and-check time and memory are measured in fresh processes (bench/load-child.ts).
 * 3. End to end: the real bot and a constant bot sending the same payloads, on the emulator:
 *    round trips interleaved over a mix of commands (several runs) and over presses of buttons
 *    and menus; hostile schedules beside /casualties; bursts of 5,000 to each, interleaved over
 *    several runs (section `burst`); a comparison of backlog thresholds.
 * 4. Digest schedules: slot arithmetic on hostile expressions, and the event loop's delay meanwhile.
 * 5. Start-up, in the local console and against the emulator: the compiled bot (built into dist/
 *    first), by `npm start` and by node directly, beside `npx tsx src/main.ts` as it started before.
 * 6. Reload: the largest generated dataset reloaded under a bot serving it (bench/reload-child.ts),
 *    and how long the event loop is held at a time meanwhile, beside loading it on the main thread.
 * 7. Charts: the figures chart of /casualties and the digest, on data/ and on data/ with the
 *    developing-story reports (bench/charts-child.ts, a fresh process per figure): the first drawing
 *    of a process, cold and after a chart of an earlier dataset version; drawings of charts not
 *    cached yet; pictures already drawn put on a reply; the images' sizes; peak memory.
 * 8. One measure of 10,000 figures (bench/many-figures.ts): every handler's p50/p99 on it.
 * 9. Drafts (bench/draft.ts): `npm run draft` on the seed and developing-story texts, scored against
 *    their curated claims.
 * 10. Presses across shards (bench/shards.ts): one process running all four shards beside two
 *    processes of two shards each, on the same servers: presses one at a time and in a burst.
 *
 * Nothing leaves 127.0.0.1; every wait is bounded; temporary files are removed at the end.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import type { ChartsChildOptions, ChartsChildResult } from './charts-child.js';
import { measureDrafts, printDrafts } from './draft.js';
import {
  type BurstComparison,
  type BurstResult,
  type E2eResult,
  measureBacklogSweep,
  measureBursts,
  measureE2e,
  type SweepRow,
} from './e2e.js';
import { type FirstPictureResult, firstPictureLines, measureFirstPicture } from './first-picture.js';
import { type GenerateResult, generateDataset } from './generate.js';
import { GENERIC_QUESTIONS, type HandlerOptions, type LatencyRow, quantile } from './handlers.js';
import type { HandlersChildOptions, HandlersChildResult } from './handlers-child.js';
import type { LoadChildResult } from './load-child.js';
import { MANY_FIGURES_P99_MS, type ManyFiguresResult, measureManyFigures } from './many-figures.js';
import type { Held, ReloadChildResult } from './reload-child.js';
import { table, writeBenchmarkPage } from './report-page.js';
import { measureSchedules, type ScheduleResult } from './schedule.js';
import { measureShards, printShards, type ShardsResult } from './shards.js';
import {
  type ConsoleStartup,
  consoleStartup,
  type DiscordStartup,
  discordStartup,
  LAUNCHES,
  type Launch,
} from './startup.js';
import { measureStore, printStore, type StoreResult } from './store.js';

const run = promisify(execFile);

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
  },
});
const SECTIONS = [
  'handlers',
  'large',
  'e2e',
  'burst',
  'sweep',
  'schedule',
  'startup',
  'reload',
  'charts',
  'store',
  'many',
  'draft',
  'shards',
] as const;
const ONLY = new Set(args.only ? args.only.split(',').map((x) => x.trim()) : SECTIONS);
const runs = (section: (typeof SECTIONS)[number]) => ONLY.has(section);
const QUICK = args.quick ?? false;
const SEED = Number(args.seed);

const SIZES = QUICK ? [10_000] : [10_000, 50_000, 100_000];
/** Fresh processes per size for load time and memory: the median is reported. */
const LOAD_RUNS = QUICK ? 1 : 3;
const BUNDLED_LOAD_RUNS = QUICK ? 10 : 30;
/** Round trips: interactions to each bot per run, and runs (the ratios' median is reported). */
const E2E = QUICK ? { interactions: 200, runs: 3 } : { interactions: 500, runs: 5 };
const BURST = QUICK ? 1000 : 5000;
/** Bursts to each bot, interleaved: the medians are reported. */
const BURST_RUNS = QUICK ? 3 : 5;
/** Backlog thresholds compared on the same burst (the first is the default). */
const SWEEP = [
  { deferAt: 8, answering: 4 },
  { deferAt: 1, answering: 4 },
  { deferAt: 64, answering: 4 },
  { deferAt: 512, answering: 4 },
  { deferAt: Number.POSITIVE_INFINITY, answering: 4 },
  { deferAt: 8, answering: 1 },
  { deferAt: 8, answering: 16 },
];
const SLOT_CALLS = QUICK ? 200 : 2000;
/** Presses across shards: servers, presses one at a time and at once, runs of each layout. */
const SHARDS = QUICK
  ? { servers: 40, presses: 100, burst: 500, runs: 1 }
  : { servers: 100, presses: 300, burst: 2000, runs: 3 };
const STARTUP_RUNS = QUICK ? 1 : 5;
/** Fresh processes, each reloading the largest generated dataset: the median of each figure is reported. */
const RELOAD_RUNS = QUICK ? 1 : 3;
/**
 * Charts, per dataset: fresh processes drawing their first chart cold, and fewer drawing it after
 * a chart of an earlier dataset version (the two interleaved; medians reported), to keep the section within a
 * minute; in the first warmed one, drawings of charts not cached yet and calls putting drawn
 * pictures on a reply.
 */
const CHART_RUNS = QUICK ? 2 : 5;
const CHART_WARMED_RUNS = QUICK ? 1 : 3;
const CHART_RENDERS = QUICK ? 10 : 20;
const CHART_CACHED_CALLS = QUICK ? 1000 : 2000;
const HANDLER_TIME: Pick<HandlerOptions, 'timeMs' | 'iterations' | 'warmupMs'> = QUICK
  ? { timeMs: 200, iterations: 30, warmupMs: 500 }
  : { timeMs: 500, iterations: 50, warmupMs: 1500 };

/** The targets: speed, memory, round trip, bursts, schedules, start-up, reloads and charts. */
const TARGET = {
  /**
   * Every handler on data/ and on the story, at p99 on CPU: what the code costs when it has the CPU
   * (on a shared machine the wall-clock p99 is mostly the time other processes held it).
   */
  bundledHandlerP99OnCpuMs: 1,
  largeLoadMs: 3000,
  largeMemoryMB: 300,
  largeHandlerP99Ms: 5,
  e2eRatio: 1.2,
  /** Discord's window for acknowledging an interaction. */
  ackWindowMs: 3000,
  slotMs: 1,
  eventLoopDelayMs: 10,
  /** `npm start` to the console's first answer, and the console process's idle memory. */
  startupMs: 600,
  idleRssMB: 100,
  /** A reload holds the event loop for no more than about this at a time (on CPU). */
  reloadHeldMs: 50,
  /** A chart's pictures, already drawn, put on a reply: what every later reply with them pays. */
  cachedPictureMs: 1,
};

const log = (line: string) => process.stderr.write(`${line}\n`);

interface Target {
  section: string;
  what: string;
  target: string;
  value: string;
  met: boolean;
}

interface LargeResult {
  generated: Omit<GenerateResult, 'dir'>;
  generateMs: number;
  load: {
    runs: LoadChildResult[];
    medianLoadMs: number;
    medianRssAfterLoadMB: number;
    medianLiveHeapAfterLoadMB: number;
    medianIndexMs: number;
    medianRssAfterIndexMB: number;
  };
  handlers: LatencyRow[];
  digest: LatencyRow;
}

interface Report {
  benchmark: 'briefing-bot';
  generatedAt: string;
  command: string;
  machine: ReturnType<typeof machine>;
  options: { quick: boolean; seed: number; sizes: number[] };
  bundled?: {
    loadMs: { median: number; p99: number; runs: number };
    handlers: LatencyRow[];
    digest: LatencyRow;
  };
  /** The same, on data/ with the developing-story reports: a story told by many reports. */
  story?: Report['bundled'];
  large: LargeResult[];
  e2e?: E2eResult;
  burst?: BurstComparison;
  sweep: SweepRow[];
  schedule?: ScheduleResult;
  startup?: { console: ConsoleStartup[]; discord: DiscordStartup[]; consoleLarge: ConsoleStartup[] };
  reload?: ReloadChildResult[];
  charts?: ChartsResult[];
  store?: StoreResult[];
  many?: ManyFiguresResult;
  shards?: ShardsResult;
  firstPicture?: FirstPictureResult[];
  targets: Target[];
  durationMs: number;
}

interface ChartsResult {
  dataset: string;
  cold: ChartsChildResult[];
  warmed: ChartsChildResult[];
}

function machine() {
  let model = 'unknown';
  try {
    model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? model;
  } catch {
    model = os.cpus()[0]?.model ?? model;
  }
  return {
    cpus: os.availableParallelism(),
    model,
    ramGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    /** 1-minute load average when the run started and when it ended: how busy the machine was. */
    loadAverage: { start: LOAD_AT_START, end: os.loadavg()[0] ?? Number.NaN },
  };
}

const LOAD_AT_START = os.loadavg()[0] ?? Number.NaN;

const median = (values: readonly number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

async function bundled(dir = 'data', label = 'bundled dataset'): Promise<Report['bundled']> {
  log(`1. ${label}: load and check, handlers (in a fresh process)`);
  const result = await handlersInChild(dir, {
    ...HANDLER_TIME,
    questions: [...GENERIC_QUESTIONS, 'what did the military say', 'Tehrik-e-Jehad', 'TJP spokesman'],
    scopedAsk: false,
    loads: BUNDLED_LOAD_RUNS,
  });
  const sorted = [...result.loadMs].sort((a, b) => a - b);
  return {
    loadMs: { median: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), runs: sorted.length },
    handlers: result.handlers,
    digest: result.digest,
  };
}

async function handlersInChild(dir: string, options: HandlersChildOptions): Promise<HandlersChildResult> {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join('bench', 'handlers-child.ts'), dir, JSON.stringify(options)],
    { timeout: 600_000, maxBuffer: 16 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as HandlersChildResult;
}

async function loadInChild(dir: string): Promise<LoadChildResult> {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join('bench', 'load-child.ts'), dir],
    { timeout: 120_000, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as LoadChildResult;
}

async function reloadInChild(dir: string): Promise<ReloadChildResult> {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join('bench', 'reload-child.ts'), dir],
    { timeout: 300_000, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ReloadChildResult;
}

async function chartsInChild(dir: string, options: ChartsChildOptions): Promise<ChartsChildResult> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join('bench', 'charts-child.ts'), dir, JSON.stringify(options)],
    { timeout: 120_000, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChartsChildResult;
}

/** data/ with the developing-story reports added, in `dir`, as a curator would add them. */
async function storyDataset(dir: string): Promise<string> {
  await cp('data', dir, { recursive: true });
  for (const folder of ['sources', 'context'])
    await cp(path.join('test', 'fixtures', 'developing-story', folder), path.join(dir, folder), {
      recursive: true,
    });
  return dir;
}

/** The datasets the charts are drawn from: data/, and data/ with the developing-story reports added. */
async function chartDatasets(storyDir: string): Promise<{ name: string; dir: string }[]> {
  await storyDataset(storyDir);
  return [
    { name: 'data/', dir: 'data' },
    { name: 'data/ + developing story', dir: storyDir },
  ];
}

async function charts(storyDir: string): Promise<ChartsResult[]> {
  const datasets = await chartDatasets(storyDir);
  const results = datasets.map((d): ChartsResult => ({ dataset: d.name, cold: [], warmed: [] }));
  for (let i = 0; i < CHART_RUNS; i++) {
    for (const [j, d] of datasets.entries()) {
      const result = results[j] as ChartsResult;
      log(`7. charts, ${d.name}: first drawing in a fresh process (${i + 1}/${CHART_RUNS})`);
      result.cold.push(await chartsInChild(d.dir, { mode: 'cold' }));
      if (i >= CHART_WARMED_RUNS) continue;
      result.warmed.push(
        await chartsInChild(
          d.dir,
          i === 0
            ? { mode: 'warmed', renders: CHART_RENDERS, cachedCalls: CHART_CACHED_CALLS }
            : { mode: 'warmed' },
        ),
      );
    }
  }
  return results;
}

/** The figures of one dataset's charts: medians over the processes, the others from the first warmed one. */
function chartFigures(c: ChartsResult) {
  const colds = c.cold.map((r) => r.firstMs);
  const renders = [...(c.warmed.find((r) => r.renderMs)?.renderMs ?? [])].sort((a, b) => a - b);
  const cachedUs = c.warmed.find((r) => r.cachedUs)?.cachedUs;
  return {
    coldMs: median(colds),
    coldMinMs: Math.min(...colds),
    coldMaxMs: Math.max(...colds),
    warmUpMs: median(c.warmed.map((r) => r.warmMs ?? Number.NaN)),
    afterWarmUpMs: median(c.warmed.map((r) => r.firstMs)),
    newKeyP50Ms: quantile(renders, 0.5),
    newKeyP95Ms: quantile(renders, 0.95),
    renders: renders.length,
    cachedUs,
    rssBeforeMB: median(c.cold.map((r) => r.rssBeforeMB)),
    peakRssMB: median(c.cold.map((r) => r.peakRssMB)),
  };
}

/** Each figure of the phase, the median over the runs. */
function medianHeld(
  runs: readonly ReloadChildResult[],
  phase: 'received' | 'prepared' | 'reload' | 'onMainThread',
): Held {
  const of = (key: keyof Held) => median(runs.map((r) => r[phase][key]));
  return {
    ms: of('ms'),
    p99Ms: of('p99Ms'),
    maxMs: of('maxMs'),
    p99OnCpuMs: of('p99OnCpuMs'),
    maxOnCpuMs: of('maxOnCpuMs'),
  };
}

async function large(size: number, dir: string): Promise<LargeResult> {
  log(`2. generated dataset, ${size} claims: generating (seed ${SEED})`);
  const started = performance.now();
  const { dir: _dir, ...generated } = await generateDataset({
    dir,
    claims: size,
    seed: SEED,
    format: 'json',
  });
  const generateMs = performance.now() - started;
  const runs: LoadChildResult[] = [];
  for (let i = 0; i < LOAD_RUNS; i++) {
    log(`2. generated dataset, ${size} claims: load and check in a fresh process (${i + 1}/${LOAD_RUNS})`);
    runs.push(await loadInChild(dir));
  }
  log(`2. generated dataset, ${size} claims: handlers (in a fresh process)`);
  const questions = [
    ...GENERIC_QUESTIONS,
    `what did ${generated.sample.person} say`,
    generated.sample.groupName.replace(/ee/g, 'i').replace(/i/, 'e'),
  ];
  const { handlers, digest } = await handlersInChild(dir, {
    ...HANDLER_TIME,
    questions,
    scopedAsk: true,
    loads: 1,
  });
  return {
    generated,
    generateMs,
    load: {
      runs,
      medianLoadMs: median(runs.map((r) => r.loadMs)),
      medianRssAfterLoadMB: median(runs.map((r) => r.rssAfterLoadMB)),
      medianLiveHeapAfterLoadMB: median(runs.map((r) => r.liveHeapAfterLoadMB)),
      medianIndexMs: median(runs.map((r) => r.indexMs)),
      medianRssAfterIndexMB: median(runs.map((r) => r.rssAfterIndexMB)),
    },
    handlers,
    digest,
  };
}

function targets(report: Omit<Report, 'targets' | 'durationMs'>): Target[] {
  const list: Target[] = [];
  const ms = (n: number) => `${n.toFixed(3)} ms`;
  for (const [section, result] of [
    ['bundled', report.bundled],
    ['developing story', report.story],
  ] as const) {
    for (const h of result?.handlers ?? []) {
      list.push({
        section,
        what: `${h.name} p99 on CPU`,
        target: `< ${TARGET.bundledHandlerP99OnCpuMs} ms`,
        value: ms(h.p99OnCpu),
        met: h.p99OnCpu < TARGET.bundledHandlerP99OnCpuMs,
      });
    }
  }
  for (const h of report.many?.handlers ?? [])
    list.push({
      section: `${report.many?.figures} figures`,
      what: `${h.name} p99`,
      target: `< ${MANY_FIGURES_P99_MS} ms`,
      value: ms(h.p99),
      met: h.p99 < MANY_FIGURES_P99_MS,
    });
  const biggest = report.large.find((l) => l.generated.claims === 100_000);
  if (biggest) {
    list.push({
      section: '100,000 claims',
      what: 'load and check (median of fresh processes)',
      target: `< ${TARGET.largeLoadMs} ms`,
      value: `${biggest.load.medianLoadMs.toFixed(0)} ms`,
      met: biggest.load.medianLoadMs < TARGET.largeLoadMs,
    });
    list.push({
      section: '100,000 claims',
      what: 'resident memory after load (median)',
      target: `< ${TARGET.largeMemoryMB} MB`,
      value: `${biggest.load.medianRssAfterLoadMB.toFixed(0)} MB`,
      met: biggest.load.medianRssAfterLoadMB < TARGET.largeMemoryMB,
    });
    for (const h of biggest.handlers) {
      list.push({
        section: '100,000 claims',
        what: `${h.name} p99`,
        target: `< ${TARGET.largeHandlerP99Ms} ms`,
        value: ms(h.p99),
        met: h.p99 < TARGET.largeHandlerP99Ms,
      });
    }
  }
  const e = report.e2e;
  if (e) {
    for (const q of ['P50', 'P99'] as const) {
      const ratio = e[`ratio${q}`];
      list.push({
        section: 'end to end',
        what: `round trip ${q.toLowerCase()} / same-payload constant bot (median of ${e.runs.length} runs)`,
        target: `<= ${TARGET.e2eRatio}`,
        value: ratio.toFixed(2),
        met: ratio <= TARGET.e2eRatio,
      });
    }
    for (const q of ['P50', 'P99'] as const) {
      const ratio = e.presses[`ratio${q}`];
      list.push({
        section: 'end to end',
        what: `press round trip ${q.toLowerCase()} / same-payload constant bot (median of ${e.presses.runs.length} runs)`,
        target: `<= ${TARGET.e2eRatio}`,
        value: ratio.toFixed(2),
        met: ratio <= TARGET.e2eRatio,
      });
    }
    list.push({
      section: 'end to end',
      what: `/casualties beside ${e.hostile.statusCalls} hostile schedules: slowest`,
      target: `< ${TARGET.ackWindowMs} ms`,
      value: `${e.hostile.casualtiesLatency.max.toFixed(0)} ms`,
      met:
        e.hostile.answered === e.hostile.casualties && e.hostile.casualtiesLatency.max < TARGET.ackWindowMs,
    });
  }
  const bursts = report.burst;
  if (bursts) {
    const { real, baseline } = bursts.acknowledged;
    const sent = bursts.runs[0]?.real.sent ?? 0;
    list.push({
      section: 'end to end',
      what: `burst of ${sent}: acknowledged within 3 s, median of ${bursts.runs.length} runs, beside the constant bot's (${baseline.min} to ${baseline.max})`,
      target: `>= ${baseline.median} (the constant bot's)`,
      value: `${real.median} (${real.min} to ${real.max})`,
      // Within the runs' spread: at least the constant bot's fewest.
      met: real.median >= baseline.min,
    });
    const answered = Math.min(...bursts.runs.map((r) => r.real.answered));
    list.push({
      section: 'end to end',
      what: `burst of ${sent}: answered, fewest of ${bursts.runs.length} runs`,
      target: `all ${sent}`,
      value: `${answered} (slowest ${Math.max(...bursts.runs.map((r) => r.real.answer.max)).toFixed(0)} ms)`,
      met: answered === sent,
    });
  }
  const sc = report.schedule;
  if (sc) {
    const slowest = Math.max(...sc.rows.map((r) => r.maxUs)) / 1000;
    list.push({
      section: 'schedules',
      what: 'slot arithmetic, hostile expressions: p99',
      target: `< ${TARGET.slotMs} ms`,
      value: `${slowest.toFixed(3)} ms`,
      met: slowest < TARGET.slotMs,
    });
    list.push({
      section: 'schedules',
      what: 'event-loop delay while hostile schedules are computed: p99',
      target: `< ${TARGET.eventLoopDelayMs} ms`,
      value: `${sc.eventLoop.p99Ms.toFixed(1)} ms (max ${sc.eventLoop.maxMs.toFixed(1)})`,
      met: sc.eventLoop.p99Ms < TARGET.eventLoopDelayMs,
    });
  }
  if (report.reload && report.reload.length > 0) {
    const whole = medianHeld(report.reload, 'reload');
    list.push({
      section: 'reload',
      what: `${report.reload[0]?.claims} claims: event loop held at most, on CPU (median of ${report.reload.length})`,
      target: `< ${TARGET.reloadHeldMs} ms`,
      value: `${f0(whole.maxOnCpuMs)} ms (wall ${f0(whole.maxMs)} ms)`,
      met: whole.maxOnCpuMs < TARGET.reloadHeldMs,
    });
  }
  for (const c of report.charts ?? []) {
    const f = chartFigures(c);
    list.push({
      section: 'charts',
      what: `${c.dataset}: first render within Discord's 3 s (median cold process)`,
      target: `< ${TARGET.ackWindowMs} ms`,
      value: `${f0(f.coldMs)} ms`,
      met: f.coldMs < TARGET.ackWindowMs,
    });
    const p99Ms = (f.cachedUs?.p99 ?? Number.NaN) / 1000;
    list.push({
      section: 'charts',
      what: `${c.dataset}: cached picture adds < 1 ms (p99)`,
      target: `< ${TARGET.cachedPictureMs} ms`,
      value: `${f3(p99Ms)} ms`,
      met: p99Ms < TARGET.cachedPictureMs,
    });
  }
  const st = report.startup;
  const npmStart = LAUNCHES[0]?.name;
  if (st && npmStart) {
    const own = st.console.filter((c) => c.launch === npmStart);
    const firstAnswer = median(own.map((c) => c.firstAnswerMs));
    list.push({
      section: 'start-up',
      what: "npm start to the console's first answer (median)",
      target: `< ${TARGET.startupMs} ms`,
      value: `${f0(firstAnswer)} ms`,
      met: firstAnswer < TARGET.startupMs,
    });
    for (const [how, runs] of [
      ['local console', own],
      ['on Discord, its pictures drawn ahead', st.discord.filter((d) => d.launch === npmStart)],
    ] as const) {
      const idle = median(runs.map((r) => r.idleRssMB));
      list.push({
        section: 'start-up',
        what: `npm start, ${how}: idle RSS of the bot's process (median)`,
        target: `< ${TARGET.idleRssMB} MB`,
        value: `${f0(idle)} MB`,
        met: idle < TARGET.idleRssMB,
      });
    }
  }
  return list;
}

// ---- Printing ----------------------------------------------------------------------------------------

const f3 = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : 'n/a');
const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');

/** The rows of a handler table; the target, when there is one, is met by the p99 it names. */
function latencyRows(
  rows: readonly LatencyRow[],
  target?: { ms: number; of: 'p99' | 'p99OnCpu' },
): string[][] {
  return rows.map((r) => [
    r.name,
    f3(r.p50),
    f3(r.p99),
    f3(r.p99OnCpu),
    f3(r.cold),
    String(r.messages ?? ''),
    String(r.samples),
    target ? (r[target.of] < target.ms ? 'met' : 'MISSED') : '',
  ]);
}

const burstHeader = [
  'bot',
  'acknowledged in 3 s',
  'deferred',
  'answered',
  'ack p50',
  'ack slowest',
  'answer p50',
  'answer slowest',
];

function burstRow(name: string, b: BurstResult): string[] {
  return [
    name,
    `${b.acknowledged}/${b.sent}`,
    String(b.deferred),
    `${b.answered}/${b.sent}`,
    f0(b.ack.p50),
    f0(b.ack.max),
    f0(b.answer.p50),
    f0(b.answer.max),
  ];
}

function print(report: Report): string {
  const out: string[] = [];
  const m = report.machine;
  out.push(
    `Briefing bot benchmark, ${report.generatedAt}`,
    `Machine: ${m.cpus} CPUs (${m.model}), ${m.ramGB} GB RAM, Node ${m.node}, ${m.platform}; load average ${m.loadAverage.start.toFixed(1)} at the start, ${m.loadAverage.end.toFixed(1)} at the end`,
    `Run: ${report.command}${report.options.quick ? ' (quick)' : ''}, seed ${report.options.seed}, ${(report.durationMs / 1000).toFixed(0)} s`,
    'Latencies in ms: p50 and p99 of tinybench samples; "p99 on CPU" leaves out the time the process waited for a CPU (preempted by other processes); "first" is the first call (caches cold).',
  );
  const header = ['handler', 'p50', 'p99', 'p99 on CPU', 'first', 'msgs', 'samples', 'p99 target'];
  for (const [title, result] of [
    ['1. Bundled dataset (data/)', report.bundled],
    ['1. data/ with the developing-story reports', report.story],
  ] as const) {
    if (!result) continue;
    out.push(
      table(
        `${title}: load and check ${f3(result.loadMs.median)} ms (median of ${result.loadMs.runs}); handler target: p99 on CPU < ${TARGET.bundledHandlerP99OnCpuMs} ms`,
        header,
        [
          ...latencyRows(result.handlers, { ms: TARGET.bundledHandlerP99OnCpuMs, of: 'p99OnCpu' }),
          ...latencyRows([result.digest]),
        ],
      ),
    );
  }
  if (report.large.length > 0) {
    out.push(
      table(
        `2. Generated datasets (bench/generate.ts, seed ${report.options.seed}, written as JSON, read by the production loader; fresh process per load, median of ${LOAD_RUNS})`,
        [
          'claims',
          'incidents',
          'sources',
          'data MB',
          'load ms',
          'RSS MB',
          'live heap MB',
          '/ask index ms',
          'RSS+index MB',
        ],
        report.large.map((l) => [
          String(l.generated.claims),
          String(l.generated.incidents),
          String(l.generated.sources),
          f0((l.generated.dataBytes + l.generated.textBytes) / 2 ** 20),
          f0(l.load.medianLoadMs),
          f0(l.load.medianRssAfterLoadMB),
          f0(l.load.medianLiveHeapAfterLoadMB),
          f0(l.load.medianIndexMs),
          f0(l.load.medianRssAfterIndexMB),
        ]),
      ),
    );
    for (const l of report.large) {
      const target = l.generated.claims === 100_000 ? TARGET.largeHandlerP99Ms : Number.NaN;
      out.push(
        table(
          `2. ${l.generated.claims} claims: handlers${Number.isFinite(target) ? ` (p99 target < ${target} ms)` : ''}`,
          header,
          [
            ...latencyRows(l.handlers, Number.isFinite(target) ? { ms: target, of: 'p99' } : undefined),
            ...latencyRows([l.digest]),
          ],
        ),
      );
    }
    const names = report.large[0]?.handlers.map((h) => h.name) ?? [];
    out.push(
      table(
        '2. Growth: p50 in ms by claims (and the ratio largest / smallest; claims grow x10)',
        ['handler', ...report.large.map((l) => String(l.generated.claims)), 'ratio'],
        [...names, 'digest build'].map((name) => {
          const p50s = report.large.map(
            (l) =>
              (name === 'digest build' ? l.digest : l.handlers.find((h) => h.name === name))?.p50 ??
              Number.NaN,
          );
          return [name, ...p50s.map(f3), f3((p50s[p50s.length - 1] ?? Number.NaN) / (p50s[0] ?? Number.NaN))];
        }),
      ),
    );
  }
  const e = report.e2e;
  if (e) {
    const header = ['bot p50', 'bot p99', 'constant p50', 'constant p99', 'ratio p50', 'ratio p99'];
    const cells = (r: Pick<E2eResult['runs'][number], 'real' | 'baseline' | 'ratioP50' | 'ratioP99'>) => [
      f3(r.real.p50),
      f3(r.real.p99),
      f3(r.baseline.p50),
      f3(r.baseline.p99),
      r.ratioP50.toFixed(2),
      r.ratioP99.toFixed(2),
    ];
    out.push(
      table(
        `3. Round trip on the emulator, INTERACTION_CREATE to the answer, ms: ${e.interactions} interactions of a mix to each bot per run, interleaved; the constant bot sends the same payloads`,
        ['run', ...header],
        [
          ...e.runs.map((r, i) => [String(i + 1), ...cells(r)]),
          ['median', '', '', '', '', e.ratioP50.toFixed(2), e.ratioP99.toFixed(2)],
        ],
      ),
    );
    out.push(
      table(
        '3. Round trip by command, all runs (ms)',
        ['command', ...header],
        e.commands.map((c) => [c.command, ...cells(c)]),
      ),
    );
    out.push(
      table(
        `3. Presses on the emulator, from the press to its answer (a private reply, or the message updated in place), ms: ${e.presses.interactions} presses to each bot per run, interleaved, over ${e.presses.distinct} distinct presses`,
        ['run', ...header],
        [
          ...e.presses.runs.map((r, i) => [String(i + 1), ...cells(r)]),
          ['median', '', '', '', '', e.presses.ratioP50.toFixed(2), e.presses.ratioP99.toFixed(2)],
        ],
      ),
    );
    out.push(
      table(
        '3. Presses by kind, all runs (ms)',
        ['press', ...header],
        e.presses.kinds.map((c) => [c.command, ...cells(c)]),
      ),
    );
    out.push(
      `\n3. Hostile schedules: ${e.hostile.statusCalls} /digest set and status with yearly or rarer schedules, beside ${e.hostile.casualties} /casualties: answered ${e.hostile.answered}, p50 ${f0(e.hostile.casualtiesLatency.p50)} ms, slowest ${f0(e.hostile.casualtiesLatency.max)} ms`,
    );
  }
  if (report.burst) {
    const { runs } = report.burst;
    out.push(
      table(
        `3. Bursts: ${runs[0]?.real.sent} interactions of the mix at once to each bot, interleaved over ${runs.length} runs (Discord's 3 s window enforced), ms from INTERACTION_CREATE`,
        ['run', ...burstHeader],
        runs.flatMap((r, i) => [
          [String(i + 1), ...burstRow('bot', r.real)],
          [String(i + 1), ...burstRow('constant bot, same payloads', r.baseline)],
        ]),
      ),
    );
  }
  if (report.sweep.length > 0) {
    out.push(
      table(
        `3. Backlog thresholds, same burst of ${report.sweep[0]?.burst.sent} (the first row is the default)`,
        ['defer at', 'answering', ...burstHeader.slice(1)],
        report.sweep.map((r) => [
          Number.isFinite(r.deferAt) ? String(r.deferAt) : 'never',
          String(r.answering),
          ...burstRow('', r.burst).slice(1),
        ]),
      ),
    );
  }
  const sc = report.schedule;
  if (sc) {
    out.push(
      table(
        '4. Digest slots on hostile schedules (µs per call, in four zones with clock changes; a schedule built per call)',
        ['expression', 'matches', 'next p50', 'latest p50', 'p99 of both'],
        sc.rows.map((r) => [r.expression, r.what, f0(r.nextUs), f0(r.previousUs), f0(r.maxUs)]),
      ),
    );
    out.push(
      `\n4. Event-loop delay while ten servers compute hostile schedules back to back (${sc.eventLoop.computations} computations in 2 s): p50 ${sc.eventLoop.p50Ms.toFixed(2)} ms, p99 ${sc.eventLoop.p99Ms.toFixed(2)} ms, max ${sc.eventLoop.maxMs.toFixed(2)} ms`,
    );
  }
  const s = report.startup;
  if (s) {
    const of = <T extends { launch: string }>(runs: readonly T[], launch: Launch) =>
      runs.filter((r) => r.launch === launch.name);
    const rows = LAUNCHES.flatMap((launch) => {
      const consoles = of(s.console, launch);
      const discords = of(s.discord, launch);
      const large = of(s.consoleLarge, launch)[0];
      return [
        [
          `${launch.name}: local console (data/)`,
          f0(median(consoles.map((c) => c.bannerMs))),
          f0(median(consoles.map((c) => c.firstAnswerMs))),
          f0(median(consoles.map((c) => c.idleRssMB))),
          f0(median(consoles.map((c) => c.treeRssMB))),
        ],
        [
          `${launch.name}: Discord, on the emulator (data/)`,
          f0(median(discords.map((c) => c.identifyMs))),
          f0(median(discords.map((c) => c.connectedMs))),
          f0(median(discords.map((c) => c.idleRssMB))),
          f0(median(discords.map((c) => c.treeRssMB))),
        ],
        ...(large
          ? [
              [
                `${launch.name}: local console (100,000 claims)`,
                f0(large.bannerMs),
                f0(large.firstAnswerMs),
                f0(large.idleRssMB),
                f0(large.treeRssMB),
              ],
            ]
          : []),
      ];
    });
    out.push(
      table(
        `5. Start-up, ms from spawn (median of ${STARTUP_RUNS}, the ways of starting interleaved); idle RSS of the bot process and of the whole tree (npm or npx, tsx, the bot), 1 s after ready (on Discord, connected and its pictures drawn ahead)`,
        ['how', 'banner / identify', 'first answer / connected', 'idle RSS MB', 'tree RSS MB'],
        rows,
      ),
    );
  }
  const rl = report.reload;
  if (rl && rl.length > 0) {
    const row = (name: string, phase: Parameters<typeof medianHeld>[1]) => {
      const h = medianHeld(rl, phase);
      return [name, f0(h.ms), f3(h.p99Ms), f3(h.maxMs), f3(h.p99OnCpuMs), f3(h.maxOnCpuMs)];
    };
    out.push(
      table(
        `6. Reload of ${rl[0]?.claims} claims under a bot serving them (fresh process, median of ${rl.length}): how long the event loop was held at a time (a 1 ms timer's lateness), ms`,
        ['phase', 'took', 'held p99', 'held max', 'on CPU p99', 'on CPU max'],
        [
          row('checked on a worker thread, received in pieces', 'received'),
          row('/ask index built in slices', 'prepared'),
          row('the whole reload, to the swap', 'reload'),
          row('for comparison: loaded on the main thread', 'onMainThread'),
        ],
      ),
    );
    out.push(
      `\n6. Resident memory: ${f0(median(rl.map((r) => r.rssBeforeMB)))} MB serving, ${f0(median(rl.map((r) => r.rssPeakMB)))} MB at the peak of the reload (two datasets and the worker's heap), ${f0(median(rl.map((r) => r.rssAfterMB)))} MB after it and a full collection`,
    );
  }
  if (report.charts && report.charts.length > 0) printCharts(out, report.charts);
  if (report.store) out.push(printStore(report.store));
  if (report.shards) out.push(printShards(report.shards));
  if (report.many)
    out.push(
      table(
        `8. One measure of ${report.many.figures} figures (data/ and a report of them all): handlers (p99 target < ${MANY_FIGURES_P99_MS} ms)`,
        header,
        [
          ...latencyRows(report.many.handlers, { ms: MANY_FIGURES_P99_MS, of: 'p99' }),
          ...latencyRows([report.many.digest]),
        ],
      ),
    );
  // A block of its own: lines printed straight after a table would be read as its rows.
  if (report.firstPicture) out.push('', ...firstPictureLines(report.firstPicture));
  out.push(
    table(
      'Targets',
      ['section', 'what', 'target', 'value', ''],
      report.targets.map((t) => [t.section, t.what, t.target, t.value, t.met ? 'met' : 'MISSED']),
    ),
  );
  const missed = report.targets.filter((t) => !t.met).length;
  out.push(`\n${report.targets.length - missed} of ${report.targets.length} targets met.`);
  return out.join('\n');
}

function printCharts(out: string[], results: readonly ChartsResult[]): void {
  const figures = results.map((c) => ({ name: c.dataset, ...chartFigures(c) }));
  out.push(
    table(
      `7. Charts: drawing every picture of the chart, ms from the call to the PNG bytes. "cold": the first drawing of a fresh process, loading resvg's WebAssembly and the fonts (median of ${CHART_RUNS} processes, min, max); "warmed": the first drawing of a chart after one of an earlier dataset version, as on a running bot after a reload (median of ${CHART_WARMED_RUNS}); "new key": a chart not cached yet in a warmed process (p50, p95 of ${figures[0]?.renders ?? 0})`,
      [
        'dataset',
        'cold',
        'min',
        'max',
        'earlier chart',
        'warmed',
        'new key p50',
        'new key p95',
        'cold / new key',
        'warmed / new key',
      ],
      figures.map((f) => [
        f.name,
        f0(f.coldMs),
        f0(f.coldMinMs),
        f0(f.coldMaxMs),
        f0(f.warmUpMs),
        f0(f.afterWarmUpMs),
        f0(f.newKeyP50Ms),
        f0(f.newKeyP95Ms),
        (f.coldMs / f.newKeyP50Ms).toFixed(1),
        (f.afterWarmUpMs / f.newKeyP50Ms).toFixed(1),
      ]),
    ),
  );
  out.push(
    table(
      '7. Charts: the pictures, already drawn, put on the rendered /casualties reply (withPictures), µs per call',
      ['dataset', 'p50', 'p99', 'max', 'calls'],
      figures.map((f) => [
        f.name,
        f3(f.cachedUs?.p50 ?? Number.NaN),
        f3(f.cachedUs?.p99 ?? Number.NaN),
        f0(f.cachedUs?.max ?? Number.NaN),
        String(f.cachedUs?.calls ?? 0),
      ]),
    ),
  );
  out.push(
    table(
      '7. Charts: the images, and the resident memory of the cold process (median): before drawing (dataset loaded) and at its peak',
      ['dataset', 'file', 'PNG KB', 'pixels', 'RSS before MB', 'peak RSS MB'],
      results.flatMap((c, i) =>
        (c.cold[0]?.images ?? []).map((image, j) => [
          j === 0 ? c.dataset : '',
          image.name,
          (image.bytes / 1024).toFixed(1),
          `${image.width}×${image.height}`,
          j === 0 ? f0(figures[i]?.rssBeforeMB ?? Number.NaN) : '',
          j === 0 ? f0(figures[i]?.peakRssMB ?? Number.NaN) : '',
        ]),
      ),
    ),
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  const dirs = SIZES.map((size) =>
    path.join(os.tmpdir(), `briefing-bench-${size}-seed${SEED}-${process.pid}`),
  );
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'briefing-bench-'));
  try {
    const bundledResult = runs('handlers') ? await bundled() : undefined;
    const storyResult = runs('handlers')
      ? await bundled(
          await storyDataset(path.join(scratch, 'story-handlers')),
          'data/ with the developing story',
        )
      : undefined;
    const largeResults: LargeResult[] = [];
    if (runs('large')) {
      for (const [i, size] of SIZES.entries()) largeResults.push(await large(size, dirs[i] as string));
    }

    if (runs('e2e'))
      log('3. end to end: the bot and a constant bot sending the same payloads, on the emulator');
    const e2e = runs('e2e') ? await measureE2e('data', E2E, log) : undefined;
    const burst = runs('burst')
      ? await measureBursts('data', { burst: BURST, runs: BURST_RUNS }, log)
      : undefined;
    const sweep = runs('sweep') && !QUICK ? await measureBacklogSweep('data', SWEEP, BURST, log) : [];

    if (runs('schedule')) log('4. digest schedules: slot arithmetic and event-loop delay');
    const schedule = runs('schedule') ? await measureSchedules(SLOT_CALLS) : undefined;

    let startup: Report['startup'];
    if (runs('startup')) {
      log('5. start-up: building dist/');
      await run(process.execPath, [path.join('scripts', 'build.mjs')]);
      startup = { console: [], discord: [], consoleLarge: [] };
      for (let i = 0; i < STARTUP_RUNS; i++) {
        for (const launch of LAUNCHES) {
          log(`5. start-up: ${launch.name} (${i + 1}/${STARTUP_RUNS})`);
          startup.console.push(await consoleStartup(launch));
          startup.discord.push(await discordStartup(launch));
        }
      }
      const largestDir = dirs[dirs.length - 1];
      if (largestDir && !QUICK && largeResults.length > 0) {
        for (const launch of LAUNCHES) startup.consoleLarge.push(await consoleStartup(launch, largestDir));
      }
    }

    let reload: ReloadChildResult[] | undefined;
    if (runs('reload')) {
      const size = SIZES[SIZES.length - 1] as number;
      const dir = dirs[dirs.length - 1] as string;
      if (largeResults.length === 0) {
        log(`6. reload: generating ${size} claims (seed ${SEED})`);
        await generateDataset({ dir, claims: size, seed: SEED, format: 'json' });
      }
      reload = [];
      for (let i = 0; i < RELOAD_RUNS; i++) {
        log(`6. reload of ${size} claims in a fresh process (${i + 1}/${RELOAD_RUNS})`);
        reload.push(await reloadInChild(dir));
      }
    }

    const chartResults = runs('charts') ? await charts(path.join(scratch, 'story')) : undefined;
    const store = runs('store') ? await measureStore(log) : undefined;
    const many = runs('many') ? await measureManyFigures(HANDLER_TIME, log) : undefined;
    if (runs('shards')) log('10. presses across shards: one process of four shards, two of two');
    const shards = runs('shards') ? await measureShards(SHARDS) : undefined;
    const firstPicture: FirstPictureResult[] = [];
    for (const [name, dir] of runs('charts')
      ? [
          ['data/', 'data'],
          ['data/ + developing story', path.join(scratch, 'story')],
        ]
      : [])
      firstPicture.push(
        await measureFirstPicture(name as string, dir as string, { runs: QUICK ? 1 : 5, readySeconds: 5 }),
      );

    const partial: Omit<Report, 'targets' | 'durationMs'> = {
      benchmark: 'briefing-bot',
      generatedAt: new Date().toISOString(),
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      machine: machine(),
      options: { quick: QUICK, seed: SEED, sizes: SIZES },
      ...(bundledResult ? { bundled: bundledResult } : {}),
      ...(storyResult ? { story: storyResult } : {}),
      large: largeResults,
      ...(e2e ? { e2e } : {}),
      ...(burst ? { burst } : {}),
      sweep,
      ...(schedule ? { schedule } : {}),
      ...(startup ? { startup } : {}),
      ...(reload ? { reload } : {}),
      ...(chartResults ? { charts: chartResults } : {}),
      ...(store ? { store } : {}),
      ...(many ? { many } : {}),
      ...(shards ? { shards } : {}),
      ...(firstPicture.length > 0 ? { firstPicture } : {}),
    };
    const report: Report = { ...partial, targets: targets(partial), durationMs: performance.now() - started };
    const drafts = runs('draft') ? await measureDrafts() : undefined;
    const printed = `${print(report)}${drafts ? `\n${printDrafts(drafts)}` : ''}`;
    process.stdout.write(
      args.json
        ? `${JSON.stringify({ ...report, ...(drafts ? { drafts } : {}) }, null, 2)}\n`
        : `${printed}\n`,
    );
    if (!QUICK && !args.only) await writeBenchmarkPage(printed);
  } finally {
    await Promise.all([...dirs, scratch].map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

await main();
