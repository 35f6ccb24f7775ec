/**
 * The wording of points and claims in a line: a point only a probable error makes says what it
 * is, and the same statement from several reports is one line naming them all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pointGlance } from '../../src/briefing/glance.js';
import { claimsOnce, pointLine } from '../../src/briefing/lines.js';
import { compareStatements, type PointComparison } from '../../src/compare/statements.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadSeeds, loadStory } from '../helpers/dataset-fixture.js';

const INCIDENT = 'daraban-2023-12-12';

let seeds: Dataset;
let story: Dataset;
beforeAll(async () => {
  [seeds, story] = await Promise.all([loadSeeds(), loadStory()]);
});

/** The seeds' town point as it reads when the only claim on it is the probable error. */
function onlyTheError(): PointComparison {
  const claims = (seeds.claimsByIncident.get(INCIDENT) ?? []).filter(
    (c) => c.point !== 'location.town' || c.likely_error !== undefined,
  );
  const town = compareStatements(claims, seeds).find((c) => c.point === 'location.town');
  if (!town) throw new Error('no comparison of the town');
  return town;
}

describe('a point only a probable error makes', () => {
  it('says the error in its line, never an empty answer', () => {
    const town = onlyTheError();
    expect(town.verdict).toBe('errors_only');
    const line = pointLine(seeds, town);
    expect(line).not.toMatch(/:\s*(indileak\.com)?$/);
    expect(line).toContain('the city of Dera Ismail Khan (probable error, not counted)');
  });

  it('at a glance, says it is a probable error and never speaks of perpetrators', () => {
    const lines = pointGlance(seeds, onlyTheError());
    expect(lines[0]).toBe('❓ a probable error only');
    expect(lines.join('\n')).not.toContain('perpetrators');
    expect(lines).toContain('❓ the city of Dera Ismail Khan — indileak.com: probable error, not counted');
  });
});

describe('a statement several reports make', () => {
  it('is one line with all their labels, its position in the data’s words', () => {
    const claims = (story.claimsByIncident.get(INCIDENT) ?? []).filter(
      (c) => c.point === 'responsibility.claimed-by' && c.position === 'tjp',
    );
    expect(new Set(claims.map((c) => c.source)).size).toBeGreaterThan(4);
    const lines = claimsOnce(story, claims);
    expect(lines).toEqual([
      expect.stringMatching(
        /^• Who claimed responsibility: Tehreek-e-Jihad Pakistan \(TJP\) — [^,]+, [^,]+ \+\d+$/,
      ),
    ]);
  });

  it('keeps who says it when one report alone says it', () => {
    const claim = (seeds.claimsBySource.get('at-least-23-soldiers') ?? []).find(
      (c) => c.speaker.id === 'officials',
    );
    if (!claim) throw new Error('no claim of officials');
    expect(claimsOnce(seeds, [claim])).toEqual([
      expect.stringMatching(/ — countryroque\.com, officials said$/),
    ]);
  });
});
