/**
 * The process that draws a dataset's pictures ahead (draw-ahead.ts starts it): it reads the
 * dataset in the folder it is given, draws each incident's figures chart, sends each as soon as it
 * is drawn, and exits. The renderer (resvg's WebAssembly, the fonts) and the dataset's copy live
 * in this process alone, so the bot's memory at rest is not raised by them: a thread's heap would
 * stay in the bot's process after the thread ended, a process's goes back to the system.
 */
import { drawCharts } from '../chart/draw.js';
import { casualtiesChart } from '../chart/figures.js';
import { buildDataset } from '../dataset/dataset.js';
import { readDatasetParts } from '../dataset/load.js';
import type { ChildMessage } from './draw-ahead.js';

const send = process.send?.bind(process);
if (!send) throw new Error('draw-child.ts runs as a child process with a channel (see draw-ahead.ts)');
const dir = process.argv[2];
if (!dir) throw new Error('draw-child.ts: the dataset folder is its argument');

// The bot gone (it stopped, or failed to start), no one waits for the pictures: end at once.
process.on('disconnect', () => process.exit(0));

const sent = (message: ChildMessage) =>
  new Promise<void>((resolve, reject) =>
    send(message, undefined, undefined, (error) => (error ? reject(error) : resolve())),
  );

try {
  const dataset = buildDataset(await readDatasetParts(dir));
  for (const incident of dataset.incidents) {
    const chart = casualtiesChart(dataset, incident);
    if (chart) await sent({ key: chart.key, files: await drawCharts(chart) });
  }
} catch (error) {
  await sent({ failed: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
}
// Every picture handed over (each send waited for), or why not: nothing left to do.
process.exit();
