/** The figures chart as data: every figure of /casualties, as the reply groups it, and nothing else. */
import { beforeAll, describe, expect, it } from 'vitest';
import { casualtyComparisons } from '../../src/briefing/casualties.js';
import { comparisonHeading } from '../../src/briefing/comparisons.js';
import { figuresChart, rowCounts, rowText } from '../../src/chart/figures.js';
import { conflictingGroups } from '../../src/compare/figures.js';
import { type Dataset, defaultIncident } from '../../src/dataset/dataset.js';
import { loadSeeds, loadStory } from '../helpers/dataset-fixture.js';

const datasets: Record<string, Dataset> = {};
beforeAll(async () => {
  datasets.seeds = await loadSeeds();
  datasets.story = await loadStory();
});

function chartOf(dataset: Dataset) {
  const incident = defaultIncident(dataset);
  if (!incident) throw new Error('no incident');
  const comparisons = casualtyComparisons(dataset, incident);
  return { comparisons, chart: figuresChart(dataset, incident.title, comparisons) };
}

describe.each(['seeds', 'story'])('the figures chart of %s', (name) => {
  it('has one row per measure the reply shows, in its order, with its conservative figure', () => {
    const dataset = datasets[name] as Dataset;
    const { comparisons, chart } = chartOf(dataset);
    expect(chart.rows.map((r) => r.heading)).toEqual(comparisons.map((c) => comparisonHeading(dataset, c)));
    for (const [i, c] of comparisons.entries())
      expect(chart.rows[i]?.conservative).toBe(c.groups.length > 1 ? c.conservative : null);
  });

  it('draws each figure once per origin: the reports’ own, and each statement they carry', () => {
    const dataset = datasets[name] as Dataset;
    const { comparisons, chart } = chartOf(dataset);
    for (const [i, c] of comparisons.entries()) {
      const marks = chart.rows[i]?.marks ?? [];
      const counted = marks.filter((m) => m.kind === 'reports' || m.kind === 'statement');
      const expected = c.groups.flatMap((g) => {
        const statements = new Set(
          g.reports.filter((r) => r.origin.startsWith('statement:')).map((r) => r.origin),
        );
        const own = g.reports.some((r) => !r.origin.startsWith('statement:')) ? 1 : 0;
        return Array.from({ length: own + statements.size }, () => g.amount);
      });
      expect(counted.map((m) => m.amount)).toEqual(expected);
      // Every report of every group is behind one of its marks, and no other.
      expect(counted.flatMap((m) => m.sources).sort()).toEqual(
        c.groups
          .flatMap((g) =>
            [...new Set(g.reports.map((r) => `${r.origin}|${r.claim.source}`))].map((k) => k.split('|')[1]),
          )
          .sort(),
      );
      const apart = marks.filter((m) => m.kind === 'claim');
      expect(apart).toHaveLength(c.perpetratorClaims.length);
      for (const m of apart) expect(m.who).toMatch(/perpetrators’ claim, unverified$/);
    }
  });

  it('gives conflicting figures different colours, and the marks of one group the same', () => {
    const dataset = datasets[name] as Dataset;
    const { comparisons, chart } = chartOf(dataset);
    for (const [i, c] of comparisons.entries()) {
      const colourOf = (amount: string) =>
        chart.rows[i]?.marks.find((m) => m.amount === amount && m.colour >= 0)?.colour;
      for (const g of c.groups) {
        const mine = chart.rows[i]?.marks.filter((m) => m.amount === g.amount && m.colour >= 0) ?? [];
        expect(new Set(mine.map((m) => m.colour)).size).toBe(1);
        for (const other of conflictingGroups(c, g))
          expect(colourOf(other.amount)).not.toBe(colourOf(g.amount));
      }
    }
  });

  it('says the same in its alt text, within Discord’s 1,024 characters: every figure, or each range when they do not fit', () => {
    const dataset = datasets[name] as Dataset;
    const { chart } = chartOf(dataset);
    expect(chart.alt.length).toBeLessThanOrEqual(1024);
    const row = chart.rows[0];
    if (!row) throw new Error('no row');
    expect(chart.alt).toContain(row.heading);
    // Every figure with its reports when that fits; else with how many reports give each; else
    // each measure's range.
    const tiers = [rowText(row), rowCounts(row), `${row.heading}: ${row.marks[0]?.amount}`];
    expect(tiers.some((t) => chart.alt.includes(t))).toBe(true);
    if (chart.rows.map(rowText).join(' ').length < 900) expect(chart.alt).toContain(rowText(row));
  });

  it('keys the image by dataset version and measures', () => {
    const dataset = datasets[name] as Dataset;
    const { chart } = chartOf(dataset);
    expect(chart.key.startsWith(`${dataset.version}|`)).toBe(true);
  });
});

describe('how the figures developed', () => {
  it('is empty when every report was published the same day or undated', () => {
    const { chart } = chartOf(datasets.seeds as Dataset);
    expect(chart.toll).toEqual([]);
  });

  it('lists, per measure whose figures changed from one day to the next, each day’s lowest to highest figure', () => {
    const dataset = datasets.story as Dataset;
    const { comparisons, chart } = chartOf(dataset);
    expect(chart.toll.length).toBeGreaterThan(0);
    for (const row of chart.toll) {
      const c = comparisons.find((x) => comparisonHeading(dataset, x) === row.heading);
      if (!c) throw new Error(`no comparison ${row.heading}`);
      const dates = row.days.map((d) => d.date);
      expect(dates).toEqual([...dates].sort());
      expect(new Set(row.days.map((d) => d.amount)).size).toBeGreaterThan(1);
      for (const day of row.days) {
        const that = c.reports.filter((r) => dataset.sourceById.get(r.claim.source)?.published === day.date);
        expect(day.lo).toBe(Math.min(...that.map((r) => r.interval.lo)));
        expect(day.hi).toBe(Math.max(...that.map((r) => r.interval.lo)));
        expect(day.sources.sort()).toEqual([...new Set(that.map((r) => r.claim.source))].sort());
      }
    }
    expect(chart.tollAlt.length).toBeLessThanOrEqual(1024);
  });
});
