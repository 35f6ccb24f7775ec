import { beforeAll, describe, expect, it } from 'vitest';
import { context } from '../../commands/context.js';
import { CONTEXT_TOPICS, contextPool } from '../../src/briefing/context.js';
import { escapeText } from '../../src/briefing/markdown.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadSeeds } from '../helpers/dataset-fixture.js';
import {
  choose,
  everyPart,
  expectIncreasing,
  HOSTILE_INPUTS,
  positions,
  QUOTES_MENU,
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

const complete = (value: string) =>
  context.autocomplete?.({ name: 'topic', value }, { options: {} }, { dataset, now: new Date() }) ?? [];

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

describe('/context', () => {
  it('shows every context claim exactly once by default, with its source, in parts a click apart', () => {
    const parts = everyPart(runFirstPart(context, dataset));
    const fields = parts.flatMap((part) => part.fields);
    const raw = fields.map((f) => f.value).join('\n');
    const pool = contextPool(dataset, 'daraban-2023-12-12');
    expect(pool.length).toBeGreaterThan(20);
    for (const claim of dataset.claims.filter((c) => c.topic === 'context')) {
      const shown = occurrences(raw, `${escapeText(claim.statement)} `);
      // A position other reports hold too is said once, in the data's words, with all their labels.
      if (claim.point) expect(shown, claim.id).toBeLessThanOrEqual(1);
      else expect(shown, claim.id).toBe(1);
    }
    const sources = fields.filter((f) => f.name === 'Sources').map((f) => f.value);
    expect(sources.join('\n')).toContain('countryroque.com (outlet unknown), undated');
    // Each part is one message, with buttons to the others.
    for (const [i, part] of parts.entries()) {
      const others = part.components.filter((c) => /^Part \d+ of \d+$/.test(c.label)).map((c) => c.label);
      expect(others).toEqual(
        [
          i > 0 ? `Part ${i} of ${parts.length}` : '',
          i < parts.length - 1 ? `Part ${i + 2} of ${parts.length}` : '',
        ].filter(Boolean),
      );
    }
  });

  it('places: the province, the district and the border, with what each source says', () => {
    const places = run(context, dataset, { topic: 'places' });
    expect(places.fields.map((f) => f.name)).toContain('Khyber Pakhtunkhwa (province)');
    expect(places.fields.map((f) => f.name)).toContain('Pakistan-Afghanistan border (border)');
    const kp = section(places, 'Khyber Pakhtunkhwa (province)');
    // The two reports make the same point: one line, naming both; said once.
    expect(kp).toMatch(
      /^• On the Afghan border: Khyber Pakhtunkhwa borders Afghanistan — indileak\.com and countryroque\.com$/m,
    );
    expect(kp.match(/borders Afghanistan/g)).toHaveLength(1);
    expect(kp).toMatch(/2023 · Khyber Pakhtunkhwa has seen a surge in violence/);
    // Their words, one click away.
    const quotes = section(
      wholeReply(choose(places, QUOTES_MENU, 'khyber-pakhtunkhwa')),
      'Khyber Pakhtunkhwa',
    );
    expect(quotes).toMatch(/Khyber Pakhtunkhwa province borders Afghanistan\. — indileak\.com: “/);
    expect(quotes).toMatch(/Khyber Pakhtunkhwa Province borders Afghanistan\. — countryroque\.com: “/);
  });

  it('relations: Pakistan-Afghanistan tensions and who harbours whom', () => {
    const ran = run(context, dataset, { topic: 'relations' });
    const relations = section(ran, 'Between countries and groups');
    expect(relations).toContain(
      'Tensions have been rising between Pakistan and Afghanistan. — countryroque.com',
    );
    expect(relations).toMatch(
      /TTP — harboured by → Afghan Taliban: Pakistan accuses .* countryroque\.com, Pakistan claimed/,
    );
    const quotes = section(wholeReply(choose(ran, QUOTES_MENU, 'afghan-taliban')), 'Afghan Taliban');
    expect(quotes).toMatch(/Pakistan accuses .*\(official\) — countryroque\.com, Pakistan claimed .*: “/);
  });

  it('groups: the TTP, its surge since 2022 and its havens in Afghanistan', () => {
    const ttp = section(run(context, dataset, { topic: 'groups' }), 'Tehreek-e-Taliban Pakistan (TTP)');
    expect(ttp).toContain('intensified their attacks on security forces since 2022');
    expect(ttp).toContain('living openly in Afghanistan since the Taliban takeover');
  });

  it('related events: dated, oldest first, with the reports’ figures', () => {
    const ran = run(context, dataset, { topic: 'related events' });
    const headings = ran.fields.map((f) => f.name).filter((n) => !n.startsWith('Sources'));
    const order = positions(headings.join('\n'), [
      '2021 (month not given): The Taliban take power',
      '2022 (month not given)',
      'January 2023 (day not given): Suicide bombing of a mosque in Peshawar',
      'May 2023 (day not given): TTP commander Iqbal',
      '3 November 2023: Bombing targeting the local police',
    ]);
    expectIncreasing(order);
    expect(ran.text).toContain('at least 101 people were killed');
    expect(ran.text).toContain('about $35,000');
  });

  it('explains unknown topics', () => {
    const unknown = run(context, dataset, { topic: 'weather' });
    expect(unknown.embeds[0]?.title).toBe('Unknown context topic');
    for (const t of ['places', 'relations', 'groups', 'related-events']) expect(unknown.text).toContain(t);
  });

  it('suggests the nearest topic for a typo', () => {
    expect(run(context, dataset, { topic: 'placs' }).embeds[0]?.description).toContain(
      'Did you mean “places”?',
    );
    expect(run(context, dataset, { topic: 'weather' }).embeds[0]?.description).not.toContain('Did you mean');
  });

  it('never throws on hostile input', () => {
    for (const typed of HOSTILE_INPUTS) run(context, dataset, { topic: typed });
  });

  it('autocompletes the topics that have items, with counts, at most 25', () => {
    const all = complete('');
    expect(all.length).toBeLessThanOrEqual(25);
    expect(all.map((c) => c.value)).toEqual(
      CONTEXT_TOPICS.filter((t) => t !== 'other'), // nothing in the seed dataset falls outside the topics
    );
    expect(all.every((c) => /\(\d+ items?\)$/.test(c.name))).toBe(true);
    expect(complete('rel').map((c) => c.value)).toEqual(['relations', 'related-events']);
  });
});
