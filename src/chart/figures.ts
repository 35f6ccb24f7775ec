/**
 * The figures chart, as data: per measure, one row of marks on a shared count axis, each mark a
 * figure with the reports behind it, exactly as the reply lists them; the conservative figure; the
 * perpetrators' claims and probable errors apart. Pure: drawing it is draw.ts's job.
 */

import { casualtyComparisons } from '../briefing/casualties.js';
import { comparisonHeading } from '../briefing/comparisons.js';
import { formatShortDate } from '../briefing/dates.js';
import { sourceTag, sourceTags } from '../briefing/sources.js';
import {
  amountOf,
  conflictingGroups,
  type FigureGroup,
  type FigureReport,
  type MeasureComparison,
} from '../compare/figures.js';
import { describeAmount, type Interval, isPrecise } from '../compare/intervals.js';
import type { Dataset } from '../dataset/dataset.js';
import { memoPerDataset } from '../dataset/memo.js';
import type { Figure, Incident } from '../dataset/schema.js';
import { plural } from '../plural.js';

/** A point for an exact figure, a bar running on for "at least", a span for "about" or vague words. */
export type MarkShape = 'point' | 'open' | 'span';

/** Whose figure it is: reports' own, an official statement they carry, the perpetrators', an error. */
export type MarkKind = 'reports' | 'statement' | 'claim' | 'error';

export interface FigureMark {
  amount: string;
  /** Who gives it: "[3] [7]", or a statement drawn once: "ISPR statement, carried by [1] [4]". */
  who: string;
  sources: string[];
  lo: number;
  /** null when the figure has no upper bound ("at least 23"). */
  hi: number | null;
  shape: MarkShape;
  /** An approximation ("about", "nearly") or vague words ("dozens"): drawn paler. */
  approximate: boolean;
  kind: MarkKind;
  /** Marks of one consistent group share it; claims and errors have none (-1). */
  colour: number;
}

export interface FigureRow {
  heading: string;
  /** The lowest count reported, marked on the row; null when none. */
  conservative: number | null;
  marks: FigureMark[];
}

/** How a measure developed: per publication day, the figures reported that day. */
export interface TollRow {
  heading: string;
  days: TollDay[];
  /** Reports of the measure with no publication day, left out of this row. */
  undated: number;
}

export interface TollDay {
  /** YYYY-MM-DD */
  date: string;
  /** "23 to at least 24" or "at least 25": the day's lowest and highest figure. */
  amount: string;
  sources: string[];
  /** The lowest and the highest of the day's figures' lower bounds. */
  lo: number;
  hi: number;
  /** How the day's one figure is drawn (a point, or a bar that runs on); a span for several. */
  shape: MarkShape;
}

export interface FiguresChart {
  /** What the image depends on: the same key, the same image. */
  key: string;
  /** The dataset's version: pictures written to files are named by it. */
  version: string;
  title: string;
  rows: FigureRow[];
  /** Measures whose figures changed from one publication day to another; empty otherwise. */
  toll: TollRow[];
  /** The same facts as text, for those who cannot see the image (Discord's limit: 1,024). */
  alt: string;
  tollAlt: string;
}

const ALT_LIMIT = 1024;

/** How to read the chart, in words: said with the reply, so the pictures keep their room for figures. */
export const CHART_LEGEND =
  'Chart: ● an exact figure; ▶ a bar that runs on, “at least” or “more than”; pale: approximate; dashed: the conservative (lowest) figure; grey: not counted. Figures that can all be true share a colour.';

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
  const toll = comparisons.flatMap((c) => tollRow(dataset, c) ?? []);
  return {
    key: `${dataset.version}|${comparisons.map((c) => `${c.subject}:${c.measure}`).join(',')}`,
    version: dataset.version,
    title,
    rows,
    toll,
    alt: altText(`${title}: figures by source.`, rows),
    tollAlt: tollAltText(toll),
  };
}

function figureRow(dataset: Dataset, c: MeasureComparison): FigureRow {
  const colours = consistentColours(c);
  return {
    heading: comparisonHeading(dataset, c),
    conservative: c.groups.length > 1 ? c.conservative : null,
    marks: [
      ...c.groups.flatMap((g) => groupMarks(dataset, g, colours.get(g) ?? 0)),
      ...c.perpetratorClaims.map((r) => apartMark(dataset, r, 'claim')),
      ...c.likelyErrors.map((r) => apartMark(dataset, r, 'error')),
    ],
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
    who: origin ? carriedBy(dataset, origin, sources) : sourceTags(dataset, sources),
    sources,
    ...extent(g.interval),
    shape: shapeOf(g.figure, g.interval),
    approximate: !isPrecise(g.figure),
    kind: origin ? 'statement' : 'reports',
    colour,
  }));
}

function carriedBy(dataset: Dataset, origin: string, sources: readonly string[]): string {
  const title = dataset.statementById.get(origin.slice('statement:'.length))?.title ?? 'a statement';
  return `${title}, via ${sourceTags(dataset, sources)}`;
}

function apartMark(dataset: Dataset, r: FigureReport, kind: 'claim' | 'error'): FigureMark {
  return {
    amount: amountOf(dataset, r.claim.measure ?? '', r.figure),
    who: `${sourceTag(dataset, r.claim.source)} ${kind === 'claim' ? 'perpetrators’ claim, unverified' : 'probable error, not counted'}`,
    sources: [r.claim.source],
    ...extent(r.interval),
    shape: shapeOf(r.figure, r.interval),
    approximate: !isPrecise(r.figure),
    kind,
    colour: -1,
  };
}

function extent(interval: { lo: number; hi: number }): { lo: number; hi: number | null } {
  return { lo: interval.lo, hi: Number.isFinite(interval.hi) ? interval.hi : null };
}

function shapeOf(figure: Figure, interval: Interval): MarkShape {
  if (!Number.isFinite(interval.hi)) return 'open';
  return interval.lo === interval.hi && isPrecise(figure) ? 'point' : 'span';
}

/** A measure's figures by publication day, when they changed from one day to another. */
function tollRow(dataset: Dataset, c: MeasureComparison): TollRow | undefined {
  const byDay = new Map<string, FigureReport[]>();
  let undated = 0;
  for (const r of c.reports) {
    const published = dataset.sourceById.get(r.claim.source)?.published;
    if (published?.length !== 10) undated++;
    else byDay.set(published, [...(byDay.get(published) ?? []), r]);
  }
  const days = [...byDay]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, reports]) => tollDay(date, reports));
  const changed = new Set(days.map((d) => d.amount)).size > 1;
  return changed ? { heading: comparisonHeading(dataset, c), days, undated } : undefined;
}

function tollDay(date: string, reports: readonly FigureReport[]): TollDay {
  const byLow = [...reports].sort((a, b) => a.interval.lo - b.interval.lo);
  const lowest = byLow[0] as FigureReport;
  const highest = byLow[byLow.length - 1] as FigureReport;
  const [low, high] = [describeAmount(lowest.figure), describeAmount(highest.figure)];
  return {
    date,
    amount: low === high ? low : `${low} to ${high}`,
    sources: [...new Set(reports.map((r) => r.claim.source))],
    lo: lowest.interval.lo,
    hi: highest.interval.lo,
    shape: low === high ? shapeOf(lowest.figure, lowest.interval) : 'span',
  };
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
    first && last && first.amount !== last.amount
      ? `${first.amount} to ${last.amount}`
      : (first?.amount ?? 'none');
  return `${row.heading}: ${range} (${plural(counted.length, 'figure')}).`;
}

function tollAltText(toll: readonly TollRow[]): string {
  const rows = toll.map(
    (row) =>
      `${row.heading}: ${row.days.map((d) => `${formatShortDate(d.date)} ${d.amount} (${plural(d.sources.length, 'report')})`).join('; ')}${row.undated > 0 ? `; ${plural(row.undated, 'report')} with no publication day not shown` : ''}.`,
  );
  return cut(['How the figures developed, by publication day.', ...rows].join(' '));
}

/** Within Discord's limit for a description, cut at a whole statement where one ends in reach. */
function cut(text: string): string {
  if (text.length <= ALT_LIMIT) return text;
  const kept = text.slice(0, ALT_LIMIT - 1);
  const end = kept.lastIndexOf('. ');
  return `${end > ALT_LIMIT / 2 ? kept.slice(0, end + 1) : kept}…`;
}
