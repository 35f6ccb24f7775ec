/**
 * The chart drawn for real: Vega-Lite to SVG to PNG with the shipped fonts, and the PNG decoded
 * (pngjs) to check what a reader gets: its size, its own background, its marks' colours.
 */
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { casualtyComparisons } from '../../src/briefing/casualties.js';
import { drawCharts, isDrawn } from '../../src/chart/draw.js';
import { type FiguresChart, figuresChart } from '../../src/chart/figures.js';
import { CHART_STYLE, chartSpec, FIGURES_SUBTITLE, figurePanels } from '../../src/chart/spec.js';
import { type Dataset, defaultIncident } from '../../src/dataset/dataset.js';
import { loadSeeds, loadStory } from '../helpers/dataset-fixture.js';

const charts: Record<string, FiguresChart> = {};
beforeAll(async () => {
  for (const [name, dataset] of [
    ['seeds', await loadSeeds()],
    ['story', await loadStory()],
  ] as const) {
    const incident = defaultIncident(dataset as Dataset);
    if (!incident) throw new Error('no incident');
    charts[name] = figuresChart(dataset, incident.title, casualtyComparisons(dataset, incident));
  }
});

function hex(colour: string): [number, number, number] {
  return [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG's contrast ratio of two sRGB colours. */
function contrast(a: string, b: string): number {
  const luminance = (c: string) => {
    const [r, g, bl] = hex(c).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('the figures chart, drawn', () => {
  it.each(['seeds', 'story'])(
    'on %s: a PNG that decodes at the size drawn, on its own white background',
    async (name) => {
      const chart = charts[name] as FiguresChart;
      const files = await drawCharts(chart);
      expect(files[0]?.name).toBe('figures.png');
      expect(files[0]?.description).toBe(chart.alt);
      for (const file of files) {
        const image = PNG.sync.read(Buffer.from(file.png.data));
        expect([image.width, image.height]).toEqual([file.png.width, file.png.height]);
        expect(image.width).toBeGreaterThanOrEqual(CHART_STYLE.labelWidth + CHART_STYLE.plotWidth);
        // Its corner is the chart's own background, whatever Discord's theme behind it.
        expect([...image.data.subarray(0, 4)]).toEqual([...hex(CHART_STYLE.background), 255]);
      }
      // Taller for more lines: every mark and heading has a line of its own.
      const lines = chart.rows.reduce((n, r) => n + 1 + r.marks.length, 0);
      expect(files[0]?.png.height).toBeGreaterThanOrEqual(lines * CHART_STYLE.lineHeight);
    },
  );

  it('paints the first group’s colour where the figures are', async () => {
    const files = await drawCharts(charts.seeds as FiguresChart);
    const image = PNG.sync.read(Buffer.from(files[0]?.png.data ?? []));
    const [r, g, b] = hex(CHART_STYLE.palette[0]);
    let painted = 0;
    for (let i = 0; i < image.data.length; i += 4)
      if (image.data[i] === r && image.data[i + 1] === g && image.data[i + 2] === b) painted++;
    expect(painted).toBeGreaterThan(50);
  });

  it('draws a chart once per key: asked again, the same picture comes back', async () => {
    const chart = charts.seeds as FiguresChart;
    const first = await drawCharts(chart);
    expect(isDrawn(chart)).toBe(true);
    expect(await drawCharts({ ...chart })).toBe(first);
  });

  it('adds how the figures developed when reports were published on different days', async () => {
    const story = await drawCharts(charts.story as FiguresChart);
    expect(story.map((f) => f.name)).toEqual(['figures.png', 'figures-by-day.png']);
    expect(story[1]?.description).toBe(charts.story?.tollAlt);
    expect((await drawCharts(charts.seeds as FiguresChart)).map((f) => f.name)).toEqual(['figures.png']);
  });
});

describe('its style', () => {
  it('writes text of at least 14 px, in colours of at least 4.5:1 on its background', () => {
    const spec = chartSpec('t', FIGURES_SUBTITLE, figurePanels(charts.seeds as FiguresChart)) as {
      config: { axis: { labelFontSize: number } };
      title: { fontSize: number; subtitleFontSize: number };
    };
    expect(
      Math.min(spec.config.axis.labelFontSize, spec.title.fontSize, spec.title.subtitleFontSize),
    ).toBeGreaterThanOrEqual(14);
    for (const colour of [CHART_STYLE.text, CHART_STYLE.muted, ...CHART_STYLE.palette])
      expect(contrast(colour, CHART_STYLE.background), colour).toBeGreaterThanOrEqual(4.5);
  });
});
