/**
 * The chart drawn for real: laid out, written as SVG, drawn to PNG with the shipped fonts, and the PNG decoded
 * (pngjs) to check what a reader gets: its size, its own background, its marks' colours.
 */
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { casualtyComparisons } from '../../src/briefing/casualties.js';
import { drawCharts, drawPictures, isDrawn, textFit } from '../../src/chart/draw.js';
import { type FiguresChart, figuresChart } from '../../src/chart/figures.js';
import { CHART_STYLE, figurePictures, pictureLayout } from '../../src/chart/spec.js';
import { pictureSvg } from '../../src/chart/svg.js';
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

/** The text's size where Discord shows the picture, scaled down into about 400 by 300 pixels. */
function shownFontSize(width: number, height: number): number {
  const cssWidth = width / CHART_STYLE.scale;
  const cssHeight = height / CHART_STYLE.scale;
  return CHART_STYLE.fontSize * Math.min(1, 400 / cssWidth, 300 / cssHeight);
}

describe('the figures chart, drawn', () => {
  it.each(['seeds', 'story'])(
    'on %s: PNGs that decode at the size drawn, on their own white background',
    async (name) => {
      const chart = charts[name] as FiguresChart;
      const files = await drawCharts(chart);
      const pictures = figurePictures(chart);
      expect(files.map((f) => [f.name, f.description])).toEqual(pictures.map((p) => [p.name, p.alt]));
      for (const file of files) {
        const image = PNG.sync.read(Buffer.from(file.png.data));
        expect([image.width, image.height]).toEqual([file.png.width, file.png.height]);
        // Its corner is the chart's own background, whatever Discord's theme behind it.
        expect([...image.data.subarray(0, 4)]).toEqual([...hex(CHART_STYLE.background), 255]);
      }
    },
  );

  /** A picture of several measures keeps its text at 10 px or more, scaled into Discord's frame. */
  async function expectLegible(chart: FiguresChart): Promise<void> {
    const files = await drawCharts(chart);
    const pictures = figurePictures(chart);
    for (const [i, file] of files.entries()) {
      const image = PNG.sync.read(Buffer.from(file.png.data));
      if ((pictures[i]?.panels.length ?? 0) > 1)
        expect(shownFontSize(image.width, image.height), file.name).toBeGreaterThanOrEqual(10);
    }
  }

  it('on seeds: text of 10 px or more where Discord shows the pictures', () =>
    expectLegible(charts.seeds as FiguresChart));

  it('on story: text of 10 px or more where Discord shows the pictures', () =>
    expectLegible(charts.story as FiguresChart));

  it('paints the first group’s colour where the figures are', async () => {
    const files = await drawCharts(charts.seeds as FiguresChart);
    const image = PNG.sync.read(Buffer.from(files[0]?.png.data ?? []));
    const [r, g, b] = hex(CHART_STYLE.palette[0]);
    let painted = 0;
    for (let i = 0; i < image.data.length; i += 4)
      if (image.data[i] === r && image.data[i + 1] === g && image.data[i + 2] === b) painted++;
    expect(painted).toBeGreaterThan(50);
  });

  it('draws a chart once per key: asked again, the same pictures come back', async () => {
    const chart = charts.seeds as FiguresChart;
    const first = await drawCharts(chart);
    expect(isDrawn(chart)).toBe(true);
    expect(await drawCharts({ ...chart })).toBe(first);
  });

  it('draws a character the font lacks as one �, not an empty box, and keeps what it has', async () => {
    const glyphs = (await textFit()).drawable;
    expect(glyphs('Dawn, 23 · “at least” ▶')).toBe('Dawn, 23 · “at least” ▶');
    // An Egyptian hieroglyph and a zombie emoji with its joiner and gender sign: one � each.
    expect(glyphs('Dawn 𓀀 🧟‍♂️')).toBe('Dawn \ufffd \ufffd');
  });

  it('keeps a 1,000-character name and emoji to the words’ column: the picture is no wider', async () => {
    const [picture] = figurePictures(charts.seeds as FiguresChart);
    if (!picture) throw new Error('no picture');
    const hostile = structuredClone(picture);
    for (const line of hostile.panels.flatMap((p) => p.lines)) line.who = `🧟‍♂️𓀀 ${'x'.repeat(1000)}`;
    hostile.name = 'hostile.png';
    const key = 'a hostile picture';
    const [plain] = await drawCharts(charts.seeds as FiguresChart);
    const [drawn] = await drawPictures(key, [hostile]);
    expect([drawn?.png.width, drawn?.png.height]).toEqual([plain?.png.width, plain?.png.height]);
  });
});

describe('its style', () => {
  it('writes text of at least 14 px, in colours of at least 4.5:1 on its background', async () => {
    const [picture] = figurePictures(charts.seeds as FiguresChart);
    if (!picture) throw new Error('no picture');
    const svg = pictureSvg(pictureLayout(picture, await textFit()));
    const sizes = [...svg.matchAll(/font-size="(\d+)"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
    const colours = new Set(
      [...svg.matchAll(/<text [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1] as string),
    );
    expect(colours.size).toBeGreaterThan(0);
    for (const colour of colours)
      expect(contrast(colour, CHART_STYLE.background), colour).toBeGreaterThanOrEqual(4.5);
    for (const colour of [CHART_STYLE.text, CHART_STYLE.muted, ...CHART_STYLE.palette])
      expect(contrast(colour, CHART_STYLE.background), colour).toBeGreaterThanOrEqual(4.5);
  });
});
