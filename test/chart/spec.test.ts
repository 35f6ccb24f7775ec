/** The specifications drawn: their lines are the chart's headings and figures, each placed as it reads. */
import { beforeAll, describe, expect, it } from 'vitest';
import { textFit } from '../../src/chart/draw.js';
import { casualtiesChart, type FiguresChart } from '../../src/chart/figures.js';
import {
  axisDomain,
  axisTicks,
  CHART_STYLE,
  figurePictures,
  headingLines,
  LEGEND,
  type Line,
  MOST_PICTURES,
  type Panel,
  panelData,
  pictureLayout,
  shortened,
  type TextFit,
} from '../../src/chart/spec.js';
import { defaultIncident } from '../../src/dataset/dataset.js';
import { loadSeeds, loadStory } from '../helpers/dataset-fixture.js';

const charts: Record<string, FiguresChart> = {};
let fit: TextFit;
beforeAll(async () => {
  fit = await textFit();
  for (const [name, dataset] of [
    ['seeds', await loadSeeds()],
    ['story', await loadStory()],
  ] as const) {
    const incident = defaultIncident(dataset);
    if (!incident) throw new Error('no incident');
    charts[name] = casualtiesChart(dataset, incident) as FiguresChart;
  }
});

function line(over: Partial<Line>): Line {
  return {
    figure: '23',
    who: 'Dawn',
    lo: 23,
    hi: 23,
    shape: 'point',
    precise: true,
    apart: false,
    colour: 0,
    ...over,
  };
}

function panel(lines: Line[], conservative: number | null = null): Panel {
  return { heading: 'Killed', conservative, lines, capped: 0 };
}

describe.each(['seeds', 'story'])('the pictures of %s', (name) => {
  it('are at most two, and hold every measure where reports differ once, in the reply’s order, each figure with its words', () => {
    const chart = charts[name] as FiguresChart;
    const pictures = figurePictures(chart);
    expect(pictures.length).toBeGreaterThan(0);
    expect(pictures.length).toBeLessThanOrEqual(MOST_PICTURES);
    const panels = pictures.flatMap((p) => p.panels);
    // The measures where reports differ, in order, as many as the two pictures hold; the legend counts the rest.
    const differing = chart.rows.filter((r) => r.differs).map((r) => r.heading);
    expect(panels.map((p) => p.heading)).toEqual(differing.slice(0, panels.length));
    const more = differing.length - panels.length;
    if (more > 0)
      expect(pictures[0]?.legend).toContain(
        `${more} more measure${more === 1 ? '' : 's'} where reports differ: in the message.`,
      );
    for (const p of panels) {
      const row = chart.rows.find((r) => r.heading === p.heading);
      const words = panelData(p).filter((l) => 'shape' in l);
      expect(words.map((l) => l.text).sort()).toEqual(
        row?.marks.map((m) => shortened(`${m.amount} · ${m.who}`)).sort(),
      );
    }
    for (const picture of pictures) {
      const layout = pictureLayout(picture, fit);
      expect(layout.panels.map((p) => p.heading.map((h) => h.text).join(' '))).toEqual(
        picture.panels.map((p) => p.heading),
      );
      // Each line's words, whole or cut with … within the words' column, never over the number line.
      for (const [i, panel] of layout.panels.entries()) {
        const expected = panelData(picture.panels[i] as Panel).filter((l) => l.text);
        expect(panel.words).toHaveLength(expected.length);
        for (const [j, w] of panel.words.entries()) {
          const whole = expected[j]?.text ?? '';
          if (w.text !== whole) expect(whole.startsWith(w.text.replace(/…$/, ''))).toBe(true);
        }
        for (const w of panel.words)
          expect(w.x + fit.width(w.text, CHART_STYLE.fontSize, false)).toBeLessThan(panel.plot.left);
      }
    }
  });

  it('zoom each number line on its precise figures, its first tick where it starts, not at 0', () => {
    for (const p of figurePictures(charts[name] as FiguresChart).flatMap((x) => x.panels)) {
      const domain = axisDomain(p);
      const precise = p.lines.filter((l) => l.precise && !l.apart);
      const values = precise.map((l) => (l.shape === 'up-to' ? (l.hi as number) : l.lo));
      // From 0 only when the figures are near it: the lowest within the axis's first half.
      if (domain.start === 0) expect(Math.min(...values)).toBeLessThan(domain.end / 2);
      expect(Math.min(...values)).toBeGreaterThan(domain.start);
      expect(Math.max(...values)).toBeLessThan(domain.end);
      // The disagreement takes most of the width: the precise figures span a third of it or more.
      if (new Set(values).size > 1)
        expect(
          (Math.max(...values) - Math.min(...values)) / (domain.end - domain.start),
        ).toBeGreaterThanOrEqual(1 / 3);
      const [laid] = pictureLayout({ name: 'x', panels: [p], legend: [], alt: '' }, fit).panels;
      expect(laid?.ticks[0]).toMatchObject({ value: domain.start, x: laid?.plot.left });
      expect(laid?.ticks[0]?.label?.text).toBe(domain.start.toLocaleString('en-US'));
      expect(laid?.ticks.at(-1)).toMatchObject({ value: domain.end, x: laid?.plot.right });
      // Every mark within the number line.
      for (const m of laid?.marks ?? [])
        for (const x of [m.xFrom, m.xTo]) {
          expect(x).toBeGreaterThanOrEqual(laid?.plot.left as number);
          expect(x).toBeLessThanOrEqual(laid?.plot.right as number);
        }
    }
  });

  it('carry the legend in the reply’s words, and say what they leave to the message', () => {
    const chart = charts[name] as FiguresChart;
    const single = chart.rows.filter((r) => !r.differs).length;
    for (const picture of figurePictures(chart)) {
      expect(picture.legend.slice(0, LEGEND.length)).toEqual(LEGEND);
      expect(picture.legend).toContain(
        `${single} measure${single === 1 ? '' : 's'} with one figure: in the message.`,
      );
      // In the picture, under the last panel's axis.
      const layout = pictureLayout(picture, fit);
      expect(layout.legend.map((l) => l.text)).toEqual(picture.legend);
      const lastAxis = layout.panels.at(-1)?.ticks[0]?.label?.y as number;
      expect(Math.min(...layout.legend.map((l) => l.y))).toBeGreaterThan(lastAxis);
      expect(Math.max(...layout.legend.map((l) => l.y))).toBeLessThan(layout.height);
    }
  });
});

describe('a number line', () => {
  it('draws an exact figure as a dot, “at least” as an arrow pointing right, “up to” pointing left', () => {
    const p = panel([
      line({}),
      line({ figure: 'at least 25', lo: 25, hi: null, shape: 'at-least' }),
      line({ figure: 'up to 24', lo: 0, hi: 24, shape: 'up-to' }),
    ]);
    const [exact, atLeast, upTo] = panelData(p);
    expect(exact).toMatchObject({ shape: 'point', from: 23, to: 23 });
    expect(atLeast).toMatchObject({ shape: 'at-least', from: 25 });
    expect(atLeast?.to).toBeGreaterThan(25);
    expect(upTo).toMatchObject({ shape: 'up-to', from: 24 });
    expect(upTo?.to).toBeLessThan(24);
    // “at least 25” starts right of “at least 23” would: the arrow starts at its value.
    expect(axisDomain(p).start).toBeGreaterThan(0);
    const marks = pictureLayout({ name: 'x', panels: [p], legend: [], alt: '' }, fit).panels[0]?.marks ?? [];
    const [dot, right, left] = marks;
    expect(right?.xTo).toBeGreaterThan(right?.xFrom as number);
    expect(left?.xTo).toBeLessThan(left?.xFrom as number);
    // At least 25 starts right of the dot at 23; up to 24 ends left of where it starts.
    expect(right?.xFrom).toBeGreaterThan(dot?.xFrom as number);
  });

  it('numbers its ticks without letting two touch, however large the figures', () => {
    const p = panel([
      line({ figure: '1,200', lo: 1200, hi: 1200 }),
      line({ figure: '48,000', lo: 48000, hi: 48000 }),
    ]);
    const ticks = pictureLayout({ name: 'x', panels: [p], legend: [], alt: '' }, fit).panels[0]?.ticks ?? [];
    const shown = ticks.flatMap((t) => (t.label ? [t.label] : []));
    expect(shown[0]?.text).toBe(ticks[0]?.value.toLocaleString('en-US'));
    const extent = (l: (typeof shown)[number]) => {
      const w = fit.width(l.text, CHART_STYLE.fontSize, false);
      const start = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - w : l.x - w / 2;
      return [start, start + w];
    };
    for (let i = 1; i < shown.length; i++)
      expect(extent(shown[i - 1] as (typeof shown)[number])[1]).toBeLessThan(
        extent(shown[i] as (typeof shown)[number])[0] as number,
      );
  });

  it('draws vague words as a pale span clipped at the axis’s ends with a mark, never widening it', () => {
    const precise = [line({}), line({ figure: '25', lo: 25, hi: 25 })];
    const without = axisDomain(panel(precise));
    const p = panel([...precise, line({ figure: 'dozens', lo: 24, hi: 199, shape: 'span', precise: false })]);
    expect(axisDomain(p)).toEqual(without);
    const dozens = panelData(p)[2];
    expect(dozens).toMatchObject({
      pale: true,
      from: 24,
      to: without.end,
      beyondEnd: true,
      beyondStart: false,
    });
  });

  it('sets the perpetrators’ claim apart, after a gap, and never widens the axis for it', () => {
    const precise = [line({}), line({ figure: '25', lo: 25, hi: 25 })];
    const p = panel([...precise, line({ figure: '200', lo: 200, hi: 200, apart: true, colour: -1 })], 23);
    expect(axisDomain(p)).toEqual(axisDomain(panel(precise, 23)));
    const data = panelData(p);
    expect(data.map((d) => d.text)).toEqual(['23 · Dawn', '25 · Dawn', '', '200 · Dawn']);
    expect(data[3]).toMatchObject({ apart: true, beyondEnd: true });
  });

  it('ticks from its start to its end', () => {
    const domain = axisDomain(panel([line({}), line({ figure: '25', lo: 25, hi: 25 })]));
    const ticks = axisTicks(domain);
    expect([ticks[0], ticks.at(-1)]).toEqual([domain.start, domain.end]);
  });
});

describe('words', () => {
  it('cuts a 1,000-character name with an ellipsis, and the column cuts it again at its width', () => {
    const p = panel([line({ who: 'x'.repeat(1000) }), line({ figure: '25', lo: 25, hi: 25 })]);
    const text = panelData(p)[0]?.text ?? '';
    expect(text.length).toBeLessThan(100);
    expect(text.endsWith('…')).toBe(true);
  });

  it('wraps a long heading in whole words rather than cutting it', () => {
    const heading =
      'Security forces killed (officers, soldiers): this incident, the Darazinda operation and the Kulachi operation, together';
    const lines = headingLines(heading);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(heading);
  });
});
