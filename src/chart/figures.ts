/**
 * The figures chart, as data: per measure, one row of marks on a shared count axis, each mark a
 * figure with the reports behind it, exactly as the reply lists them; the conservative figure; the
 * perpetrators' claims and probable errors apart. Pure: drawing it is draw.ts's job.
 */
import { comparisonHeading } from '../briefing/comparisons.js';
import { sourceTag, sourceTags } from '../briefing/sources.js';
import {
  conflictingGroups,
  type FigureGroup,
  type FigureReport,
  type MeasureComparison,
} from '../compare/figures.js';
import { describeAmount } from '../compare/intervals.js';
import type { Dataset } from '../dataset/dataset.js';

/** A point for an exact figure, a bar running on for "at least", a span for "about" or vague words. */
export type MarkShape = 'point' | 'open' | 'span';

/** Whose figure it is: reports' own, an official statement they carry, the perpetrators', an error. */
export type MarkKind = 'reports' | 'statement' | 'claim' | 'error';

export interface FigureMark {
  /** The row: the measure's heading. */
  row: string;
  amount: string;
  /** Who gives it: "[3] [7]", or a statement drawn once: "ISPR statement in 2 reports: [1] [4]". */
  who: string;
  sources: string[];
  lo: number;
  /** null when the figure has no upper bound ("at least 23"). */
  hi: number | null;
  shape: MarkShape;
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
}

export interface FiguresChart {
  /** What the image depends on: the same key, the same image. */
  key: string;
  title: string;
  rows: FigureRow[];
  /** Measures whose figures changed from one publication day to another; empty otherwise. */
  toll: TollRow[];
  /** The same facts as text, for those who cannot see the image (Discord's limit: 1,024). */
  alt: string;
  tollAlt: string;
}

const ALT_LIMIT = 1024;

export function figuresChart(
  dataset: Dataset,
  title: string,
  comparisons: readonly MeasureComparison[],
): FiguresChart {
  const rows = comparisons.map((c) => figureRow(dataset, c));
  const toll = comparisons.flatMap((c) => tollRow(dataset, c) ?? []);
  return {
    key: `${dataset.version}|${comparisons.map((c) => `${c.subject}:${c.measure}`).join(',')}`,
    title,
    rows,
    toll,
    alt: limited([`${title}.`, ...rows.map(rowText)].join(' ')),
    tollAlt: limited(['How the figures developed, by publication day.', ...toll.map(tollText)].join(' ')),
  };
}

function figureRow(dataset: Dataset, c: MeasureComparison): FigureRow {
  const row = comparisonHeading(dataset, c);
  const colours = consistentColours(c);
  return {
    heading: row,
    conservative: c.groups.length > 1 ? c.conservative : null,
    marks: [
      ...c.groups.flatMap((g) => groupMarks(dataset, row, g, colours.get(g) ?? 0)),
      ...c.perpetratorClaims.map((r) => apartMark(dataset, row, r, 'claim')),
      ...c.likelyErrors.map((r) => apartMark(dataset, row, r, 'error')),
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
function groupMarks(dataset: Dataset, row: string, g: FigureGroup, colour: number): FigureMark[] {
  const byOrigin = new Map<string, string[]>();
  for (const r of g.reports) {
    const key = r.origin.startsWith('statement:') ? r.origin : '';
    const list = byOrigin.get(key) ?? [];
    if (!list.includes(r.claim.source)) list.push(r.claim.source);
    byOrigin.set(key, list);
  }
  return [...byOrigin].map(([origin, sources]) => ({
    row,
    amount: g.amount,
    who: origin ? carriedBy(dataset, origin, sources) : sourceTags(dataset, sources),
    sources,
    ...extent(g.interval),
    shape: shapeOf(g.figure.qualifier, g.figure.words, g.interval),
    kind: origin ? 'statement' : 'reports',
    colour,
  }));
}

function carriedBy(dataset: Dataset, origin: string, sources: readonly string[]): string {
  const title = dataset.statementById.get(origin.slice('statement:'.length))?.title ?? 'a statement';
  const tags = sourceTags(dataset, sources);
  return sources.length === 1 ? `${title} in ${tags}` : `${title} in ${sources.length} reports: ${tags}`;
}

function apartMark(dataset: Dataset, row: string, r: FigureReport, kind: 'claim' | 'error'): FigureMark {
  return {
    row,
    amount: describeAmount(r.figure),
    who: `${sourceTag(dataset, r.claim.source)} ${kind === 'claim' ? 'perpetrators’ claim, unverified' : 'probable error, not counted'}`,
    sources: [r.claim.source],
    ...extent(r.interval),
    shape: shapeOf(r.figure.qualifier, r.figure.words, r.interval),
    kind,
    colour: -1,
  };
}

function extent(interval: { lo: number; hi: number }): { lo: number; hi: number | null } {
  return { lo: interval.lo, hi: Number.isFinite(interval.hi) ? interval.hi : null };
}

function shapeOf(
  qualifier: string,
  words: string | undefined,
  interval: { lo: number; hi: number },
): MarkShape {
  if (!Number.isFinite(interval.hi)) return 'open';
  if (words !== undefined || qualifier !== 'exact' || interval.lo !== interval.hi) return 'span';
  return 'point';
}

/** A measure's figures by publication day, when they changed from one day to another. */
function tollRow(dataset: Dataset, c: MeasureComparison): TollRow | undefined {
  const byDay = new Map<string, FigureReport[]>();
  for (const r of c.reports) {
    const published = dataset.sourceById.get(r.claim.source)?.published;
    if (published?.length !== 10) continue;
    byDay.set(published, [...(byDay.get(published) ?? []), r]);
  }
  const days = [...byDay]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, reports]) => tollDay(dataset, date, reports));
  const changed = new Set(days.map((d) => d.amount)).size > 1;
  return changed ? { heading: comparisonHeading(dataset, c), days } : undefined;
}

function tollDay(dataset: Dataset, date: string, reports: readonly FigureReport[]): TollDay {
  const byLow = [...reports].sort((a, b) => a.interval.lo - b.interval.lo);
  const lowest = byLow[0] as FigureReport;
  const highest = byLow[byLow.length - 1] as FigureReport;
  const [low, high] = [describeAmount(lowest.figure), describeAmount(highest.figure)];
  return {
    date,
    amount: low === high ? low : `${low} to ${high}`,
    sources: sourceIdsInOrder(
      dataset,
      reports.map((r) => r.claim.source),
    ),
    lo: lowest.interval.lo,
    hi: highest.interval.lo,
  };
}

function sourceIdsInOrder(dataset: Dataset, ids: readonly string[]): string[] {
  const wanted = new Set(ids);
  return dataset.sources.filter((s) => wanted.has(s.id)).map((s) => s.id);
}

/** "Security forces killed: 23 [9]; at least 23 [3] [7]; conservative 23." */
function rowText(row: FigureRow): string {
  const marks = row.marks.map((m) => `${m.amount} ${m.who}`).join('; ');
  const conservative = row.conservative === null ? '' : `; conservative ${row.conservative}`;
  return `${row.heading}: ${marks}${conservative}.`;
}

function tollText(row: TollRow): string {
  return `${row.heading}: ${row.days.map((d) => `${d.date} ${d.amount} (${d.sources.length} reports)`).join('; ')}.`;
}

/** Within Discord's limit for a description, cut at a whole statement where one ends in reach. */
function limited(text: string): string {
  if (text.length <= ALT_LIMIT) return text;
  const cut = text.slice(0, ALT_LIMIT - 1);
  const end = cut.lastIndexOf('. ');
  return `${end > ALT_LIMIT / 2 ? cut.slice(0, end + 1) : cut}…`;
}
