/**
 * A third report of the same attack, added as data files only: every command takes it in with no
 * change to the code (numbered [3], counted, compared).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casualties } from '../../commands/casualties.js';
import { compare } from '../../commands/compare.js';
import { incident } from '../../commands/incident.js';
import { sources } from '../../commands/sources.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { DatasetCopy, loadEditedDataset, SOURCE_000 } from '../helpers/dataset-fixture.js';
import { run, section } from './support.js';

const TEXT = `PESHAWAR: Militants attacked a police station in Dera Ismail Khan before dawn on Tuesday, and at least 25 police officers were killed, a senior police official said.
`;

const SOURCE = `id: third-wire
outlet: Example Wire
headline: At least 25 police killed in Dera Ismail Khan
url: https://example.org/third-wire
published: '2023-12-13'
dateline: Peshawar
text_file: 003_third.txt
incident: daraban-2023-12-12
claims:
  - id: third.killed
    topic: casualties
    statement: "At least 25 police officers were killed, a senior police official said."
    measure: killed.security_forces
    figure: {value: 25, qualifier: at_least, counted: police officers}
    speaker: {name: a senior police official, verb: said}
    status: official
    quote: 'at least 25 police officers were killed, a senior police official said'
  - id: third.target
    topic: target
    statement: "Militants attacked a police station."
    point: attack.target
    position: police-station
    speaker: report
    status: reported
    quote: 'Militants attacked a police station in Dera Ismail Khan'
`;

let copy: DatasetCopy;
let dataset: Dataset;
beforeAll(async () => {
  copy = await DatasetCopy.create();
  await copy.write('sources/003_third.txt', TEXT);
  await copy.write('sources/003_third.yaml', SOURCE);
  dataset = await copy.load();
});
afterAll(() => copy.cleanup());

describe('a third source, added as data only', () => {
  it('is loaded as report [3]', () => {
    expect(dataset.sources.map((s) => s.id)).toEqual([
      'indileak-2023-12-12',
      'at-least-23-soldiers',
      'third-wire',
    ]);
  });

  it('/casualties shows its figure with its source and widens the range', () => {
    const ran = run(casualties, dataset);
    const killed = section(ran, 'security forces killed');
    expect(killed).toContain('at least 25 police officers (official) — [3] a senior police official said');
    expect(killed).toContain('range 23 soldiers to at least 25 police officers');
    expect(killed).toContain('counted as “soldiers” / “officers” / “police officers”');
    expect(section(ran, 'Sources')).toContain(
      '[3] Example Wire, “At least 25 police killed in Dera Ismail Khan”, 13 December 2023, Peshawar',
    );
  });

  it('/sources lists it, counts its claims, and the counts add up', () => {
    const ran = run(sources, dataset);
    expect(ran.embeds[0]?.description).toContain('3 reports');
    expect(section(ran, '[3] Example Wire')).toContain('Supports 2 claims');
    const counts = [...ran.text.matchAll(/Supports (\d+) claims?/g)].map((m) => Number(m[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(dataset.claims.length);
    // Both its claims are compared with other reports, so it reports nothing alone.
    expect(section(ran, 'What only [3] reports (0)')).toContain('Nothing');
  });

  it('/incident and /compare count it on each side', () => {
    const overview = run(incident, dataset);
    expect(section(overview, 'Headline figures')).toContain(
      '23 to at least 25 (3 sources [1] [2] [3], ⚠️ conflicting)',
    );
    expect(section(overview, '⚠️ Sources differ: open disagreements')).toContain(
      'police station [1] [3] vs security post [2]',
    );
    const target = run(compare, dataset, { topic: 'target' });
    expect(section(target, '⚠️ Where they differ: Attack: target')).toContain(
      '— [3] the report: “Militants attacked a police station',
    );
  });
});

describe('a disagreement inside one report', () => {
  it('is marked as within one source, not as sources differing', async () => {
    const edited = await loadEditedDataset(async (copy) => {
      await copy.replace(
        SOURCE_000,
        'claims:\n',
        `claims:
  - id: indileak.injured-again
    topic: casualties
    measure: injured
    figure: { value: 5, qualifier: exact, counted: critical }
    statement: Five were critically injured (counted here as injured).
    speaker: report
    status: reported
    quote: "five are critical"
`,
      );
    });
    const text = run(casualties, edited).text;
    expect(text).toMatch(/People injured[\s\S]*⚠️ The figures or statements differ within one source/);
  });
});
