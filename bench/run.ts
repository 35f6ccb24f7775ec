/**
 * `npm run bench`: the benchmark of SPEC section 10 and issue 6. Prints a table grouped by section,
 * each figure beside its target; `-- --json` prints one JSON object instead (progress goes to
 * stderr either way).
 *
 *   npm run bench                 # the full run (a few minutes on 2 cores)
 *   npm run bench -- --json       # the same, as one JSON object on stdout
 *   npm run bench -- --quick      # a smaller run: 10,000 claims only, fewer interactions
 *   npm run bench -- --seed 2     # another generated dataset (default seed 1)
 *
 * Sections:
 * 1. The bundled dataset (data/): load-and-check time; every handler's p50/p99; the digest build.
 * 2. Generated datasets (bench/generate.ts, deterministic from the seed): 1,000 incidents, 100
 *    sources, and 10,000 / 50,000 / 100,000 claims, written as JSON and read by the production
 *    loader. Load-and-check time and memory are measured in fresh processes (bench/load-child.ts).
 * 3. End to end: the real bot and a constant-reply bot on the emulator, interleaved; a burst.
 * 4. Start-up: `npx tsx src/main.ts`, in the local console and against the emulator.
 *
 * Nothing leaves 127.0.0.1; every wait is bounded; temporary files are removed at the end.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { type E2eResult, measureE2e } from './e2e.js';
import { type GenerateResult, generateDataset } from './generate.js';
import { GENERIC_QUESTIONS, type HandlerOptions, type LatencyRow, quantile } from './handlers.js';
import type { HandlersChildOptions, HandlersChildResult } from './handlers-child.js';
import type { LoadChildResult } from './load-child.js';
import { type ConsoleStartup, consoleStartup, type DiscordStartup, discordStartup } from './startup.js';

const run = promisify(execFile);

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
  },
});
const QUICK = args.quick ?? false;
const SEED = Number(args.seed);

const SIZES = QUICK ? [10_000] : [10_000, 50_000, 100_000];
/** Fresh processes per size for load time and memory: the median is reported. */
const LOAD_RUNS = QUICK ? 1 : 3;
const BUNDLED_LOAD_RUNS = QUICK ? 10 : 30;
const E2E_INTERACTIONS = QUICK ? 200 : 1000;
const BURST = QUICK ? 200 : 1000;
const STARTUP_RUNS = QUICK ? 1 : 3;
const HANDLER_TIME: Pick<HandlerOptions, 'timeMs' | 'iterations' | 'warmupMs'> = QUICK
  ? { timeMs: 200, iterations: 30, warmupMs: 500 }
  : { timeMs: 500, iterations: 50, warmupMs: 1500 };

/** Issue 6's targets. */
const TARGET = {
  bundledHandlerP99Ms: 1,
  largeLoadMs: 3000,
  largeMemoryMB: 300,
  largeHandlerP99Ms: 5,
  e2eRatioP99: 1.2,
  burstSlowestMs: 3000,
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
  bundled: {
    loadMs: { median: number; p99: number; runs: number };
    handlers: LatencyRow[];
    digest: LatencyRow;
  };
  large: LargeResult[];
  e2e: E2eResult;
  startup: { console: ConsoleStartup[]; discord: DiscordStartup[]; consoleLarge?: ConsoleStartup };
  targets: Target[];
  durationMs: number;
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

async function bundled(): Promise<Report['bundled']> {
  log('1. bundled dataset: load and check, handlers (in a fresh process)');
  const result = await handlersInChild('data', {
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
  for (const h of report.bundled.handlers) {
    list.push({
      section: 'bundled',
      what: `${h.name} p99`,
      target: `< ${TARGET.bundledHandlerP99Ms} ms`,
      value: ms(h.p99),
      met: h.p99 < TARGET.bundledHandlerP99Ms,
    });
  }
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
  for (const c of report.e2e.commands) {
    list.push({
      section: 'end to end',
      what: `${c.command} p99 / constant-reply p99`,
      target: `<= ${TARGET.e2eRatioP99}`,
      value: `${c.ratioP99.toFixed(2)} (${ms(c.real.p99)} / ${ms(c.baseline.p99)})`,
      met: c.ratioP99 <= TARGET.e2eRatioP99,
    });
  }
  const b = report.e2e.burst;
  list.push({
    section: 'end to end',
    what: `burst of ${b.sent}: answered`,
    target: `all ${b.sent}`,
    value: String(b.answered),
    met: b.answered === b.sent,
  });
  list.push({
    section: 'end to end',
    what: `burst of ${b.sent}: slowest`,
    target: `< ${TARGET.burstSlowestMs} ms`,
    value: `${b.slowestMs.toFixed(0)} ms`,
    met: b.slowestMs < TARGET.burstSlowestMs,
  });
  return list;
}

// ---- Printing ----------------------------------------------------------------------------------------

function table(title: string, header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [`\n${title}`, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join(
    '\n',
  );
}

const f3 = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : 'n/a');
const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');

function latencyRows(rows: readonly LatencyRow[], p99Target: number): string[][] {
  return rows.map((r) => [
    r.name,
    f3(r.p50),
    f3(r.p99),
    f3(r.p99OnCpu),
    f3(r.cold),
    String(r.messages ?? ''),
    String(r.samples),
    Number.isFinite(p99Target) ? (r.p99 < p99Target ? 'met' : 'MISSED') : '',
  ]);
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
  out.push(
    table(
      `1. Bundled dataset (data/): load and check ${f3(report.bundled.loadMs.median)} ms (median of ${report.bundled.loadMs.runs}); handler p99 target < ${TARGET.bundledHandlerP99Ms} ms`,
      header,
      [
        ...latencyRows(report.bundled.handlers, TARGET.bundledHandlerP99Ms),
        ...latencyRows([report.bundled.digest], Number.NaN),
      ],
    ),
  );
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
          [...latencyRows(l.handlers, target), ...latencyRows([l.digest], Number.NaN)],
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
  out.push(
    table(
      `3. End to end on the emulator: ${e.interactions} interactions to each bot, interleaved (round trip in ms)`,
      [
        'command',
        'bot p50',
        'bot p99',
        'constant p50',
        'constant p99',
        'ratio p50',
        'ratio p99',
        `target <= ${TARGET.e2eRatioP99}`,
      ],
      e.commands.map((c) => [
        c.command,
        f3(c.real.p50),
        f3(c.real.p99),
        f3(c.baseline.p50),
        f3(c.baseline.p99),
        c.ratioP50.toFixed(2),
        c.ratioP99.toFixed(2),
        c.ratioP99 <= TARGET.e2eRatioP99 ? 'met' : 'MISSED',
      ]),
    ),
  );
  out.push(
    table(
      `3. Burst: ${e.burst.sent} interactions at once (Discord's 3 s window enforced)`,
      ['bot', 'answered', 'p50 ms', 'slowest ms', 'target'],
      [
        [
          'real bot',
          `${e.burst.answered}/${e.burst.sent}`,
          f0(e.burst.p50Ms),
          f0(e.burst.slowestMs),
          e.burst.answered === e.burst.sent && e.burst.slowestMs < TARGET.burstSlowestMs ? 'met' : 'MISSED',
        ],
        [
          'constant reply',
          `${e.burst.baselineAnswered}/${e.burst.sent}`,
          '',
          f0(e.burst.baselineSlowestMs),
          '',
        ],
      ],
    ),
  );
  const s = report.startup;
  const startupRows: string[][] = [
    [
      'local console (data/)',
      f0(median(s.console.map((c) => c.bannerMs))),
      f0(median(s.console.map((c) => c.firstAnswerMs))),
      f0(median(s.console.map((c) => c.idleRssMB))),
      f0(median(s.console.map((c) => c.treeRssMB))),
    ],
    [
      'Discord, on the emulator (data/)',
      f0(median(s.discord.map((c) => c.identifyMs))),
      f0(median(s.discord.map((c) => c.connectedMs))),
      f0(median(s.discord.map((c) => c.idleRssMB))),
      f0(median(s.discord.map((c) => c.treeRssMB))),
    ],
  ];
  if (s.consoleLarge) {
    startupRows.push([
      `local console (${s.consoleLarge.dataDir.includes('100000') ? '100,000' : 'generated'} claims)`,
      f0(s.consoleLarge.bannerMs),
      f0(s.consoleLarge.firstAnswerMs),
      f0(s.consoleLarge.idleRssMB),
      f0(s.consoleLarge.treeRssMB),
    ]);
  }
  out.push(
    table(
      `4. Start-up: npx tsx src/main.ts, ms from spawn (median of ${STARTUP_RUNS}); idle RSS of the bot process and of the npx/tsx/bot tree, 1 s after ready`,
      ['mode', 'banner / identify', 'first answer / connected', 'idle RSS MB', 'tree RSS MB'],
      startupRows,
    ),
  );
  out.push(
    table(
      'Targets (issue 6)',
      ['section', 'what', 'target', 'value', ''],
      report.targets.map((t) => [t.section, t.what, t.target, t.value, t.met ? 'met' : 'MISSED']),
    ),
  );
  const missed = report.targets.filter((t) => !t.met).length;
  out.push(`\n${report.targets.length - missed} of ${report.targets.length} targets met.`);
  return out.join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  const dirs = SIZES.map((size) =>
    path.join(os.tmpdir(), `briefing-bench-${size}-seed${SEED}-${process.pid}`),
  );
  try {
    const bundledResult = await bundled();
    const largeResults: LargeResult[] = [];
    for (const [i, size] of SIZES.entries()) largeResults.push(await large(size, dirs[i] as string));

    log('3. end to end: the bot and a constant-reply bot on the emulator');
    const e2e = await measureE2e('data', { interactions: E2E_INTERACTIONS, burst: BURST });

    log('4. start-up');
    const consoleRuns: ConsoleStartup[] = [];
    const discordRuns: DiscordStartup[] = [];
    for (let i = 0; i < STARTUP_RUNS; i++) {
      consoleRuns.push(await consoleStartup());
      discordRuns.push(await discordStartup());
    }
    const largestDir = dirs[dirs.length - 1];
    const consoleLarge = largestDir && !QUICK ? await consoleStartup(largestDir) : undefined;

    const partial: Omit<Report, 'targets' | 'durationMs'> = {
      benchmark: 'briefing-bot',
      generatedAt: new Date().toISOString(),
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      machine: machine(),
      options: { quick: QUICK, seed: SEED, sizes: SIZES },
      bundled: bundledResult,
      large: largeResults,
      e2e,
      startup: { console: consoleRuns, discord: discordRuns, ...(consoleLarge ? { consoleLarge } : {}) },
    };
    const report: Report = { ...partial, targets: targets(partial), durationMs: performance.now() - started };
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${print(report)}\n`);
  } finally {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

await main();
