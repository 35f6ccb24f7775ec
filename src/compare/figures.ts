/**
 * Figures compared per subject (the incident, a related event, or the span a figure covers) and
 * measure, as intervals:
 *
 * - identical figures (same number and qualifier, or the same vague words) form one group;
 *   consistency is checked between groups, and every conflicting pair is named, since it is not
 *   transitive ("more than 30" fits both 32 and 34, which conflict);
 * - the range runs from the lowest to the highest figure as reported, and the conservative
 *   figure is the lowest reported; both use precise figures only while there are any;
 * - a total is checked against the figures of its parts (all killed against security forces
 *   killed), less the counts it says it includes ("24, including one attacker");
 * - a figure spanning several subjects is compared only with figures of the same span, and
 *   reconciled with the sum of its parts' figures;
 * - perpetrator claims and probable errors are kept apart, and agreement counts origins.
 */
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import type { Figure, Topic } from '../dataset/schema.js';
import {
  compareNumbers,
  distinct,
  isLikelyError,
  isPerpetratorClaim,
  memoPerClaimList,
  originOf,
  type Verdict,
  verdictOf,
} from './claims.js';
import { type ConflictIndex, conflictIndex, conflictsOf, meetingOf, type Named } from './conflicts.js';
import {
  addIntervals,
  countInterval,
  describeAmountIn,
  figureInterval,
  HEAD_COUNT,
  type Interval,
  intersect,
  intervalsOverlap,
  isPrecise,
  reportedCount,
} from './intervals.js';

export interface FigureReport {
  claim: ClaimRecord;
  figure: Figure;
  interval: Interval;
  origin: string;
}

/** Reports giving the same figure: the same number and qualifier, or the same vague words. */
export interface FigureGroup {
  /** "at least 23", "dozens", "40 km": the amount, with its unit unless it counts people. */
  amount: string;
  /**
   * The first report's figure, with only the counts every report of the group says it includes:
   * "23 killed" shares the amount of "23, attackers among them" but not what it includes.
   */
  figure: Figure;
  interval: Interval;
  precise: boolean;
  reports: FigureReport[];
  sources: string[];
  origins: string[];
}

/** A total's figure against a figure of one of its parts (same subject). */
export interface PartCheck {
  total: FigureGroup;
  part: FigureGroup;
  partMeasure: string;
  /** What the total leaves for the part, once the counts it includes are taken out. */
  allowed: Interval;
  consistent: boolean;
}

/** For a figure spanning several subjects: what the figures of each part allow together. */
export interface Reconciliation {
  parts: SpanPart[];
  sum: Interval;
}

export interface SpanPart {
  subject: string;
  /** What the subject's own figures allow; null when it has none (it then allows any count). */
  interval: Interval | null;
}

export interface MeasureComparison {
  kind: 'figures';
  /** The incident's id, the related event's, or for a span the ids joined by "+". */
  subject: string;
  /** For a figure spanning several subjects: the incident and events it covers. */
  covers: readonly string[] | undefined;
  measure: string;
  topic: Topic;
  /** Every counted figure (not the perpetrators', not a probable error), lowest first. */
  reports: FigureReport[];
  groups: FigureGroup[];
  /** How many pairs of groups have figures that cannot both be true. */
  conflictCount: number;
  /** The groups sorted by their figures' bounds: which conflict, without comparing every pair. */
  conflictIndex: ConflictIndex<FigureGroup>;
  perpetratorClaims: FigureReport[];
  likelyErrors: FigureReport[];
  sources: string[];
  origins: string[];
  /** The range's ends: the lowest and highest figure as reported, precise ones while there are any. */
  lowest: FigureGroup | undefined;
  highest: FigureGroup | undefined;
  /** The lowest count reported (ACLED's rule when reports differ); null when there is no report. */
  conservative: number | null;
  conservativeFrom: FigureGroup | undefined;
  /** What every report allows, or null when they conflict. */
  common: Interval | null;
  /** The sources' own words for who was counted, when they differ ("officers", "soldiers"). */
  countedWords: string[];
  /** For a total: its figures against its parts' figures. */
  partChecks: PartCheck[];
  /** The same, by the total's figure, so that a reply of thousands of figures finds each one's at once. */
  partChecksByTotal: ReadonlyMap<FigureGroup, PartCheck[]>;
  reconciliation: Reconciliation | undefined;
  verdict: Verdict;
}

/**
 * What a figure is about: the span it covers, else the first related event it names, else its
 * incident.
 */
export function figureSubject(claim: ClaimRecord, dataset: Dataset): string {
  if (claim.covers) return spanKey(claim.covers);
  const event = claim.about.find((id) => dataset.entityById.get(id)?.kind === 'event');
  return event ?? claim.incident;
}

function spanKey(covers: readonly string[]): string {
  return [...new Set(covers)].sort().join('+');
}

export const compareFigures: (claims: readonly ClaimRecord[], dataset: Dataset) => MeasureComparison[] =
  memoPerClaimList(compareFiguresOnce);

function compareFiguresOnce(claims: readonly ClaimRecord[], dataset: Dataset): MeasureComparison[] {
  const bySubjectAndMeasure = new Map<string, FigureReport[]>();
  for (const claim of claims) {
    if (!claim.figure || !claim.measure) continue;
    const key = `${figureSubject(claim, dataset)}\u0000${claim.measure}`;
    const report = {
      claim,
      figure: claim.figure,
      interval: figureInterval(claim.figure),
      origin: originOf(dataset, claim),
    };
    const list = bySubjectAndMeasure.get(key);
    if (list) list.push(report);
    else bySubjectAndMeasure.set(key, [report]);
  }
  const comparisons = [...bySubjectAndMeasure].map(([key, reports]) => {
    const [subject = '', measure = ''] = key.split('\u0000');
    return compareMeasure(subject, measure, reports, measureUnit(dataset, measure));
  });
  const bySubject = new Map<string, MeasureComparison>(comparisons.map((c) => [comparisonKey(c), c]));
  for (const c of comparisons) {
    c.partChecks = checkParts(c, comparisons, dataset);
    c.partChecksByTotal = byTotal(c.partChecks);
    c.reconciliation = c.covers ? reconcile(c, bySubject, dataset) : undefined;
    if (c.partChecks.some((p) => !p.consistent)) c.verdict = 'differ';
  }
  return comparisons;
}

function comparisonKey(c: { subject: string; measure: string }): string {
  return `${c.subject}\u0000${c.measure}`;
}

function compareMeasure(
  subject: string,
  measure: string,
  all: FigureReport[],
  unit: string,
): MeasureComparison {
  const reports = all.filter((r) => !isPerpetratorClaim(r.claim) && !isLikelyError(r.claim)).sort(byReported);
  const perpetratorClaims = all.filter((r) => isPerpetratorClaim(r.claim));
  const likelyErrors = all.filter((r) => !isPerpetratorClaim(r.claim) && isLikelyError(r.claim));
  const groups = groupFigures(reports, unit);
  const sources = distinct(reports.map((r) => r.claim.source));
  const origins = distinct(reports.map((r) => r.origin));
  const index = conflictIndex(groups);
  const ends = rangeGroups(groups);
  const lowest = ends[0];
  const highest = ends.reduce<FigureGroup | undefined>(
    (top, g) => (!top || byHigh(g, top) > 0 ? g : top),
    undefined,
  );
  const covers = subject.includes('+') ? subject.split('+') : undefined;
  return {
    kind: 'figures',
    subject,
    covers,
    measure,
    topic: (reports[0] ?? all[0])?.claim.topic ?? 'casualties',
    reports,
    groups,
    conflictCount: index.pairs,
    conflictIndex: index,
    perpetratorClaims,
    likelyErrors,
    sources,
    origins,
    lowest,
    highest,
    conservative: lowest ? reportedCount(lowest.figure) : null,
    conservativeFrom: lowest,
    common: reports.length > 0 ? intersect(reports.map((r) => r.interval)) : null,
    countedWords: distinct(reports.map((r) => r.figure.counted)),
    partChecks: [],
    partChecksByTotal: new Map(),
    reconciliation: undefined,
    verdict: verdictOf(reports.length, origins.length, index.pairs > 0, perpetratorClaims.length),
  };
}

/** Reports sorted by reported count; groups keep that order, lowest first. */
function groupFigures(reports: readonly FigureReport[], unit: string): FigureGroup[] {
  const groups = new Map<string, FigureGroup>();
  for (const report of reports) {
    const amount = describeAmountIn(report.figure, unit);
    const group = groups.get(amount);
    if (group) {
      group.figure = withSharedIncludes(group.figure, report.figure);
      group.reports.push(report);
      if (!group.sources.includes(report.claim.source)) group.sources.push(report.claim.source);
      if (!group.origins.includes(report.origin)) group.origins.push(report.origin);
    } else {
      groups.set(amount, {
        amount,
        figure: report.figure,
        interval: report.interval,
        precise: isPrecise(report.figure),
        reports: [report],
        sources: [report.claim.source],
        origins: [report.origin],
      });
    }
  }
  return [...groups.values()];
}

function withSharedIncludes(kept: Figure, other: Figure): Figure {
  const shared = kept.includes.filter((c) =>
    other.includes.some((o) => o.measure === c.measure && o.value === c.value && o.qualifier === c.qualifier),
  );
  return shared.length === kept.includes.length ? kept : { ...kept, includes: shared };
}

/**
 * A total against every figure of its parts (and their parts) on the same subject: a part cannot
 * exceed what the total leaves for it. The counts a total includes are taken out first ("24,
 * including one attacker" leaves at most 23 for security forces), and are never compared with a
 * figure of their own measure.
 */
function checkParts(
  total: MeasureComparison,
  comparisons: readonly MeasureComparison[],
  dataset: Dataset,
): PartCheck[] {
  const checks: PartCheck[] = [];
  for (const part of comparisons) {
    if (part.subject !== total.subject || !isWithin(dataset, part.measure, total.measure)) continue;
    for (const totalGroup of total.groups) {
      const included = totalGroup.figure.includes;
      if (included.some((c) => c.measure === part.measure || isWithin(dataset, part.measure, c.measure)))
        continue;
      const takenOut = included
        .filter((c) => c.value !== undefined && !isWithin(dataset, c.measure, part.measure))
        .reduce((sum, c) => sum + countInterval(c.value ?? 0, c.qualifier).lo, 0);
      const allowed = { lo: 0, hi: Math.max(totalGroup.interval.hi - takenOut, 0) };
      for (const partGroup of part.groups) {
        checks.push({
          total: totalGroup,
          part: partGroup,
          partMeasure: part.measure,
          allowed,
          consistent: partGroup.interval.lo <= allowed.hi,
        });
      }
    }
  }
  return checks;
}

function byTotal(checks: readonly PartCheck[]): Map<FigureGroup, PartCheck[]> {
  const map = new Map<FigureGroup, PartCheck[]>();
  for (const check of checks) {
    const list = map.get(check.total);
    if (list) list.push(check);
    else map.set(check.total, [check]);
  }
  return map;
}

/** A total's figure against the figures of its parts. */
export function partChecksOf(comparison: MeasureComparison, total: FigureGroup): readonly PartCheck[] {
  return comparison.partChecksByTotal.get(total) ?? [];
}

/** A measure's unit: "people" unless the data says otherwise ("km", "US dollars"). */
export function measureUnit(dataset: Dataset, measure: string): string {
  return dataset.measureById.get(measure)?.unit ?? HEAD_COUNT;
}

/** "40 km", "at least 23": a figure of the measure, with its unit unless it counts people. */
export function amountOf(dataset: Dataset, measure: string, figure: Figure): string {
  return describeAmountIn(figure, measureUnit(dataset, measure));
}

/** Whether `measure` is a part of `total`, directly or through parts of parts. */
export function isWithin(dataset: Dataset, measure: string, total: string): boolean {
  const seen = new Set<string>();
  const open = [...(dataset.measureById.get(measure)?.part_of ?? [])];
  for (let parent = open.pop(); parent !== undefined; parent = open.pop()) {
    if (parent === total) return true;
    if (seen.has(parent)) continue;
    seen.add(parent);
    open.push(...(dataset.measureById.get(parent)?.part_of ?? []));
  }
  return false;
}

/**
 * What the subjects a span covers allow together: each subject's own figures for the measure (from
 * the lowest to the highest any report allows), or, without any, at least what its parts' figures
 * say; a subject with no figure at all allows any count.
 */
function reconcile(
  span: MeasureComparison,
  bySubject: ReadonlyMap<string, MeasureComparison>,
  dataset: Dataset,
): Reconciliation {
  const parts = (span.covers ?? []).map((subject) => ({
    subject,
    interval: subjectInterval(subject, span.measure, bySubject, dataset),
  }));
  const sum = addIntervals(parts.map((p) => p.interval ?? { lo: 0, hi: Number.POSITIVE_INFINITY }));
  return { parts, sum };
}

function subjectInterval(
  subject: string,
  measure: string,
  bySubject: ReadonlyMap<string, MeasureComparison>,
  dataset: Dataset,
): Interval | null {
  const own = bySubject.get(comparisonKey({ subject, measure }));
  if (own && own.groups.length > 0) return hull(rangeGroups(own.groups).map((g) => g.interval));
  const parts = [...bySubject.values()].filter(
    (c) => c.subject === subject && c.groups.length > 0 && isWithin(dataset, c.measure, measure),
  );
  if (parts.length === 0) return null;
  return {
    lo: Math.max(...parts.map((p) => hull(rangeGroups(p.groups).map((g) => g.interval)).lo)),
    hi: Number.POSITIVE_INFINITY,
  };
}

/**
 * The groups a range is made of: the precise figures while there are any ("two dozen" never makes
 * "23 or more" read "21 or more"), else every figure. The one rule for ranges, ends and allowances.
 */
function rangeGroups(groups: readonly FigureGroup[]): readonly FigureGroup[] {
  return groups.some((g) => g.precise) ? groups.filter((g) => g.precise) : groups;
}

function hull(intervals: readonly Interval[]): Interval {
  return { lo: Math.min(...intervals.map((i) => i.lo)), hi: Math.max(...intervals.map((i) => i.hi)) };
}

/** Whether a span's group fits what its parts allow together. */
export function fitsParts(group: FigureGroup, reconciliation: Reconciliation): boolean {
  return intervalsOverlap(group.interval, reconciliation.sum);
}

/** Groups consistent with this one (their figures can both be true), in the groups' order. */
export function consistentGroups(comparison: MeasureComparison, group: FigureGroup): FigureGroup[] {
  return meetingOf(comparison.conflictIndex, group).items;
}

/** Groups this one conflicts with, in the groups' order. */
export function conflictingGroups(comparison: MeasureComparison, group: FigureGroup): FigureGroup[] {
  return conflictsOf(comparison.conflictIndex, group).items;
}

/**
 * For a reply: the `limit` groups nearest this one that it conflicts with (those above it only,
 * with `above`), and how many more; all of them when they fit.
 */
export function conflictsToName(
  comparison: MeasureComparison,
  group: FigureGroup,
  limit: number,
  sides: 'both' | 'above' = 'both',
): Named<FigureGroup> {
  return conflictsOf(comparison.conflictIndex, group, limit, sides);
}

/** For a reply: up to `limit` groups consistent with this one, and how many more. */
export function consistentToName(
  comparison: MeasureComparison,
  group: FigureGroup,
  limit: number,
): Named<FigureGroup> {
  return meetingOf(comparison.conflictIndex, group, limit);
}

function byReported(a: FigureReport, b: FigureReport): number {
  return (
    compareNumbers(reportedCount(a.figure), reportedCount(b.figure)) ||
    compareNumbers(a.interval.hi, b.interval.hi) ||
    compareNumbers(a.interval.lo, b.interval.lo)
  );
}

/** The higher of two figures as reported: the larger number, then the open-ended one ("at least 25" over "25"). */
function byHigh(a: FigureGroup, b: FigureGroup): number {
  return (
    compareNumbers(reportedCount(a.figure), reportedCount(b.figure)) ||
    compareNumbers(a.interval.hi, b.interval.hi)
  );
}
