/**
 * The developing story: the seed reports plus the fixture's seven, as a team following the attack
 * would see them. Sources are numbered by publication date: [1] ARY News, [2] The Hills Times,
 * [3] Millennium Post, [4] MENAFN, [5] indileak.com (12 December), [6] Business Recorder,
 * [7] Dawn (13 December), [8] KabulNow (December), [9] the undated report.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { casualties } from '../../commands/casualties.js';
import { compare } from '../../commands/compare.js';
import { incident } from '../../commands/incident.js';
import { commands } from '../../commands/index.js';
import { sources } from '../../commands/sources.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadSeeds, loadStory } from '../helpers/dataset-fixture.js';
import { expectSendable, NOW, type Ran, readable, run, section } from './support.js';

let story: Dataset;
beforeAll(async () => {
  story = await loadStory();
});

/** The text of the section headed exactly `heading`, continuations included (`section` matches by prefix). */
function exactly(ran: Ran, heading: string): string {
  const fields = ran.fields.filter((f) => f.name === heading || f.name === `${heading} (cont.)`);
  expect(fields.length, `a section headed “${heading}”`).toBeGreaterThan(0);
  return fields.map((f) => readable(f.value)).join('\n');
}

const KILLED = 'Security forces killed (officers, soldiers)';
const KILLED_THAT_DAY = `${KILLED}: this incident, the Darazinda operation and the Kulachi operation, together`;

describe('/casualties on the developing story', () => {
  it('gives security forces killed as a conflicting range from 23 to at least 25, the lowest precise figure as conservative', () => {
    const killed = exactly(run(casualties, story), KILLED);
    expect(killed).toMatch(
      /^⚠️ Sources differ · 8 reports, 8 independent origins · range 23 soldiers to at least 25 soldiers · conservative figure 23 · /,
    );
    expect(killed).toContain(
      '• 23 [9] (ISPR statement of 12 December 2023, carried by [6]); consistent with at least 23; ⚠️ conflicts with at least 24, at least 25',
    );
    expect(killed).toContain(
      '• at least 24 [5]; consistent with at least 23, at least 25; ⚠️ conflicts with 23',
    );
    // The wire's "at least 25, the army said" stays the agency's attribution, and conflicts with the army's 23.
    expect(killed).toMatch(
      /^• at least 25 \[6\]; consistent with at least 23, at least 24; ⚠️ conflicts with 23\n {2}◦ \(official\) — \[6\] the Pakistani military said \(as a news agency reported it\): “at least 25 soldiers were killed, the army said”$/m,
    );
    expect(killed).toMatch(/^🏴 Perpetrators’ claim: 20 officers .* — \[5\] TJP claimed/m);
  });

  it('sets the day’s 25 soldiers apart, reconciled with the attack and the Kulachi operation', () => {
    const ran = run(casualties, story);
    const headings = ran.fields.map((f) => f.name);
    expect(headings.indexOf(KILLED_THAT_DAY)).toBeGreaterThan(headings.indexOf(KILLED));
    const thatDay = exactly(ran, KILLED_THAT_DAY);
    expect(thatDay).toMatch(
      /^• 25 \[6\]\n {2}◦ — \[6\] the report: “25 soldiers and 27 militants were killed in a series of attacks”$/m,
    );
    expect(thatDay).toContain(
      'this incident: 23 or more + the Darazinda operation: no figure + the Kulachi operation: 2 = 25 or more · ✅ 25 fits',
    );
    // The day's total is never compared as the attack's own toll.
    expect(exactly(ran, KILLED)).not.toContain('in a series of attacks');
  });

  it('finds the injured consistent: "dozens" and "more than 30" both fit 34, and "dozens" is never an end of the range', () => {
    const injured = exactly(run(casualties, story), 'People injured');
    expect(injured).toMatch(
      /^✅ Sources agree · range more than 30 troops to 34 injured · conservative figure 31 · all reports allow 34/,
    );
    expect(injured).toMatch(
      /^• dozens \[8\]; consistent with more than 30, 34\n {2}◦ — \[8\] the report: “dozens more wounded”$/m,
    );
    expect(injured).toMatch(/^• more than 30 \[7\]; consistent with dozens, 34$/m);
    expect(injured).toMatch(/^• 34 \[2\] \[5\]; consistent with dozens, more than 30$/m);
    expect(injured).not.toContain('conflicts');
  });

  it('puts "23 individuals" under all killed, in conflict with "at least 24" officers and consistent with 23 soldiers', () => {
    const all = exactly(run(casualties, story), 'All killed (security forces, civilians and attackers)');
    expect(all).toMatch(/^• 23 \[2\]\n {2}◦ — \[2\] the report: “23 individuals died”$/m);
    expect(all).toContain(
      '⚠️ 23 in all [2] leaves no room for security forces killed (officers, soldiers) at least 24 [5]',
    );
    expect(all).toContain('consistent with security forces killed (officers, soldiers) 23 [6] [9]');
  });

  it('traces every figure to a quote', () => {
    const ran = run(casualties, story);
    const figures = ran.fields.filter((f) => !f.name.startsWith('Sources'));
    const lines = figures
      .map((f) => readable(f.value))
      .join('\n')
      .split('\n');
    const bullets = lines.flatMap((line, i) => (line.startsWith('• ') ? [i] : []));
    expect(bullets.length).toBeGreaterThan(10);
    for (const i of bullets) {
      const evidence: string[] = [];
      for (let j = i + 1; lines[j]?.startsWith('  ◦ '); j++) evidence.push(lines[j] ?? '');
      for (const line of evidence) expect(line).toMatch(/^ {2}◦ (.* )?— \[\d\] .*: “.+”$/);
      // Every source cited for the figure gives its quote.
      const cited = (lines[i] ?? '').split(';')[0]?.match(/\[\d\]/g) ?? [];
      expect(cited.length, lines[i]).toBeGreaterThan(0);
      for (const tag of cited)
        expect(
          evidence.some((line) => line.includes(`— ${tag} `)),
          `${tag} in ${lines[i]}`,
        ).toBe(true);
    }
  });

  it('keeps to casualties: the distance from Dera Ismail Khan is not a casualty figure', () => {
    const ran = run(casualties, story);
    expect(ran.fields.map((f) => f.name)).not.toContain('Distance from Dera Ismail Khan city');
  });
});

describe('/incident on the developing story', () => {
  it('names the ISPR statement as one origin carried by several reports', () => {
    const ran = run(incident, story);
    const open = section(ran, '⚠️ Sources differ: open disagreements')
      .split('\n')
      .find((line) => line.startsWith(`⚠️ ${KILLED}`));
    expect(open).toContain(
      'at least 23 [3] [7] [8] [9] (ISPR statement of 12 December 2023, carried by [1] [4])',
    );
    expect(section(ran, 'Headline figures')).toContain(
      `${KILLED}: 23 to at least 25 (8 sources [1] [3] [4] [5] [6] [7] [8] [9], 8 origins, ⚠️ conflicting; conservative 23)`,
    );
  });

  it('counts the ISPR statement once, however many reports carry it', () => {
    // Three reports relay the statement's six attackers: with the other four reports, five origins.
    expect(section(run(incident, story), 'Headline figures')).toContain(
      'Attackers taking part: 6 (5 sources [1] [2] [4] [6] [7], 5 origins, ✅ consistent)',
    );
    const attackers = exactly(run(casualties, story), 'Attackers taking part');
    expect(attackers).toMatch(
      /^• 6 \[2\] \[4\] \[6\] \[7\] \(ISPR statement of 12 December 2023, carried by \[1\]\)$/m,
    );
  });

  it('shows the claim of an offshoot of the TTP as a broader answer, not a disagreement', () => {
    const ran = run(incident, story);
    expect(section(ran, 'Who claimed it')).toContain(
      '↔ an offshoot or affiliate of the TTP [8] is a broader answer than Tehreek-e-Jihad Pakistan (TJP) [1] [2] [3] [4] [5] [6] [7] [9] (the reports relate the two groups): no disagreement',
    );
    expect(section(ran, '⚠️ Sources differ: open disagreements')).not.toContain('Who claimed');
  });
});

describe('/compare topic: responsibility on the developing story', () => {
  it('finds TJP and "an offshoot or affiliate of the TTP" compatible: no disagreement', () => {
    const ran = run(compare, story, { topic: 'responsibility' });
    expect(ran.embeds[0]?.description).toContain('⚠️ 0 differing');
    expect(section(ran, '⚠️ Where they differ')).toBe('No point on which the sources differ.');
    const agree = section(ran, '✅ Where the sources agree: Who claimed responsibility');
    expect(agree).toMatch(
      /^• Tehreek-e-Jihad Pakistan \(TJP\) \[1\] \[2\] \[3\] \[4\] \[5\] \[6\] \[7\] \[9\]$/m,
    );
    expect(agree).toMatch(
      /^• an offshoot or affiliate of the TTP \[8\]\n {2}◦ An offshoot of the TTP claimed responsibility for the attack\. — \[8\] the report: “Responsibility for the attack was claimed by an offshoot of the TTP”$/m,
    );
    expect(agree).toContain('is a broader answer than Tehreek-e-Jihad Pakistan (TJP)');
    expect(ran.embeds[0]?.color).toBe(0x4f6d7a);
  });
});

describe('/sources on the developing story', () => {
  it('numbers the reports by publication date, the undated one last', () => {
    const ran = run(sources, story);
    const reports = ran.fields.map((f) => f.name).filter((name) => /^\[\d\] /.test(name));
    expect(reports).toEqual([
      '[1] ARY News',
      '[2] The Hills Times',
      '[3] Millennium Post',
      '[4] MENAFN',
      '[5] indileak.com',
      '[6] Business Recorder',
      '[7] Dawn',
      '[8] KabulNow',
      '[9] outlet unknown',
    ]);
    expect(section(ran, '[6] Business Recorder')).toContain('Published 13 December 2023');
    expect(section(ran, '[9] outlet unknown')).toContain('Publication date not stated');
    expect(ran.embeds[0]?.description).toContain('numbered by publication date (undated last)');
  });

  it('says "no headline" for the MENAFN copy rather than inventing one', () => {
    const ran = run(sources, story);
    const menafn = section(ran, '[4] MENAFN');
    expect(menafn.split('\n')[0]).toBe('No headline');
    expect(menafn).toContain('Kind: republished copy of Pajhwok Afghan News');
    expect(section(ran, 'Sources')).toContain(
      '[4] MENAFN (republished copy of Pajhwok Afghan News; no headline), 12 December 2023',
    );
  });

  it('shows the dataset version, which changes when reports are added', async () => {
    const seeds = await loadSeeds();
    const version = (dataset: Dataset) =>
      run(sources, dataset).embeds[0]?.description?.match(/Dataset version `([0-9a-f]+)`/)?.[1];
    expect(version(story)).toBe(story.version);
    expect(version(story)).toMatch(/^[0-9a-f]{10}$/);
    expect(version(seeds)).toBe(seeds.version);
    expect(version(seeds)).not.toBe(version(story));
  });
});

describe('every reply on the developing story', () => {
  it('is one Discord accepts, for every command and every topic', () => {
    const topics = new Set(story.claims.map((c) => c.topic));
    for (const command of commands) {
      const name = (command.definition as { name: string }).name;
      const inputs =
        name === 'compare'
          ? [...topics].map((topic) => ({ options: { topic } }))
          : name === 'ask'
            ? ['how many were wounded', 'who claimed it', 'how far is Daraban'].map((question) => ({
                options: { question },
              }))
            : name === 'digest'
              ? [{ subcommand: 'preview', options: {} }]
              : name === 'group'
                ? ['TJP', 'TTP'].map((n) => ({ options: { name: n } }))
                : [{ options: {}, targetText: 'were 25 soldiers killed?' }];
      for (const input of inputs) expectSendable(command.handle(input, { dataset: story, now: NOW }));
    }
  });
});
