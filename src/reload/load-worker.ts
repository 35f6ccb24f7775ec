/**
 * The worker thread that reads and checks a dataset (worker-load.ts starts it): all the loader's
 * work, off the bot's event loop. It sends the result in pieces, each when the bot asks for the
 * next, so that the bot reads them one turn of its event loop at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readDatasetParts } from '../dataset/load.js';
import { DatasetError } from '../dataset/problems.js';
import { type Piece, piecesOf } from './pieces.js';

const port = parentPort;
if (!port) throw new Error('load-worker.ts runs as a worker thread (see worker-load.ts)');
const { dir } = workerData as { dir: string };

/** Resolves when the bot asks for the next piece. */
const asked = () => new Promise<void>((resolve) => port.once('message', () => resolve()));

await sendDataset();

async function sendDataset(): Promise<void> {
  try {
    const parts = await readDatasetParts(dir);
    for (const piece of piecesOf(parts)) {
      await asked();
      port?.postMessage(piece);
    }
  } catch (error) {
    await asked();
    const piece: Piece =
      error instanceof DatasetError
        ? { kind: 'refused', problems: [...error.problems], total: error.total }
        : {
            kind: 'failed',
            message: error instanceof Error ? error.message : String(error),
            stack: error instanceof Error ? error.stack : undefined,
          };
    port?.postMessage(piece);
  }
  // Nothing more listens: the thread ends by itself.
}
