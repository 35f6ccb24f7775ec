import { beforeAll, describe, expect, it } from 'vitest';
import { compare } from '../../commands/compare.js';
import { findTopic } from '../../src/briefing/topics.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';
import { HOSTILE_INPUTS, run, section } from './support.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

const complete = (name: string, value: string) =>
  compare.autocomplete?.({ name, value }, { options: {} }, { dataset, now: new Date() }) ?? [];

describe('/compare', () => {
  it('casualties: both sides of the death toll, one-source figures, the perpetrators apart', () => {
    const ran = run(compare, dataset, { topic: 'casualties' });
    const differ = section(ran, '⚠️ Where they differ');
    expect(differ).toContain('range 23 soldiers to at least 24 officers · conservative figure 23');
    expect(differ).toMatch(
      /^• at least 24 \[1\].*\n {2}◦ — \[1\] the report: “killing at least 24 officers”$/m,
    );
    expect(differ).toMatch(
      /^• 23 \[2\].*⚠️ conflicts with at least 24\n {2}◦ \(official\) — \[2\] officials said: /m,
    );
    expect(differ).not.toContain('20 officers');
    expect(section(ran, '✅ Where the sources agree')).toContain(
      'No point on which two or more sources agree',
    );
    expect(section(ran, 'ℹ️ Only one source')).toContain('The blast injured 34. — [1]');
    expect(section(ran, '🏴 What the perpetrators claim')).toMatch(
      /20 officers were killed.*\(perpetrators’ claim, unverified\)/,
    );
    expect(ran.embeds[0]?.color).toBe(0xc0392b);
    expect(section(ran, 'Sources')).toContain('[2] outlet unknown');
  });

  it('sequence: where the sources agree, and TJP’s account kept apart', () => {
    const ran = run(compare, dataset, { topic: 'Sequence of events' });
    expect(section(ran, '✅ Where the sources agree: Gun battle')).toContain('✅ Sources agree');
    expect(section(ran, '⚠️ Where they differ')).toContain('No point on which the sources differ');
    expect(section(ran, '🏴 What the perpetrators claim')).toContain('Mullah Muhammad Qasim');
  });

  it('target: each side with its source', () => {
    const differ = section(run(compare, dataset, { topic: 'target' }), '⚠️ Where they differ');
    expect(differ).toContain('⚠️ Sources differ: a police station [1] vs a security post [2]');
  });

  it('accepts typed labels leniently', () => {
    expect(findTopic('group profile')).toBe('group_profile');
    expect(findTopic('Group_Profile')).toBe('group_profile');
    expect(findTopic('CASUALTIES')).toBe('casualties');
    expect(findTopic('seq')).toBe('sequence');
    const ran = run(compare, dataset, { topic: 'group profile' });
    expect(ran.embeds[0]?.title).toMatch(/^Compare: group profile/);
    // Characterisations of a group are facets: shown together, each with who makes it, not as rivals.
    const facets = section(ran, '✅ Where the sources agree: How TJP is characterised');
    expect(facets).toMatch(/^• a front organization of the TTP \[2\]\n/m);
    expect(facets).toMatch(/^• a splinter group of the TTP \[1\]\n/m);
    expect(facets).toContain('✅ Sources agree (different angles, none contradicting another)');
    expect(section(ran, '⚠️ Where they differ')).toContain('No point on which the sources differ');
  });

  it('answers an unknown topic with the topics that have claims', () => {
    const ran = run(compare, dataset, { topic: 'weather' });
    expect(ran.embeds[0]?.title).toBe('Unknown topic');
    expect(ran.embeds[0]?.color).toBe(0xd4a017);
    expect(section(ran, 'Topics')).toMatch(/`casualties`: Casualties \(\d+ claims\)/);
    expect(section(ran, 'Topics')).toContain('group_profile');
  });

  it('never throws on hostile input', () => {
    for (const typed of HOSTILE_INPUTS) {
      run(compare, dataset, { topic: typed });
      run(compare, dataset, { topic: 'casualties', incident: typed });
    }
    run(compare, dataset, {});
  });

  it('autocompletes topics with labels and counts, and incidents, at most 25', () => {
    const topics = complete('topic', '');
    expect(topics.length).toBeGreaterThan(5);
    expect(topics.length).toBeLessThanOrEqual(25);
    expect(topics[0]).toMatchObject({ value: 'casualties' });
    expect(topics[0]?.name).toMatch(/^Casualties \(\d+ claims\)$/);
    expect(complete('topic', 'profile').map((c) => c.value)).toEqual(['group_profile']);
    expect(complete('incident', 'daraban').map((c) => c.value)).toEqual(['daraban-2023-12-12']);
  });
});
