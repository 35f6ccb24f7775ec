/**
 * Positions added to a point from another context file with `extends: <point>`: the point gains
 * them and claims may take them; a point's id written again without `extends` stays an error, as
 * does a position written twice or an extension of a point that does not exist.
 */
import { describe, expect, it } from 'vitest';
import { positionOf } from '../../src/dataset/dataset.js';
import { datasetErrorAfter, loadEditedDataset, SOURCE_000 } from '../helpers/dataset-fixture.js';

const MORE = 'context/more-points.yaml';

describe('extends: positions added to a point from another file', () => {
  it('adds them to the point, where a claim can take them', async () => {
    const dataset = await loadEditedDataset(async (copy) => {
      await copy.write(
        MORE,
        'points:\n  - extends: location.town\n    positions:\n      - id: kulachi\n        label: Kulachi\n        synonyms: [Kolachi]\n',
      );
      await copy.replaceInClaim(SOURCE_000, 'indileak.area', 'position: daraban', 'position: kulachi');
    });
    const town = dataset.pointById.get('location.town');
    expect(town?.positions.map((p) => p.id)).toEqual(['daraban', 'dera-ismail-khan-city', 'kulachi']);
    expect(positionOf(dataset, 'location.town', 'kulachi')?.label).toBe('Kulachi');
    expect(dataset.points.filter((p) => p.id === 'location.town')).toHaveLength(1);
    expect(dataset.claims.find((c) => c.id === 'indileak.area')?.position).toBe('kulachi');
  });

  it('keeps a repeated point id without extends an error', async () => {
    const error = await datasetErrorAfter((copy) =>
      copy.write(
        MORE,
        'points:\n  - id: location.town\n    label: Town\n    question: Which town?\n    topic: location\n    positions:\n      - id: kulachi\n        label: Kulachi\n',
      ),
    );
    expect(error.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(
        /^expected a unique id, but "location.town" is already defined at context\/(more-)?points.yaml:\d+/,
      ),
    ]);
  });

  it('refuses a position the point already has, and a point that does not exist, with the id meant', async () => {
    const error = await datasetErrorAfter((copy) =>
      copy.write(
        MORE,
        'points:\n  - extends: location.town\n    positions:\n      - id: daraban\n        label: Daraban again\n  - extends: location.twon\n    positions:\n      - id: kulachi\n        label: Kulachi\n',
      ),
    );
    expect(error.problems.map((p) => [p.field, p.message])).toEqual([
      [
        'points[0].positions[0].id',
        expect.stringMatching(/^expected a unique id, but "daraban" is already defined at/),
      ],
      [
        'points[1].extends',
        'expected the id of a known point, but "location.twon" is not defined (did you mean "location.town"?)',
      ],
    ]);
  });

  it("names a misspelt field of an extension as it does a point's", async () => {
    const error = await datasetErrorAfter((copy) =>
      copy.write(
        MORE,
        'points:\n  - extends: location.town\n    positons:\n      - id: kulachi\n        label: Kulachi\n',
      ),
    );
    expect(error.problems.map((p) => [p.field, p.message])).toEqual([
      ['points[0].positions', 'missing: expected a list'],
      ['points[0].positons', 'unknown field "positons" (check the spelling)'],
    ]);
  });
});
