/**
 * The developing story: the seed reports plus the fixture's, as a team following the attack would
 * see them. Sources are numbered by publication date: [1] Al Jazeera, [2] Associated Press of
 * Pakistan, [3] ARY News, [4] Dunya News, [5] The Hills Times, [6] Millennium Post, [7] MENAFN,
 * [8] VOA, [9] indileak.com (12 December), [10] Business Recorder, [11] Dawn, [12] WION
 * (13 December), [13] KabulNow (December), then the undated: [14] the seed report whose outlet is
 * unknown, [15] GM Noticias, [16] The Kabul Times, [17] Live Mint.
 *
 * A reply shows each measure at a glance (its verdict, its figures grouped by value with the
 * reports behind each); the quotes behind it are one click away, in the "The quotes behind…" menu.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { casualties } from '../../commands/casualties.js';
import { compare } from '../../commands/compare.js';
import { incident } from '../../commands/incident.js';
import { sources } from '../../commands/sources.js';
import { casualtyComparisons } from '../../src/briefing/casualties.js';
import { comparisonHeading } from '../../src/briefing/comparisons.js';
import { sourceNumber } from '../../src/briefing/sources.js';
import { type Dataset, defaultIncident } from '../../src/dataset/dataset.js';
import { loadSeeds, loadStory } from '../helpers/dataset-fixture.js';
import { choose, QUOTES_MENU, quotesOffered, type Ran, readable, run, section } from './support.js';

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

/** The quotes behind a measure or point of a reply: its menu's choice, pressed. */
function quotesOf(ran: Ran, value: string): Ran {
  return choose(ran, QUOTES_MENU, value);
}

const KILLED = 'Security forces killed (officers, soldiers)';
const KILLED_THAT_DAY = `${KILLED}: this incident, the Darazinda operation and the Kulachi operation, together`;

describe('/casualties on the developing story', () => {
  it('cites each report once, in a compact list, not once per claim', () => {
    const ran = run(casualties, story);
    const cited = section(ran, 'Sources').split('\n');
    expect(cited.map((line) => Number(line.match(/^\[(\d+)\] /)?.[1]))).toEqual(
      story.sources.map((_, i) => i + 1),
    );
  });

  it('gives security forces killed as a conflicting range from at least 3 to at least 25, the lowest precise figure as conservative', () => {
    const ran = run(casualties, story);
    const killed = exactly(ran, KILLED).split('\n');
    expect(killed[0]).toBe('⚠️ conflicting · at least 3 to at least 25 · conservative 3 · 🏴 claimed: 20 [9]');
    // Each figure once, with every report behind it; a statement relayed by several named once.
    expect(killed[1]).toBe(
      'at least 3 [4] · at least 4 [17] · at least 12 [8] · 23 [14] (Foreign Office statement, carried by [2] [12]) (ISPR statement, carried by [10] [15]) · at least 23 [6] [11] [13] [14] (ISPR statement, carried by [3] [7]) · at least 24 [9] · at least 25 [10]',
    );
    expect(killed[2]).toBe('⚠️ 23 conflicts with at least 24, at least 25');
    // The perpetrators' 20 is theirs alone: never among the reports' figures.
    expect(killed[1]).not.toMatch(/(^| )20 /);

    const quotes = exactly(quotesOf(ran, 'killed.security_forces'), KILLED);
    expect(quotes).toMatch(
      /^⚠️ Sources differ · 14 reports, 12 independent origins · range at least 3 security personnel to at least 25 soldiers · conservative figure 3 · /,
    );
    expect(quotes).toContain(
      '• 23 [14] (Foreign Office statement, carried by [2] [12]) (ISPR statement, carried by [10] [15]); consistent with at least 3, at least 4, at least 12, at least 23; ⚠️ conflicts with at least 24, at least 25',
    );
    expect(quotes).toMatch(
      /^• at least 24 \[9\]; .*\n {2}◦ — \[9\] the report: “killing at least 24 officers”$/m,
    );
    // The wire's "at least 25, the army said" stays the agency's attribution, and conflicts with the army's 23.
    expect(quotes).toMatch(
      /^• at least 25 \[10\]; consistent with at least 3, at least 4, at least 12, at least 23, at least 24; ⚠️ conflicts with 23\n {2}◦ \(official\) — \[10\] the Pakistani military said \(as a news agency reported it\): “at least 25 soldiers were killed, the army said”$/m,
    );
    expect(quotes).toMatch(/^🏴 Perpetrators’ claim: 20 officers .* — \[9\] TJP claimed/m);
  });

  it('groups each measure’s figures by value, each value once with every report behind it, a relayed statement named once', () => {
    const ran = run(casualties, story);
    const incidentOf = defaultIncident(story);
    if (!incidentOf) throw new Error('no incident');
    const comparisons = casualtyComparisons(story, incidentOf);
    expect(comparisons.length).toBeGreaterThan(5);
    for (const c of comparisons) {
      const heading = comparisonHeading(story, c);
      const segments = exactly(ran, heading).split('\n')[1]?.split(' · ') ?? [];
      expect(segments, heading).toHaveLength(c.groups.length);
      for (const [i, group] of c.groups.entries()) {
        const segment = segments[i] ?? '';
        expect(segment.startsWith(`${group.amount} `), `${heading}: ${segment}`).toBe(true);
        // Every report giving this value, each once.
        for (const source of new Set(group.reports.map((r) => r.claim.source))) {
          const tag = `[${sourceNumber(story, source)}]`;
          expect(segment.split(tag).length - 1, `${tag} in ${segment}`).toBe(1);
        }
        expect(segment.match(/\[\d+\]/g)).toHaveLength(
          new Set(group.reports.map((r) => r.claim.source)).size,
        );
        // The reports relaying one statement under its name, once: "(ISPR statement, carried by [1] [4])".
        const relayed = new Set(
          group.reports.filter((r) => r.origin.startsWith('statement:')).map((r) => r.origin),
        );
        expect(segment.match(/, carried by /g)?.length ?? 0, segment).toBe(relayed.size);
      }
    }
  });

  it('sets the day’s 25 soldiers apart, reconciled with the attack and the Kulachi operation', () => {
    const ran = run(casualties, story);
    const headings = ran.fields.map((f) => f.name);
    expect(headings.indexOf(KILLED_THAT_DAY)).toBeGreaterThan(headings.indexOf(KILLED));
    expect(exactly(ran, KILLED_THAT_DAY).split('\n')).toEqual([
      'ℹ️ one origin',
      '25 [10]',
      '✅ fits its parts: this incident 3 or more + the Darazinda operation no figure + the Kulachi operation 2 = 5 or more',
    ]);
    // The day's total is never compared as the attack's own toll.
    expect(exactly(ran, KILLED)).not.toMatch(/(^| · )25 \[10\]/m);

    const thatDay = exactly(quotesOf(ran, 'killed.security_forces'), KILLED_THAT_DAY);
    expect(thatDay).toMatch(
      /^• 25 \[10\]\n {2}◦ — \[10\] the report: “25 soldiers and 27 militants were killed in a series of attacks”$/m,
    );
    expect(thatDay).toContain(
      'this incident: 3 or more + the Darazinda operation: no figure + the Kulachi operation: 2 = 5 or more · ✅ 25 fits',
    );
  });

  it('finds "dozens" and "more than 30" consistent with 34, the early "several" and 24 not, and words never an end of the range', () => {
    const ran = run(casualties, story);
    expect(exactly(ran, 'People injured').split('\n')).toEqual([
      '⚠️ conflicting · more than 12 to at least 34 · conservative 13',
      'several [8] · numerous [12] · more than 12 [4] · 24 [17] · dozens [13] · more than 30 [11] · 34 [5] [9] · at least 34 [1] [16]',
      '⚠️ several conflicts with 24, dozens, more than 30, 34, at least 34; 24 conflicts with more than 30, 34, at least 34',
    ]);
    const injured = exactly(quotesOf(ran, 'injured'), 'People injured');
    expect(injured).toMatch(
      /^⚠️ Sources differ · 10 reports, 9 independent origins · range more than 12 people to at least 34 wounded · conservative figure 13/,
    );
    expect(injured).toMatch(
      /^• dozens \[13\]; consistent with numerous, more than 12, 24, more than 30, 34, at least 34; ⚠️ conflicts with several\n {2}◦ — \[13\] the report: “dozens more wounded”$/m,
    );
    expect(injured).toMatch(
      /^• more than 30 \[11\]; consistent with numerous, more than 12, dozens, 34, at least 34; ⚠️ conflicts with several, 24$/m,
    );
    expect(injured).toMatch(
      /^• 34 \[5\] \[9\]; consistent with numerous, more than 12, dozens, more than 30, at least 34; ⚠️ conflicts with several, 24$/m,
    );
  });

  it('puts "23 individuals" under all killed, in conflict with "at least 24" officers and consistent with 23 soldiers', () => {
    const ran = run(casualties, story);
    const all = 'All killed (security forces, civilians and attackers)';
    expect(exactly(ran, all).split('\n')).toEqual([
      '⚠️ conflicting · at least 20 to at least 25 · conservative 20',
      'at least 20 [1] · 23 [5] · at least 23 [16] · at least 24 [1] · at least 25 [12]',
      '⚠️ 23 conflicts with at least 24, at least 25',
      '⚠️ 23 in all [5] is too few for security forces killed (officers, soldiers) at least 24 [9]; security forces killed (officers, soldiers) at least 25 [10]',
      '❓ [17] 24: probable error, not counted',
    ]);
    const quotes = exactly(quotesOf(ran, 'killed'), all);
    expect(quotes).toMatch(
      /^• 23 \[5\]; consistent with at least 20, at least 23; ⚠️ conflicts with at least 24, at least 25\n {2}◦ — \[5\] the report: “23 individuals died”$/m,
    );
    expect(quotes).toContain(
      '⚠️ 23 in all [5] leaves no room for security forces killed (officers, soldiers) at least 24 [9]',
    );
    expect(quotes).toContain('security forces killed (officers, soldiers) 23 [2] [10] [12] [14] [15]');
  });

  it('traces every figure shown to the quotes of every report behind it, in one click', () => {
    const ran = run(casualties, story);
    const offered = quotesOffered(ran);
    let figures = 0;
    for (const field of ran.fields.filter((f) => f.name !== 'Sources')) {
      // The menu's measure for this section: the longest label that starts its heading.
      const measure = offered
        .filter((o) => field.name.startsWith(o.label))
        .sort((a, b) => b.label.length - a.label.length)[0];
      expect(measure, `the quotes behind “${field.name}” are offered`).toBeDefined();
      const quotes = exactly(quotesOf(ran, measure?.value ?? ''), field.name).split('\n');
      // The line of figures grouped by value: "23 [9] (ISPR statement, carried by [6]) · at least 24 [5]".
      const groups = readable(field.value).split('\n')[1]?.split(' · ') ?? [];
      expect(groups.length, field.name).toBeGreaterThan(0);
      for (const group of groups) {
        figures++;
        const amount = group.slice(0, group.indexOf(' ['));
        const tags = group.match(/\[\d+\]/g) ?? [];
        expect(tags.length, group).toBeGreaterThan(0);
        const at = quotes.findIndex((line) => line.startsWith(`• ${amount} [`));
        expect(at, `“${amount}” in the quotes of ${field.name}`).toBeGreaterThanOrEqual(0);
        const evidence: string[] = [];
        for (let j = at + 1; quotes[j]?.startsWith('  ◦ '); j++) evidence.push(quotes[j] ?? '');
        for (const line of evidence) expect(line).toMatch(/^ {2}◦ (.* )?— \[\d+\] .*: “.+”$/);
        // Every report cited for the figure gives its quote.
        for (const tag of tags)
          expect(
            evidence.some((line) => line.includes(`— ${tag} `)),
            `${tag} in ${group}`,
          ).toBe(true);
      }
    }
    expect(figures).toBeGreaterThan(10);
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
    expect(open).toContain('at least 23 [6] [11] [13] [14] (ISPR statement, carried by [3] [7])');
    expect(section(ran, 'Headline figures')).toContain(
      `${KILLED}: at least 3 to at least 25 (14 sources [2] [3] [4] [6] [7] [8] [9] [10] [11] [12] [13] [14] [15] [17], 12 origins, ⚠️ conflicting; conservative 3)`,
    );
  });

  it('counts the ISPR statement once, however many reports carry it', () => {
    // One report relays the statement's six attackers: with the other four reports, five origins.
    expect(section(run(incident, story), 'Headline figures')).toContain(
      'Attackers taking part: 6 (5 sources [3] [5] [7] [10] [11], 5 origins, ✅ consistent)',
    );
    const ran = run(casualties, story);
    expect(exactly(ran, 'Attackers taking part').split('\n')).toEqual([
      '✅ consistent',
      '6 [5] [7] [10] [11] (ISPR statement, carried by [3])',
    ]);
    // Its quotes give each report's words, the statement's among them once.
    const quotes = exactly(quotesOf(ran, 'attackers.total'), 'Attackers taking part');
    expect(quotes).toMatch(/^• 6 \[5\] \[7\] \[10\] \[11\] \(ISPR statement, carried by \[3\]\)$/m);
    expect(quotes.match(/\(ISPR statement\)/g)).toHaveLength(1);
  });

  it('shows the claim of an offshoot of the TTP as agreeing, not as a disagreement', () => {
    const ran = run(incident, story);
    expect(section(ran, 'Who claimed it')).toContain(
      '✅ Sources agree (11 independent origins in 12 reports) · Who claimed responsibility: Tehreek-e-Jihad Pakistan (TJP); an offshoot or affiliate of the TTP [1] [3] [5] [6] [7] [8] [9] [10] [11] [13] [14] [16]',
    );
    expect(section(ran, '⚠️ Sources differ: open disagreements')).not.toContain('Who claimed');
  });
});

describe('/compare topic: responsibility on the developing story', () => {
  it('finds TJP and "an offshoot or affiliate of the TTP" compatible: no disagreement', () => {
    const ran = run(compare, story, { topic: 'responsibility' });
    expect(ran.embeds[0]?.description).toContain('⚠️ 0 differing');
    expect(section(ran, '⚠️ Where they differ')).toBe('No point on which the sources differ.');
    const agree = section(ran, '✅ Where the sources agree: Who claimed responsibility').split('\n');
    expect(agree).toEqual([
      '✅ consistent: Tehreek-e-Jihad Pakistan (TJP) [1] [3] [5] [6] [7] [8] [9] [10] [11] [14] [16] · an offshoot or affiliate of the TTP [13]',
      '↔ an offshoot or affiliate of the TTP is a broader answer than Tehreek-e-Jihad Pakistan (TJP): no disagreement',
    ]);
    expect(ran.embeds[0]?.color).toBe(0x4f6d7a);
    const quotes = exactly(quotesOf(ran, 'responsibility.claimed-by'), 'Who claimed responsibility');
    expect(quotes).toMatch(
      /^• an offshoot or affiliate of the TTP \[13\]\n {2}◦ An offshoot of the TTP claimed responsibility for the attack\. — \[13\] the report: “Responsibility for the attack was claimed by an offshoot of the TTP”$/m,
    );
    expect(quotes).toContain(
      '↔ an offshoot or affiliate of the TTP [13] is a broader answer than Tehreek-e-Jihad Pakistan (TJP) [1] [3] [5] [6] [7] [8] [9] [10] [11] [14] [16] (the reports relate the two groups): no disagreement',
    );
  });
});

describe('/sources on the developing story', () => {
  it('numbers the reports by publication date, the undated ones last', () => {
    const ran = run(sources, story);
    const reports = ran.fields.map((f) => f.name).filter((name) => /^\[\d+\] /.test(name));
    expect(reports).toEqual([
      '[1] Al Jazeera',
      '[2] Associated Press of Pakistan',
      '[3] ARY News',
      '[4] Dunya News',
      '[5] The Hills Times',
      '[6] Millennium Post',
      '[7] MENAFN',
      '[8] VOA',
      '[9] indileak.com',
      '[10] Business Recorder',
      '[11] Dawn',
      '[12] WION',
      '[13] KabulNow',
      '[14] outlet unknown',
      '[15] GM Noticias',
      '[16] The Kabul Times',
      '[17] Live Mint',
    ]);
    expect(section(ran, '[10] Business Recorder')).toContain(', 13 December 2023');
    expect(section(ran, '[14] outlet unknown')).toContain(', date not stated');
    expect(ran.embeds[0]?.description).toContain('numbered by publication date (undated last)');
    // One report in full is one choice away, by the same number.
    const full = choose(ran, 'A report in full…', 'fixture-business-recorder');
    expect(full.embeds[0]?.title).toBe('Source [10] Business Recorder');
    expect(section(full, 'The report')).toContain('Published 13 December 2023');
  });

  it('says "no headline" for the MENAFN copy rather than inventing one', () => {
    const ran = run(sources, story);
    const menafn = section(ran, '[7] MENAFN');
    expect(menafn.split('\n')[0]).toMatch(/^No headline, 12 December 2023/);
    expect(menafn).toContain('republished copy of Pajhwok Afghan News');
    const full = section(choose(ran, 'A report in full…', 'fixture-pajhwok-menafn'), 'The report');
    expect(full.split('\n')[0]).toBe('No headline');
    expect(full).toContain('Kind: republished copy of Pajhwok Afghan News');
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
