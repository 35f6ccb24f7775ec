/**
 * The charts as Vega-Lite specifications: a grammar of graphics, so a chart is data that tests can
 * read (every line's words, every mark, the axis, the legend) before anything is drawn. Sized to be
 * read where Discord shows a picture, about 400 px wide and 300 high: at most two pictures, each
 * a few measures where the reports differ, each on a number line zoomed on its precise figures so
 * the disagreement takes the width; a legend in the picture, so it reads opened full-screen.
 */
import { plural } from '../plural.js';
import { altText, type FigureMark, type FiguresChart } from './figures.js';

/** Solid, light, its own: legible on Discord's light and dark themes alike. Sizes in CSS pixels. */
export const CHART_STYLE = {
  /** The words' column, then the number line. */
  labelWidth: 290,
  plotWidth: 200,
  lineHeight: 22,
  /** The pixels drawn per CSS pixel: crisp when opened, and legible when Discord scales it down. */
  scale: 2,
  /** A picture's height, at most: about Discord's 4:3 frame, where its text stays 10 px or more. */
  maxHeight: 420,
  background: '#ffffff',
  text: '#1f2328',
  muted: '#57606a',
  font: 'DejaVu Sans',
  fontSize: 14,
  /** Colour-blind-safe hues, each at least 4.5:1 on the white background. */
  palette: ['#0b62a4', '#b3440b', '#00755a', '#8e3b8e', '#6b5b00', '#a8325e'],
  /** Approximate and vague figures: paler, and still 3:1 on white. */
  paleOpacity: 0.7,
} as const;

/** Pictures a reply carries, at most: a phone shows one at a time. */
export const MOST_PICTURES = 2;
const EDGE = 12;
/** A panel's heading and axis, around its lines. */
const PANEL_FRAME = 56;
const LEGEND_LINE = 18;
/** Words are cut at the column's width with …; Vega sizes the picture by the words before that cut, so a bound on characters keeps a long name from widening it. */
const LABEL_CHARACTERS = 40;
/** A heading longer than this is wrapped, never cut: the measure must read in full. */
const HEADING_CHARACTERS = 52;
const HEADING_LINE = 18;
/** An "at least" or "up to" arrow's length, as a share of the axis. */
const ARROW = 0.16;

/** What the legend says, in the reply's words: what each mark means. */
export const LEGEND = [
  '● exact figure · ▶ at least · ◀ up to · ▬ approximate or vague',
  '┆ the conservative (lowest) figure · ◆ grey: not counted, unverified',
  '« » runs beyond the axis · one colour: figures that can all be true',
];

/** A picture: its file name, its panels, its legend, and the same facts in words. */
export interface Picture {
  name: string;
  panels: Panel[];
  legend: string[];
  alt: string;
}

/** A panel: a measure's heading and its lines. */
export interface Panel {
  heading: string;
  conservative: number | null;
  lines: Line[];
  /** Figures drawn as one span because there were too many to list: their number; 0 when none. */
  capped: number;
}

/** One figure's line: its words (the figure then who gives it) and its mark on the number line. */
export interface Line {
  figure: string;
  who: string;
  lo: number;
  hi: number | null;
  shape: FigureMark['shape'];
  precise: boolean;
  /** Grey and set apart: the perpetrators' claim, a probable error. */
  apart: boolean;
  colour: number;
}

/** The figures where the reports differ, in one picture or two: figures.png, or figures-1.png and figures-2.png. */
export function figurePictures(chart: FiguresChart): Picture[] {
  const differing = chart.rows.filter((r) => r.differs);
  const panels = differing.map((row) => ({
    heading: row.heading,
    conservative: row.conservative,
    capped: row.capped,
    lines: row.marks.map((m) => ({
      figure: m.amount,
      who: m.who,
      lo: m.lo,
      hi: m.hi,
      shape: m.shape,
      precise: m.precise,
      apart: m.kind === 'claim' || m.kind === 'error',
      colour: m.colour,
    })),
  }));
  const groups = packed(panels);
  const drawn = groups.flat();
  const legend = legendLines(drawn, chart.rows.length - differing.length, differing.length - drawn.length);
  return groups.map((group, i) => ({
    name: groups.length === 1 ? 'figures.png' : `figures-${i + 1}.png`,
    panels: group,
    legend,
    alt: altText(
      `${chart.title}: figures by source${groups.length === 1 ? '' : `, picture ${i + 1} of ${groups.length}`}.`,
      differing.filter((r) => group.some((p) => p.heading === r.heading)),
    ),
  }));
}

/** The legend, and what the pictures leave to the message. */
function legendLines(panels: readonly Panel[], single: number, more: number): string[] {
  const zoomed = panels.some((p) => axisDomain(p).start > 0);
  return [
    ...LEGEND,
    ...(zoomed ? ['An axis starts near its figures, not at 0.'] : []),
    ...(single > 0 ? [`${plural(single, 'measure')} with one figure: in the message.`] : []),
    ...(more > 0 ? [`${plural(more, 'more measure')} where reports differ: in the message.`] : []),
  ];
}

/**
 * Panels into pictures in order, as many as fit the height with the longest legend; a measure is
 * never split. At most two pictures: the measures that do not fit are left to the message.
 */
function packed(panels: readonly Panel[]): Panel[][] {
  const room = CHART_STYLE.maxHeight - 2 * EDGE - (LEGEND.length + 3) * LEGEND_LINE;
  const pictures: Panel[][] = [];
  let height = Number.POSITIVE_INFINITY;
  for (const panel of panels) {
    const own = panelHeight(panel);
    if (height + own > room) {
      if (pictures.length === MOST_PICTURES) break;
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

/** A label's words, cut with an ellipsis when longer than any column holds. */
export function shortened(text: string, most = LABEL_CHARACTERS): string {
  const characters = [...text];
  return characters.length <= most ? text : `${characters.slice(0, most - 1).join('')}…`;
}

/** What a panel shows, line by line: the counted figures, then a gap, then those set apart. */
function drawnLines(panel: Panel): (Line | undefined)[] {
  const counted = panel.lines.filter((l) => !l.apart);
  const apart = panel.lines.filter((l) => l.apart);
  return [...counted, ...(counted.length > 0 && apart.length > 0 ? [undefined] : []), ...apart];
}

/** A panel's number line: from `start` to `end`, with a tick every `step`. */
export interface Domain {
  start: number;
  end: number;
  step: number;
}

/**
 * The number line spans the counted precise figures (exact, at least, up to) and the conservative
 * one, with a margin: the disagreement takes the width. Approximate and vague spans, claims and
 * errors never widen it; what falls beyond is clipped at its end with a mark.
 */
export function axisDomain(panel: Panel): Domain {
  const counted = panel.lines.filter((l) => !l.apart);
  const precise = counted.filter((l) => l.precise);
  const values = (precise.length > 0 ? precise : counted.length > 0 ? counted : panel.lines).flatMap((l) =>
    l.shape === 'up-to' ? [l.hi ?? l.lo] : l.shape === 'span' && l.hi !== null ? [l.lo, l.hi] : [l.lo],
  );
  if (panel.conservative !== null) values.push(panel.conservative);
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const margin = Math.max(high - low, 2) * 0.25;
  const step = niceStep((high - low + 2 * margin) / 5);
  return {
    start: Math.max(0, Math.floor((low - margin) / step) * step),
    end: Math.ceil((high + margin) / step) * step,
    step,
  };
}

function niceStep(rough: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
  return [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
}

export function axisTicks({ start, end, step }: Domain): number[] {
  return Array.from({ length: Math.round((end - start) / step) + 1 }, (_, i) => start + i * step);
}

/** What a panel's data holds: each drawn line numbered, its words, and its mark placed on the axis. */
export function panelData(panel: Panel) {
  const domain = axisDomain(panel);
  return drawnLines(panel).map((line, row) => ({
    row,
    text: line ? shortened(`${line.figure} · ${line.who}`) : '',
    ...(line ? placed(line, domain) : {}),
  }));
}

/** Where a line's mark goes: from its value to where it points or spans, clipped to the axis. */
function placed(line: Line, { start, end }: Domain) {
  const clip = (n: number) => Math.min(Math.max(n, start), end);
  const arrow = (end - start) * ARROW;
  const value = line.shape === 'up-to' ? (line.hi ?? line.lo) : line.lo;
  const [from, to] =
    line.shape === 'at-least'
      ? [value, value + arrow]
      : line.shape === 'up-to'
        ? [value, value - arrow]
        : [value, line.hi ?? value];
  const [lowest, highest] = line.shape === 'span' ? [from, to] : [value, value];
  return {
    from: clip(from),
    to: clip(to),
    shape: line.shape,
    pale: line.shape === 'span',
    apart: line.apart,
    beyondStart: lowest < start,
    beyondEnd: highest > end,
    colour: line.apart
      ? CHART_STYLE.muted
      : (CHART_STYLE.palette[line.colour] ?? (line.colour < 0 ? CHART_STYLE.text : CHART_STYLE.palette[0])),
  };
}

/** Text as the fonts can draw it: `glyphs` replaces what they cannot (draw.ts gives it). */
type Glyphs = (text: string) => string;

export function pictureSpec(picture: Picture, glyphs: Glyphs = (t) => t): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: CHART_STYLE.background,
    padding: EDGE,
    autosize: { type: 'pad' },
    title: {
      text: picture.legend.map(glyphs),
      orient: 'bottom',
      anchor: 'start',
      frame: 'bounds',
      fontSize: CHART_STYLE.fontSize,
      fontWeight: 'normal',
      lineHeight: LEGEND_LINE,
      color: CHART_STYLE.muted,
      offset: 14,
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
      title: { fontSize: CHART_STYLE.fontSize, color: CHART_STYLE.text, anchor: 'start', frame: 'bounds' },
    },
    spacing: 10,
    vconcat: picture.panels.map((panel) => panelView(panel, glyphs)),
  };
}

type Channel = Record<string, unknown>;

function panelView(panel: Panel, glyphs: Glyphs): Record<string, unknown> {
  const lines = panelData(panel);
  const domain = axisDomain(panel);
  const x = countChannel(domain);
  const y = wordsChannel(lines, glyphs);
  return {
    title: { text: headingLines(panel.heading).map(glyphs), lineHeight: HEADING_LINE, offset: 6 },
    width: CHART_STYLE.plotWidth,
    height: lines.length * CHART_STYLE.lineHeight,
    data: { values: lines },
    layer: [
      // Every line, so the axis lists them all, the gap before the figures set apart included.
      { mark: { type: 'text', text: '' }, encoding: { y } },
      ...conservativeLayer(panel, lines, domain, { x, y }),
      ...markLayers(x, y, domain),
    ],
  };
}

/** The panel's number line, its first tick where it starts (not 0 when zoomed). */
function countChannel(domain: Domain): Channel {
  return {
    type: 'quantitative',
    scale: { domain: [domain.start, domain.end], nice: false, zero: false, clamp: true },
    axis: { title: null, format: ',d', values: axisTicks(domain), labelOverlap: true, labelFlush: true },
  };
}

/** One band per line, labelled with its words at the picture's left edge, cut with … at the column. */
function wordsChannel(lines: ReturnType<typeof panelData>, glyphs: Glyphs): Channel {
  // The words are the axis's labels, looked up by line number: one string, written by JSON.
  const words = JSON.stringify(lines.map((l) => glyphs(l.text)));
  return {
    field: 'row',
    type: 'ordinal',
    title: null,
    scale: { domain: lines.map((l) => l.row) },
    axis: {
      labelExpr: `${words}[datum.value]`,
      labelAlign: 'left',
      labelPadding: CHART_STYLE.labelWidth,
      labelLimit: CHART_STYLE.labelWidth - 8,
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
  { start, end }: Domain,
  { x, y }: { x: Channel; y: Channel },
): Record<string, unknown>[] {
  const counted = lines.filter((l) => 'shape' in l && !l.apart);
  const [first, last] = [counted[0]?.row, counted[counted.length - 1]?.row];
  if (panel.conservative === null || first === undefined) return [];
  return [
    {
      data: { values: [{ conservative: Math.min(Math.max(panel.conservative, start), end), first, last }] },
      mark: { type: 'rule', strokeDash: [5, 4], color: CHART_STYLE.text, strokeWidth: 1.5 },
      encoding: {
        x: { field: 'conservative', ...x },
        y: { field: 'first', type: 'ordinal', scale: y.scale },
        y2: { field: 'last' },
      },
    },
  ];
}

/**
 * Each figure's mark: a pale span; an arrow (a stem from the value and a head where it points);
 * a dot (a grey diamond when set apart); « or » where a figure runs beyond the axis.
 */
function markLayers(x: Channel, y: Channel, { start, end }: Domain): Record<string, unknown>[] {
  const colour = { field: 'colour', type: 'nominal', scale: null, legend: null };
  const only = (filter: string) => [{ filter: `isValid(datum.shape) && ${filter}` }];
  const arrowHead = (shape: string, direction: string) => ({
    transform: only(`datum.shape === '${shape}'`),
    mark: { type: 'point', shape: direction, filled: true, size: 90, opacity: 1 },
    encoding: { x: { field: 'to', ...x }, y, color: colour },
  });
  const beyond = (test: string, at: number, text: string) => ({
    transform: only(test),
    // Above the line, just inside the axis, so it never covers the mark or the words.
    mark: {
      type: 'text',
      text,
      fontSize: CHART_STYLE.fontSize,
      fontWeight: 'bold',
      color: CHART_STYLE.text,
      dy: -12,
      dx: text === '«' ? 6 : -6,
    },
    encoding: { x: { datum: at, ...x }, y },
  });
  return [
    {
      transform: only("datum.shape === 'span'"),
      mark: { type: 'bar', height: 10, cornerRadius: 2, opacity: CHART_STYLE.paleOpacity },
      encoding: { x: { field: 'from', ...x }, x2: { field: 'to' }, y, color: colour },
    },
    {
      transform: only("datum.shape === 'at-least' || datum.shape === 'up-to'"),
      mark: { type: 'rule', strokeWidth: 3 },
      encoding: { x: { field: 'from', ...x }, x2: { field: 'to' }, y, color: colour },
    },
    {
      transform: only("datum.shape === 'at-least' || datum.shape === 'up-to'"),
      mark: { type: 'tick', orient: 'vertical', thickness: 3, size: 14 },
      encoding: { x: { field: 'from', ...x }, y, color: colour },
    },
    arrowHead('at-least', 'triangle-right'),
    arrowHead('up-to', 'triangle-left'),
    {
      transform: only("datum.shape === 'point'"),
      mark: { type: 'point', filled: true, size: 130, opacity: 1 },
      encoding: {
        x: { field: 'from', ...x },
        y,
        color: colour,
        shape: { condition: { test: 'datum.apart', value: 'diamond' }, value: 'circle' },
      },
    },
    beyond('datum.beyondStart', start, '«'),
    beyond('datum.beyondEnd', end, '»'),
  ];
}
