/**
 * The charts as Vega-Lite specifications: a grammar of graphics, so a chart is data that tests can
 * read (every line's figure and reports) before anything is drawn. Panels of lines on one shared
 * count axis: each line a figure, its words to the left; a point for an exact figure, a bar that
 * runs on for "at least", a paler band for an approximation; the conservative figure dashed; the
 * perpetrators' claims and probable errors grey, labelled apart.
 */
import { formatShortDate } from '../briefing/dates.js';
import type { FigureMark, FiguresChart } from './figures.js';

/** Solid, light, its own: legible on Discord's light and dark themes alike. */
export const CHART_STYLE = {
  /** The count axis; the words take the column to its left. */
  plotWidth: 340,
  labelWidth: 330,
  lineHeight: 22,
  background: '#ffffff',
  text: '#1f2328',
  muted: '#57606a',
  font: 'DejaVu Sans',
  fontSize: 14,
  /** Colour-blind-safe hues, each at least 4.5:1 on the white background. */
  palette: ['#0b62a4', '#b3440b', '#00755a', '#8e3b8e', '#6b5b00', '#a8325e'],
} as const;

/** A panel: a heading and its lines. */
export interface Panel {
  heading: string;
  conservative: number | null;
  lines: Line[];
}

/** One drawn line: a mark on the count axis and its words. */
export interface Line {
  label: string;
  lo: number;
  hi: number | null;
  shape: FigureMark['shape'];
  /** Paler: an approximate figure. */
  pale: boolean;
  /** Grey and set apart: the perpetrators' claim, a probable error. */
  apart: boolean;
  colour: number;
}

/** What the spec's data holds for a line: a panel's heading, or a figure placed on the axis. */
export type LineDatum =
  | { panel: string; key: string; label: string; heading: true }
  | (Omit<Line, 'colour' | 'hi'> & {
      panel: string;
      /** Unique within the chart: the line's place, then its words. */
      key: string;
      heading: false;
      /** Where the mark ends on the axis: its upper bound, or the axis's end for a figure that runs on. */
      end: number;
      runsOn: boolean;
      colour: string;
    });

export function figurePanels(chart: FiguresChart): Panel[] {
  return chart.rows.map((row) => ({
    heading: row.heading,
    conservative: row.conservative,
    lines: row.marks.map((m) => ({
      label: `${m.amount}  ${m.who}`,
      lo: m.lo,
      hi: m.hi,
      shape: m.shape,
      pale: m.shape === 'span',
      apart: m.kind === 'claim' || m.kind === 'error',
      colour: m.colour,
    })),
  }));
}

export function tollPanels(chart: FiguresChart): Panel[] {
  return chart.toll.map((row) => ({
    heading: `${row.heading}, by day`,
    conservative: null,
    lines: row.days.map((d, i) => ({
      label: `${formatShortDate(d.date)}: ${d.amount} (${d.sources.length === 1 ? '1 report' : `${d.sources.length} reports`})`,
      lo: d.lo,
      hi: d.hi,
      shape: d.lo === d.hi ? 'point' : 'span',
      pale: false,
      apart: false,
      colour: i,
    })),
  }));
}

export function chartSpec(
  title: string,
  subtitle: readonly string[],
  panels: readonly Panel[],
): Record<string, unknown> {
  const end = axisEnd(panels);
  const lines = lineData(panels, end);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: CHART_STYLE.background,
    // Sized here rather than fitted: Vega sizes the axis as if its words grew leftwards from the
    // plot, which would leave a blank strip as wide as the words on the right.
    autosize: { type: 'none' },
    padding: {
      left: EDGE + CHART_STYLE.labelWidth,
      right: EDGE + 8,
      top: EDGE + TITLE_LINE + subtitle.length * CHART_STYLE.lineHeight + 12,
      bottom: EDGE + 24,
    },
    width: CHART_STYLE.plotWidth,
    height: lines.length * CHART_STYLE.lineHeight,
    title: {
      text: title,
      subtitle: [...subtitle],
      anchor: 'start',
      frame: 'bounds',
      fontSize: 16,
      subtitleFontSize: CHART_STYLE.fontSize,
      color: CHART_STYLE.text,
      subtitleColor: CHART_STYLE.muted,
      offset: 12,
      limit: CHART_STYLE.labelWidth + CHART_STYLE.plotWidth,
    },
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
    },
    data: { values: lines },
    layer: [...markLayers(end), ...conservativeLayer(panels, lines, end)],
  };
}

/** Where the shared count axis ends: past every figure's lower bound, so a vague "dozens" does not flatten the rest. */
export function axisEnd(panels: readonly Panel[]): number {
  const lows = panels.flatMap((p) =>
    p.lines.map((l) => Math.max(l.lo, l.shape === 'point' ? (l.hi ?? l.lo) : l.lo)),
  );
  return niceCeiling(Math.max(1, ...lows) * 1.2 + 1);
}

function niceCeiling(n: number): number {
  const step = n <= 20 ? 2 : n <= 50 ? 5 : 10 ** Math.floor(Math.log10(n)) / 2;
  return Math.ceil(n / step) * step;
}

/** Every line of the chart in order: each panel's heading, then its figures. */
export function lineData(panels: readonly Panel[], end: number): LineDatum[] {
  let n = 0;
  // Sorted as written: the line's place; then whether it is a heading; then its words.
  const key = (label: string, heading: boolean) =>
    `${String(n++).padStart(3, '0')}${heading ? 'h' : '-'}|${label}`;
  return panels.flatMap((panel) => [
    { panel: panel.heading, key: key(panel.heading, true), label: panel.heading, heading: true },
    ...panel.lines.map((line) => ({
      panel: panel.heading,
      key: key(line.label, false),
      label: line.label,
      heading: false,
      lo: Math.min(line.lo, end),
      end: Math.min(line.hi ?? end, end),
      runsOn: line.hi === null || line.hi > end,
      shape: line.shape,
      pale: line.pale,
      apart: line.apart,
      colour: line.apart
        ? CHART_STYLE.muted
        : (CHART_STYLE.palette[line.colour % CHART_STYLE.palette.length] ?? CHART_STYLE.text),
    })),
  ]);
}

function xChannel(end: number) {
  return {
    type: 'quantitative',
    scale: { domain: [0, end], nice: false, clamp: true },
    axis: { title: null, orient: 'bottom', tickMinStep: 1, format: 'd', labelFlush: true },
  };
}

/** The conservative figure of each panel: a dashed rule from its first line to its last. */
function conservativeLayer(
  panels: readonly Panel[],
  lines: readonly LineDatum[],
  end: number,
): Record<string, unknown>[] {
  const rules = panels.flatMap((panel) => {
    const own = lines.filter((l) => l.panel === panel.heading && !l.heading);
    const [first, last] = [own[0], own[own.length - 1]];
    return panel.conservative === null || !first || !last
      ? []
      : [{ conservative: panel.conservative, from: first.key, to: last.key }];
  });
  if (rules.length === 0) return [];
  return [
    {
      data: { values: rules },
      mark: { type: 'rule', strokeDash: [5, 4], color: CHART_STYLE.text, strokeWidth: 1.5 },
      encoding: {
        x: { field: 'conservative', ...xChannel(end) },
        y: { field: 'from', type: 'ordinal' },
        y2: { field: 'to' },
      },
    },
  ];
}

function markLayers(end: number): Record<string, unknown>[] {
  const x = xChannel(end);
  const isHeading = "substring(datum.value, 3, 4) === 'h'";
  const y = {
    field: 'key',
    type: 'ordinal',
    title: null,
    axis: {
      // Words at the left edge, headings bold; a heading has no mark, so it may run across the plot.
      labelExpr: "slice(datum.value, indexof(datum.value, '|') + 1)",
      labelAlign: 'left',
      labelPadding: CHART_STYLE.labelWidth,
      labelLimit: CHART_STYLE.labelWidth + CHART_STYLE.plotWidth,
      labelFontWeight: { condition: { test: isHeading, value: 'bold' }, value: 'normal' },
      ticks: false,
      domain: false,
      grid: false,
    },
  };
  const colour = { field: 'colour', type: 'nominal', scale: null, legend: null };
  const only = (filter: string) => [{ filter: `!datum.heading && ${filter}` }];
  return [
    // Every line, headings too, so the axis lists them all: its labels are the chart's words.
    { mark: { type: 'text', text: '' }, encoding: { y } },
    {
      transform: only("datum.shape !== 'point'"),
      mark: { type: 'bar', height: 9, cornerRadius: 2 },
      encoding: {
        x: { field: 'lo', ...x },
        x2: { field: 'end' },
        y,
        color: colour,
        opacity: { condition: { test: 'datum.pale', value: 0.45 }, value: 1 },
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

const EDGE = 16;
const TITLE_LINE = 22;

export const FIGURES_SUBTITLE = [
  'Each line: a figure and the reports giving it. ● exact; ▶ runs on: “at least”;',
  'pale band: approximate; dashed: the conservative (lowest) figure; grey: not counted.',
];

export const TOLL_SUBTITLE = ['Each line: the lowest to the highest figure published that day.'];
