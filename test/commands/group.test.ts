import { beforeAll, describe, expect, it } from 'vitest';
import { group } from '../../commands/group.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';
import { choose, HOSTILE_INPUTS, QUOTES_MENU, run as runFirstPart, section, wholeReply } from './support.js';

/** A reply that lists, read to its end: every part's fields, each part a click away. */
const run = (...args: Parameters<typeof runFirstPart>) => wholeReply(runFirstPart(...args));

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadSeeds();
});

const complete = (value: string) =>
  group.autocomplete?.({ name: 'name', value }, { options: {} }, { dataset, now: new Date() }) ?? [];

describe('/group', () => {
  it('defaults to the group that claimed the incident, with its names', () => {
    const ran = run(group, dataset);
    expect(ran.embeds[0]?.title).toBe('Group: Tehreek-e-Jihad Pakistan (TJP)');
    expect(section(ran, 'Names')).toContain('T.J.P.');
  });

  it('shows every characterisation of TJP with who makes it, as facets rather than rival answers', () => {
    const ran = run(group, dataset);
    const characterised = section(ran, 'How the sources characterise it');
    expect(characterised).toContain(
      '✅ consistent: a splinter group of the TTP indileak.com · a relatively unknown militant group countryroque.com · a cover for other groups countryroque.com · a front organization of the TTP countryroque.com',
    );
    // Different angles on one group are not a dispute: none is declared to contradict another.
    expect(characterised).not.toContain('⚠️');
    expect(ran.embeds[0]?.color).toBe(0x4f6d7a);
    // Who says each, in their words, one click away.
    const quotes = section(
      wholeReply(choose(ran, QUOTES_MENU, 'tjp.characterisation')),
      'How TJP is characterised',
    );
    expect(quotes).toMatch(
      /^• a splinter group of the TTP indileak\.com\n {2}◦ .* — indileak\.com: “A splinter group of the TTP/m,
    );
    expect(quotes).toMatch(
      /^• a relatively unknown militant group countryroque\.com\n {2}◦ .* — countryroque\.com: /m,
    );
    expect(quotes).toMatch(
      /^• a cover for other groups countryroque\.com\n {2}◦ .* — countryroque\.com, Pakistani security officials believe: /m,
    );
    expect(quotes).toMatch(
      /^• a front organization of the TTP countryroque\.com\n {2}◦ .* \(analyst’s view\) — countryroque\.com, Asfandyar Mir /m,
    );
    expect(quotes).toContain('✅ Sources agree (different angles, none contradicting another)');
  });

  it('shows the claim of responsibility, the spokesman and the group’s own claims, labelled', () => {
    const ran = run(group, dataset);
    const responsibility = section(ran, 'Responsibility and its own statements');
    expect(responsibility).toContain('Claimed: Attack on a police station / security post in Daraban');
    expect(responsibility).toMatch(
      /^🏴 TJP's statement claimed that 20 officers were killed.* indileak\.com, TJP claimed/m,
    );
    expect(ran.embeds[0]?.footer?.text).toContain(
      '🏴 marks the group’s own claims, which no source has verified',
    );
    const people = section(ran, 'Its people');
    expect(people).toContain('Mullah Muhammad Qasim: spokesman of Tehreek-e-Jihad Pakistan (TJP)');
    expect(people).toMatch(
      /^🏴 .*Telegram.* countryroque\.com, Mullah Muhammad Qasim \(spokesman of Tehreek-e-Jihad Pakistan \(TJP\)\) said \(on the Telegram messaging app\)$/m,
    );
    const quotes = section(wholeReply(choose(ran, QUOTES_MENU, 'qasim')), 'Mullah Muhammad Qasim');
    expect(quotes).toMatch(
      /\(perpetrators’ claim, unverified\) — countryroque\.com, Mullah Muhammad Qasim .*: “/,
    );
  });

  it('shows relations to other groups and the history in date order', () => {
    const ran = run(group, dataset);
    const relations = section(ran, 'Relations to other groups');
    expect(relations).toContain('TJP — splinter of → TTP indileak.com');
    expect(relations).toContain('TJP — front for → TTP countryroque.com, Asfandyar Mir');
    expect(section(ran, 'History')).toContain('February 2023 (day not given): TJP gained prominence');
    const quotes = section(wholeReply(choose(ran, QUOTES_MENU, 'tjp')), 'TJP');
    expect(quotes).toContain('— indileak.com: “A splinter group of the TTP');
    expect(quotes).toMatch(
      /\(analyst’s view\) — countryroque\.com, Asfandyar Mir .*: “The T\.J\.P\. is a front organization of the T\.T\.P\.”/,
    );
  });

  it('finds any group by short name or alias, whatever the punctuation or case', () => {
    const ttp = run(group, dataset, { name: 'TTP' });
    expect(ttp.embeds[0]?.title).toBe('Group: Tehreek-e-Taliban Pakistan (TTP)');
    const relations = section(ttp, 'Relations to other groups');
    expect(relations).toContain('TTP — harboured by → Afghan Taliban');
    expect(relations).toContain('TJP — splinter of → TTP');
    const history = section(ttp, 'History').split('\n');
    expect(history.map((l) => l.match(/^• (\S+)/)?.[1])).toEqual(['2021', '2022', 'May']);
    expect(run(group, dataset, { name: 'T.J.P.' }).embeds[0]?.title).toBe(
      'Group: Tehreek-e-Jihad Pakistan (TJP)',
    );
    expect(run(group, dataset, { name: 'pakistani taliban' }).embeds[0]?.title).toContain('(TTP)');
  });

  it('answers an unknown name with a notice listing the known groups', () => {
    const ran = run(group, dataset, { name: 'Lashkar' });
    expect(ran.embeds[0]?.title).toBe('Unknown group');
    expect(ran.embeds[0]?.color).toBe(0xd4a017);
    const known = section(ran, 'Groups in the dataset');
    for (const g of dataset.groups) expect(known).toContain(g.name);
    expect(ran.text).toContain('No group matches “Lashkar”');
  });

  it('never throws on hostile input and never lets it format or ping', () => {
    for (const typed of HOSTILE_INPUTS) run(group, dataset, { name: typed });
    const ran = run(group, dataset, { name: '**@everyone** <@123>' });
    expect(ran.embeds[0]?.description).toContain('\\*\\*@everyone\\*\\*');
  });

  it('suggests the group nearest a misspelt name', () => {
    for (const { name } of dataset.groups) {
      const typed = `${name.slice(0, 3)}${name.slice(4)}`;
      expect(run(group, dataset, { name: typed }).embeds[0]?.description).toContain(`Did you mean “${name}”`);
    }
  });

  it('autocompletes groups by any of their names, at most 25', () => {
    expect(complete('').length).toBe(dataset.groups.length);
    expect(complete('t.t.p')[0]?.value).toBe('ttp');
    expect(complete('jihad').map((c) => c.value)).toEqual(['tjp']);
    expect(complete('x'.repeat(200))).toEqual([]);
  });
});
