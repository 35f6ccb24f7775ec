import { beforeAll, describe, expect, it } from 'vitest';
import { compare } from '../../commands/compare.js';
import { findTopic } from '../../src/briefing/topics.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';
import { choose, HOSTILE_INPUTS, QUOTES_MENU, run, section, wholeReply } from './support.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

const complete = (name: string, value: string) =>
  compare.autocomplete?.({ name, value }, { options: {} }, { dataset, now: new Date() }) ?? [];

describe('/compare', () => {
  it('casualties: both sides of the death toll, one-source figures, the perpetrators apart', () => {
    const ran = run(compare, dataset, { topic: 'casualties' });
    const differ = section(ran, '⚠️ Where they differ').split('\n');
    expect(differ).toEqual([
      '⚠️ conflicting · 23 to at least 24 · conservative 23',
      '23 countryroque.com · at least 23 countryroque.com · at least 24 indileak.com',
      '⚠️ 23 conflicts with at least 24',
    ]);
    expect(section(ran, '✅ Where the sources agree')).toContain(
      'No point on which two or more sources agree',
    );
    expect(section(ran, 'ℹ️ Only one source')).toContain('• The blast injured 34. — indileak.com');
    // The perpetrators' figure is apart, under a heading that says it is unverified.
    expect(ran.fields.map((f) => f.name)).toContain('🏴 What the perpetrators claim (unverified)');
    expect(section(ran, '🏴 What the perpetrators claim')).toMatch(
      /20 officers were killed.*\(20 officers\) — indileak\.com, TJP claimed/,
    );
    expect(ran.embeds[0]?.color).toBe(0xc0392b);
    expect(section(ran, 'Also')).toContain('2 reports cited: All sources');

    // Each figure's quote, one click away: the death toll's two sides and the perpetrators' claim apart.
    const quotes = section(
      wholeReply(choose(ran, QUOTES_MENU, 'killed.security_forces')),
      'Security forces killed',
    );
    expect(quotes).toContain('range 23 soldiers to at least 24 officers · conservative figure 23');
    expect(quotes).toMatch(
      /^• at least 24 indileak\.com.*\n {2}◦ — indileak\.com: “killing at least 24 officers”$/m,
    );
    expect(quotes).toMatch(
      /^• 23 countryroque\.com.*⚠️ conflicts with at least 24\n {2}◦ \(official\) — countryroque\.com, officials said: /m,
    );
    expect(quotes).toMatch(/^🏴 Perpetrators’ claim: 20 officers \(perpetrators’ claim, unverified\)/m);
    const injured = section(wholeReply(choose(ran, QUOTES_MENU, 'injured')), 'People injured');
    expect(injured).toMatch(/^• 34 indileak\.com\n {2}◦ — indileak\.com: “The blast injured 34”$/m);
  });

  it('sequence: where the sources agree, and TJP’s account kept apart', () => {
    const ran = run(compare, dataset, { topic: 'Sequence of events' });
    expect(section(ran, '✅ Where the sources agree: Gun battle')).toBe(
      '✅ consistent: a gun battle followed indileak.com and countryroque.com',
    );
    expect(section(ran, '⚠️ Where they differ')).toContain('No point on which the sources differ');
    expect(section(ran, '🏴 What the perpetrators claim')).toContain('Mullah Muhammad Qasim');
    expect(section(ran, '✅ Where the sources agree')).not.toContain('Qasim');
  });

  it('target: each side with its source', () => {
    const ran = run(compare, dataset, { topic: 'target' });
    expect(section(ran, '⚠️ Where they differ: Target')).toBe(
      '⚠️ conflicting: a police station indileak.com vs a security post countryroque.com',
    );
    const quotes = section(wholeReply(choose(ran, QUOTES_MENU, 'attack.target')), 'Target');
    expect(quotes).toMatch(/^• a police station indileak\.com\n {2}◦ .* — indileak\.com: /m);
    expect(quotes).toMatch(/^• a security post countryroque\.com\n {2}◦ .* — countryroque\.com, /m);
  });

  it('accepts typed labels leniently', () => {
    expect(findTopic('group profile')).toBe('group_profile');
    expect(findTopic('Group_Profile')).toBe('group_profile');
    expect(findTopic('CASUALTIES')).toBe('casualties');
    expect(findTopic('seq')).toBe('sequence');
    const ran = run(compare, dataset, { topic: 'group profile' });
    expect(ran.embeds[0]?.title).toMatch(/^Compare: group profile/);
    // Characterisations of a group are facets: shown together, each with who makes it, not as rivals.
    expect(section(ran, '✅ Where the sources agree: How TJP is characterised')).toBe(
      '✅ consistent: a splinter group of the TTP indileak.com · a relatively unknown militant group countryroque.com · a cover for other groups countryroque.com · a front organization of the TTP countryroque.com',
    );
    expect(section(ran, '⚠️ Where they differ')).toContain('No point on which the sources differ');
    const facets = section(
      wholeReply(choose(ran, QUOTES_MENU, 'tjp.characterisation')),
      'How TJP is characterised',
    );
    expect(facets).toMatch(/^• a front organization of the TTP countryroque\.com\n/m);
    expect(facets).toMatch(/^• a splinter group of the TTP indileak\.com\n/m);
    expect(facets).toContain('✅ Sources agree (different angles, none contradicting another)');
  });

  it('answers an unknown topic with the topics that have claims', () => {
    const ran = run(compare, dataset, { topic: 'weather' });
    expect(ran.embeds[0]?.title).toBe('Unknown topic');
    expect(ran.embeds[0]?.color).toBe(0xd4a017);
    expect(section(ran, 'Topics')).toMatch(/`casualties`: Casualties \(\d+ claims\)/);
    expect(section(ran, 'Topics')).toContain('group_profile');
  });

  it('suggests the nearest topic for a typo, by its id or its label, in the reply and as autocomplete', () => {
    expect(run(compare, dataset, { topic: 'casualtys' }).embeds[0]?.description).toMatch(
      /^No topic matches “casualtys”\. Did you mean “casualties”\?/,
    );
    expect(run(compare, dataset, { topic: 'responsability' }).embeds[0]?.description).toContain(
      'Did you mean “responsibility”?',
    );
    expect(run(compare, dataset, { topic: 'weather' }).embeds[0]?.description).not.toContain('Did you mean');
    expect(complete('topic', 'tagret').map((c) => c.value)).toEqual(['target']);
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
