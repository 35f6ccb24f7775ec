/**
 * One measure of many figures: data/ and one more report giving 10,000 figures of the security
 * forces killed, all different, so that most pairs conflict (test/helpers/many-figures.ts). Every
 * reply about casualties and the digest compare them all. The handlers are timed on it in a fresh
 * process (bench/handlers-child.ts), as on the bundled dataset.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeManyFigures } from '../test/helpers/many-figures.js';
import { GENERIC_QUESTIONS, type HandlerOptions, type LatencyRow } from './handlers.js';
import type { HandlersChildOptions, HandlersChildResult } from './handlers-child.js';

export const MANY_FIGURES = 10_000;
/** A reply about a measure of 10,000 figures is built within this. */
export const MANY_FIGURES_P99_MS = 100;

export interface ManyFiguresResult {
  figures: number;
  handlers: LatencyRow[];
  digest: LatencyRow;
}

export async function measureManyFigures(
  time: Pick<HandlerOptions, 'timeMs' | 'iterations' | 'warmupMs'>,
  log: (line: string) => void,
): Promise<ManyFiguresResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'briefing-bench-many-'));
  try {
    log(`8. one measure of ${MANY_FIGURES} figures: handlers (in a fresh process)`);
    await cp('data', dir, { recursive: true });
    await writeManyFigures(dir, MANY_FIGURES);
    const options: HandlersChildOptions = {
      ...time,
      questions: [...GENERIC_QUESTIONS, 'how many officers were killed'],
      scopedAsk: false,
      loads: 1,
    };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        path.join('bench', 'handlers-child.ts'),
        dir,
        JSON.stringify(options),
      ],
      { timeout: 600_000, maxBuffer: 16 << 20 },
    );
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as HandlersChildResult;
    return { figures: MANY_FIGURES, handlers: result.handlers, digest: result.digest };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
