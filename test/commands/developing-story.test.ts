/**
 * The developing story: the seed reports plus the fixture's, as a team following the attack would
 * see them. Sources are numbered by publication date: Al Jazeera Al Jazeera, Associated Press of Pakistan Associated Press of
 * Pakistan, ARY News ARY News, Dunya News Dunya News, The Hills Times The Hills Times, Millennium Post Millennium Post, MENAFN (copy of Pajhwok Afghan News) MENAFN,
 * VOA VOA, indileak.com indileak.com (12 December), Business Recorder Business Recorder, Dawn Dawn, WION WION
 * (13 December), KabulNow KabulNow (December), then the undated: countryroque.com the seed report whose outlet is
 * unknown, GM Noticias GM Noticias, The Kabul Times (copy of Al Jazeera) The Kabul Times, Live Mint Live Mint.
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
import { measureGlance } from '../../src/briefing/glance.js';
import { disagreementLine, figureRangeLine, pointLine } from '../../src/briefing/lines.js';
import type { Comparison } from '../../src/compare/compare.js';
import { compareFigures, type MeasureComparison } from '../../src/compare/figures.js';
import { compareStatements, type PointComparison } from '../../src/compare/statements.js';
import { type Dataset, defaultIncident } from '../../src/dataset/dataset.js';
import { labelOf } from '../../src/dataset/labels.js';
import { sourcesInOrder } from '../../src/dataset/order.js';
import type { Incident } from '../../src/dataset/schema.js';
import { loadSeeds, loadStory } from '../helpers/dataset-fixture.js';
import {
  choose,
  press,
  QUOTES_MENU,
  quotesOffered,
  type Ran,
  readable,
  run,
  section,
  wholeReply,
} from './support.js';

let story: Dataset;
beforeAll(async () => {
  story = await loadStory();
});

/** The text of the section headed exactly `heading`, continuations included (`section` matches by prefix). */
function exactly(ran: Pick<Ran, 'fields'>, heading: string): string {
  const fields = ran.fields.filter((f) => f.name === heading || f.name === `${heading} (cont.)`);
  expect(fields.length, `a section headed “${heading}”`).toBeGreaterThan(0);
  return fields.map((f) => readable(f.value)).join('\n');
}

/** The quotes behind a measure or point of a reply (/casualties unless said): its menu's choice, pressed, read to its end. */
function quotesOf(value: string, from: Ran = run(casualties, story)): Pick<Ran, 'fields'> {
  return wholeReply(choose(from, QUOTES_MENU, value));
}

/**
 * Every measure of /casualties at a glance, every line of it: what the reply chooses its first
 * message from (the rest of each is one click away, behind its quotes).
 */
function glances(): Pick<Ran, 'fields'> {
  const inc = defaultIncident(story) as Incident;
  return {
    fields: casualtyComparisons(story, inc).map((c) => ({
      name: comparisonHeading(story, c),
      value: measureGlance(story, c).join('\n'),
    })),
  };
}

/** The incident's comparison of a measure or point, as /incident's lines are made from it. */
function comparisonOf(key: { measure?: string; point?: string }): Comparison {
  const inc = defaultIncident(story) as Incident;
  const claims = story.claimsByIncident.get(inc.id) ?? [];
  const found = [...compareFigures(claims, story), ...compareStatements(claims, story)].find((c) =>
    c.kind === 'figures' ? c.subject === inc.id && c.measure === key.measure : c.point === key.point,
  );
  if (!found) throw new Error(`no comparison of ${JSON.stringify(key)}`);
  return found;
}

const KILLED = 'Security forces killed (officers, soldiers)';
const KILLED_THAT_DAY = `${KILLED}: this incident, the Darazinda operation and the Kulachi operation, together`;

describe('/casualties on the developing story', () => {
  it('cites each report once, behind All sources, in publication order', () => {
    const ran = run(casualties, story);
    expect(section(ran, 'Also')).toContain(`${story.sources.length} reports cited: All sources`);
    expect(
      wholeReply(press(ran, 'All sources')).fields.map((f) => f.name.replace(' (outlet unknown)', '')),
    ).toEqual(sourcesInOrder(story).map((s) => labelOf(story, s.id)));
  });

  it('gives security forces killed as a conflicting range from at least 3 to at least 25, the lowest precise figure as conservative', () => {
    const ran = glances();
    const killed = exactly(ran, KILLED).split('\n');
    expect(killed[0]).toBe(
      '⚠️ conflicting · at least 3 to at least 25 · conservative 3 · 🏴 claimed: 20 indileak.com',
    );
    // Each figure once, with every report behind it; a statement relayed by several named once.
    expect(killed[1]).toBe(
      'at least 3 Dunya News · at least 4 Live Mint · at least 12 VOA · 23 countryroque.com (Foreign Office statement, via Associated Press of Pakistan and WION) (ISPR statement, via Business Recorder and GM Noticias) · at least 23 Millennium Post, Dawn +2 (ISPR statement, via ARY News and MENAFN (copy of Pajhwok Afghan News)) · at least 24 indileak.com · at least 25 Business Recorder',
    );
    expect(killed[2]).toBe('⚠️ 23 conflicts with at least 24, at least 25');
    // The perpetrators' 20 is theirs alone: never among the reports' figures.
    expect(killed[1]).not.toMatch(/(^| )20 /);

    const quotes = exactly(quotesOf('killed.security_forces'), KILLED);
    expect(quotes).toMatch(
      /^⚠️ Sources differ · 14 reports, 11 independent accounts · range at least 3 security personnel to at least 25 soldiers · conservative figure 3 · /,
    );
    expect(quotes).toContain(
      '• 23 countryroque.com (Foreign Office statement, via Associated Press of Pakistan and WION) (ISPR statement, via Business Recorder and GM Noticias); consistent with at least 3, at least 4, at least 12, at least 23; ⚠️ conflicts with at least 24, at least 25',
    );
    expect(quotes).toMatch(
      /^• at least 24 indileak\.com; .*\n {2}◦ — indileak\.com: “killing at least 24 officers”$/m,
    );
    // The wire's "at least 25, the army said" stays the agency's attribution, and conflicts with the army's 23.
    expect(quotes).toMatch(
      /^• at least 25 Business Recorder; consistent with at least 3, at least 4, at least 12, at least 23, at least 24; ⚠️ conflicts with 23\n {2}◦ \(official\) — Business Recorder, the Pakistani military said \(as a news agency reported it\): “at least 25 soldiers were killed, the army said”$/m,
    );
    expect(quotes).toMatch(/^🏴 Perpetrators’ claim: 20 officers .* — indileak\.com, TJP claimed/m);
  });

  it('groups each measure’s figures by value, each value once with every report behind it, a relayed statement named once', () => {
    const ran = glances();
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
        // Every report giving this value, each once by label, or counted in a list's "+N".
        const sources = [...new Set(group.reports.map((r) => r.claim.source))];
        // A copy's label names its original ("… (copy of Al Jazeera)"): not a mention of the original.
        const own = segment.replace(/\(copy of [^)]*\)/g, '');
        const named = sources.filter((source) =>
          own.includes(labelOf(story, source).replace(/ \(copy of [^)]*\)/, '')),
        );
        for (const source of named)
          expect(
            own.split(labelOf(story, source).replace(/ \(copy of [^)]*\)/, '')).length - 1,
            `${source} in ${segment}`,
          ).toBe(1);
        const more = [...segment.matchAll(/ \+(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
        expect(named.length + more, segment).toBe(sources.length);
        // The reports relaying one statement under its name, once: "(ISPR statement, via Al Jazeera and Dunya News)".
        const relayed = new Set(
          group.reports.filter((r) => r.origin.startsWith('statement:')).map((r) => r.origin),
        );
        expect(segment.match(/, via /g)?.length ?? 0, segment).toBe(relayed.size);
      }
    }
  });

  it('sets the day’s 25 soldiers apart, reconciled with the attack and the Kulachi operation', () => {
    const ran = glances();
    const headings = ran.fields.map((f) => f.name);
    expect(headings.indexOf(KILLED_THAT_DAY)).toBeGreaterThan(headings.indexOf(KILLED));
    expect(exactly(ran, KILLED_THAT_DAY).split('\n')).toEqual([
      'ℹ️ one origin',
      '25 Business Recorder',
      '✅ fits its parts: this incident 3 or more + the Darazinda operation no figure + the Kulachi operation 2 = 5 or more',
    ]);
    // The day's total is never compared as the attack's own toll.
    expect(exactly(ran, KILLED)).not.toMatch(/(^| · )25 Business Recorder/m);

    const thatDay = exactly(quotesOf('killed.security_forces'), KILLED_THAT_DAY);
    expect(thatDay).toMatch(
      /^• 25 Business Recorder\n {2}◦ — Business Recorder: “25 soldiers and 27 militants were killed in a series of attacks”$/m,
    );
    expect(thatDay).toContain(
      'this incident: 3 or more + the Darazinda operation: no figure + the Kulachi operation: 2 = 5 or more · ✅ 25 fits',
    );
  });

  it('finds "dozens" and "more than 30" consistent with 34, the early "several" and 24 not, and words never an end of the range', () => {
    const ran = glances();
    expect(exactly(ran, 'People injured').split('\n')).toEqual([
      '⚠️ conflicting · more than 12 to at least 34 · conservative 13',
      'several VOA · numerous WION · more than 12 Dunya News · 24 Live Mint · dozens KabulNow · more than 30 Dawn · 34 The Hills Times and indileak.com · at least 34 Al Jazeera and The Kabul Times (copy of Al Jazeera)',
      '⚠️ several conflicts with 24, dozens, more than 30, 34, at least 34; 24 conflicts with more than 30, 34, at least 34',
    ]);
    const injured = exactly(quotesOf('injured'), 'People injured');
    expect(injured).toMatch(
      /^⚠️ Sources differ · 10 reports, 9 independent accounts · range more than 12 people to at least 34 wounded · conservative figure 13/,
    );
    expect(injured).toMatch(
      /^• dozens KabulNow; consistent with numerous, more than 12, 24, more than 30, 34, at least 34; ⚠️ conflicts with several\n {2}◦ — KabulNow: “dozens more wounded”$/m,
    );
    expect(injured).toMatch(
      /^• more than 30 Dawn; consistent with numerous, more than 12, dozens, 34, at least 34; ⚠️ conflicts with several, 24$/m,
    );
    expect(injured).toMatch(
      /^• 34 The Hills Times and indileak\.com; consistent with numerous, more than 12, dozens, more than 30, at least 34; ⚠️ conflicts with several, 24$/m,
    );
  });

  it('puts "23 individuals" under all killed, in conflict with "at least 24" officers and consistent with 23 soldiers', () => {
    const ran = glances();
    const all = 'All killed (security forces, civilians and attackers)';
    expect(exactly(ran, all).split('\n')).toEqual([
      '⚠️ conflicting · at least 20 to at least 25 · conservative 20',
      'at least 20 Al Jazeera · 23 The Hills Times · at least 23 The Kabul Times (copy of Al Jazeera) · at least 24 Al Jazeera · at least 25 WION',
      '⚠️ 23 conflicts with at least 24, at least 25',
      '⚠️ 23 in all The Hills Times is too few for security forces killed (officers, soldiers) at least 24 indileak.com, at least 25 Business Recorder',
      '❓ 24 — Live Mint: probable error, not counted',
    ]);
    const quotes = exactly(quotesOf('killed'), all);
    expect(quotes).toMatch(
      /^• 23 The Hills Times; consistent with at least 20, at least 23; ⚠️ conflicts with at least 24, at least 25\n {2}◦ — The Hills Times: “23 individuals died”$/m,
    );
    expect(quotes).toContain(
      '⚠️ 23 in all The Hills Times leaves no room for security forces killed (officers, soldiers) at least 24 indileak.com',
    );
    expect(quotes).toContain(
      '⚠️ 23 in all The Hills Times leaves no room for security forces killed (officers, soldiers) at least 24 indileak.com, at least 25 Business Recorder; consistent with security forces killed (officers, soldiers) at least 3 Dunya News, at least 4 Live Mint, at least 12 VOA, 23 Associated Press of Pakistan, Business Recorder +3',
    );
  });

  it('traces every figure shown to the quotes of every report behind it, in one click', () => {
    const ran = run(casualties, story);
    const offered = quotesOffered(ran);
    let figures = 0;
    for (const field of glances().fields) {
      // The menu's measure for this section: the longest label that starts its heading.
      const measure = offered
        .filter((o) => field.name.startsWith(o.label))
        .sort((a, b) => b.label.length - a.label.length)[0];
      expect(measure, `the quotes behind “${field.name}” are offered`).toBeDefined();
      const quotes = exactly(quotesOf(measure?.value ?? ''), field.name).split('\n');
      // The line of figures grouped by value: "23 indileak.com (ISPR statement, via Millennium Post) · at least 24 The Hills Times".
      const groups = readable(field.value).split('\n')[1]?.split(' · ') ?? [];
      expect(groups.length, field.name).toBeGreaterThan(0);
      const comparison = casualtyComparisons(story, defaultIncident(story) as Incident).find(
        (c) => comparisonHeading(story, c) === field.name,
      );
      for (const [i, group] of groups.entries()) {
        figures++;
        const shown = comparison?.groups[i];
        expect(shown && group.startsWith(`${shown.amount} `), group).toBe(true);
        const at = quotes.findIndex((line) => line.startsWith(`• ${shown?.amount} `));
        expect(at, `“${shown?.amount}” in the quotes of ${field.name}`).toBeGreaterThanOrEqual(0);
        const evidence: string[] = [];
        for (let j = at + 1; quotes[j]?.startsWith('  ◦ '); j++) evidence.push(quotes[j] ?? '');
        for (const line of evidence) expect(line).toMatch(/^ {2}◦ (.* )?— .+: “.+”$/);
        // Every report behind the figure gives its quote, those a long line counts as "+N" too.
        for (const source of new Set(shown?.reports.map((r) => r.claim.source))) {
          const label = labelOf(story, source);
          expect(
            evidence.some((line) => line.includes(`— ${label}:`) || line.includes(`— ${label},`)),
            `${label} in ${group}`,
          ).toBe(true);
        }
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
  it('names the ISPR statement as one origin via several reports', () => {
    const killed = comparisonOf({ measure: 'killed.security_forces' });
    expect(readable(disagreementLine(story, killed))).toContain(
      'at least 23 Millennium Post, Dawn +2 (ISPR statement, via ARY News and MENAFN (copy of Pajhwok Afghan News))',
    );
    expect(readable(figureRangeLine(story, killed as MeasureComparison))).toBe(
      `${KILLED}: at least 3 to at least 25 (14 reports, 11 independent accounts: Associated Press of Pakistan, ARY News +12; ⚠️ conflicting; conservative 3); counted as “security personnel” / “members of the security forces” / “soldiers” / “army soldiers” / “officers”; 🏴 perpetrators claim 20 indileak.com`,
    );
  });

  it('counts the ISPR statement once, however many reports carry it', () => {
    // One report relays the statement's six attackers: with the other four reports, five origins.
    expect(
      readable(figureRangeLine(story, comparisonOf({ measure: 'attackers.total' }) as MeasureComparison)),
    ).toBe(
      'Attackers taking part: 6 (5 reports: ARY News, The Hills Times +3; ✅ consistent); counted as “terrorists” / “attackers” / “militants” / “suicide squad”',
    );
    expect(exactly(glances(), 'Attackers taking part').split('\n')).toEqual([
      '✅ consistent',
      '6 The Hills Times, MENAFN (copy of Pajhwok Afghan News) +2 (ISPR statement, via ARY News)',
    ]);
    // Its quotes give each report's words, the statement's among them once.
    const quotes = exactly(quotesOf('attackers.total'), 'Attackers taking part');
    expect(quotes).toMatch(
      /^• 6 The Hills Times, MENAFN \(copy of Pajhwok Afghan News\) \+2 \(ISPR statement, via ARY News\)$/m,
    );
    expect(quotes.match(/\(ISPR statement\)/g)).toHaveLength(1);
  });

  it('shows the claim of an offshoot of the TTP as agreeing, not as a disagreement', () => {
    const claimed = comparisonOf({ point: 'responsibility.claimed-by' });
    expect(claimed.verdict).toBe('agree');
    expect(readable(pointLine(story, claimed as PointComparison))).toBe(
      '✅ Sources agree (12 reports, 11 independent accounts) · Who claimed responsibility: Tehreek-e-Jihad Pakistan (TJP); an offshoot or affiliate of the TTP Al Jazeera, ARY News +10',
    );
    expect(run(incident, story).embeds[0]?.description).not.toMatch(/above all on Who claimed/);
  });
});

describe('/compare topic: responsibility on the developing story', () => {
  it('finds TJP and "an offshoot or affiliate of the TTP" compatible: no disagreement', () => {
    const ran = run(compare, story, { topic: 'responsibility' });
    expect(ran.embeds[0]?.description).toContain('⚠️ 0 differing');
    expect(section(ran, '⚠️ Where they differ')).toBe('No point on which the sources differ.');
    const agree = section(ran, '✅ Where the sources agree: Who claimed responsibility').split('\n');
    expect(agree).toEqual([
      '✅ consistent: Tehreek-e-Jihad Pakistan (TJP) Al Jazeera, ARY News +9 · an offshoot or affiliate of the TTP KabulNow',
      '↔ an offshoot or affiliate of the TTP is a broader answer than Tehreek-e-Jihad Pakistan (TJP): no disagreement',
    ]);
    expect(ran.embeds[0]?.color).toBe(0x4f6d7a);
    const quotes = exactly(quotesOf('responsibility.claimed-by', ran), 'Who claimed responsibility');
    expect(quotes).toMatch(
      /^• an offshoot or affiliate of the TTP KabulNow\n {2}◦ An offshoot of the TTP claimed responsibility for the attack\. — KabulNow: “Responsibility for the attack was claimed by an offshoot of the TTP”$/m,
    );
    expect(quotes).toContain(
      '↔ an offshoot or affiliate of the TTP KabulNow is a broader answer than Tehreek-e-Jihad Pakistan (TJP) Al Jazeera, ARY News +9 (the reports relate the two groups): no disagreement',
    );
  });
});

describe('/sources on the developing story', () => {
  it('lists the reports by label in publication order, the undated ones last', () => {
    const ran = wholeReply(run(sources, story));
    const reports = ran.fields.map((f) => f.name).filter((name) => name !== 'Sources');
    expect(reports).toEqual(
      sourcesInOrder(story).map(
        (s) => `${labelOf(story, s.id)}${s.outlet === null ? ' (outlet unknown)' : ''}`,
      ),
    );
    expect(reports).toContain('MENAFN (copy of Pajhwok Afghan News)');
    expect(reports).toContain('countryroque.com (outlet unknown)');
    expect(section(ran, 'Business Recorder')).toContain(', 13 December 2023');
    expect(section(ran, 'countryroque.com (outlet unknown)')).toContain(', date not stated');
    expect(ran.embeds[0]?.footer?.text).toContain('By publication date (undated last), each under the label');
    // One report in full is one choice away, under the same label.
    const full = choose(ran, 'A report in full…', 'fixture-business-recorder');
    expect(full.embeds[0]?.title).toBe('Source: Business Recorder');
    expect(section(full, 'The report')).toContain('Published 13 December 2023');
  });

  it('says "no headline" for the MENAFN copy rather than inventing one', () => {
    const ran = wholeReply(run(sources, story));
    const menafn = section(ran, 'MENAFN (copy of Pajhwok Afghan News)');
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
