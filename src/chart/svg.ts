/**
 * A picture laid out (spec.ts), written as SVG for resvg: shapes and words where the layout puts
 * them, nothing decided here but how each mark is drawn.
 */
import {
  CHART_STYLE,
  type PanelLayout,
  type PictureLayout,
  type PlacedMark,
  type PlacedText,
} from './spec.js';

const GRID = '#d8dee4';
const DOT_RADIUS = 6.5;
const DIAMOND = 7;
/** An arrowhead's length and half its width; the stem's and the start tick's thickness. */
const HEAD = { length: 10, half: 6 };
const STROKE = 3;
const SPAN_HEIGHT = 10;
const START_TICK = 7;

export function pictureSvg(layout: PictureLayout): string {
  const { width, height } = layout;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`,
    ` font-family="${CHART_STYLE.font}" font-size="${CHART_STYLE.fontSize}">`,
    `<rect width="${width}" height="${height}" fill="${CHART_STYLE.background}"/>`,
    ...layout.panels.flatMap(panelSvg),
    ...layout.legend.map(textSvg),
    '</svg>',
  ].join('');
}

function panelSvg(panel: PanelLayout): string[] {
  const { left, right, top, bottom } = panel.plot;
  return [
    ...panel.heading.map(textSvg),
    ...panel.words.map(textSvg),
    ...panel.ticks.map((t) => line(t.x, top, t.x, bottom, GRID, 1)),
    line(left, bottom, right, bottom, CHART_STYLE.muted, 1),
    ...panel.ticks.flatMap((t) => [
      line(t.x, bottom, t.x, bottom + 5, CHART_STYLE.muted, 1),
      ...(t.label ? [textSvg(t.label)] : []),
    ]),
    ...(panel.conservative
      ? [
          line(
            panel.conservative.x,
            panel.conservative.top,
            panel.conservative.x,
            panel.conservative.bottom,
            CHART_STYLE.text,
            1.5,
            '5 4',
          ),
        ]
      : []),
    ...panel.marks.map(markSvg),
    ...panel.beyond.map(textSvg),
  ];
}

/** A dot (a diamond when set apart), a pale span, or an arrow: a tick at its value, a stem, a head where it points. */
function markSvg(mark: PlacedMark): string {
  const { xFrom, xTo, y, colour } = mark;
  if (mark.shape === 'point')
    return mark.apart
      ? `<path d="M${n(xFrom)} ${n(y - DIAMOND)}L${n(xFrom + DIAMOND)} ${n(y)}L${n(xFrom)} ${n(y + DIAMOND)}L${n(xFrom - DIAMOND)} ${n(y)}Z" fill="${colour}"/>`
      : `<circle cx="${n(xFrom)}" cy="${n(y)}" r="${DOT_RADIUS}" fill="${colour}"/>`;
  if (mark.shape === 'span')
    return `<rect x="${n(Math.min(xFrom, xTo))}" y="${n(y - SPAN_HEIGHT / 2)}" width="${n(Math.max(Math.abs(xTo - xFrom), 2))}" height="${SPAN_HEIGHT}" rx="2" fill="${colour}" fill-opacity="${CHART_STYLE.paleOpacity}"/>`;
  const direction = Math.sign(xTo - xFrom) || (mark.shape === 'up-to' ? -1 : 1);
  const base = xTo - direction * HEAD.length;
  return [
    line(xFrom, y - START_TICK, xFrom, y + START_TICK, colour, STROKE),
    line(xFrom, y, base, y, colour, STROKE),
    `<path d="M${n(xTo)} ${n(y)}L${n(base)} ${n(y - HEAD.half)}L${n(base)} ${n(y + HEAD.half)}Z" fill="${colour}"/>`,
  ].join('');
}

function line(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  colour: string,
  width: number,
  dash?: string,
): string {
  const dashed = dash ? ` stroke-dasharray="${dash}"` : '';
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${colour}" stroke-width="${width}"${dashed}/>`;
}

function textSvg(t: PlacedText): string {
  const weight = t.bold ? ' font-weight="bold"' : '';
  const anchor = t.anchor === 'start' ? '' : ` text-anchor="${t.anchor}"`;
  return `<text x="${n(t.x)}" y="${n(t.y)}" fill="${t.colour}"${weight}${anchor}>${escaped(t.text)}</text>`;
}

/** Coordinates to a tenth of a pixel: enough at twice the size, and a shorter file to parse. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Words as XML text: its three special characters escaped, and the control characters XML forbids dropped. */
function escaped(text: string): string {
  return [...text]
    .filter(allowedInXml)
    .join('')
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function allowedInXml(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (code >= 0x20 || code === 0x9 || code === 0xa || code === 0xd) && code !== 0xfffe && code !== 0xffff;
}
