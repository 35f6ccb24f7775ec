/** The specification drawn: its lines are the chart's headings and figures, each placed as it reads. */
import { beforeAll, describe, expect, it } from 'vitest';
import { casualtyComparisons } from '../../src/briefing/casualties.js';
import { type FiguresChart, figuresChart } from '../../src/chart/figures.js';
import { axisEnd, chartSpec, FIGURES_SUBTITLE, figurePanels, lineData } from '../../src/chart/spec.js';
import { defaultIncident } from '../../src/dataset/dataset.js';
import { loadStory } from '../helpers/dataset-fixture.js';

let chart: FiguresChart;
beforeAll(async () => {
  const dataset = await loadStory();
  const incident = defaultIncident(dataset);
  if (!incident) throw new Error('no incident');
  chart = figuresChart(dataset, incident.title, casualtyComparisons(dataset, incident));
});

describe('the chart’s specification', () => {
  it('holds a line for each heading and each figure, in the reply’s order, and nothing else', () => {
    const panels = figurePanels(chart);
    const lines = lineData(panels, axisEnd(panels));
    expect(lines.map((l) => l.label)).toEqual(
      chart.rows.flatMap((r) => [r.heading, ...r.marks.map((m) => `${m.amount}  ${m.who}`)]),
    );
    const spec = chartSpec('Figures by source', FIGURES_SUBTITLE, panels) as { data: { values: unknown[] } };
    expect(spec.data.values).toEqual(lines);
  });

  it('runs an open-ended figure to the axis’s end, and keeps every lower bound inside the axis', () => {
    const panels = figurePanels(chart);
    const end = axisEnd(panels);
    const lines = lineData(panels, end).flatMap((l) => (l.heading ? [] : [l]));
    const marks = chart.rows.flatMap((r) => r.marks);
    for (const [i, line] of lines.entries()) {
      const mark = marks[i];
      if (!mark) throw new Error('a line with no mark');
      expect(line.lo).toBe(mark.lo);
      expect(line.runsOn).toBe(mark.hi === null || mark.hi > end);
      if (mark.hi === null) expect(line.end).toBe(end);
    }
  });
});
