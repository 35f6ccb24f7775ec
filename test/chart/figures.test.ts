/** The figures chart as data: every figure of /casualties, as the reply groups it, and nothing else. */
import { beforeAll, describe, expect, it } from 'vitest';
import { casualtyComparisons } from '../../src/briefing/casualties.js';
import { comparisonHeading } from '../../src/briefing/comparisons.js';
import { figuresChart, rowCounts, rowText } from '../../src/chart/figures.js';
import { conflictingGroups, type MeasureComparison } from '../../src/compare/figures.js';
import { type Dataset, defaultIncident } from '../../src/dataset/dataset.js';
import { labelOf } from '../../src/dataset/labels.js';
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
      // A measure with too many figures to list is drawn as their span (below).
      if (chart.rows[i]?.capped) continue;
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
      for (const m of apart) expect(m.who).toMatch(/^perpetrators’ claim · /);
    }
  });

  it('gives conflicting figures different colours, and the marks of one group the same', () => {
    const dataset = datasets[name] as Dataset;
    const { comparisons, chart } = chartOf(dataset);
    for (const [i, c] of comparisons.entries()) {
      // A measure with too many figures to list is drawn as their span (below).
      if (chart.rows[i]?.capped) continue;
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

describe('who and how many', () => {
  it('names each figure’s reports by the labels replies use, as a picture opened alone must, never by number', () => {
    const dataset = datasets.story as Dataset;
    const { chart } = chartOf(dataset);
    const marks = chart.rows.filter((r) => !r.capped).flatMap((r) => r.marks);
    for (const m of marks) {
      expect(m.sources.some((s) => m.who.includes(labelOf(dataset, s)))).toBe(true);
      expect(m.who).not.toMatch(/\[\d+\]/);
    }
    // A long list is shortened as replies shorten them: two labels, then how many more.
    expect(marks.some((m) => /^\S.*, .* \+\d+$/.test(m.who))).toBe(true);
  });

  it('tells a measure where reports differ from one with a single figure', () => {
    const { comparisons, chart } = chartOf(datasets.story as Dataset);
    for (const [i, c] of comparisons.entries())
      expect(chart.rows[i]?.differs).toBe(
        new Set([...c.groups.map((g) => g.amount), ...c.perpetratorClaims.map((r) => r.figure.value)]).size >
          1,
      );
  });

  it('draws a measure of 500 figures as their span, saying how many', () => {
    const dataset = datasets.story as Dataset;
    const { comparisons } = chartOf(dataset);
    const real = comparisons.find((c) => c.groups.length > 1) as MeasureComparison;
    const group = real.groups[0] as MeasureComparison['groups'][number];
    const groups = Array.from({ length: 500 }, (_, n) => ({
      ...group,
      amount: String(n + 1),
      interval: { lo: n + 1, hi: n + 1 },
    }));
    const many = { ...real, groups, conflicts: [], lowest: groups[0], highest: groups[499] };
    const row = figuresChart(dataset, 'Many', [many]).rows[0];
    const counted = row?.marks.filter((m) => m.kind === 'reports' || m.kind === 'statement') ?? [];
    expect(row?.capped).toBe(500);
    expect(counted).toHaveLength(1);
    expect(counted[0]).toMatchObject({ amount: '1 to 500', lo: 1, hi: 500, shape: 'span' });
    expect(counted[0]?.who).toMatch(/^500 figures from \d+ reports?: /);
  });
});
