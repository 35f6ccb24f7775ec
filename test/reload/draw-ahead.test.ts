/**
 * Pictures drawn ahead in a child process: every incident's chart comes back as decodable PNGs and
 * is kept, so the first ask is a cache hit; an ask while they are being drawn waits for them; and
 * when the child cannot draw them, the first ask draws them here.
 */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { drawCharts, isDrawn } from '../../src/chart/draw.js';
import { casualtiesChart } from '../../src/chart/figures.js';
import { figurePictures } from '../../src/chart/spec.js';
import { loadDataset } from '../../src/dataset/load.js';
import { drawAhead } from '../../src/reload/draw-ahead.js';
import { storyDir } from '../helpers/dataset-fixture.js';

describe('drawAhead', () => {
  it('keeps every incident’s pictures drawn in the child, so the first ask here is already drawn', async () => {
    const dir = await storyDir();
    const dataset = await loadDataset(dir);
    const charts = dataset.incidents.flatMap((i) => casualtiesChart(dataset, i) ?? []);
    expect(charts.length).toBeGreaterThan(0);
    expect(charts.some(isDrawn)).toBe(false);
    const drawing = drawAhead(dir, dataset);
    // Asked before the child is done: not ready yet, and the ask waits for the child's pictures.
    expect(charts.some(isDrawn)).toBe(false);
    const asked = drawCharts(charts[0] as NonNullable<(typeof charts)[0]>);
    expect(await drawing).toBe(charts.length);
    for (const chart of charts) {
      expect(isDrawn(chart)).toBe(true);
      const files = await drawCharts(chart);
      expect(files.map((f) => f.name)).toEqual(figurePictures(chart).map((p) => p.name));
      for (const f of files) expect(PNG.sync.read(Buffer.from(f.png.data)).width).toBe(f.png.width);
    }
    expect(await asked).toBe(await drawCharts(charts[0] as NonNullable<(typeof charts)[0]>));
  });

  it('rejects when the child cannot read the folder, and the pictures are then drawn when asked', async () => {
    const dataset = await loadDataset(await storyDir());
    const chart = casualtiesChart(dataset, dataset.incidents[0] as (typeof dataset.incidents)[0]);
    if (!chart) throw new Error('no chart');
    const failed = { ...dataset, version: `${dataset.version}-elsewhere` };
    const elsewhere = casualtiesChart(failed, failed.incidents[0] as (typeof failed.incidents)[0]);
    if (!elsewhere) throw new Error('no chart');
    await expect(drawAhead('/nonexistent/briefing-data', failed)).rejects.toThrow(
      /exit code 1[\s\S]*expected a folder sources/,
    );
    expect(isDrawn(elsewhere)).toBe(false);
    const files = await drawCharts(elsewhere);
    expect(files.map((f) => f.name)).toEqual(figurePictures(elsewhere).map((p) => p.name));
  });
});
