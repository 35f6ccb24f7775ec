/**
 * A third report of the same attack, added as data files only: every command takes it in with no
 * change to the code (named by its label, counted, compared). Dated 13 December, it is listed after
 * the report of 12 December and before the undated one; the labels of the others do not change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casualties } from '../../commands/casualties.js';
import { compare } from '../../commands/compare.js';
import { incident } from '../../commands/incident.js';
import { sources } from '../../commands/sources.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { DatasetCopy, loadEditedDataset, SOURCE_000 } from '../helpers/dataset-fixture.js';
import { choose, QUOTES_MENU, quotesOffered, run, section, wholeReply } from './support.js';

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
    speaker: senior-police-official
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

/** The report's speaker, declared once as a curator would, in a context file of its own. */
const CONTEXT = `speakers:
  - id: senior-police-official
    name: a senior police official
    note: unnamed
`;

let copy: DatasetCopy;
let dataset: Dataset;
beforeAll(async () => {
  copy = await DatasetCopy.seeds();
  await copy.write('context/third.yaml', CONTEXT);
  await copy.write('sources/003_third.txt', TEXT);
  await copy.write('sources/003_third.yaml', SOURCE);
  dataset = await copy.load();
});
afterAll(() => copy.cleanup());

describe('a third source, added as data only', () => {
  it('is named by its outlet, listed by its publication date, and leaves the others’ labels as they were', () => {
    const ran = run(sources, dataset);
    expect(ran.fields.map((f) => f.name)).toEqual([
      'indileak.com',
      'Example Wire',
      'countryroque.com (outlet unknown)',
    ]);
    expect(section(ran, 'Example Wire')).toContain(
      '“At least 25 police killed in Dera Ismail Khan”, 13 December 2023, Peshawar',
    );
  });

  it('/casualties shows its figure with its source and widens the range', () => {
    const ran = run(casualties, dataset);
    expect(section(ran, 'security forces killed').split('\n')).toEqual([
      '⚠️ conflicting · 23 to at least 25 · conservative 23 · 🏴 claimed: 20 indileak.com',
      '23 countryroque.com · at least 23 countryroque.com · at least 24 indileak.com · at least 25 Example Wire',
      '⚠️ 23 conflicts with at least 24, at least 25',
    ]);
    expect(section(ran, 'Sources')).toContain('Example Wire, 13 Dec 2023: <https://example.org/third-wire>');
    const quotes = section(
      wholeReply(choose(ran, QUOTES_MENU, 'killed.security_forces')),
      'security forces killed',
    );
    expect(quotes).toMatch(
      /^• at least 25 Example Wire; consistent with at least 23, at least 24; ⚠️ conflicts with 23\n {2}◦ \(official\) — Example Wire, a senior police official said: “at least 25 police officers were killed/m,
    );
    expect(quotes).toContain('range 23 soldiers to at least 25 police officers · conservative figure 23');
    expect(quotes).toContain('counted as “soldiers” / “officers” / “police officers”');
  });

  it('/sources lists it, counts its claims, and the counts add up', () => {
    const ran = run(sources, dataset);
    expect(ran.embeds[0]?.description).toContain('3 reports');
    // Both its claims are compared with other reports, so it reports nothing alone.
    expect(section(ran, 'Example Wire')).toContain('2 claims; only it: 0');
    const counts = [...ran.text.matchAll(/^(\d+) claims?; only it:/gm)].map((m) => Number(m[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(dataset.claims.length);
    const full = choose(ran, 'A report in full…', 'third-wire');
    expect(section(full, 'The report')).toContain('Supports 2 claims (1 figure)');
    expect(section(full, 'What only Example Wire reports (0)')).toContain('Nothing');
  });

  it('/incident and /compare count it on each side', () => {
    const overview = run(incident, dataset);
    expect(section(overview, 'Headline figures')).toContain(
      '23 to at least 25 (3 reports: indileak.com, Example Wire and countryroque.com; ⚠️ conflicting; conservative 23)',
    );
    // The target's sides are one click away from the overview, and side by side in /compare.
    expect(quotesOffered(overview).map((o) => o.value)).toContain('attack.target');
    const compared = run(compare, dataset, { topic: 'target' });
    expect(section(compared, '⚠️ Where they differ: Target')).toBe(
      '⚠️ conflicting: a police station indileak.com and Example Wire vs a security post countryroque.com',
    );
    const target = section(wholeReply(choose(compared, QUOTES_MENU, 'attack.target')), 'Target');
    expect(target).toMatch(/^• a police station indileak\.com and Example Wire\n/m);
    expect(target).toContain(
      '◦ Militants attacked a police station. — Example Wire: “Militants attacked a police station',
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
    const ran = run(casualties, edited);
    // At a glance: the two figures, both from indileak.com, and a verdict that says the report differs with itself.
    const glance = section(ran, 'People injured').split('\n');
    expect(glance[1]).toBe('5 indileak.com · 34 indileak.com');
    expect(glance[0]).toMatch(/^⚠️ .*within one source/);
    const quotes = section(wholeReply(choose(ran, QUOTES_MENU, 'injured')), 'People injured');
    expect(quotes).toMatch(/^⚠️ The figures or statements differ within one source/m);
  });
});
