/**
 * The figures chart, as data: per measure, one line per figure with the reports behind it, named
 * as a reader knows them, exactly as the reply groups them; the conservative figure; the
 * perpetrators' claims and probable errors apart. Pure: laying it out and drawing it is spec.ts's
 * and draw.ts's job.
 */

import { casualtyComparisons } from '../briefing/casualties.js';
import { comparisonHeading } from '../briefing/comparisons.js';
import {
  amountOf,
  conflictingGroups,
  type FigureGroup,
  type FigureReport,
  type MeasureComparison,
} from '../compare/figures.js';
import { type Interval, isPrecise } from '../compare/intervals.js';
import type { Dataset } from '../dataset/dataset.js';
import { labelList, labelOf } from '../dataset/labels.js';
import { memoPerDataset } from '../dataset/memo.js';
import { sourcesInOrder } from '../dataset/order.js';
import type { Figure, Incident } from '../dataset/schema.js';
import { plural } from '../plural.js';

/**
 * A dot for an exact figure; an arrow from its value for "at least" (pointing right) or "up to"
 * (pointing left); a pale span for an approximation or vague words ("dozens").
 */
export type MarkShape = 'point' | 'at-least' | 'up-to' | 'span';

/** Whose figure it is: reports' own, an official statement they carry, the perpetrators', an error. */
export type MarkKind = 'reports' | 'statement' | 'claim' | 'error';

export interface FigureMark {
  amount: string;
  /** Who gives it: "Dawn, ARY News", or a statement drawn once: "ISPR statement, via Dawn". */
  who: string;
  sources: string[];
  lo: number;
  /** null when the figure has no upper bound ("at least 23"). */
  hi: number | null;
  shape: MarkShape;
  /** A number as reported (exact, at least, up to): what the axis is zoomed on. */
  precise: boolean;
  kind: MarkKind;
  /** Marks of one consistent group share it; claims, errors and a capped measure's span have none (-1). */
  colour: number;
}

export interface FigureRow {
  heading: string;
  /** The lowest count reported, marked on the row; null when none. */
  conservative: number | null;
  marks: FigureMark[];
  /** Whether the reports give more than one figure (or the perpetrators another): what a picture is for. */
  differs: boolean;
  /** Figures past what a picture can list, drawn as one span: how many it stands for; 0 when none. */
  capped: number;
}

export interface FiguresChart {
  /** What the image depends on: the same key, the same image. */
  key: string;
  /** The dataset's version: pictures written to files are named by it. */
  version: string;
  title: string;
  rows: FigureRow[];
  /** The same facts as text, for those who cannot see the image (Discord's limit: 1,024). */
  alt: string;
}

const ALT_LIMIT = 1024;
/** More counted figures than this in one measure are drawn as their span, with their number. */
const MOST_FIGURE_LINES = 10;

/** The incident's casualty figures as a chart, or none when it has no figures: worked out once per dataset. */
export const casualtiesChart = memoPerDataset((dataset, incident: Incident): FiguresChart | undefined => {
  const comparisons = casualtyComparisons(dataset, incident);
  return comparisons.length > 0 ? figuresChart(dataset, incident.title, comparisons) : undefined;
});

export function figuresChart(
  dataset: Dataset,
  title: string,
  comparisons: readonly MeasureComparison[],
): FiguresChart {
  const rows = comparisons.map((c) => figureRow(dataset, c));
  return {
    key: `${dataset.version}|${comparisons.map((c) => `${c.subject}:${c.measure}`).join(',')}`,
    version: dataset.version,
    title,
    rows,
    alt: altText(`${title}: figures by source.`, rows),
  };
}

/** "Dawn, ARY News +4": reports by the labels replies give them, in publication order, shortened as replies shorten them. */
export function reportNames(dataset: Dataset, sourceIds: readonly string[]): string {
  const wanted = new Set(sourceIds);
  return labelList(
    sourcesInOrder(dataset)
      .filter((s) => wanted.has(s.id))
      .map((s) => labelOf(dataset, s.id)),
  );
}

function figureRow(dataset: Dataset, c: MeasureComparison): FigureRow {
  const apart = [
    ...c.perpetratorClaims.map((r) => apartMark(dataset, r, 'claim')),
    ...c.likelyErrors.map((r) => apartMark(dataset, r, 'error')),
  ];
  const amounts = new Set([...c.groups.map((g) => g.amount), ...apart.map((m) => m.amount)]);
  const capped = c.groups.length > MOST_FIGURE_LINES ? c.groups.length : 0;
  return {
    heading: comparisonHeading(dataset, c),
    conservative: c.groups.length > 1 ? c.conservative : null,
    marks: [...(capped ? [spanMark(dataset, c)] : colouredMarks(dataset, c)), ...apart],
    differs: amounts.size > 1,
    capped,
  };
}

function colouredMarks(dataset: Dataset, c: MeasureComparison): FigureMark[] {
  const colours = consistentColours(c);
  return c.groups.flatMap((g) => groupMarks(dataset, g, colours.get(g) ?? 0));
}

/** Too many figures to list: one span from the lowest to the highest, saying how many it stands for. */
function spanMark(dataset: Dataset, c: MeasureComparison): FigureMark {
  const lo = Math.min(...c.groups.map((g) => g.interval.lo));
  // An open-ended figure counts by its value: the span ends at the highest number reported.
  const hi = Math.max(
    ...c.groups.map((g) => (Number.isFinite(g.interval.hi) ? g.interval.hi : g.interval.lo)),
  );
  const sources = [...new Set(c.groups.flatMap((g) => g.sources))];
  return {
    amount: `${c.lowest?.amount ?? lo} to ${c.highest?.amount ?? hi}`,
    who: `${plural(c.groups.length, 'figure')} from ${plural(sources.length, 'report')}: ${reportNames(dataset, sources)}`,
    sources,
    ...extent({ lo, hi }),
    shape: 'span',
    precise: false,
    kind: 'reports',
    colour: -1,
  };
}

/**
 * Colours by consistency: each group takes the first colour whose groups all fit with it, so
 * figures that can all be true together look alike and a conflict shows as a change of colour.
 */
function consistentColours(c: MeasureComparison): Map<FigureGroup, number> {
  const members: FigureGroup[][] = [];
  const colours = new Map<FigureGroup, number>();
  for (const g of c.groups) {
    const clashes = new Set(conflictingGroups(c, g));
    let colour = members.findIndex((m) => m.every((o) => !clashes.has(o)));
    if (colour < 0) colour = members.push([]) - 1;
    members[colour]?.push(g);
    colours.set(g, colour);
  }
  return colours;
}

/** A group's figure: one mark for the reports' own, one per statement they carry (drawn once). */
function groupMarks(dataset: Dataset, g: FigureGroup, colour: number): FigureMark[] {
  const byOrigin = new Map<string, string[]>();
  for (const r of g.reports) {
    const key = r.origin.startsWith('statement:') ? r.origin : '';
    const list = byOrigin.get(key) ?? [];
    if (!list.includes(r.claim.source)) list.push(r.claim.source);
    byOrigin.set(key, list);
  }
  // The reports' own first, as the reply lists them.
  const origins = [...byOrigin].sort(([a], [b]) => Number(a !== '') - Number(b !== ''));
  return origins.map(([origin, sources]) => ({
    amount: g.amount,
    who: origin ? carriedBy(dataset, origin, sources) : reportNames(dataset, sources),
    sources,
    ...extent(g.interval),
    shape: shapeOf(g.figure, g.interval),
    precise: isPrecise(g.figure),
    kind: origin ? 'statement' : 'reports',
    colour,
  }));
}

function carriedBy(dataset: Dataset, origin: string, sources: readonly string[]): string {
  const title = dataset.statementById.get(origin.slice('statement:'.length))?.title ?? 'a statement';
  return `${title}, via ${reportNames(dataset, sources)}`;
}

function apartMark(dataset: Dataset, r: FigureReport, kind: 'claim' | 'error'): FigureMark {
  const names = reportNames(dataset, [r.claim.source]);
  return {
    amount: amountOf(dataset, r.claim.measure ?? '', r.figure),
    who: `${kind === 'claim' ? 'perpetrators’ claim' : 'probable error'} · ${names}`,
    sources: [r.claim.source],
    ...extent(r.interval),
    shape: shapeOf(r.figure, r.interval),
    precise: isPrecise(r.figure),
    kind,
    colour: -1,
  };
}

function extent(interval: { lo: number; hi: number }): { lo: number; hi: number | null } {
  return { lo: interval.lo, hi: Number.isFinite(interval.hi) ? interval.hi : null };
}

function shapeOf(figure: Figure, interval: Interval): MarkShape {
  if (!isPrecise(figure)) return 'span';
  if (!Number.isFinite(interval.hi)) return 'at-least';
  if (figure.qualifier === 'up_to') return 'up-to';
  return interval.lo === interval.hi ? 'point' : 'span';
}

/**
 * "Security forces killed: 23 countryroque.com; at least 23 Dawn, KabulNow +2; conservative 23."
 * for each row; when that is longer than Discord allows, each figure with its number of reports;
 * when that is too, each row's range and count of figures, which fit.
 */
export function altText(title: string, rows: readonly FigureRow[]): string {
  const inMessage = 'Every figure with its reports is in the message.';
  for (const text of [
    [title, ...rows.map(rowText)],
    [title, ...rows.map(rowCounts), inMessage],
  ].map((parts) => parts.join(' ')))
    if (text.length <= ALT_LIMIT) return text;
  return cut([title, ...rows.map(rowSummary), inMessage].join(' '));
}

/** "Security forces killed: 23 (2 reports); at least 23 (6 reports); conservative 23." */
export function rowCounts(row: FigureRow): string {
  const marks = row.marks.map((m) => `${m.amount} (${plural(m.sources.length, 'report')})`).join('; ');
  const conservative = row.conservative === null ? '' : `; conservative ${row.conservative}`;
  return `${row.heading}: ${marks}${conservative}.`;
}

export function rowText(row: FigureRow): string {
  const marks = row.marks.map((m) => `${m.amount} ${m.who}`).join('; ');
  const conservative = row.conservative === null ? '' : `; conservative ${row.conservative}`;
  return `${row.heading}: ${marks}${conservative}.`;
}

function rowSummary(row: FigureRow): string {
  const counted = row.marks.filter((m) => m.kind === 'reports' || m.kind === 'statement');
  const [first, last] = [counted[0], counted[counted.length - 1]];
  const range =
    first && last && first !== last ? `${first.amount} to ${last.amount}` : (first?.amount ?? 'none');
  return `${row.heading}: ${range} (${plural(row.capped || counted.length, 'figure')}).`;
}

/** Within Discord's limit for a description, cut at a whole statement where one ends in reach. */
function cut(text: string): string {
  if (text.length <= ALT_LIMIT) return text;
  const kept = text.slice(0, ALT_LIMIT - 1);
  const end = kept.lastIndexOf('. ');
  return `${end > ALT_LIMIT / 2 ? kept.slice(0, end + 1) : kept}…`;
}
