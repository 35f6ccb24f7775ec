/**
 * The comparison of sources. Plain data in, plain data out; nothing here assumes two sources.
 *
 * - Figures are compared per subject (the incident, or a related event) and measure, as intervals.
 * - Statements are compared per `point`: the same `position` agrees, different positions differ.
 * - Perpetrator claims never count towards agreement; they are kept apart everywhere.
 */
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import type { Figure, Topic } from '../dataset/schema.js';
import { figureInterval, type Interval, intersect, intervalsOverlap, reportedCount } from './intervals.js';

export type Verdict = 'agree' | 'differ' | 'single_source' | 'perpetrator_only';

export interface FigureReport {
  claim: ClaimRecord;
  figure: Figure;
  interval: Interval;
}

export interface MeasureComparison {
  kind: 'figures';
  /** The incident's id, or the id of the related event the figures are about. */
  subject: string;
  measure: string;
  topic: Topic;
  /** Every non-perpetrator figure, lowest first. */
  reports: FigureReport[];
  perpetratorClaims: FigureReport[];
  sources: string[];
  /** The lowest count reported (ACLED's rule when reports differ); null when there is no report. */
  conservative: number | null;
  /** The report that gives the conservative figure (an "up to" report makes it a maximum). */
  conservativeFrom: FigureReport | undefined;
  lowest: FigureReport | undefined;
  highest: FigureReport | undefined;
  /** What every report allows, or null when they conflict. */
  common: Interval | null;
  conflicts: [FigureReport, FigureReport][];
  /** The sources' own words for who was counted, when they differ ("officers", "soldiers"). */
  countedWords: string[];
  verdict: Verdict;
}

export interface Position {
  position: string;
  claims: ClaimRecord[];
  sources: string[];
}

export interface PointComparison {
  kind: 'statements';
  point: string;
  topic: Topic;
  positions: Position[];
  perpetratorClaims: ClaimRecord[];
  sources: string[];
  verdict: Verdict;
}

export type Comparison = MeasureComparison | PointComparison;

export function isPerpetratorClaim(claim: ClaimRecord): boolean {
  return claim.status === 'perpetrator_claim';
}

/** What a figure is about: the first related event it names, else its incident. */
export function figureSubject(claim: ClaimRecord, dataset: Dataset): string {
  const event = claim.about.find((id) => dataset.entityById.get(id)?.kind === 'event');
  return event ?? claim.incident;
}

/**
 * Comparisons are asked for again and again on the same claims (an incident's, from
 * `claimsByIncident`): each list of claims is compared once per dataset, and the frozen result shared.
 */
function memoPerClaimList<D, T>(compare: (claims: readonly ClaimRecord[], dataset: D) => T) {
  const cache = new WeakMap<readonly ClaimRecord[], { dataset: D; result: T }>();
  return (claims: readonly ClaimRecord[], dataset: D): T => {
    const cached = cache.get(claims);
    if (cached && cached.dataset === dataset) return cached.result;
    const result = Object.freeze(compare(claims, dataset));
    cache.set(claims, { dataset, result });
    return result;
  };
}

export const compareFigures: (claims: readonly ClaimRecord[], dataset: Dataset) => MeasureComparison[] =
  memoPerClaimList(compareFiguresOnce);

function compareFiguresOnce(claims: readonly ClaimRecord[], dataset: Dataset): MeasureComparison[] {
  const bySubjectAndMeasure = new Map<string, FigureReport[]>();
  for (const claim of claims) {
    if (!claim.figure || !claim.measure) continue;
    const key = `${figureSubject(claim, dataset)}\u0000${claim.measure}`;
    const report = { claim, figure: claim.figure, interval: figureInterval(claim.figure) };
    const list = bySubjectAndMeasure.get(key);
    if (list) list.push(report);
    else bySubjectAndMeasure.set(key, [report]);
  }
  return [...bySubjectAndMeasure].map(([key, reports]) => {
    const [subject = '', measure = ''] = key.split('\u0000');
    return compareMeasure(subject, measure, reports);
  });
}

function compareMeasure(subject: string, measure: string, all: FigureReport[]): MeasureComparison {
  const reports = all.filter((r) => !isPerpetratorClaim(r.claim)).sort(byInterval);
  const perpetratorClaims = all.filter((r) => isPerpetratorClaim(r.claim));
  const sources = distinct(reports.map((r) => r.claim.source));
  const conservativeFrom = reports.reduce<FigureReport | undefined>(
    (low, r) => (!low || reportedCount(r.figure) < reportedCount(low.figure) ? r : low),
    undefined,
  );
  const common = reports.length > 0 ? intersect(reports.map((r) => r.interval)) : null;
  const conflicts = pairs(reports).filter(([a, b]) => !intervalsOverlap(a.interval, b.interval));
  return {
    kind: 'figures',
    subject,
    measure,
    topic: (reports[0] ?? all[0])?.claim.topic ?? 'casualties',
    reports,
    perpetratorClaims,
    sources,
    conservative: conservativeFrom ? reportedCount(conservativeFrom.figure) : null,
    conservativeFrom,
    lowest: reports[0],
    highest: reports.reduce<FigureReport | undefined>(
      (top, r) => (!top || byHigh(r, top) > 0 ? r : top),
      undefined,
    ),
    common,
    conflicts,
    countedWords: distinct(reports.map((r) => r.figure.counted)),
    verdict: verdictOf(reports.length, sources.length, conflicts.length > 0),
  };
}

const compareStatementsOfList = memoPerClaimList((claims, _none: undefined) => compareStatementsOnce(claims));

/** Statements compare on their own: no dataset is needed. */
export function compareStatements(claims: readonly ClaimRecord[]): PointComparison[] {
  return compareStatementsOfList(claims, undefined);
}

function compareStatementsOnce(claims: readonly ClaimRecord[]): PointComparison[] {
  const byPoint = new Map<string, ClaimRecord[]>();
  for (const claim of claims) {
    if (!claim.point) continue;
    const list = byPoint.get(claim.point);
    if (list) list.push(claim);
    else byPoint.set(claim.point, [claim]);
  }
  return [...byPoint].map(([point, all]) => {
    const voiced = all.filter((c) => !isPerpetratorClaim(c));
    const positions = distinct(voiced.map((c) => c.position ?? '')).map((position) => {
      const held = voiced.filter((c) => c.position === position);
      return { position, claims: held, sources: distinct(held.map((c) => c.source)) };
    });
    const sources = distinct(voiced.map((c) => c.source));
    return {
      kind: 'statements',
      point,
      topic: (voiced[0] ?? all[0])?.topic ?? 'context',
      positions,
      perpetratorClaims: all.filter(isPerpetratorClaim),
      sources,
      verdict: verdictOf(voiced.length, sources.length, positions.length > 1),
    } satisfies PointComparison;
  });
}

function verdictOf(reports: number, sources: number, disagreement: boolean): Verdict {
  if (reports === 0) return 'perpetrator_only';
  if (disagreement) return 'differ';
  return sources > 1 ? 'agree' : 'single_source';
}

export interface ComparisonSummary {
  agree: Comparison[];
  differ: Comparison[];
  singleSource: Comparison[];
  /** Claims that make no comparable point: reported by one source, in its own words. */
  uncompared: ClaimRecord[];
  perpetratorClaims: ClaimRecord[];
}

/** Everything the sources say about an incident, sorted into agree / differ / one source / perpetrators. */
export const summariseComparison: (claims: readonly ClaimRecord[], dataset: Dataset) => ComparisonSummary =
  memoPerClaimList((claims, dataset) => {
    const summary = summariseComparisonOnce(claims, dataset);
    return {
      agree: Object.freeze(summary.agree) as Comparison[],
      differ: Object.freeze(summary.differ) as Comparison[],
      singleSource: Object.freeze(summary.singleSource) as Comparison[],
      uncompared: Object.freeze(summary.uncompared) as ClaimRecord[],
      perpetratorClaims: Object.freeze(summary.perpetratorClaims) as ClaimRecord[],
    };
  });

function summariseComparisonOnce(claims: readonly ClaimRecord[], dataset: Dataset): ComparisonSummary {
  const comparisons: Comparison[] = [...compareFigures(claims, dataset), ...compareStatements(claims)];
  const of = (verdict: Verdict) => comparisons.filter((c) => c.verdict === verdict);
  return {
    agree: of('agree'),
    differ: of('differ'),
    singleSource: of('single_source'),
    uncompared: claims.filter((c) => !c.point && !c.figure && !isPerpetratorClaim(c)),
    perpetratorClaims: claims.filter(isPerpetratorClaim),
  };
}

function byInterval(a: FigureReport, b: FigureReport): number {
  return compareNumbers(a.interval.lo, b.interval.lo) || compareNumbers(a.interval.hi, b.interval.hi);
}

function byHigh(a: FigureReport, b: FigureReport): number {
  return compareNumbers(a.interval.hi, b.interval.hi) || compareNumbers(a.figure.value, b.figure.value);
}

/** Unlike subtraction, safe for two infinite bounds. */
function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pairs<T>(items: readonly T[]): [T, T][] {
  return items.flatMap((a, i) => items.slice(i + 1).map((b) => [a, b] as [T, T]));
}

export function distinct<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
