import { beforeAll, describe, expect, it } from 'vitest';
import { ALONE_CAP, claimsReportedAlone, sources } from '../../commands/sources.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';
import { run, section } from './support.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

describe('/sources', () => {
  it('lists every report: outlet or "outlet unknown", headline, date, dateline, link', () => {
    const ran = run(sources, dataset);
    const first = section(ran, '[1] indileak.com');
    expect(first).toContain('“24 killed in suicide attack at police station in Pakistan”');
    expect(first).toContain('Published 12 December 2023 · dateline New Delhi');
    expect(first).toContain(
      '<https://indileak.com/24-killed-in-suicide-attack-at-police-station-in-pakistan/>',
    );
    const second = section(ran, '[2] outlet unknown');
    expect(second).toContain('“At Least 23 Soldiers Killed in Attack in Pakistan”');
    expect(second).toContain('Publication date not stated · no dateline');
    expect(second).toContain('a republished copy');
  });

  it('counts the claims each supports, and the counts add up to the total', () => {
    const ran = run(sources, dataset);
    const counts = [...ran.text.matchAll(/Supports (\d+) claims?/g)].map((m) => Number(m[1]));
    expect(counts).toHaveLength(dataset.sources.length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(dataset.claims.length);
    expect(ran.embeds[0]?.description).toContain(`${dataset.claims.length} claims in all`);
  });

  it('says what each report alone reports, and nothing the other also reports', () => {
    const ran = run(sources, dataset);
    const only1 = section(ran, 'What only [1] reports');
    expect(only1).toContain('• The blast injured 34.');
    expect(only1).toContain('Bugti');
    expect(only1).not.toContain('At least 24 officers were killed'); // [2] gives the same measure
    const only2 = section(ran, 'What only [2] reports');
    expect(only2).not.toContain('Twenty-three soldiers');
    expect(only2).not.toContain('Telegram'); // a perpetrator claim is never "reported alone"
  });

  it('caps a long list with "and N more"', () => {
    const alone = claimsReportedAlone(dataset);
    const longest = Math.max(...[...alone.values()].map((l) => l.length));
    expect(longest).toBeGreaterThan(ALONE_CAP);
    expect(run(sources, dataset).text).toContain(`…and ${longest - ALONE_CAP} more`);
  });
});
