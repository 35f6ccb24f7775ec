/**
 * The charts as pictures laid out: what goes where (every line's words, every mark, each axis and
 * its ticks, the legend), as data that tests read before anything is drawn; svg.ts writes it as
 * SVG. Sized to be read where Discord shows a picture, about 400 px wide and 300 high: at most two
 * pictures, each a few measures where the reports differ, each on a number line zoomed on its
 * precise figures so the disagreement takes the width; a legend in the picture, so it reads opened
 * full-screen.
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
/** Between a heading and its lines; the axis under the lines (its ticks and their numbers). */
const HEADING_GAP = 6;
const AXIS = 28;
/** Between two panels, and between the last panel and the legend. */
const SPACING = 8;
const LEGEND_GAP = 4;
const LEGEND_LINE = 18;
/** Words are cut with … at the column's width, and first at this many characters: a bound on the work for a name of any length. */
const LABEL_CHARACTERS = 40;
/** Between the words' column and the number line. */
const LABEL_GAP = 8;
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
  const single = chart.rows.length - differing.length;
  const more = differing.length - groups.flat().length;
  return groups.map((group, i) => ({
    name: groups.length === 1 ? 'figures.png' : `figures-${i + 1}.png`,
    panels: group,
    legend: legendLines(group, single, more),
    alt: altText(
      `${chart.title}: figures by source${groups.length === 1 ? '' : `, picture ${i + 1} of ${groups.length}`}.`,
      differing.filter((r) => group.some((p) => p.heading === r.heading)),
    ),
  }));
}

/** A picture's legend: what its marks mean, whether its axes are zoomed, and what the pictures leave to the message. */
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
  const room = CHART_STYLE.maxHeight - 2 * EDGE - LEGEND_GAP - (LEGEND.length + 3) * LEGEND_LINE;
  const pictures: Panel[][] = [];
  let height = Number.POSITIVE_INFINITY;
  for (const panel of panels) {
    const own = panelHeight(panel) + (height > 0 ? SPACING : 0);
    if (height + own > room) {
      if (pictures.length === MOST_PICTURES) break;
      pictures.push([]);
      height = 0;
    }
    pictures[pictures.length - 1]?.push(panel);
    height += height === 0 ? panelHeight(panel) : own;
  }
  return pictures;
}

function panelHeight(panel: Panel): number {
  return (
    headingLines(panel.heading).length * HEADING_LINE +
    HEADING_GAP +
    drawnLines(panel).length * CHART_STYLE.lineHeight +
    AXIS
  );
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
    colour: (line.apart
      ? CHART_STYLE.muted
      : (CHART_STYLE.palette[line.colour] ??
        (line.colour < 0 ? CHART_STYLE.text : CHART_STYLE.palette[0]))) as string,
  };
}

/** How words are measured and made drawable: the shipped fonts' (draw.ts gives them). */
export interface TextFit {
  /** The text's width in CSS pixels at `size`. */
  width(text: string, size: number, bold: boolean): number;
  /** Each character the fonts cannot draw as one �. */
  drawable(text: string): string;
}

/** Words placed: `x` where they start (or end, or centre, by `anchor`), `y` their baseline. */
export interface PlacedText {
  text: string;
  x: number;
  y: number;
  bold: boolean;
  colour: string;
  anchor: 'start' | 'middle' | 'end';
}

/** A line's mark placed: its colour, its shape, and where it runs on the picture. */
export type PlacedMark = ReturnType<typeof placed> & { xFrom: number; xTo: number; y: number };

/** A panel laid out: its heading, its lines' words and marks, its axis with its ticks, the conservative rule. */
export interface PanelLayout {
  heading: PlacedText[];
  words: PlacedText[];
  marks: PlacedMark[];
  domain: Domain;
  /** The number line's left and right ends, and the top and bottom of its lines. */
  plot: { left: number; right: number; top: number; bottom: number };
  ticks: { value: number; x: number; label: PlacedText | null }[];
  /** Beyond the axis: « at its start, » at its end, above the mark. */
  beyond: PlacedText[];
  conservative: { x: number; top: number; bottom: number } | null;
}

/** A picture laid out, in CSS pixels: drawn at CHART_STYLE.scale. */
export interface PictureLayout {
  width: number;
  height: number;
  panels: PanelLayout[];
  legend: PlacedText[];
}

/** Where everything of a picture goes: panels one under another, the legend under them. */
export function pictureLayout(picture: Picture, fit: TextFit): PictureLayout {
  const panels: PanelLayout[] = [];
  let top = EDGE;
  for (const panel of picture.panels) {
    if (panels.length > 0) top += SPACING;
    panels.push(panelLayout(panel, top, fit));
    top += panelHeight(panel);
  }
  top += LEGEND_GAP;
  const legend = picture.legend.map((line, i) =>
    words(fit, line, EDGE, top + i * LEGEND_LINE + CHART_STYLE.fontSize, { colour: CHART_STYLE.muted }),
  );
  return {
    width: EDGE * 2 + CHART_STYLE.labelWidth + CHART_STYLE.plotWidth,
    height: top + picture.legend.length * LEGEND_LINE + EDGE,
    panels,
    legend,
  };
}

function panelLayout(panel: Panel, top: number, fit: TextFit): PanelLayout {
  const heading = headingLines(panel.heading).map((line, i) =>
    words(fit, line, EDGE, top + i * HEADING_LINE + CHART_STYLE.fontSize, { bold: true }),
  );
  const rowsTop = top + heading.length * HEADING_LINE + HEADING_GAP;
  const lines = panelData(panel);
  const domain = axisDomain(panel);
  const left = EDGE + CHART_STYLE.labelWidth;
  const plot = {
    left,
    right: left + CHART_STYLE.plotWidth,
    top: rowsTop,
    bottom: rowsTop + lines.length * CHART_STYLE.lineHeight,
  };
  const x = (value: number) =>
    left + ((value - domain.start) / (domain.end - domain.start)) * CHART_STYLE.plotWidth;
  const centre = (row: number) => rowsTop + (row + 0.5) * CHART_STYLE.lineHeight;
  // Digits sit centred on the line when their baseline is a third of the font size below its middle.
  const baseline = (row: number) => centre(row) + CHART_STYLE.fontSize * 0.36;
  const labelRoom = CHART_STYLE.labelWidth - LABEL_GAP;
  const marks = drawnLines(panel).flatMap((line, row) => {
    if (!line) return [];
    const mark = placed(line, domain);
    return [{ ...mark, xFrom: x(mark.from), xTo: x(mark.to), y: centre(row) }];
  });
  const counted = marks.filter((m) => !m.apart);
  const [first, last] = [counted[0], counted[counted.length - 1]];
  return {
    heading,
    words: lines.flatMap((l) =>
      l.text ? [words(fit, l.text, EDGE, baseline(l.row), { room: labelRoom })] : [],
    ),
    marks,
    domain,
    plot,
    ticks: tickLabels(axisTicks(domain), x, plot.bottom, fit),
    beyond: marks.flatMap((m) => [
      ...(m.beyondStart ? [beyondMark('«', x(domain.start) + 6, m.y)] : []),
      ...(m.beyondEnd ? [beyondMark('»', x(domain.end) - 6, m.y)] : []),
    ]),
    conservative:
      panel.conservative === null || !first || !last
        ? null
        : {
            x: x(Math.min(Math.max(panel.conservative, domain.start), domain.end)),
            top: first.y - CHART_STYLE.lineHeight / 2,
            bottom: last.y + CHART_STYLE.lineHeight / 2,
          },
  };
}

/** « or » just above a mark that runs beyond the axis, inside it, so it never covers the mark or the words. */
function beyondMark(text: string, x: number, y: number): PlacedText {
  return { text, x, y: y - 8, bold: true, colour: CHART_STYLE.text, anchor: 'middle' };
}

/**
 * Each tick's number under the axis, the first flush with the axis's start and the last with its
 * end; when numbers would touch, every other one is left out (the first kept), as often as needed.
 */
function tickLabels(
  values: readonly number[],
  x: (value: number) => number,
  axis: number,
  fit: TextFit,
): PanelLayout['ticks'] {
  const y = axis + 6 + CHART_STYLE.fontSize;
  const labels = values.map((value, i): PlacedText => {
    const anchor = i === 0 ? 'start' : i === values.length - 1 ? 'end' : 'middle';
    return {
      text: value.toLocaleString('en-US'),
      x: x(value),
      y,
      bold: false,
      colour: CHART_STYLE.text,
      anchor,
    };
  });
  const extent = (l: PlacedText) => {
    const w = fit.width(l.text, CHART_STYLE.fontSize, false);
    const start = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - w : l.x - w / 2;
    return [start, start + w] as const;
  };
  let every = 1;
  const kept = () => labels.filter((_, i) => i % every === 0);
  const touching = () =>
    kept().some((l, i, all) => i > 0 && extent(all[i - 1] as PlacedText)[1] + 4 > extent(l)[0]);
  while (every < labels.length && touching()) every *= 2;
  return values.map((value, i) => ({
    value,
    x: x(value),
    label: i % every === 0 ? (labels[i] ?? null) : null,
  }));
}

/** Words at the picture's left edge (unless told), drawable, cut with … where they would pass `room`. */
function words(
  fit: TextFit,
  text: string,
  x: number,
  y: number,
  { bold = false, colour = CHART_STYLE.text as string, room = Number.POSITIVE_INFINITY } = {},
): PlacedText {
  return { text: fitted(fit, fit.drawable(text), bold, room), x, y, bold, colour, anchor: 'start' };
}

function fitted(fit: TextFit, text: string, bold: boolean, room: number): string {
  const width = (t: string) => fit.width(t, CHART_STYLE.fontSize, bold);
  if (width(text) <= room) return text;
  const characters = [...text];
  while (characters.length > 0 && width(`${characters.join('').trimEnd()}…`) > room) characters.pop();
  return `${characters.join('').trimEnd()}…`;
}
