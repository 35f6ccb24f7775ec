/**
 * Replies on a dataset of two incidents (the Daraban story and the Mastung bombing): each command
 * answers for the incident asked for, the latest by default, with that incident's figures and
 * reports only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { casualties } from '../../commands/casualties.js';
import { incident } from '../../commands/incident.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadTwoIncidents } from '../helpers/dataset-fixture.js';
import { run, section } from './support.js';

let both: Dataset;
beforeAll(async () => {
  both = await loadTwoIncidents();
});

const ALL_KILLED = 'All killed (security forces, civilians and attackers)';

describe('two incidents in one dataset', () => {
  it('answers for the latest incident unless asked for another', () => {
    expect(run(incident, both).embeds[0]?.title).toContain('Daraban');
    expect(run(incident, both, { incident: 'mastung-2023-09-29' }).embeds[0]?.title).toBe(
      'Bombing near a Mawlid procession in Mastung, Balochistan',
    );
  });

  it('gives /casualties of Mastung its own toll and cites only its own reports', () => {
    const ran = run(casualties, both, { incident: 'mastung-2023-09-29' });
    expect(ran.embeds[0]?.title).toContain('Mastung');
    expect(section(ran, ALL_KILLED).split('\n')[0]).toBe('⚠️ conflicting · 15 to 59 · conservative 15');
    // The sources' section when the first message has room for it.
    const listed = ran.embeds[0]?.fields?.find((f) => f.name.startsWith('Sources'))?.value ?? '';
    const cited = listed.split('\n').filter((l) => l !== '' && !/^\+\d+ more$/.test(l));
    const mastungReports = both.sources.filter((s) => s.incident === 'mastung-2023-09-29');
    // The reports it cites, those the first message has no room for counted and behind All sources.
    const counted = /(\d+) reports cited: All sources/.exec(section(ran, 'Also'))?.[1];
    expect(counted ?? String(cited.length)).toBe(String(mastungReports.length));
    for (const line of cited)
      expect(
        mastungReports.some((report) => line.includes(report.outlet ?? '')),
        line,
      ).toBe(true);
    expect(ran.text).not.toContain('Security forces killed');
  });
});
