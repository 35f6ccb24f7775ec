/**
 * A wide data file: a context file of 70,000 short entries, each missing its fields. Loading it,
 * at start, in `validate` or on a reload, reports the problems with file and line, the first
 * thousand listed and the rest counted, and never fails with a stack overflow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import { DatasetError, formatProblem, MAX_PROBLEMS } from '../../src/dataset/problems.js';
import { loadInWorker } from '../../src/reload/worker-load.js';
import { DatasetCopy } from '../helpers/dataset-fixture.js';

const ENTRIES = 70_000;
const FILE = 'context/wide.yaml';

let copy: DatasetCopy;
beforeAll(async () => {
  copy = await DatasetCopy.seeds();
  const entries = Array.from({ length: ENTRIES }, (_, i) => `  - id: wide-place-${i}\n`);
  await copy.write(FILE, `places:\n${entries.join('')}`);
}, 60_000);
afterAll(() => copy.cleanup());

/** What every entry lacks: a place's name and its kind. */
const PER_ENTRY = 2;

function expectListedAndCounted(error: unknown): void {
  expect(error).toBeInstanceOf(DatasetError);
  const { problems, total, message } = error as DatasetError;
  expect(total).toBe(ENTRIES * PER_ENTRY);
  expect(problems).toHaveLength(MAX_PROBLEMS);
  // The first entry is on the file's second line, each on its own line after it.
  expect(formatProblem(problems[0] as never)).toBe(`${FILE}:2: places[0].name: missing: expected a text`);
  const last = problems[MAX_PROBLEMS - 1];
  expect(last?.line).toBe(2 + (MAX_PROBLEMS / PER_ENTRY - 1));
  expect(message.split('\n')[0]).toBe(
    `The dataset has ${(ENTRIES * PER_ENTRY).toLocaleString('en-GB')} problems (the first ${MAX_PROBLEMS} listed):`,
  );
  expect(message.split('\n').at(-1)).toBe(
    `  … and ${(ENTRIES * PER_ENTRY - MAX_PROBLEMS).toLocaleString('en-GB')} more problems`,
  );
}

describe('a context file of 70,000 entries', () => {
  it('is refused at start and by validate with its first problems by file and line, and how many more', async () => {
    expectListedAndCounted(await loadDataset(copy.dir).catch((error: unknown) => error));
  }, 60_000);

  it('is refused on a reload in the same words', async () => {
    expectListedAndCounted(await loadInWorker(copy.dir).catch((error: unknown) => error));
  }, 60_000);
});
