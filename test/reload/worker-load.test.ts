/**
 * Loading on a worker thread gives what loading on the main thread gives: the same dataset, or the
 * same problems; and a dataset sent in pieces is put back together as it was.
 */
import { describe, expect, it } from 'vitest';
import { buildDataset, type Dataset } from '../../src/dataset/dataset.js';
import { loadDataset, readDatasetParts } from '../../src/dataset/load.js';
import { DatasetError, formatProblem } from '../../src/dataset/problems.js';
import type { Claim } from '../../src/dataset/schema.js';
import { CLAIMS_PER_PIECE, DatasetReceiver, piecesOf } from '../../src/reload/pieces.js';
import { loadInWorker } from '../../src/reload/worker-load.js';
import { SOURCE_000, storyDir, withDatasetCopy } from '../helpers/dataset-fixture.js';

/** Everything a dataset holds, its indexes included, as plain data. */
function contents(dataset: Dataset) {
  return JSON.parse(
    JSON.stringify(dataset, (_key, value) => (value instanceof Map ? Object.fromEntries(value) : value)),
  );
}

describe('loadInWorker', () => {
  it('gives the dataset loadDataset gives: every record, index and the version', async () => {
    const dir = await storyDir();
    const [inWorker, here] = await Promise.all([loadInWorker(dir), loadDataset(dir)]);
    expect(inWorker.sources.length).toBeGreaterThan(2);
    expect(inWorker.version).toBe(here.version);
    expect(contents(inWorker)).toEqual(contents(here));
  });

  it('refuses a dataset with problems with the same file:line problems as loadDataset', async () => {
    await withDatasetCopy(async (copy) => {
      await copy.replace(SOURCE_000, 'value: 34', 'value: -34');
      await copy.write('sources/extra.yaml', 'id: [unclosed\n');
      const expected = (await copy.problems()).map(formatProblem);
      expect(expected.length).toBeGreaterThanOrEqual(2);
      const refused: unknown = await loadInWorker(copy.dir).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DatasetError);
      expect((refused as DatasetError).problems.map(formatProblem)).toEqual(expected);
    });
  });

  it('rejects with the reason when the folder is not a dataset at all', async () => {
    await expect(loadInWorker('/nonexistent/briefing-data')).rejects.toThrow(/expected a folder sources\//);
  });
});

describe('a dataset in pieces', () => {
  it('is cut at most CLAIMS_PER_PIECE claims a piece and put back together as it was', async () => {
    const parts = await readDatasetParts(await storyDir());
    // One report with two and a half pieces' worth of claims: its own, again and again.
    const [first, ...rest] = parts.sources;
    if (!first) throw new Error('no source');
    const many: Claim[] = Array.from(
      { length: Math.ceil((CLAIMS_PER_PIECE * 2.5) / first.claims.length) },
      (_, round) => first.claims.map((claim) => ({ ...claim, id: `${claim.id}.${round}` })),
    ).flat();
    const big = { ...parts, sources: [{ ...first, claims: many }, ...rest] };
    const pieces = [...piecesOf(structuredClone(big))];
    const claimPieces = pieces.filter((p) => p.kind === 'claims');
    expect(Math.max(...claimPieces.map((p) => p.claims.length))).toBe(CLAIMS_PER_PIECE);
    expect(claimPieces.reduce((n, p) => n + p.claims.length, 0)).toBe(
      big.sources.reduce((n, s) => n + s.claims.length, 0),
    );
    const receiver = new DatasetReceiver();
    // Each piece as a worker thread would send it: a structured clone.
    const received = pieces.map((piece) => receiver.take(structuredClone(piece))).at(-1);
    expect(received && contents(received)).toEqual(contents(buildDataset(big)));
  });
});
