/**
 * Loading a dataset on a worker thread: reading and checking every file (two seconds of CPU for
 * 100,000 claims) runs there, and the bot's event loop only puts the result together, a piece per
 * turn (pieces.ts), so that it is never held for more than a few milliseconds at a time.
 */
import { Worker } from 'node:worker_threads';
import type { Dataset } from '../dataset/dataset.js';
import { DatasetError } from '../dataset/problems.js';
import { DatasetReceiver, type Piece } from './pieces.js';

/**
 * The dataset in `dir`, loaded and checked as `loadDataset` does, with the same DatasetError when
 * it has problems; any other failure of the worker rejects with its reason.
 */
export function loadInWorker(dir: string): Promise<Dataset> {
  const worker = startWorker(dir);
  const receiver = new DatasetReceiver();
  return new Promise<Dataset>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      settled = true;
      void worker.terminate();
      outcome();
    };
    worker.on('message', (piece: Piece) => {
      try {
        if (piece.kind === 'refused')
          return settle(() => reject(new DatasetError(piece.problems, piece.total)));
        if (piece.kind === 'failed') return settle(() => reject(workerFailure(piece)));
        const dataset = receiver.take(piece);
        if (dataset) return settle(() => resolve(dataset));
        // The next piece after a turn of the event loop: what waits (timers, sockets) goes first.
        setImmediate(() => worker.postMessage('next'));
      } catch (error) {
        settle(() => reject(error));
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => {
      if (!settled)
        reject(new Error(`the dataset's worker thread stopped (exit code ${code}) before it was done`));
    });
    worker.postMessage('next');
  });
}

function workerFailure(piece: Extract<Piece, { kind: 'failed' }>): Error {
  const error = new Error(piece.message);
  if (piece.stack) error.stack = piece.stack;
  return error;
}

/**
 * The worker's code: once built, the file beside this one (the build makes `load-worker.js` an
 * entry of its own); where the TypeScript runs directly (`npm run dev`, the tests), the source,
 * with tsx's loader registered in the worker before it is imported.
 */
function startWorker(dir: string): Worker {
  const workerData = { dir };
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./load-worker.js', import.meta.url), { workerData });
  }
  const source = new URL('./load-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(source)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), {
    workerData,
    execArgv: [],
  });
}
