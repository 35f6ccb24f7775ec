import { beforeAll, describe, expect, it } from 'vitest';
import { compareStatements, compatibility, type PointComparison } from '../../src/compare/statements.js';
import type { ClaimRecord, Dataset } from '../../src/dataset/dataset.js';
import { loadDataset } from '../../src/dataset/load.js';
import { DatasetCopy, loadSeeds } from '../helpers/dataset-fixture.js';
import { INCIDENT_ID } from './support.js';

let seeds: Dataset;
beforeAll(async () => {
  seeds = await loadSeeds();
});

function point(comparisons: readonly PointComparison[], id: string): PointComparison {
  const found = comparisons.find((c) => c.point === id);
  if (!found) throw new Error(`no comparison of point ${id}`);
  return found;
}

describe('the seed reports', () => {
  let points: PointComparison[];
  beforeAll(() => {
    points = compareStatements(seeds.claimsByIncident.get(INCIDENT_ID) ?? [], seeds);
  });

  it('finds the target differing: a police station against a security post', () => {
    const target = point(points, 'attack.target');
    expect(target.verdict).toBe('differ');
    expect(target.conflicts.map(([a, b]) => [a.position, b.position])).toEqual([
      ['police-station', 'security-post'],
    ]);
  });

  it('agrees that TJP claimed responsibility, with two independent origins', () => {
    const claimed = point(points, 'responsibility.claimed-by');
    expect(claimed.verdict).toBe('agree');
    expect(claimed.positions.map((p) => p.position)).toEqual(['tjp']);
    expect(claimed.origins).toHaveLength(2);
  });

  it("keeps TJP's own account of the sequence out of the agreement on it", () => {
    const sequence = point(points, 'attack.sequence');
    expect(sequence.positions.map((p) => p.position)).toEqual(['vehicle-bomb-then-gun-battle']);
    expect(sequence.perpetratorClaims.map((c) => c.id)).toEqual(['atleast23.sequence.tjp']);
  });

  it('reads the characterisations of TJP as facets, not rival answers', () => {
    const tjp = point(points, 'tjp.characterisation');
    expect(tjp.verdict).toBe('agree');
    expect(tjp.conflicts).toEqual([]);
    expect(tjp.positions.length).toBeGreaterThanOrEqual(4);
    expect(new Set(tjp.compatible.map((p) => p.why))).toEqual(new Set(['facets']));
  });

  it('shows a probable error apart, never as a rival position', () => {
    const town = point(points, 'location.town');
    expect(town.positions.map((p) => p.position)).toEqual(['daraban']);
    expect(town.likelyErrors.map((c) => c.id)).toEqual(['indileak.town']);
    expect(town.verdict).toBe('single_origin');
  });
});

describe('compatibility of positions', () => {
  it('follows what the points declare: broader, compatible, or a rival', () => {
    expect(compatibility(seeds, 'attack.time', 'tuesday', 'early-morning-tuesday')).toEqual({
      why: 'broader',
      broader: 'tuesday',
    });
    expect(compatibility(seeds, 'attack.target', 'security-post', 'military-compound')).toEqual({
      why: 'compatible',
    });
    expect(compatibility(seeds, 'attack.target', 'police-station', 'security-post')).toBeNull();
  });

  it('reads "an affiliate of the TTP" as broader than TJP when, and only when, a report relates the groups', () => {
    // The seeds record TJP as a splinter of the TTP (report 000).
    expect(compatibility(seeds, 'responsibility.claimed-by', 'tjp', 'ttp-affiliate')).toEqual({
      why: 'related_groups',
      broader: 'ttp-affiliate',
    });
  });

  it('without a recorded relation, the same two positions are rivals', async () => {
    const copy = await DatasetCopy.seeds();
    try {
      // Drop the only relations between TJP and the TTP the seeds record.
      await copy.replaceInClaim(
        'sources/000_1b6b5cd637d6ab71.yaml',
        'indileak.tjp.splinter',
        '    relation: {type: splinter_of, subject: tjp, object: ttp}\n',
        '',
      );
      await copy.replaceInClaim(
        'sources/002_9503681d963856fc.yaml',
        'atleast23.mir.front',
        '    relation: {type: front_for, subject: tjp, object: ttp}\n',
        '',
      );
      const unrelated = await loadDataset(copy.dir);
      expect(compatibility(unrelated, 'responsibility.claimed-by', 'tjp', 'ttp-affiliate')).toBeNull();
    } finally {
      await copy.cleanup();
    }
  });

  it('makes two reports, one naming TJP and one “an affiliate of the TTP”, agree', () => {
    const claim = (overrides: Partial<ClaimRecord>): ClaimRecord => ({
      ...(seeds.claims.find((c) => c.id === 'indileak.responsibility') as ClaimRecord),
      ...overrides,
    });
    const affiliated = [
      claim({ id: 'x.tjp', position: 'tjp', source: 'a' }),
      claim({ id: 'x.affiliate', position: 'ttp-affiliate', source: 'b' }),
    ];
    const [compared] = compareStatements(affiliated, seeds);
    expect(compared?.verdict).toBe('agree');
    expect(compared?.compatible.map((p) => p.why)).toEqual(['related_groups']);
  });
});
