/**
 * /quotes, and every figure traced to its quote in one click: a reply shows figures and points at a
 * glance, and its "The quotes behind…" menu offers each measure and point it shows; choosing one
 * runs /quotes on it, which lists every claim behind it, each with its source and verbatim quote.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../commands/ask.js';
import { casualties } from '../../commands/casualties.js';
import { compare } from '../../commands/compare.js';
import { digest } from '../../commands/digest.js';
import { incident } from '../../commands/incident.js';
import { lookup } from '../../commands/lookup.js';
import { quotes } from '../../commands/quotes.js';
import { measureLabel, pointHeading } from '../../src/briefing/comparisons.js';
import { sourceTag } from '../../src/briefing/sources.js';
import { comparisonClaims } from '../../src/compare/compare.js';
import { compareFigures } from '../../src/compare/figures.js';
import { compareStatements } from '../../src/compare/statements.js';
import { type Dataset, defaultIncident } from '../../src/dataset/dataset.js';
import { fitChoices } from '../../src/render/render.js';
import { loadSeeds, loadStory } from '../helpers/dataset-fixture.js';
import {
  ASKED,
  choose,
  everyPart,
  HOSTILE_INPUTS,
  NOW,
  QUOTES_MENU,
  quotesOffered,
  type Ran,
  readable,
  run,
  section,
} from './support.js';

const datasets: Record<string, Dataset> = {};
beforeAll(async () => {
  datasets.seeds = await loadSeeds();
  datasets.story = await loadStory();
});

/** Every reply that shows figures or points, as a user gets it. */
function replies(dataset: Dataset): [string, Ran][] {
  const incidentId = defaultIncident(dataset)?.id ?? '';
  const topics = [...new Set((dataset.claimsByIncident.get(incidentId) ?? []).map((c) => c.topic))];
  return [
    ['/casualties', run(casualties, dataset)],
    ['/incident', run(incident, dataset)],
    ...topics.map((topic): [string, Ran] => [`/compare ${topic}`, run(compare, dataset, { topic })]),
    ...ASKED.map((question): [string, Ran] => [`/ask ${question}`, run(ask, dataset, { question })]),
    ...ASKED.map((text): [string, Ran] => [`lookup ${text}`, run(lookup, dataset, {}, { targetText: text })]),
    ['/digest preview', run(digest, dataset, {}, { subcommand: 'preview' })],
  ];
}

/** The lines a reader sees: every part's titles, descriptions, field names and values. */
function shownLines(ran: Ran): string[] {
  return everyPart(ran).flatMap((part) =>
    part.embeds.flatMap((e) => [
      ...readable(e.description ?? '').split('\n'),
      ...(e.fields ?? []).flatMap((f) => [readable(f.name), ...readable(f.value).split('\n')]),
    ]),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The measures and points whose label the reply shows as such: a heading, or before ":" or ";". */
function shownMeasuresAndPoints(dataset: Dataset, ran: Ran): string[] {
  const lines = shownLines(ran);
  const labels = [
    ...dataset.measures.map((m) => ({ id: m.id, label: measureLabel(dataset, m.id) })),
    ...dataset.points.map((p) => ({ id: p.id, label: pointHeading(dataset, p.id) })),
  ];
  return labels
    .filter(({ label }) => {
      const named = new RegExp(`(?:^|[\\s·])${escapeRegExp(label)}(?=$|:|;)`);
      return lines.some((line) => named.test(line));
    })
    .map(({ id }) => id);
}

/** The claims behind a measure or point of the incident: every comparison of it, every claim of each. */
function claimsBehind(dataset: Dataset, id: string) {
  const claims = dataset.claimsByIncident.get(defaultIncident(dataset)?.id ?? '') ?? [];
  return [...compareFigures(claims, dataset), ...compareStatements(claims, dataset)]
    .filter((c) => (c.kind === 'figures' ? c.measure === id : c.point === id))
    .flatMap(comparisonClaims);
}

describe.each(['seeds', 'story'])('every figure and point shown on the %s', (name) => {
  it('is offered in the reply’s "The quotes behind…" menu', () => {
    const dataset = datasets[name] as Dataset;
    const missing: string[] = [];
    for (const [what, ran] of replies(dataset)) {
      const offered = new Set(quotesOffered(ran).map((o) => o.value));
      const shown = shownMeasuresAndPoints(dataset, ran);
      if (what === '/casualties' || what.startsWith('/ask how many'))
        expect(shown.length, `${what} shows figures`).toBeGreaterThan(0);
      for (const id of shown) if (!offered.has(id)) missing.push(`${what}: ${id}`);
    }
    expect(missing).toEqual([]);
  });

  it('traces in one click to every claim behind it, each with its source and verbatim quote', () => {
    const dataset = datasets[name] as Dataset;
    const measuresAndPoints = new Set([...dataset.measures, ...dataset.points].map((m) => m.id));
    const untraced: string[] = [];
    const traced = new Set<string>();
    for (const [what, ran] of replies(dataset)) {
      for (const option of quotesOffered(ran).filter((o) => measuresAndPoints.has(o.value))) {
        if (traced.has(option.value)) continue;
        const shown = choose(ran, QUOTES_MENU, option.value);
        expect(shown.embeds[0]?.title, `${what}: ${option.value}`).toBe(`Quotes: ${option.label}`);
        const lines = shownLines(shown);
        const behind = claimsBehind(dataset, option.value);
        expect(behind.length, option.value).toBeGreaterThan(0);
        for (const claim of behind) {
          const quote = `“${claim.quote.replace(/\s+/g, ' ').trim()}”`;
          // "— Dawn: “…”" for the report's own voice, "— Dawn, officials said: “…”" for another.
          const cited = `— ${sourceTag(dataset, claim.source)}`;
          const citedHere = (line: string) => line.includes(`${cited}:`) || line.includes(`${cited},`);
          if (!lines.some((line) => citedHere(line) && line.includes(quote)))
            untraced.push(`${option.value}: ${claim.id} ${cited}${quote.slice(0, 60)}`);
        }
        traced.add(option.value);
      }
    }
    expect(traced.size).toBeGreaterThan(5);
    expect(untraced).toEqual([]);
  });
});

describe('/quotes', () => {
  it('takes what it is about (required, autocompleted), an incident and private', () => {
    const options = (
      quotes.definition as { options: { name: string; required?: boolean; autocomplete?: boolean }[] }
    ).options;
    expect(options.map((o) => o.name)).toEqual(['about', 'incident', 'private']);
    expect(options[0]).toMatchObject({ required: true, autocomplete: true });
  });

  it('finds a figure, a point or a name by its label as typed, in any case', () => {
    const dataset = datasets.seeds as Dataset;
    expect(run(quotes, dataset, { about: 'people INJURED' }).embeds[0]?.title).toBe('Quotes: People injured');
    expect(run(quotes, dataset, { about: 'Target' }).embeds[0]?.title).toBe('Quotes: Target');
    const qasim = run(quotes, dataset, { about: 'qasim' });
    expect(section(qasim, 'Mullah Muhammad Qasim')).toMatch(
      /— countryroque\.com, Mullah Muhammad Qasim .*: “/,
    );
  });

  it('finds a measure by a synonym the data declares, and suggests the nearest by its label’s words or a typo', () => {
    const dataset = datasets.story as Dataset;
    const distance = dataset.measures.find((m) => m.synonyms.includes('distance'));
    expect(distance, 'a measure with the synonym "distance"').toBeDefined();
    expect(run(quotes, dataset, { about: 'distance' }).embeds[0]?.title).toBe(`Quotes: ${distance?.label}`);
    const described = (about: string) => run(quotes, dataset, { about }).embeds[0]?.description ?? '';
    // Each word a word of the label, or its start: suggested, not guessed.
    expect(described('ismail khan city')).toContain(`Did you mean “${distance?.label}”`);
    expect(described('peple injred')).toMatch(/Did you mean “People injured”/);
    expect(described('the weather')).not.toContain('Did you mean');
  });

  it('autocompletes figures, then points, then names; the adapter sends the first 25', () => {
    const dataset = datasets.story as Dataset;
    const complete = (value: string) =>
      quotes.autocomplete?.({ name: 'about', value }, { options: {} }, { dataset, now: NOW }) ?? [];
    expect(complete('inj').map((c) => c.value)).toEqual(
      expect.arrayContaining(['injured', 'injured.critical']),
    );
    expect(complete('claimed').map((c) => c.value)).toContain('responsibility.claimed-by');
    const all = complete('');
    const measures = new Set(dataset.measures.map((m) => m.id));
    const firstOther = all.findIndex((c) => !measures.has(c.value));
    expect(firstOther).toBeGreaterThan(0);
    expect(all.slice(firstOther).some((c) => measures.has(c.value))).toBe(false);
    expect(fitChoices(all)).toHaveLength(25);
  });

  it('answers what it does not know, or nothing typed, with what has quotes', () => {
    const dataset = datasets.seeds as Dataset;
    for (const typed of ['the weather', '', '   ']) {
      const ran = run(quotes, dataset, { about: typed });
      expect(ran.embeds[0]?.title, typed).toBe('Quotes of what?');
      expect(section(ran, 'Figures, points and names')).toContain('People injured');
    }
  });

  it('answers privately when asked, and never throws on hostile input', () => {
    const dataset = datasets.seeds as Dataset;
    expect(run(quotes, dataset, { about: 'injured', private: true }).message.flags).toBe(64);
    for (const typed of HOSTILE_INPUTS) {
      run(quotes, dataset, { about: typed });
      run(quotes, dataset, { about: 'injured', incident: typed });
    }
  });
});
