import { beforeAll, describe, expect, it } from 'vitest';
import { timeline } from '../../commands/timeline.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import {
  datasetErrorAfter,
  loadEditedDataset,
  loadSeeds,
  SOURCE_000,
  SOURCE_002,
} from '../helpers/dataset-fixture.js';
import {
  choose,
  HOSTILE_INPUTS,
  QUOTES_MENU,
  quotesOffered,
  run as runFirstPart,
  section,
  wholeReply,
} from './support.js';

/** A reply that lists, read to its end: every part's fields, each part a click away. */
const run = (...args: Parameters<typeof runFirstPart>) => wholeReply(runFirstPart(...args));

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

/** "2023 (month not given): …" → "2023"; "May 2023 (day not given): …" → "2023-05"; "3 November 2023" → "2023-11-03". */
function sortableDate(heading: string): string {
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  const m = heading.replace(/^▶ /, '').match(/^(?:(\d{1,2}) )?(?:([A-Z][a-z]+) )?(\d{4})/);
  if (!m) throw new Error(`no date in heading ${heading}`);
  const [, day, month, year] = m;
  const mm = month ? String(months.indexOf(month) + 1).padStart(2, '0') : undefined;
  return [year, mm, day?.padStart(2, '0')].filter(Boolean).join('-');
}

describe('/timeline', () => {
  it('lists the dated items in date order, the incident among them', () => {
    const ran = run(timeline, dataset);
    const headings = ran.fields
      .map((f) => f.name)
      .filter((n) => !n.startsWith('Sources') && !n.endsWith('(cont.)'));
    const dates = headings.map(sortableDate);
    expect(dates).toEqual([...dates].sort());
    expect(headings).toContain(
      '▶ 12 December 2023: Attack on a police station / security post in Daraban, Dera Ismail Khan',
    );
    // Every dataset event a claim about the incident names is on it.
    const incidentClaims = dataset.claimsByIncident.get('daraban-2023-12-12') ?? [];
    const named = dataset.events.filter((event) => incidentClaims.some((c) => c.about.includes(event.id)));
    expect(named.length).toBeGreaterThan(3);
    for (const event of named)
      expect(
        headings.some((h) => h.includes(event.title)),
        event.id,
      ).toBe(true);
    // …and no event that none of them names.
    for (const event of dataset.events.filter((e) => !named.includes(e))) {
      expect(
        headings.some((h) => h.includes(event.title)),
        event.id,
      ).toBe(false);
    }
    expect(
      headings.indexOf(
        '2023 (month not given): Military operation against a militant hide-out in the Dera Ismail Khan district',
      ),
    ).toBeLessThan(headings.findIndex((h) => h.startsWith('January 2023')));
  });

  it('gives each item its source and a claim line, and says when only one source reports it', () => {
    const ran = run(timeline, dataset);
    const peshawar = section(ran, 'January 2023 (day not given): Suicide bombing of a mosque in Peshawar');
    expect(peshawar).toContain(
      '• In January 2023, at least 101 people were killed when a suicide bomber targeted a mosque in Peshawar. — indileak.com',
    );
    expect(peshawar).toContain('ℹ️ Only indileak.com reports this');
    const takeover = section(ran, '2021 (month not given): The Taliban take power in Afghanistan');
    expect(takeover).toContain('Reported by 2 reports: indileak.com and countryroque.com');
    expect(takeover).toContain('Date: the reports say "in 2021"');
  });

  it('traces each item to its quotes in one click', () => {
    const ran = run(timeline, dataset);
    const offered = quotesOffered(ran);
    // Every event on the timeline is offered, by its title.
    const events = dataset.events.filter((e) => ran.fields.some((f) => f.name.endsWith(`: ${e.title}`)));
    expect(events.length).toBeGreaterThan(3);
    expect(offered.map((o) => o.value)).toEqual(expect.arrayContaining(events.map((e) => e.id)));
    const peshawar = section(
      wholeReply(choose(ran, QUOTES_MENU, 'peshawar-mosque-bombing-2023')),
      'Suicide bombing',
    );
    expect(peshawar).toContain('— indileak.com: “In January, at least 101 people were killed');
    const takeover = section(
      wholeReply(choose(ran, QUOTES_MENU, 'taliban-takeover-2021')),
      'The Taliban take power',
    );
    expect(takeover).toMatch(/— indileak\.com, authorities said: “/);
    expect(takeover).toMatch(/— countryroque\.com: “/);
  });

  it('shows the incident with its timestamp and the sources that date it, their quotes one click away', () => {
    const ran = run(timeline, dataset);
    const self = section(ran, '▶ 12 December 2023');
    expect(self).toContain('<t:1702364400:R>');
    // Both reports date it the same way: one line naming both, in the data's words for the point.
    expect(self).toContain(
      '• Time of the attack: early on Tuesday 12 December 2023, before dawn — indileak.com and countryroque.com',
    );
    expect(self).toContain('Reported by 2 reports: indileak.com and countryroque.com');
    const quotes = section(wholeReply(choose(ran, QUOTES_MENU, 'attack.time')), 'Time of the attack');
    expect(quotes).toContain('indileak.com: “Dera Ismail Khan early Tuesday”');
    expect(quotes).toContain('countryroque.com: “The pre-dawn raid occurred');
  });

  it('never throws on hostile input and refuses unknown incidents helpfully', () => {
    for (const typed of HOSTILE_INPUTS) run(timeline, dataset, { incident: typed });
    expect(run(timeline, dataset, { incident: 'nowhere' }).text).toContain('Unknown incident');
  });
});

describe('/timeline with an event known only to fall between two days', () => {
  it('shows the window and lists the event after the attack it follows', async () => {
    const edited = await loadEditedDataset(async (copy) => {
      await copy.write(
        'context/later.yaml',
        "events:\n  - id: demarche-2023\n    title: Islamabad issues a demarche\n    date: '2023-12-12'\n    date_until: '2023-12-13'\n    kind: political\n",
      );
      await copy.replaceInClaim(
        SOURCE_000,
        'indileak.bugti.condemned',
        'about: [bugti]',
        'about: [bugti, demarche-2023]',
      );
    });
    const headings = run(timeline, edited).fields.map((f) => f.name);
    const attack = headings.findIndex((h) => h.startsWith('▶ 12 December 2023'));
    expect(headings[attack + 1]).toBe('between 12 and 13 December 2023: Islamabad issues a demarche');
  });

  it('refuses a last day before the first', async () => {
    const error = await datasetErrorAfter((copy) =>
      copy.write(
        'context/later.yaml',
        "events:\n  - id: demarche-2023\n    title: A demarche\n    date: '2023-12-13'\n    date_until: '2023-12-12'\n    kind: political\n",
      ),
    );
    expect(error.problems.map((p) => [p.field, p.message])).toEqual([
      ['events[0].date_until', 'expected a last day after the first (date)'],
    ]);
  });
});

describe('/timeline with the times of day the reports give', () => {
  async function withTimes(first: string, second: string) {
    return loadEditedDataset(async (copy) => {
      await copy.replaceInClaim(
        SOURCE_000,
        'indileak.time',
        'status: reported',
        `status: reported\n    time: ${first}`,
      );
      await copy.replaceInClaim(
        SOURCE_002,
        'atleast23.time',
        'status: reported',
        `status: reported\n    time: ${second}`,
      );
    });
  }

  it('shows each time with its report, and says when they cannot both be right', async () => {
    const attack = (d: Dataset) =>
      section(
        run(timeline, d),
        '▶ 12 December 2023: Attack on a police station / security post in Daraban, Dera Ismail Khan',
      );
    expect(attack(await withTimes("{at: '02:30', about: true}", "{at: '02:50'}"))).toContain(
      'Time of day given: about 02:30 indileak.com · 02:50 countryroque.com, consistent',
    );
    expect(attack(await withTimes("{at: '02:30', about: true}", "{at: '04:00'}"))).toContain(
      '⚠️ Sources differ on the time of day: about 02:30 indileak.com vs 04:00 countryroque.com',
    );
  });

  it('refuses a time not written HH:MM', async () => {
    const error = await datasetErrorAfter(async (copy) => {
      await copy.replaceInClaim(
        SOURCE_000,
        'indileak.time',
        'status: reported',
        "status: reported\n    time: {at: '2:30 am'}",
      );
    });
    expect(error.problems.map((p) => p.message)).toEqual([
      'expected a time of day written HH:MM, 24-hour, such as "02:30"',
    ]);
  });
});
