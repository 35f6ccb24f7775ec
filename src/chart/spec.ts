/**
 * The charts as Vega-Lite specifications: a grammar of graphics, so a chart is data that tests can
 * read (every line's figure and reports) before anything is drawn. Each picture is sized to be read
 * where Discord shows it, about 400 px wide and 300 high in a message: a few measures each, one
 * panel per measure on its own count axis, each figure on a line with its words to the left; a
 * point for an exact figure, a bar that runs on for "at least", a paler bar for an approximation,
 * the conservative figure dashed, the perpetrators' claims and probable errors grey, apart.
 */
import { formatShortDate } from '../briefing/dates.js';
import { plural } from '../plural.js';
import { altText, type FigureMark, type FiguresChart } from './figures.js';

/** Solid, light, its own: legible on Discord's light and dark themes alike. Sizes in CSS pixels. */
export const CHART_STYLE = {
  /** The words' column, then the count axis. */
  labelWidth: 260,
  plotWidth: 200,
  lineHeight: 22,
  /** The pixels drawn per CSS pixel: crisp when opened, and legible when Discord scales it down. */
  scale: 2,
  /** A picture's height, at most, unless one measure alone needs more: about Discord's 4:3 frame. */
  maxHeight: 360,
  background: '#ffffff',
  text: '#1f2328',
  muted: '#57606a',
  font: 'DejaVu Sans',
  fontSize: 14,
  /** Colour-blind-safe hues, each at least 4.5:1 on the white background. */
  palette: ['#0b62a4', '#b3440b', '#00755a', '#8e3b8e', '#6b5b00', '#a8325e'],
  /** Approximate figures: paler, and still 3:1 on white. */
  paleOpacity: 0.7,
} as const;

const EDGE = 12;
/** A panel's heading and axis, around its lines. */
const PANEL_FRAME = 56;
/** Words longer than this go on a line of their own, under the figure. */
const LABEL_CHARACTERS = 30;
/** A heading longer than this is wrapped, never cut: the measure must read in full. */
const HEADING_CHARACTERS = 46;
const HEADING_LINE = 18;

/** A picture: its file name, its panels, and the same facts in words. */
export interface Picture {
  name: string;
  panels: Panel[];
  alt: string;
}

/** A panel: a measure's heading and its lines. */
export interface Panel {
  heading: string;
  conservative: number | null;
  lines: Line[];
}

/**
 * One figure's line: its mark on the count axis and its words, the figure then who gives it; when
 * the two are too long for the column, who gives it goes on a line of its own, under it.
 */
export interface Line {
  figure: string;
  who: string;
  lo: number;
  hi: number | null;
  shape: FigureMark['shape'];
  approximate: boolean;
  /** Grey and set apart: the perpetrators' claim, a probable error. */
  apart: boolean;
  colour: number;
}

/** The figures, a few measures to a picture: figures-1.png, figures-2.png… */
export function figurePictures(chart: FiguresChart): Picture[] {
  const panels = chart.rows.map((row) => ({
    heading: row.heading,
    conservative: row.conservative,
    lines: row.marks.map((m) => ({
      figure: m.amount,
      who: m.who,
      lo: m.lo,
      hi: m.hi,
      shape: m.shape,
      approximate: m.approximate,
      apart: m.kind === 'claim' || m.kind === 'error',
      colour: m.colour,
    })),
  }));
  const groups = packed(panels, 6);
  return groups.map((group, i) => ({
    name: groups.length === 1 ? 'figures.png' : `figures-${i + 1}.png`,
    panels: group,
    alt: altText(
      `${chart.title}: figures by source${groups.length === 1 ? '' : `, picture ${i + 1} of ${groups.length}`}.`,
      chart.rows.filter((r) => group.some((p) => p.heading === r.heading)),
    ),
  }));
}

/** How the figures developed, per measure and publication day, in one picture (or none). */
export function tollPictures(chart: FiguresChart): Picture[] {
  if (chart.toll.length === 0) return [];
  const panels = chart.toll.map((row) => ({
    heading: `${row.heading}, by day${row.undated > 0 ? ` (${plural(row.undated, 'undated report')} not shown)` : ''}`,
    conservative: null,
    // One colour: here a line is a day, not a set of figures that can all be true.
    lines: row.days.map((d) => ({
      figure: formatShortDate(d.date),
      who: `${d.amount} (${plural(d.sources.length, 'report')})`,
      lo: d.lo,
      hi: d.shape === 'open' ? null : d.hi,
      shape: d.shape,
      approximate: false,
      apart: false,
      colour: 0,
    })),
  }));
  const groups = packed(panels, 2);
  return groups.map((group, i) => ({
    name: groups.length === 1 ? 'figures-by-day.png' : `figures-by-day-${i + 1}.png`,
    panels: group,
    alt: chart.tollAlt,
  }));
}

/**
 * Panels into pictures in order, as many as fit the height; a measure is never split. At most
 * `most` pictures, the last taking what is left, so that a message keeps within Discord's ten
 * embeds and ten files (the reply's own embed, six pictures of figures, two by day).
 */
function packed(panels: readonly Panel[], most: number): Panel[][] {
  const pictures: Panel[][] = [];
  let height = Number.POSITIVE_INFINITY;
  for (const panel of panels) {
    const own = panelHeight(panel);
    if (height + own > CHART_STYLE.maxHeight - 2 * EDGE && pictures.length < most) {
      pictures.push([]);
      height = 0;
    }
    pictures[pictures.length - 1]?.push(panel);
    height += own;
  }
  return pictures;
}

function panelHeight(panel: Panel): number {
  const heading = (headingLines(panel.heading).length - 1) * HEADING_LINE;
  return PANEL_FRAME + heading + drawnLines(panel).length * CHART_STYLE.lineHeight;
}

/** A heading in lines of whole words, each short enough for the picture's width. */
export function headingLines(heading: string): string[] {
  const lines: string[] = [];
  for (const word of heading.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= HEADING_CHARACTERS)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** What a panel's axis shows, line by line: a figure's words, or the rest of its words. */
interface DrawnLine {
  text: string;
  line?: Line;
}

function drawnLines(panel: Panel): DrawnLine[] {
  return panel.lines.flatMap((line): DrawnLine[] => {
    const words = `${line.figure}  ${line.who}`;
    if (words.length <= LABEL_CHARACTERS) return [{ text: words, line }];
    return [{ text: line.figure, line }, { text: `↳ ${line.who}` }];
  });
}

export function pictureSpec(picture: Picture): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: CHART_STYLE.background,
    padding: EDGE,
    autosize: { type: 'pad' },
    config: {
      font: CHART_STYLE.font,
      view: { stroke: null },
      axis: {
        labelFontSize: CHART_STYLE.fontSize,
        labelColor: CHART_STYLE.text,
        gridColor: '#d8dee4',
        domainColor: CHART_STYLE.muted,
        tickColor: CHART_STYLE.muted,
      },
      title: { fontSize: CHART_STYLE.fontSize, color: CHART_STYLE.text, anchor: 'start', frame: 'bounds' },
    },
    spacing: 10,
    vconcat: picture.panels.map(panelView),
  };
}

/** Where a panel's count axis ends: past every figure's lower bound and every closed upper one. */
export function axisEnd(panel: Panel): number {
  const ends = panel.lines.map((l) => (l.hi !== null && l.shape !== 'open' && !l.approximate ? l.hi : l.lo));
  return niceCeiling(Math.max(1, ...ends) * 1.2);
}

function niceCeiling(n: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(n));
  const step = [1, 2, 5, 10].map((m) => (m * magnitude) / 10).find((s) => n / s <= 10) ?? magnitude;
  return Math.ceil(n / step) * step;
}

/** What a panel's data holds: each drawn line numbered, with its mark placed on the axis. */
export function panelData(panel: Panel) {
  const end = axisEnd(panel);
  return drawnLines(panel).map(({ text, line }, row) => ({
    row,
    text,
    ...(line
      ? {
          lo: Math.min(line.lo, end),
          end: Math.min(line.hi ?? end, end),
          runsOn: line.hi === null,
          shape: line.shape,
          pale: line.approximate,
          apart: line.apart,
          colour: line.apart
            ? CHART_STYLE.muted
            : (CHART_STYLE.palette[line.colour % CHART_STYLE.palette.length] ?? CHART_STYLE.text),
        }
      : {}),
  }));
}

type Channel = Record<string, unknown>;

function panelView(panel: Panel): Record<string, unknown> {
  const lines = panelData(panel);
  const end = axisEnd(panel);
  const x = countChannel(end);
  const y = wordsChannel(lines);
  return {
    title: { text: headingLines(panel.heading), lineHeight: HEADING_LINE, offset: 6 },
    width: CHART_STYLE.plotWidth,
    height: lines.length * CHART_STYLE.lineHeight,
    data: { values: lines },
    layer: [
      // Every line, so the axis lists them all, with the words under each figure.
      { mark: { type: 'text', text: '' }, encoding: { y } },
      ...conservativeLayer(panel, lines, end, { x, y }),
      ...markLayers(x, y),
    ],
  };
}

/** The panel's count axis, from 0 to its end. */
function countChannel(end: number): Channel {
  return {
    type: 'quantitative',
    scale: { domain: [0, end], nice: false, clamp: true },
    axis: { title: null, format: ',d', tickMinStep: 1, tickCount: 4, labelOverlap: true, labelFlush: true },
  };
}

/** One band per line, labelled with its words at the picture's left edge. */
function wordsChannel(lines: ReturnType<typeof panelData>): Channel {
  // The words are the axis's labels, looked up by line number: one string, written by JSON.
  const words = JSON.stringify(lines.map((l) => l.text));
  return {
    field: 'row',
    type: 'ordinal',
    title: null,
    scale: { domain: lines.map((l) => l.row) },
    axis: {
      labelExpr: `${words}[datum.value]`,
      labelAlign: 'left',
      labelPadding: CHART_STYLE.labelWidth,
      labelLimit: CHART_STYLE.labelWidth + CHART_STYLE.plotWidth,
      ticks: false,
      domain: false,
      grid: false,
    },
  };
}

/** The conservative figure: a dashed rule from the panel's first counted figure to its last. */
function conservativeLayer(
  panel: Panel,
  lines: ReturnType<typeof panelData>,
  end: number,
  { x, y }: { x: Channel; y: Channel },
): Record<string, unknown>[] {
  const counted = lines.filter((l) => 'shape' in l && !l.apart);
  const [first, last] = [counted[0]?.row, counted[counted.length - 1]?.row];
  if (panel.conservative === null || first === undefined) return [];
  return [
    {
      data: { values: [{ conservative: Math.min(panel.conservative, end), first, last }] },
      mark: { type: 'rule', strokeDash: [5, 4], color: CHART_STYLE.text, strokeWidth: 1.5 },
      encoding: {
        x: { field: 'conservative', ...x },
        y: { field: 'first', type: 'ordinal', scale: y.scale },
        y2: { field: 'last' },
      },
    },
  ];
}

/** Each figure's mark: a bar (paler when approximate) with ▶ when it runs on, or a point. */
function markLayers(x: Channel, y: Channel): Record<string, unknown>[] {
  const colour = { field: 'colour', type: 'nominal', scale: null, legend: null };
  const only = (filter: string) => [{ filter: `isValid(datum.shape) && ${filter}` }];
  return [
    {
      transform: only("datum.shape !== 'point'"),
      mark: { type: 'bar', height: 9, cornerRadius: 2 },
      encoding: {
        x: { field: 'lo', ...x },
        x2: { field: 'end' },
        y,
        color: colour,
        opacity: { condition: { test: 'datum.pale', value: CHART_STYLE.paleOpacity }, value: 1 },
      },
    },
    {
      transform: only('datum.runsOn'),
      mark: { type: 'point', shape: 'triangle-right', filled: true, size: 110, opacity: 1 },
      encoding: { x: { field: 'end', ...x }, y, color: colour },
    },
    {
      transform: only("datum.shape === 'point'"),
      mark: { type: 'point', filled: true, size: 130, opacity: 1 },
      encoding: {
        x: { field: 'lo', ...x },
        y,
        color: colour,
        shape: { condition: { test: 'datum.apart', value: 'diamond' }, value: 'circle' },
      },
    },
  ];
}
