/**
 * A dataset's pictures drawn ahead, in a short-lived child process (draw-child.ts), so that the
 * first picture a user asks for is a cache hit, the bot's event loop never draws it, and the
 * renderer's memory is returned to the system when the child exits.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ChartFile, drawingElsewhere } from '../chart/draw.js';
import { casualtiesChart } from '../chart/figures.js';
import type { Dataset } from '../dataset/dataset.js';

/** What the child sends: a chart's pictures, each as soon as drawn, or why it could not draw them. */
export type ChildMessage = { key: string; files: ChartFile[] } | { failed: string };

/** The end of the child's error output kept, to say why it failed when it could not say so itself. */
const ERROR_OUTPUT_KEPT = 2000;

/**
 * Every incident's pictures of `dataset`, read from `dir`, drawn in a child process and kept. Until
 * they arrive, a reply that asks for them waits for them rather than drawing them twice; those
 * that do not arrive (the child failed, or read another version of the folder) are drawn in this
 * process when asked. Resolves with how many charts arrived, once the child has exited; rejects
 * with the child's failure, which the caller only logs.
 */
export function drawAhead(dir: string, dataset: Dataset): Promise<number> {
  const waiting = new Map<string, (files: ChartFile[] | Error) => void>();
  for (const incident of dataset.incidents) {
    const chart = casualtiesChart(dataset, incident);
    if (!chart) continue;
    const coming = new Promise<ChartFile[]>((resolve, reject) =>
      waiting.set(chart.key, (files) => (files instanceof Error ? reject(files) : resolve(files))),
    );
    drawingElsewhere(chart.key, coming);
  }
  const child = startChild(dir);
  let arrived = 0;
  return new Promise<number>((resolve, reject) => {
    let failure: Error | undefined;
    let said = '';
    child.on('message', (message: ChildMessage) => {
      if ('failed' in message) {
        said = `: ${message.failed}`;
        return;
      }
      const { key, files } = message;
      waiting.get(key)?.(files);
      waiting.delete(key);
      arrived++;
    });
    // What it wrote on its error output, for when it fails before it can say why (the end kept).
    let wrote = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      wrote = `${wrote}${chunk.toString('utf8')}`.slice(-ERROR_OUTPUT_KEPT);
    });
    child.on('error', (error) => {
      failure ??= error;
    });
    child.on('exit', (code, signal) => {
      const last = wrote.trim().split('\n').at(-1);
      const why = said || (last ? `: ${last}` : '');
      const gone = failure ?? new Error(`the drawing process ended (${signal ?? `exit code ${code}`})${why}`);
      for (const settle of waiting.values()) settle(gone);
      if (failure || code !== 0) reject(gone);
      else resolve(arrived);
    });
  });
}

/**
 * The child: once built, the file beside this one (the build makes `draw-child.js` an entry of its
 * own); where the TypeScript runs directly (`npm run dev`, the tests), the source through tsx.
 * The pictures, or why it failed, come back on the channel, as structured clones (byte arrays
 * stay bytes); its error output is read rather than mixed with the bot's, which stays one line per
 * event even when the bot stops while the child draws.
 */
function startChild(dir: string) {
  const typescript = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(typescript ? './draw-child.ts' : './draw-child.js', import.meta.url));
  return fork(entry, [dir], {
    serialization: 'advanced',
    execArgv: typescript ? ['--import', import.meta.resolve('tsx')] : process.execArgv,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
}
