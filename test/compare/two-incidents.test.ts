/**
 * Two incidents in one dataset: the Daraban attack (the seeds and the developing story) and the
 * Mastung bombing of 29 September 2023, told by reports of its own (`test/fixtures/second-incident`).
 * Each incident is compared on its own: its reports, its figures, its disagreements.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareFigures, type MeasureComparison } from '../../src/compare/figures.js';
import { compareStatements } from '../../src/compare/statements.js';
import { type Dataset, defaultIncident } from '../../src/dataset/dataset.js';
import { loadStory, loadTwoIncidents } from '../helpers/dataset-fixture.js';
import { INCIDENT_ID } from './support.js';

const MASTUNG = 'mastung-2023-09-29';

let both: Dataset;
let story: Dataset;
beforeAll(async () => {
  [both, story] = await Promise.all([loadTwoIncidents(), loadStory()]);
});

function figuresOf(dataset: Dataset, incident: string): MeasureComparison[] {
  return compareFigures(dataset.claimsByIncident.get(incident) ?? [], dataset);
}

function measure(dataset: Dataset, incident: string, id: string, subject = incident): MeasureComparison {
  const found = figuresOf(dataset, incident).find(
    (c) => c.measure === id && c.subject === subject && !c.covers,
  );
  if (!found) throw new Error(`no comparison of ${id} for ${subject}`);
  return found;
}

describe('the seeds, the developing story and a second incident, loaded together', () => {
  it('holds two incidents, the latest the default', () => {
    expect(both.incidents.map((i) => i.id).sort()).toEqual([INCIDENT_ID, MASTUNG]);
    expect(defaultIncident(both)?.id).toBe(INCIDENT_ID);
  });

  it('keeps each report’s claims with its own incident', () => {
    for (const incident of [INCIDENT_ID, MASTUNG]) {
      const sources = new Set((both.claimsByIncident.get(incident) ?? []).map((c) => c.source));
      expect(sources.size).toBeGreaterThanOrEqual(4);
      for (const id of sources) expect(both.sourceById.get(id)?.incident, id).toBe(incident);
    }
  });

  it('compares the Mastung toll on its own figures: from 15 to 59, conflicting, none of Daraban’s', () => {
    const killed = measure(both, MASTUNG, 'killed');
    expect(killed.groups.map((g) => g.amount)).toEqual([
      '15',
      'at least 25',
      '34',
      'more than 50',
      'at least 52',
      '59',
    ]);
    expect(killed.verdict).toBe('differ');
    expect([killed.lowest?.amount, killed.highest?.amount, killed.conservative]).toEqual(['15', '59', 15]);
    // The same 34 from two reports that credit it to different officials: two origins.
    const thirtyFour = killed.groups.find((g) => g.amount === '34');
    expect(thirtyFour?.sources).toHaveLength(2);
    expect(thirtyFour?.origins).toHaveLength(2);
    expect(killed.sources.every((id) => both.sourceById.get(id)?.incident === MASTUNG)).toBe(true);
  });

  it('finds the wounded in conflict: about 50 after a correction, against nearly 70 and more than 130', () => {
    const injured = measure(both, MASTUNG, 'injured');
    expect(injured.verdict).toBe('differ');
    expect(injured.conflicts.map(([a, b]) => `${a.amount} / ${b.amount}`)).toEqual(
      expect.arrayContaining([
        'about 50 / nearly 70',
        'about 50 / more than 130',
        'nearly 70 / more than 130',
      ]),
    );
  });

  it('sets the bombing in Hangu that day apart, with its own figures', () => {
    const hangu = measure(both, MASTUNG, 'killed', 'hangu-mosque-bombing-2023-09-29');
    expect(hangu.groups.map((g) => g.amount)).toEqual(['5']);
    expect(measure(both, MASTUNG, 'killed').groups.map((g) => g.amount)).not.toContain('5');
  });

  it('states where the reports disagree on the place, and where a broader answer is no dispute', () => {
    const place = compareStatements(both.claimsByIncident.get(MASTUNG) ?? [], both).find(
      (c) => c.point === 'mastung.place',
    );
    expect(place?.verdict).toBe('differ');
    expect(place?.conflicts.map(([a, b]) => [a.position, b.position].sort())).toEqual([
      ['farmers-road', 'near-madina-masjid'],
    ]);
  });

  it('leaves the Daraban comparison as it was without the second incident', () => {
    const summary = (dataset: Dataset) =>
      figuresOf(dataset, INCIDENT_ID).map((c) => [
        c.measure,
        c.subject,
        c.verdict,
        c.groups.map((g) => [g.amount, g.sources]),
      ]);
    expect(summary(both)).toEqual(summary(story));
  });
});
