/** The specifications drawn: their lines are the chart's headings and figures, each placed as it reads. */
import { beforeAll, describe, expect, it } from 'vitest';
import { casualtiesChart, type FiguresChart } from '../../src/chart/figures.js';
import { axisEnd, figurePictures, headingLines, panelData, pictureSpec } from '../../src/chart/spec.js';
import { defaultIncident } from '../../src/dataset/dataset.js';
import { loadStory } from '../helpers/dataset-fixture.js';

let chart: FiguresChart;
beforeAll(async () => {
  const dataset = await loadStory();
  const incident = defaultIncident(dataset);
  if (!incident) throw new Error('no incident');
  chart = casualtiesChart(dataset, incident) as FiguresChart;
});

describe('the pictures’ specifications', () => {
  it('hold every measure once, in the reply’s order, each figure with its words, and nothing else', () => {
    const pictures = figurePictures(chart);
    const panels = pictures.flatMap((p) => p.panels);
    expect(panels.map((p) => p.heading)).toEqual(chart.rows.map((r) => r.heading));
    for (const [i, panel] of panels.entries()) {
      const row = chart.rows[i];
      const words = panelData(panel).map((l) => l.text.replace(/^↳ /, ''));
      // Each figure's words, whole on one line or in two, amount first.
      expect(words.join('  ')).toBe(row?.marks.map((m) => `${m.amount}  ${m.who}`).join('  '));
      expect(panelData(panel).filter((l) => 'shape' in l)).toHaveLength(row?.marks.length ?? 0);
    }
    for (const picture of pictures) {
      const spec = pictureSpec(picture) as { vconcat: { title: { text: string[] } }[] };
      expect(spec.vconcat.map((v) => v.title.text.join(' '))).toEqual(picture.panels.map((p) => p.heading));
    }
  });

  it('runs an open-ended figure to its axis’s end, and keeps every exact figure inside its axis', () => {
    for (const panel of figurePictures(chart).flatMap((p) => p.panels)) {
      const end = axisEnd(panel);
      const drawn = panelData(panel).filter((l) => 'shape' in l);
      for (const [i, line] of panel.lines.entries()) {
        const datum = drawn[i] as { lo: number; end: number; runsOn: boolean };
        expect(datum.runsOn).toBe(line.hi === null);
        if (line.shape === 'point') expect(line.lo).toBeLessThan(end);
        if (line.hi === null) expect(datum.end).toBe(end);
      }
    }
  });

  it('wraps a long heading in whole words rather than cutting it', () => {
    const heading =
      'Security forces killed (officers, soldiers): this incident, the Darazinda operation and the Kulachi operation, together';
    const lines = headingLines(heading);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(heading);
  });
});
